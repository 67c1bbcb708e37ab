package plan

import "strings"

// FormatKey is one key of a costs file, for the decoder's messages and the
// JSON Schema (pkg/schema): its name, what it holds and one sentence on it.
type FormatKey struct {
	Name string
	// Value: "amount" (zero or more, at most two decimals), "whole" (a
	// whole number of days), "text", "bool", "list" (sources) or
	// "section" (item id -> cost).
	Value    string
	Required bool
	Doc      string
}

// CostsFormat lists the keys of a costs file; CostFormat those of one
// item's cost. ParseCosts accepts these keys and no others.
var (
	CostsFormat = []FormatKey{
		{"day_rate", "amount", true, "US dollars a person-day: a plan minimises money + days x day_rate."},
		{"day_rate_note", "text", false, "Where the day rate comes from, for people."},
		{"note", "text", false, "Any remark for people."},
		{"sources", "list", false, "References the costs cite (id, title, url, date), for people; not checked."},
		{"credentials", "section", false, "Credential id -> what one more person holding it takes."},
		{"competencies", "section", false, "Competency id -> what earning it takes."},
		{"attestations", "section", false, "Attestation id -> what being able to attest it takes."},
		{"metrics", "section", false, "Metric id -> what one more unit takes; an unpriced metric (revenue) is not plannable."},
	}
	CostFormat = []FormatKey{
		{"days", "amount", false, "Person-days of effort for one unit (at most two decimals)."},
		{"money", "amount", false, "US dollars paid for one unit (fees, courses; at most two decimals)."},
		{"lead_days", "whole", false, "Calendar days before the unit can be had (a course seat, an exam slot); checked against --by, never priced."},
		{"illustrative", "bool", false, "true when the cost is an assumption, not a documented fact."},
		{"source", "text", false, "Id of the source documenting the cost."},
		{"note", "text", false, "What is assumed, for people."},
	}
)

func formatNames(keys []FormatKey) string {
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = k.Name
	}
	return strings.Join(names, ", ")
}
