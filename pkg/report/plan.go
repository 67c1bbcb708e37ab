package report

import (
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/tiercalc/tiercalc/pkg/plan"
)

// PlanPrinter prints `tiercalc plan` rows. Rows are encoded by
// AppendRows (on the batch workers, in any order of batches) and written
// in input order by Write; every format streams.
type PlanPrinter struct {
	f       Format
	w       io.Writer
	started bool
	closed  bool
}

// NewPlan returns the plan printer for format f.
func NewPlan(f Format, w io.Writer) (*PlanPrinter, error) {
	if !ViewPlan.Supports(f) {
		return nil, &NoCompatiblePrinterError{View: ViewPlan, Format: string(f)}
	}
	return &PlanPrinter{f: f, w: w}, nil
}

var planCSVHeader = "partner,name,program,edition,track,tier,target,status,cost_usd,money_usd,days,lead_days,by,actions,blocking,alternatives\n"

const planMarkdownHeader = "| partner | program | track | tier | target | status | cost | days | lead | actions | blocking | or | notes |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"

// Write writes the bytes of AppendRows, after the format's opening.
func (p *PlanPrinter) Write(b []byte) error {
	if len(b) == 0 {
		return nil
	}
	return p.write(b)
}

func (p *PlanPrinter) write(b []byte) error {
	if !p.started {
		p.started = true
		var head string
		switch p.f {
		case JSON:
			head, b = "[\n", b[min(2, len(b)):] // the first row's ",\n" goes
		case CSV:
			head = planCSVHeader
		case Markdown:
			head = planMarkdownHeader
		}
		if _, err := io.WriteString(p.w, head); err != nil {
			return err
		}
	}
	_, err := p.w.Write(b)
	return err
}

// Close ends the output.
func (p *PlanPrinter) Close() error {
	if p.closed {
		return nil
	}
	p.closed = true
	switch {
	case p.f == JSON && p.started:
		_, err := io.WriteString(p.w, "\n]\n")
		return err
	case p.f == JSON:
		_, err := io.WriteString(p.w, "[]\n")
		return err
	case !p.started && (p.f == CSV || p.f == Markdown):
		return p.write(nil)
	}
	return nil
}

// AppendRows appends the encoding of rows to dst.
func (p *PlanPrinter) AppendRows(dst []byte, rows []plan.Row) ([]byte, error) {
	for i := range rows {
		r := &rows[i]
		switch p.f {
		case JSON:
			b, err := json.MarshalIndent(planJSON(r), "  ", "  ")
			if err != nil {
				return dst, err
			}
			dst = append(dst, ",\n  "...)
			dst = append(dst, b...)
		case NDJSON:
			var err error
			if dst, err = appendPlanNDJSON(dst, r); err != nil {
				return dst, err
			}
		case CSV:
			dst = appendPlanCSV(dst, r)
		case Markdown:
			dst = appendPlanMarkdown(dst, r)
		default:
			dst = appendPlanText(dst, r)
		}
	}
	return dst, nil
}

// The JSON shape of a plan row (tiercalc.plan/v1).
type planRowJSON struct {
	Partner      string            `json:"partner"`
	Name         string            `json:"name"`
	Program      string            `json:"program"`
	Edition      string            `json:"edition"`
	Track        string            `json:"track"`
	Tier         *string           `json:"tier"`
	Target       *string           `json:"target"`
	Status       string            `json:"status"`
	By           *string           `json:"by"`
	CostUSD      json.Number       `json:"cost_usd"`
	MoneyUSD     json.Number       `json:"money_usd"`
	Days         json.Number       `json:"days"`
	LeadDays     int               `json:"lead_days"`
	Actions      []planActionJSON  `json:"actions"`
	Blocking     []planBlockerJSON `json:"blocking"`
	Alternatives []planAltJSON     `json:"alternatives"`
	Notes        []string          `json:"notes"`
}

type planActionJSON struct {
	Kind         string      `json:"kind"`
	Key          string      `json:"key"`
	Have         float64     `json:"have"`
	Add          float64     `json:"add"`
	Days         json.Number `json:"days"`
	MoneyUSD     json.Number `json:"money_usd"`
	LeadDays     int         `json:"lead_days"`
	Illustrative bool        `json:"illustrative"`
	Text         string      `json:"text"`
}

type planBlockerJSON struct {
	Kind  string  `json:"kind"`
	Key   string  `json:"key"`
	Have  float64 `json:"have"`
	Need  float64 `json:"need"`
	Short float64 `json:"short"`
	Text  string  `json:"text"`
}

type planAltJSON struct {
	Track        string            `json:"track"`
	CostUSD      json.Number       `json:"cost_usd"`
	ExtraCostUSD json.Number       `json:"extra_cost_usd"`
	Days         json.Number       `json:"days"`
	LeadDays     int               `json:"lead_days"`
	Actions      []planActionJSON  `json:"actions"`
	Blocking     []planBlockerJSON `json:"blocking"`
	Text         string            `json:"text"`
}

func usdNumber(cents int64) json.Number {
	if cents < 0 {
		return "-" + usdNumber(-cents)
	}
	s := strconv.FormatInt(cents/100, 10)
	if c := cents % 100; c != 0 {
		s += "." + strings.TrimRight(strconv.FormatInt(100+c, 10)[1:], "0")
	}
	return json.Number(s)
}

func planJSON(r *plan.Row) *planRowJSON {
	j := &planRowJSON{Partner: r.Partner, Name: r.Name, Program: r.Program, Edition: r.Edition, Track: r.Track,
		Tier: r.Tier, Target: r.Target, Status: r.Status,
		CostUSD: usdNumber(r.Best.CostCents()), MoneyUSD: usdNumber(r.Best.Money), Days: json.Number(plan.FormatDays(r.Best.Days)),
		LeadDays: r.Best.Lead, Actions: actionsJSON(r.Best.Actions), Blocking: blockersJSON(r.Best.Blocking),
		Alternatives: []planAltJSON{}, Notes: r.Notes}
	if r.By != "" {
		j.By = &r.By
	}
	for i := range r.Alternatives {
		a := &r.Alternatives[i]
		j.Alternatives = append(j.Alternatives, planAltJSON{Track: a.Track, CostUSD: usdNumber(a.Option.CostCents()),
			ExtraCostUSD: usdNumber(a.Extra), Days: json.Number(plan.FormatDays(a.Option.Days)), LeadDays: a.Option.Lead,
			Actions: actionsJSON(a.Option.Actions), Blocking: blockersJSON(a.Option.Blocking), Text: PlanAlternative(r, a)})
	}
	if j.Notes == nil {
		j.Notes = []string{}
	}
	return j
}

func actionsJSON(as []plan.Action) []planActionJSON {
	out := make([]planActionJSON, 0, len(as))
	for _, a := range as {
		out = append(out, planActionJSON{Kind: a.Kind, Key: a.Key, Have: a.Have, Add: a.Add, Days: json.Number(plan.FormatDays(a.Days)),
			MoneyUSD: usdNumber(a.Money), LeadDays: a.Lead, Illustrative: a.Illustrative, Text: PlanAction(&a)})
	}
	return out
}

func blockersJSON(bs []plan.Blocker) []planBlockerJSON {
	out := make([]planBlockerJSON, 0, len(bs))
	for _, b := range bs {
		out = append(out, planBlockerJSON{Kind: b.Kind, Key: b.Key, Have: b.Have, Need: b.Need, Short: b.Short, Text: PlanBlocker(&b)})
	}
	return out
}
