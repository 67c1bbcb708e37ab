package cmdutil

import (
	"bufio"
	"errors"
	"fmt"

	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/internal/batch"
	"github.com/tiercalc/tiercalc/pkg/iostreams"
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/report"
)

// Run is one streaming run's plumbing: the results writer behind a buffer,
// the progress line on stderr, and the pipeline that feeds the printer.
type Run struct {
	Out   *bufio.Writer
	ios   *iostreams.IOStreams
	meter *iostreams.Progress // nil: no progress line
	bound bool
	// onReject also tells the printer of a rejected record (PrinterSink).
	onReject func(error)
}

// StartRun starts a run's progress line and buffers its results.
func StartRun(f *Factory) *Run {
	ios := f.IOStreams
	meter := ios.StartProgress(f.Now, f.CI())
	return &Run{ios: ios, meter: meter, bound: f.BoundHeap,
		Out: bufio.NewWriterSize(meter.Guard(ios.ResultsOut(), ios.IsResultsTTY()), 64<<10)}
}

// Pipeline streams the records of inputs through eval, reporting rejected
// records (and, with --lenient, warnings) on stderr around the progress line.
func (r *Run) Pipeline(schema *partner.Schema, inputs []batch.Input, o *InputOptions, eval batch.EvaluateFunc) *batch.Pipeline {
	ios := r.ios
	pl := &batch.Pipeline{
		Inputs:    inputs,
		Schema:    schema,
		MaxErrors: o.MaxErrors,
		BoundHeap: r.bound,
		ReadOptions: partner.ReadOptions{Lenient: o.Lenient, IDs: partner.NewIDs(), UniqueIDs: o.UniqueIDs, ExportOptions: o.export, Warn: func(e *partner.RecordError) {
			r.meter.Around(func() { ios.Warnf("%v", e) })
		}},
		Eval: eval,
		Reject: func(err error) {
			r.meter.Around(func() { PrintError(ios.ErrOut, Rejection(err)) })
			if r.onReject != nil {
				r.onReject(err)
			}
		},
	}
	if r.meter != nil {
		pl.Progress = r.meter.Update
	}
	return pl
}

// Finish ends a run: it clears the progress line, closes the printer
// (close), flushes the results and returns the first error, or exit 4 when
// records were rejected.
func (r *Run) Finish(st batch.Stats, runErr error, close func() error) error {
	r.meter.Done()
	if err := close(); err != nil && runErr == nil {
		runErr = err
	}
	if err := r.Out.Flush(); err != nil && runErr == nil {
		runErr = err
	}
	if runErr != nil {
		return runErr
	}
	if st.Rejected > 0 || st.InputFailures > 0 || st.Refused > 0 {
		fmt.Fprintf(r.ios.ErrOut, "tiercalc: %s\n", st.SummaryLine())
		code := ExitRejected
		if st.Refused > 0 { // an input refused whole for its size (the README's exit codes)
			code = ExitUsage
		}
		return &ExitError{Code: code, Quiet: true, Partial: st.Stopped || st.InputFailures > 0 || st.Refused > 0}
	}
	if st.Read == 0 {
		// Not an error (an empty export is a valid answer), but an empty
		// table must not look like a run where everyone passed.
		r.ios.Warnf("no partner records in the input")
	}
	return nil
}

// AlsoGate is what a run returns when Finish returned err and its gate gave
// gateErr: exit 4 for rejected records wins over a tripped gate (the gate
// saw only part of the input), but stderr still says, after the count
// line, that the gate tripped and what it found.
func AlsoGate(ios *iostreams.IOStreams, err, gateErr error) error {
	var ee *ExitError
	if gateErr == nil || !errors.As(err, &ee) || ee.Code != ExitRejected {
		return err
	}
	PrintError(ios.ErrOut, WithHint(fmt.Errorf("the gate also tripped (exit 6; exit 4 wins): %w", gateErr),
		"the gate saw only the records that were not rejected"))
	return err
}

// PrinterSink is the sink that feeds printer, each result passing observe
// (a gate; nil: none) first: the workers encode for a report.Appender, a
// report.Locator is told each record's input and line, and the others
// print result by result; no result outlives its batch. A
// report.Rejecter is also told of every rejected record.
func PrinterSink(r *Run, printer report.Printer, observe func(engine.Result)) batch.Sink {
	if rj, ok := printer.(report.Rejecter); ok {
		r.onReject = func(err error) {
			var re *partner.RecordError
			if errors.As(err, &re) {
				rj.Reject(re.File, re.Line, err.Error())
				return
			}
			rj.Reject("", 0, err.Error())
		}
	}
	each := observe
	if each == nil {
		each = func(engine.Result) {}
	}
	switch p := printer.(type) {
	case report.Appender:
		// A nil observe: the pipeline does not even walk the results.
		return batch.Encoded{Encode: p.AppendResults, Write: p.WriteAppended, Observe: observe}
	case report.Locator:
		return batch.Located(func(file string, rec *partner.Record, results []engine.Result) error {
			for _, res := range results {
				each(res)
				if err := p.PrintAt(file, rec.Line, res); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return batch.Transient(func(results []engine.Result) error {
		for _, res := range results {
			each(res)
			if err := printer.Print(res); err != nil {
				return err
			}
		}
		return nil
	})
}
