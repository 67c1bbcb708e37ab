package report

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/internal/ci"
)

// githubPrinter writes GitHub Actions workflow commands (annotations),
// each pointing at its record's file and line:
//
//	::error file=partners.csv,line=7,title=P2 (Beta) — vpn-2009::Professional ranks below Enterprise: tier ...
//	::notice file=partners.csv,line=9,title=P4 (Delta) — vpn-2009::undecided: needs revenue_usd ...
//	::error file=partners.csv,line=12,title=rejected record::partners.csv:12: record P7: field VTSP: ...
//
// Errors are the results the gate fails and the rejected records; notices
// the incomplete results, so the output helps without a gate too. GitHub
// shows ten annotations of a level a step and drops the rest silently: so
// each level stops one short (ci.MaxAnnotations - 1) and its last
// annotation says how many more there were. With Options.StepSummary (the
// $GITHUB_STEP_SUMMARY file), a Markdown summary (statuses per program and
// track, failures, rejections) is appended to it at Close. The escaping is
// ci.AppendAnnotation's.
type githubPrinter struct {
	w       *bufio.Writer
	gate    func(engine.Result) (bool, string)
	summary string // the job summary file; "" for none
	buf     []byte
	closed  bool

	shown  map[string]int // annotations written per level
	more   map[string]int // annotations left out per level
	counts map[string]map[string]int
	failed int

	rejected handover[ci.Annotation]
}

func newGitHub(w io.Writer, o Options) *githubPrinter {
	return &githubPrinter{w: bufio.NewWriterSize(w, 64<<10), gate: o.Gate, summary: o.StepSummary,
		shown: map[string]int{}, more: map[string]int{}, counts: map[string]map[string]int{}}
}

func (p *githubPrinter) Print(r engine.Result) error { return p.PrintAt("", 0, r) }

// PrintAt annotates r, at its record's file and line.
func (p *githubPrinter) PrintAt(file string, line int, r engine.Result) error {
	if p.closed {
		return errClosed
	}
	p.writeRejected()
	key := suite(&r)
	if p.counts[key] == nil {
		p.counts[key] = map[string]int{}
	}
	p.counts[key][r.Status]++
	a := ci.Annotation{File: file, Line: line, Title: subject(&r) + " — " + suite(&r)}
	failed, why := false, ""
	if p.gate != nil {
		failed, why = p.gate(r)
	}
	switch {
	case failed:
		p.failed++
		if why == "" {
			why = "failed the gate"
		}
		a.Level, a.Message = "error", sanitize(why)+": "+describe(&r)
	case r.Status == engine.StatusIncomplete:
		a.Level, a.Message = "notice", "undecided: "+describe(&r)
	default:
		return nil
	}
	return p.annotate(a)
}

// annotate writes a, or counts it when its level has had its share.
func (p *githubPrinter) annotate(a ci.Annotation) error {
	if p.shown[a.Level] >= ci.MaxAnnotations-1 {
		p.more[a.Level]++
		return nil
	}
	p.shown[a.Level]++
	p.buf = ci.AppendAnnotation(p.buf[:0], a)
	_, err := p.w.Write(p.buf)
	return err
}

// Reject records a rejected record's error annotation, written with the
// next result or at Close.
func (p *githubPrinter) Reject(file string, line int, msg string) {
	p.rejected.add(ci.Annotation{Level: "error", File: file, Line: line, Title: "rejected record", Message: msg})
}

func (p *githubPrinter) writeRejected() {
	for _, a := range p.rejected.take() {
		p.annotate(a)
	}
}

var levelWords = map[string]string{"error": "failed results and rejected records", "notice": "undecided results"}

func (p *githubPrinter) Close() error {
	if p.closed {
		return nil
	}
	p.writeRejected()
	p.closed = true
	for _, level := range []string{"error", "notice"} {
		if n := p.more[level]; n > 0 {
			p.buf = ci.AppendAnnotation(p.buf[:0], ci.Annotation{Level: level, Title: "tiercalc",
				Message: fmt.Sprintf("%d more %s not annotated (GitHub shows %d a step); the job summary and -o csv list them all", n, levelWords[level], ci.MaxAnnotations)})
			p.w.Write(p.buf)
		}
	}
	if err := p.w.Flush(); err != nil {
		return err
	}
	if p.summary == "" {
		return nil
	}
	return p.writeSummary()
}

// writeSummary appends the job summary: a Markdown table of statuses per
// program and track, then the failures and rejections.
func (p *githubPrinter) writeSummary() error {
	f, err := os.OpenFile(p.summary, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("$GITHUB_STEP_SUMMARY: %w", err)
	}
	bw := bufio.NewWriter(f)
	bw.WriteString("## tiercalc check\n\n")
	keys := make([]string, 0, len(p.counts))
	for k := range p.counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	statuses := []string{engine.StatusQualified, engine.StatusGrace, engine.StatusIncomplete, engine.StatusIneligible}
	rows := make([][]string, len(keys))
	for i, k := range keys {
		rows[i] = []string{k}
		for _, st := range statuses {
			rows[i] = append(rows[i], fmt.Sprint(p.counts[k][st]))
		}
	}
	writeMarkdownTable(bw, []string{"Program", "Qualified", "Grace", "Incomplete", "Ineligible"}, rows)
	bw.WriteString("\n" + strings.Join([]string{
		fmt.Sprintf("%d result(s) failed the gate", p.failed),
		fmt.Sprintf("%d record(s) rejected", p.rejected.n),
	}, "; ") + ".\n")
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
