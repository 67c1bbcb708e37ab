// Command baseline is the yardstick of tiercalc's end-to-end benchmark
// (testdata/bench-cli.sh): what a competent engineer writes in an hour to
// check a CSV of partners against one program with nothing but the
// standard library. It parses with encoding/csv (ReuseRecord), hard-codes
// the tiers of vpn-2009's last edition (2010-08), with the labels, sources
// and illustrative flags of rules/vpn-2009.yaml, and writes, single
// threaded, the same rows as `tiercalc check -p vpn-2009 -o csv` (or, with
// -o ndjson, the same lines as -o ndjson, through encoding/json) on any day
// after the program ended (2020-02-29): every result carries tiercalc's note
// that it ended.
//
// It checks no more than it needs: no duplicate ids, unknown columns or
// vocabulary, no more than two decimals (cents) in revenue, and no grace
// periods (those of vpn-2009 ended in 2010).
//
//	go run ./testdata/baseline [-o csv|ndjson] FILE
package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
)

// unknown marks an empty cell.
var unknown = math.NaN()

type partner struct {
	id, name  string
	vsp, vtsp float64
	revenue   float64
	comps     []string // nil: unknown
}

type gap struct {
	Tier         string  `json:"tier"`
	Kind         string  `json:"kind"`
	Key          string  `json:"key"`
	Have         float64 `json:"have"`
	Need         float64 `json:"need"`
	Short        float64 `json:"short"`
	Label        string  `json:"label"`
	Illustrative bool    `json:"illustrative"`
	Source       string  `json:"source"`
	phrase       string
}

type result struct {
	Partner       string   `json:"partner"`
	Name          string   `json:"name"`
	Program       string   `json:"program"`
	Edition       string   `json:"edition"`
	Track         string   `json:"track"`
	Tier          *string  `json:"tier"`
	QualifiedTier *string  `json:"qualified_tier"`
	Status        string   `json:"status"`
	GraceUntil    *string  `json:"grace_until"`
	NextTier      *string  `json:"next_tier"`
	Missing       []gap    `json:"missing"`
	Unknown       []string `json:"unknown"`
	Notes         []string `json:"notes"`
}

// note is what tiercalc says of vpn-2009 in every result once it has ended.
const note = "vpn-2009 ended on 2020-02-29; evaluated on its last edition (2010-08)"

var notes = []string{note}

type verdict int

const (
	failed verdict = iota
	met
	undecided
)

// req is one requirement: its verdict for a partner, and its gap when failed.
type req struct {
	check func(p *partner) verdict
	gap   func(p *partner, tier string) gap
	keys  func(p *partner) []string // the unknown values it needs
}

// The rulebook's sources.
const (
	seed003    = "seed-003"
	connectPro = "connect-professional-de-2010"
)

func credential(key string, min float64, label, source string, illustrative bool, get func(*partner) float64) req {
	return req{
		check: func(p *partner) verdict {
			v := get(p)
			switch {
			case math.IsNaN(v):
				if min <= 0 {
					return met
				}
				return undecided
			case v >= min:
				return met
			}
			return failed
		},
		gap: func(p *partner, tier string) gap {
			have := get(p)
			return gap{Tier: tier, Kind: "credential", Key: key, Have: have, Need: min, Short: min - have, Label: label,
				Illustrative: illustrative, Source: source, phrase: number(min-have) + " more " + key}
		},
		keys: func(p *partner) []string {
			if math.IsNaN(get(p)) {
				return []string{key}
			}
			return nil
		},
	}
}

// revenue is a minimum of revenue_usd, money: its gap is rounded to the
// cent and phrased with the vocabulary's label ("revenue").
func revenue(min float64, label string) req {
	r := credential("revenue_usd", min, label, seed003, true, func(p *partner) float64 { return p.revenue })
	credGap := r.gap
	r.gap = func(p *partner, tier string) gap {
		g := credGap(p, tier)
		g.Short = math.Round(g.Short*100) / 100
		g.Kind, g.phrase = "metric", money(g.Short)+" more revenue"
		return g
	}
	return r
}

// competency requires a competency; label is the gap's label and, as the
// vocabulary's label plus "competency", its phrase.
func competency(id, label, source string) req {
	return req{
		check: func(p *partner) verdict {
			switch {
			case p.comps == nil:
				return undecided
			case has(p.comps, id):
				return met
			}
			return failed
		},
		gap: func(p *partner, tier string) gap {
			return gap{Tier: tier, Kind: "competency", Key: id, Need: 1, Short: 1, Label: label, Source: source, phrase: label}
		},
		keys: func(p *partner) []string {
			if p.comps == nil {
				return []string{"competencies"}
			}
			return nil
		},
	}
}

type tier struct {
	name string
	reqs []req
}

// The 2010-08 edition of vpn-2009. Tiers are cumulative, so each names only
// what it adds; Premier's two competencies are listed as two requirements,
// which yields the same gaps as the rulebook's all-group (whose source they
// carry).
var tiers = []tier{
	{"Registered", nil},
	{"Professional", []req{
		credential("VTSP", 1, "1 VTSP-accredited presales person", seed003, false, func(p *partner) float64 { return p.vtsp }),
		credential("VSP", 1, "1 VSP-accredited sales person", seed003, true, func(p *partner) float64 { return p.vsp }),
	}},
	{"Enterprise", []req{
		credential("VTSP", 2, "2 VTSP-accredited presales staff", seed003, false, func(p *partner) float64 { return p.vtsp }),
		competency("infrastructure-virtualization", "Infrastructure Virtualization competency", seed003),
		revenue(10000, "US$10,000 revenue"),
	}},
	{"Premier", []req{
		credential("VTSP", 4, "4 VTSP-accredited presales staff", seed003, false, func(p *partner) float64 { return p.vtsp }),
		competency("desktop-virtualization", "Desktop Virtualization competency", connectPro),
		competency("business-continuity", "Business Continuity competency", connectPro),
		revenue(1000000, "US$1,000,000 revenue"),
	}},
}

func evaluate(p *partner) result {
	r := result{Partner: p.id, Name: p.name, Program: "vpn-2009", Edition: "2010-08", Missing: []gap{}, Unknown: []string{},
		Notes: notes}
	q := -1
	status := "qualified"
	for i := range tiers {
		t := &tiers[i]
		v := met
		for _, rq := range t.reqs {
			if x := rq.check(p); x == failed {
				v = failed
				break
			} else if x == undecided {
				v = undecided
			}
		}
		if v == met {
			q = i
			continue
		}
		if v == undecided {
			status = "incomplete"
		}
		r.NextTier = &t.name
		for _, rq := range t.reqs {
			switch rq.check(p) {
			case failed:
				r.Missing = append(r.Missing, rq.gap(p, t.name))
			case undecided:
				for _, k := range rq.keys(p) {
					if !has(r.Unknown, k) {
						r.Unknown = append(r.Unknown, k)
					}
				}
			}
		}
		sort.Strings(r.Unknown)
		break
	}
	if q >= 0 {
		r.Tier, r.QualifiedTier = &tiers[q].name, &tiers[q].name
	} else {
		status = "ineligible"
	}
	r.Status = status
	return r
}

func has(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// money writes an amount of US dollars as tiercalc's phrases do: "US$8,500",
// with two decimals when it has cents ("US$0.50").
func money(v float64) string {
	if v < 0 {
		return "-" + money(-v)
	}
	if v != math.Trunc(v) {
		return "US$" + grouped(strconv.FormatFloat(v, 'f', 2, 64))
	}
	return "US$" + number(v)
}

// number writes v with thousands separators, as tiercalc's phrases do.
func number(v float64) string { return grouped(strconv.FormatFloat(v, 'f', -1, 64)) }

// grouped puts thousands separators in s, a non-negative number in digits.
func grouped(s string) string {
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String() + frac
}

func parseNum(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return unknown, nil
	}
	return strconv.ParseFloat(s, 64)
}

func main() { os.Exit(exitCode()) }

// exitCode parses the flags, runs, and returns the exit code: main is the
// one place that exits.
func exitCode() int {
	out := flag.String("o", "csv", "output format: csv|ndjson")
	flag.Parse()
	if flag.NArg() != 1 || (*out != "csv" && *out != "ndjson") {
		fmt.Fprintln(os.Stderr, "usage: baseline [-o csv|ndjson] FILE")
		return 2
	}
	if err := run(flag.Arg(0), *out, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "baseline:", err)
		return 1
	}
	return 0
}

func run(file, format string, stdout io.Writer) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	cr := csv.NewReader(bufio.NewReaderSize(f, 64<<10))
	cr.ReuseRecord = true
	cr.TrimLeadingSpace = true
	hdr, err := cr.Read()
	if err != nil {
		return err
	}
	col := map[string]int{}
	for i, h := range hdr {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	idx := func(name string) int {
		if i, ok := col[strings.ToLower(name)]; ok {
			return i
		}
		return -1
	}
	cID, cName, cVSP, cVTSP, cRev, cComp := idx("id"), idx("name"), idx("VSP"), idx("VTSP"), idx("revenue_usd"), idx("competencies")
	if cID < 0 {
		return fmt.Errorf("%s: no id column", file)
	}
	cell := func(row []string, i int) string {
		if i < 0 {
			return ""
		}
		return strings.TrimSpace(row[i])
	}

	w := bufio.NewWriterSize(stdout, 64<<10)
	cw := csv.NewWriter(w)
	enc := json.NewEncoder(w)
	if format == "csv" {
		cw.Write([]string{"partner", "name", "program", "edition", "track", "tier", "qualified_tier",
			"status", "grace_until", "next_tier", "missing", "unknown", "notes"})
	}
	row := make([]string, 13)
	phrases := make([]string, 0, 8)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		p := partner{id: cell(rec, cID), name: cell(rec, cName)}
		if p.vsp, err = parseNum(cell(rec, cVSP)); err != nil {
			return err
		}
		if p.vtsp, err = parseNum(cell(rec, cVTSP)); err != nil {
			return err
		}
		if p.revenue, err = parseNum(cell(rec, cRev)); err != nil {
			return err
		}
		if c := cell(rec, cComp); c != "" {
			for _, it := range strings.Split(c, ";") {
				if it = strings.ToLower(strings.TrimSpace(it)); it != "" {
					p.comps = append(p.comps, it)
				}
			}
		}
		r := evaluate(&p)
		if format == "ndjson" {
			if err := enc.Encode(&r); err != nil {
				return err
			}
			continue
		}
		phrases = phrases[:0]
		for _, g := range r.Missing {
			phrases = append(phrases, g.phrase)
		}
		row[0], row[1], row[2], row[3], row[4] = r.Partner, r.Name, r.Program, r.Edition, r.Track
		row[5], row[6], row[7], row[8], row[9] = str(r.Tier), str(r.QualifiedTier), r.Status, "", str(r.NextTier)
		row[10], row[11], row[12] = strings.Join(phrases, "; "), strings.Join(r.Unknown, ";"), note
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return w.Flush()
}

func str(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
