package report

import (
	"strconv"

	"github.com/tiercalc/tiercalc/pkg/plan"
)

// appendPlanNDJSON appends one plan row as a line of compact JSON, the
// same fields as planJSON's (json.Marshal's bytes), without reflection:
// a million-partner run spends its time planning, not encoding.
func appendPlanNDJSON(b []byte, r *plan.Row) ([]byte, error) {
	b = append(b, `{"partner":`...)
	b = appendString(b, r.Partner)
	b = append(b, `,"name":`...)
	b = appendString(b, r.Name)
	b = append(b, `,"program":`...)
	b = appendString(b, r.Program)
	b = append(b, `,"edition":`...)
	b = appendString(b, r.Edition)
	b = append(b, `,"track":`...)
	b = appendString(b, r.Track)
	b = append(b, `,"tier":`...)
	b = appendNullable(b, r.Tier)
	b = append(b, `,"target":`...)
	b = appendNullable(b, r.Target)
	b = append(b, `,"status":`...)
	b = appendString(b, r.Status)
	b = append(b, `,"by":`...)
	if r.By == "" {
		b = append(b, "null"...)
	} else {
		b = appendString(b, r.By)
	}
	b = appendPlanTotals(b, &r.Best, r.Best.CostCents())
	var err error
	b = append(b, `,"alternatives":[`...)
	for i := range r.Alternatives {
		a := &r.Alternatives[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"track":`...)
		b = appendString(b, a.Track)
		b = append(b, `,"cost_usd":`...)
		b = append(b, usdNumber(a.Option.CostCents())...)
		b = append(b, `,"extra_cost_usd":`...)
		b = append(b, usdNumber(a.Extra)...)
		b = append(b, `,"days":`...)
		b = append(b, plan.FormatDays(a.Option.Days)...)
		b = append(b, `,"lead_days":`...)
		b = strconv.AppendInt(b, int64(a.Option.Lead), 10)
		if b, err = appendPlanItems(b, &a.Option); err != nil {
			return b, err
		}
		b = append(b, `,"text":`...)
		b = appendString(b, PlanAlternative(r, a))
		b = append(b, '}')
	}
	b = append(b, `],"notes":[`...)
	for i, n := range r.Notes {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, n)
	}
	return append(b, "]}\n"...), nil
}

// appendPlanTotals appends cost_usd to blocking of option o.
func appendPlanTotals(b []byte, o *plan.Option, cents int64) []byte {
	b = append(b, `,"cost_usd":`...)
	b = append(b, usdNumber(cents)...)
	b = append(b, `,"money_usd":`...)
	b = append(b, usdNumber(o.Money)...)
	b = append(b, `,"days":`...)
	b = append(b, plan.FormatDays(o.Days)...)
	b = append(b, `,"lead_days":`...)
	b = strconv.AppendInt(b, int64(o.Lead), 10)
	b, _ = appendPlanItems(b, o)
	return b
}

// appendPlanItems appends an option's actions and blocking.
func appendPlanItems(b []byte, o *plan.Option) ([]byte, error) {
	var err error
	b = append(b, `,"actions":[`...)
	for i := range o.Actions {
		a := &o.Actions[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"kind":`...)
		b = appendString(b, a.Kind)
		b = append(b, `,"key":`...)
		b = appendString(b, a.Key)
		b = append(b, `,"have":`...)
		if b, err = appendFloat(b, a.Have); err != nil {
			return b, err
		}
		b = append(b, `,"add":`...)
		if b, err = appendFloat(b, a.Add); err != nil {
			return b, err
		}
		b = append(b, `,"days":`...)
		b = append(b, plan.FormatDays(a.Days)...)
		b = append(b, `,"money_usd":`...)
		b = append(b, usdNumber(a.Money)...)
		b = append(b, `,"lead_days":`...)
		b = strconv.AppendInt(b, int64(a.Lead), 10)
		b = append(b, `,"illustrative":`...)
		b = strconv.AppendBool(b, a.Illustrative)
		b = append(b, `,"text":`...)
		b = appendString(b, PlanAction(a))
		b = append(b, '}')
	}
	b = append(b, `],"blocking":[`...)
	for i := range o.Blocking {
		x := &o.Blocking[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"kind":`...)
		b = appendString(b, x.Kind)
		b = append(b, `,"key":`...)
		b = appendString(b, x.Key)
		for _, f := range []struct {
			name string
			v    float64
		}{{`,"have":`, x.Have}, {`,"need":`, x.Need}, {`,"short":`, x.Short}} {
			b = append(b, f.name...)
			if b, err = appendFloat(b, f.v); err != nil {
				return b, err
			}
		}
		b = append(b, `,"text":`...)
		b = appendString(b, PlanBlocker(x))
		b = append(b, '}')
	}
	return append(b, ']'), nil
}
