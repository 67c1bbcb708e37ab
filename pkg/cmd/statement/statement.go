// Package statement is `tiercalc statement`: a one-page letter for one
// partner (or every partner, one file each) in Markdown or HTML.
package statement

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	plancmd "github.com/tiercalc/tiercalc/pkg/cmd/plan"
	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/htmlreport"
	"github.com/tiercalc/tiercalc/pkg/internal/batch"
	"github.com/tiercalc/tiercalc/pkg/partner"
)

// StatementOptions are the settings of one `tiercalc statement` run.
type StatementOptions struct {
	Factory *cmdutil.Factory
	cmdutil.InputOptions

	Partner string
	All     bool
	OutDir  string
	Format  string
	Costs   string
}

// Formats are statement's -o values, the default first.
var Formats = []string{"markdown", "html"}

// NewCmdStatement builds `tiercalc statement`.
func NewCmdStatement(f *cmdutil.Factory, runF func(*StatementOptions) error) *cobra.Command {
	opts := &StatementOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "statement (PARTNER | --all --out-dir DIR) [FILE...]",
		Short: "Write a one-page statement for a partner (Markdown or HTML)",
		Long: `Write a letter for the partner with id PARTNER: its tier and status on each
selected program and track, a progress bar for each requirement of its next
tier (on its best track), what it lacks with the sources, its grace deadlines
and its cheapest plan (tiercalc plan's costs; --costs FILE). Assumed numbers
and costs are marked *. The statements in tiercalc report are the same.

--all --out-dir DIR writes one file per partner into DIR (created when
missing), named after the partner id (PARTNER.md or PARTNER.html; characters
other than letters, digits and '-' written as _hex_). The input is read to
the end (rejected records are reported); a PARTNER that no record has is a
usage error (exit 2).`,
		Example: `  tiercalc statement FR-0004 testdata/partners.csv
  tiercalc statement FR-0004 -o html testdata/partners.csv --out FR-0004.html
  tiercalc statement --all --out-dir letters -p vpn-2009 testdata/partners.csv`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.take(args); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return statementRun(opts)
		},
	}
	opts.AddFlags(cmd.Flags(), cmdutil.ProgramHelp)
	cmdutil.StringEnumFlag(cmd, &opts.Format, "output", "o", Formats[0], Formats, "output format")
	cmd.Flags().BoolVar(&opts.All, "all", false, "write every partner's statement into --out-dir (no PARTNER argument); flag only")
	cmd.Flags().StringVar(&opts.OutDir, "out-dir", "", "with --all, write one file per partner into `DIR`; flag only")
	// They choose what the command does, as a PARTNER argument does: no
	// setting turns them on (TIERCALC_ALL is why's --all).
	cmdutil.MarkFlagOnly(cmd.Flags(), "all")
	cmdutil.MarkFlagOnly(cmd.Flags(), "out-dir")
	cmd.Flags().StringVar(&opts.Costs, "costs", "", "costs `FILE` for the plans (YAML; default: the shipped costs)")
	return cmd
}

func (o *StatementOptions) take(args []string) error {
	switch {
	case o.All && o.OutDir == "":
		return cmdutil.UsageErrorf("--all needs --out-dir DIR: it writes one file per partner")
	case !o.All && o.OutDir != "":
		return cmdutil.UsageErrorf("--out-dir applies with --all only").Hintf("for one partner, use --out FILE")
	case !o.All && len(args) == 0:
		return cmdutil.UsageErrorf("statement needs a PARTNER id, or --all --out-dir DIR").Hintf("usage: tiercalc statement PARTNER [FILE...]")
	case !o.All:
		o.Partner, args = args[0], args[1:]
	}
	return o.Take(args)
}

func (o *StatementOptions) write(w *bytes.Buffer, s *htmlreport.Statement) error {
	if o.Format == "html" {
		return htmlreport.WriteStatementHTML(w, s)
	}
	return htmlreport.WriteStatementMarkdown(w, s)
}

func statementRun(o *StatementOptions) error {
	f := o.Factory
	if o.All && f.IOStreams.OutFile() != "" {
		return cmdutil.UsageErrorf("--out does not apply with --all: it writes one file per partner into --out-dir")
	}
	planner, ev, err := plancmd.NewBatch(f, &o.InputOptions, o.Costs, "", "", cmdutil.DateFlag{})
	if err != nil {
		return err
	}
	inputs, err := cmdutil.ResolveInputs(o.Files, o.InputFormat, f.IOStreams)
	if err != nil {
		return err
	}
	if o.All {
		if err := os.MkdirAll(o.OutDir, 0o755); err != nil {
			return cmdutil.UsageErrorf("--out-dir: %v", err)
		}
	}
	builder := htmlreport.NewBuilder(ev.AsOf, ev.Resolved, ev.Set.Schema(), planner)
	var found *htmlreport.Statement
	var ids []string
	written := 0
	// Only the partner asked for is evaluated (with --all, each is
	// written as it comes and forgotten).
	eval := func(rec *partner.Record, dst []engine.Result, a *engine.Arena) []engine.Result {
		if o.All || rec.ID == o.Partner {
			return ev.Evaluate(rec, dst, a)
		}
		return dst
	}
	var buf bytes.Buffer
	sink := batch.Keep(func(_ string, rec *partner.Record, results []engine.Result) error {
		switch {
		case o.All:
			buf.Reset()
			if err := o.write(&buf, builder.Statement(rec, results)); err != nil {
				return err
			}
			written++
			return os.WriteFile(filepath.Join(o.OutDir, FileName(rec.ID, o.Format)), buf.Bytes(), 0o644)
		case rec.ID == o.Partner:
			found = builder.Statement(rec, results)
		case len(ids) < cmdutil.MaxSeenIDs:
			ids = append(ids, rec.ID)
		}
		return nil
	})
	r := cmdutil.StartRun(f)
	st, runErr := r.Pipeline(ev.Set.Schema(), inputs, &o.InputOptions, eval).Run(sink)
	err = r.Finish(st, runErr, func() error {
		if found == nil {
			return nil
		}
		buf.Reset()
		if err := o.write(&buf, found); err != nil {
			return err
		}
		_, err := r.Out.Write(buf.Bytes())
		return err
	})
	if o.All && runErr == nil {
		fmt.Fprintf(f.IOStreams.ErrOut, "tiercalc: wrote %d statement(s) into %s\n", written, o.OutDir)
	}
	if !o.All && found == nil && runErr == nil {
		return cmdutil.NotInInput(o.Partner, ids, st)
	}
	return err
}

// FileName is the file --all writes a partner's statement to: its id, any
// character but ASCII letters, digits and '-' written as _hex_ (so no id
// names a path outside the folder, and two ids never share a file).
func FileName(id, format string) string {
	ext := ".md"
	if format == "html" {
		ext = ".html"
	}
	return htmlreport.Anchor(id)[len("p-"):] + ext
}
