package plan

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/rules/costs"
)

// Item kinds a costs file prices.
const (
	KindCredential  = "credential"
	KindCompetency  = "competency"
	KindAttestation = "attestation"
	KindMetric      = "metric"
)

var sectionKind = map[string]string{"credentials": KindCredential, "competencies": KindCompetency,
	"attestations": KindAttestation, "metrics": KindMetric}

// Cost is what one unit of an item takes.
type Cost struct {
	Days         int64 // hundredths of a person-day
	Money        int64 // US cents
	LeadDays     int
	Illustrative bool
	Source       string
	Note         string
}

// Costs is a decoded costs file: per kind and key, the cost of one unit.
type Costs struct {
	DayRate int64 // US cents per person-day
	File    string
	items   map[itemKey]*Cost
}

// Lookup returns the cost of one unit of kind's key, nil when the item is
// not plannable.
func (c *Costs) Lookup(kind, key string) *Cost { return c.items[itemKey{kind, key}] }

type itemKey struct{ kind, key string }

// Set prices one unit of an item (tests build costs this way).
func (c *Costs) Set(kind, key string, cost Cost) {
	if c.items == nil {
		c.items = map[itemKey]*Cost{}
	}
	c.items[itemKey{kind, key}] = &cost
}

// objective is a unit's cost in hundredths of a cent: money + days x day rate.
func (c *Costs) objective(u *Cost) int64 { return u.Money*100 + u.Days*c.DayRate }

// DefaultCosts decodes the shipped costs file. It may price items that no
// loaded rulebook names (rulebooks come and go with --rules): its keys are
// not checked against a schema.
func DefaultCosts() (*Costs, error) {
	return ParseCosts("rules/costs/default-costs.yaml", costs.Default, nil)
}

// ParseCosts decodes a costs file strictly: an unknown key, a malformed
// number or an item schema s does not know (when s is not nil) is an error
// with file:line:column.
func ParseCosts(file string, data []byte, s *partner.Schema) (*Costs, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("%s: %v", file, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	c := &Costs{File: file, items: map[itemKey]*Cost{}}
	if len(doc.Content) == 0 {
		return nil, fmt.Errorf("%s: empty costs file", file)
	}
	root := deref(doc.Content[0])
	if root.Kind != yaml.MappingNode {
		return nil, posErr(file, root, "a costs file is a mapping")
	}
	seenRate := false
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], deref(root.Content[i+1])
		switch k.Value {
		case "day_rate":
			n, err := decimal(file, v, 2)
			if err != nil {
				return nil, err
			}
			c.DayRate, seenRate = n, true
		case "day_rate_note", "note":
		case "sources":
			if v.Kind != yaml.SequenceNode {
				return nil, posErr(file, v, "sources is a list")
			}
		case "credentials", "competencies", "attestations", "metrics":
			kind := sectionKind[k.Value]
			if err := c.section(file, kind, v, s); err != nil {
				return nil, err
			}
		default:
			return nil, posErr(file, k, "unknown key %q (want %s)", k.Value, formatNames(CostsFormat))
		}
	}
	if !seenRate {
		return nil, posErr(file, root, "day_rate is required")
	}
	return c, nil
}

func (c *Costs) section(file, kind string, m *yaml.Node, s *partner.Schema) error {
	if m.Kind != yaml.MappingNode {
		return posErr(file, m, "%ss is a mapping from %s id to its cost", kind, kind)
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], deref(m.Content[i+1])
		if s != nil && !known(s, kind, k.Value) {
			return posErr(file, k, "unknown %s %q", kind, k.Value)
		}
		u, err := decodeCost(file, v)
		if err != nil {
			return err
		}
		c.items[itemKey{kind, k.Value}] = u
	}
	return nil
}

func known(s *partner.Schema, kind, key string) bool {
	switch kind {
	case KindCompetency:
		return s.KnownCompetency(key)
	case KindAttestation:
		return s.KnownAttestation(key)
	}
	i, ok := s.Slot(key)
	return ok && s.IsCredential(i) == (kind == KindCredential)
}

func decodeCost(file string, v *yaml.Node) (*Cost, error) {
	if v.Kind != yaml.MappingNode {
		return nil, posErr(file, v, "a cost is a mapping with days, money, lead_days")
	}
	u := &Cost{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, x := v.Content[i], deref(v.Content[i+1])
		var err error
		switch k.Value {
		case "days":
			u.Days, err = decimal(file, x, 2)
		case "money":
			u.Money, err = decimal(file, x, 2)
		case "lead_days":
			var n int64
			n, err = decimal(file, x, 0)
			u.LeadDays = int(n)
		case "illustrative":
			u.Illustrative, err = x.Value == "true", boolErr(file, x)
		case "source":
			u.Source = x.Value
		case "note":
			u.Note = x.Value
		default:
			return nil, posErr(file, k, "unknown key %q (want %s)", k.Value, formatNames(CostFormat))
		}
		if err != nil {
			return nil, err
		}
	}
	return u, nil
}

func boolErr(file string, x *yaml.Node) error {
	if x.Kind != yaml.ScalarNode || (x.Value != "true" && x.Value != "false") {
		return posErr(file, x, "want true or false")
	}
	return nil
}

// decimal reads a non-negative number with at most places decimals, scaled
// by 10^places: exact, never through a binary float.
func decimal(file string, x *yaml.Node, places int) (int64, error) {
	bad := posErr(file, x, "want a number of at most %d decimals, zero or more", places)
	if x.Kind != yaml.ScalarNode || x.Value == "" {
		return 0, bad
	}
	whole, frac, _ := strings.Cut(x.Value, ".")
	if len(frac) > places || len(whole) > 12 {
		return 0, bad
	}
	frac += strings.Repeat("0", places-len(frac))
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil || n < 0 || strings.HasPrefix(whole, "+") {
		return 0, bad
	}
	return n, nil
}

func deref(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func posErr(file string, n *yaml.Node, format string, args ...any) error {
	return fmt.Errorf("%s:%d:%d: %s", file, n.Line, n.Column, fmt.Sprintf(format, args...))
}

// FormatUSD writes an amount of cents as US$1,234.50 (no cents when whole).
func FormatUSD(cents int64) string {
	neg := cents < 0
	if neg {
		cents = -cents
	}
	s := groupThousands(cents / 100)
	if c := cents % 100; c != 0 {
		s += fmt.Sprintf(".%02d", c)
	}
	if neg {
		return "-US$" + s
	}
	return "US$" + s
}

// FormatDays writes hundredths of a day as 0.5, 5, 10.25.
func FormatDays(h int64) string {
	switch {
	case h%100 == 0:
		return strconv.FormatInt(h/100, 10)
	case h%10 == 0:
		return strconv.FormatInt(h/100, 10) + "." + strconv.FormatInt(h%100/10, 10)
	}
	return strconv.FormatInt(h/100, 10) + "." + strconv.FormatInt(100+h%100, 10)[1:]
}

func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}
