package report

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tiercalc/tiercalc/pkg/plan"
)

// PlanAction words one action: "2 more VTSP (1 day, free)".
func PlanAction(a *plan.Action) string {
	k := actionKey{a.Kind, a.Key, a.Add, a.Days, a.Money, a.Illustrative}
	if s, ok := actionTexts.Load(k); ok {
		return s.(string)
	}
	s := planAction(a)
	if actionTextsN.Load() < maxActionTexts {
		actionTextsN.Add(1)
		actionTexts.Store(k, s)
	}
	return s
}

// actionTexts remembers the words of the actions met so far: a million
// plans act on few distinct actions. At most maxActionTexts are kept.
var (
	actionTexts  sync.Map // actionKey -> string
	actionTextsN atomic.Int64
)

const maxActionTexts = 4096

// actionKey is what PlanAction's words depend on.
type actionKey struct {
	kind, key    string
	add          float64
	days, money  int64
	illustrative bool
}

func planAction(a *plan.Action) string {
	var b strings.Builder
	switch a.Kind {
	case plan.KindCompetency:
		b.WriteString("competency " + a.Key)
	case plan.KindAttestation:
		b.WriteString("attestation " + a.Key)
	default:
		b.WriteString(planAmount(a.Key, a.Add) + " more " + planNoun(a.Key))
		if t, ok := strings.CutPrefix(a.Key, "VCAP-"); ok {
			b.WriteString(" (each also a VCP-" + t + ")")
		}
	}
	b.WriteString(" (" + planEffort(a.Days, a.Money))
	if a.Illustrative {
		b.WriteString(", illustrative")
	}
	b.WriteString(")")
	return sanitize(b.String())
}

// PlanBlocker words a gap that cannot be planned.
func PlanBlocker(x *plan.Blocker) string {
	switch x.Kind {
	case plan.KindCompetency, plan.KindAttestation:
		return sanitize(x.Kind + " " + x.Key + ", not plannable")
	}
	return sanitize(planAmount(x.Key, x.Short) + " more " + planNoun(x.Key) + ", not plannable")
}

// PlanAlternative words an alternative against the row's best option: "or
// cloud-management-automation instead of network-virtualization: +US$1,600
// (+2 days)".
func PlanAlternative(r *plan.Row, a *plan.Alt) string {
	var s string
	if a.Track != r.Track {
		s = "or " + a.Track + " instead of " + r.Track
	} else {
		only := func(x, y []plan.Action) []string {
			var out []string
			for _, p := range x {
				found := false
				for _, q := range y {
					found = found || (p.Kind == q.Kind && p.Key == q.Key)
				}
				if !found {
					out = append(out, p.Key)
				}
			}
			return out
		}
		s = "or " + strings.Join(only(a.Option.Actions, r.Best.Actions), " and ")
		if rm := only(r.Best.Actions, a.Option.Actions); len(rm) > 0 {
			s += " instead of " + strings.Join(rm, " and ")
		}
	}
	switch extra := a.Extra; {
	case extra == 0:
		s += ": same cost"
	case extra < 0:
		s += ": " + plan.FormatUSD(extra)
	default:
		s += ": +" + plan.FormatUSD(extra)
	}
	if d := a.Option.Days - r.Best.Days; d != 0 {
		sign := "+"
		if d < 0 {
			sign, d = "-", -d
		}
		s += " (" + sign + plan.FormatDays(d) + " " + dayWord(d) + ")"
	}
	for _, x := range a.Option.Blocking {
		s += "; blocking: " + PlanBlocker(&x)
	}
	return sanitize(s)
}

// PlanStatus words a row's outcome.
func PlanStatus(r *plan.Row) string {
	switch r.Status {
	case plan.StatusPlanned:
		if r.By != "" {
			return "reachable by " + r.By
		}
		return "reachable"
	case plan.StatusLate:
		return "reachable, not by " + r.By
	case plan.StatusBlocked:
		return "blocked"
	case plan.StatusQualified:
		return "already qualifies"
	case plan.StatusTop:
		return "at the top tier"
	}
	return r.Status
}

func planEffort(days, money int64) string {
	m := "free"
	if money > 0 {
		m = plan.FormatUSD(money)
	}
	if days == 0 {
		return m
	}
	return plan.FormatDays(days) + " " + dayWord(days) + ", " + m
}

func dayWord(h int64) string {
	if h <= 100 {
		return "day"
	}
	return "days"
}

func planAmount(key string, n float64) string {
	if key == "revenue_usd" {
		return plan.FormatUSD(int64(n*100 + 0.5))
	}
	return number(n)
}

func number(n float64) string {
	if n == float64(int64(n)) {
		return groupInt(int64(n))
	}
	return strconv.FormatFloat(n, 'f', -1, 64)
}

func groupInt(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func planNoun(key string) string {
	switch key {
	case "revenue_usd":
		return "revenue"
	case "tier_credits":
		return "tier credits"
	case "cores":
		return "committed cores"
	case "cloud_points":
		return "cloud points"
	case "customer_references":
		return "customer references"
	}
	return key
}

func planTierText(s *string) string {
	if s == nil {
		return "no tier"
	}
	return *s
}

func planHead(r *plan.Row) string {
	h := r.Partner
	if r.Name != "" {
		h += " (" + r.Name + ")"
	}
	h += " " + r.Program
	if r.Track != "" {
		h += "/" + r.Track
	}
	h += ": " + planTierText(r.Tier)
	if r.Target != nil {
		h += " -> " + *r.Target
	}
	h += ", " + PlanStatus(r)
	if r.Status == plan.StatusPlanned || r.Status == plan.StatusLate || r.Status == plan.StatusBlocked {
		h += ": " + plan.FormatUSD(r.Best.CostCents()) + " (" + planEffort(r.Best.Days, r.Best.Money)
		if r.Best.Lead > 0 {
			h += "; lead " + strconv.Itoa(r.Best.Lead) + " " + dayWord(int64(r.Best.Lead)*100)
		}
		h += ")"
	}
	return sanitize(h)
}

func appendPlanText(b []byte, r *plan.Row) []byte {
	b = append(append(b, planHead(r)...), '\n')
	for _, a := range r.Best.Actions {
		b = append(append(append(b, "  + "...), PlanAction(&a)...), '\n')
	}
	for _, x := range r.Best.Blocking {
		b = append(append(append(b, "  blocking: "...), PlanBlocker(&x)...), '\n')
	}
	for i := range r.Alternatives {
		b = append(append(append(b, "  "...), PlanAlternative(r, &r.Alternatives[i])...), '\n')
	}
	for _, n := range r.Notes {
		b = append(append(append(b, "  note: "...), sanitize(n)...), '\n')
	}
	return b
}

func planCells(r *plan.Row) (actions, blocking, alts string) {
	var as, bs, os []string
	for _, a := range r.Best.Actions {
		as = append(as, PlanAction(&a))
	}
	for _, x := range r.Best.Blocking {
		bs = append(bs, PlanBlocker(&x))
	}
	for i := range r.Alternatives {
		os = append(os, PlanAlternative(r, &r.Alternatives[i]))
	}
	return strings.Join(as, "; "), strings.Join(bs, "; "), strings.Join(os, "; ")
}

func appendPlanCSV(b []byte, r *plan.Row) []byte {
	actions, blocking, alts := planCells(r)
	target := ""
	if r.Target != nil {
		target = *r.Target
	}
	tier := ""
	if r.Tier != nil {
		tier = *r.Tier
	}
	cells := []string{r.Partner, r.Name, r.Program, r.Edition, r.Track, tier, target, r.Status,
		string(usdNumber(r.Best.CostCents())), string(usdNumber(r.Best.Money)), plan.FormatDays(r.Best.Days),
		strconv.Itoa(r.Best.Lead), r.By, actions, blocking, alts}
	for i, c := range cells {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendCSVCell(b, c, false)
	}
	return append(b, '\n')
}

func appendPlanMarkdown(b []byte, r *plan.Row) []byte {
	actions, blocking, alts := planCells(r)
	target := ""
	if r.Target != nil {
		target = *r.Target
	}
	cost, days, lead := "", "", ""
	if r.Status == plan.StatusPlanned || r.Status == plan.StatusLate || r.Status == plan.StatusBlocked {
		cost, days, lead = plan.FormatUSD(r.Best.CostCents()), plan.FormatDays(r.Best.Days), strconv.Itoa(r.Best.Lead)
	}
	for _, c := range []string{r.Partner, r.Program, r.Track, planTierText(r.Tier), target, PlanStatus(r), cost, days, lead, actions, blocking, alts, strings.Join(r.Notes, " ")} {
		b = append(b, "| "...)
		b = append(b, markdownEscape(c)...)
		b = append(b, ' ')
	}
	return append(b, "|\n"...)
}
