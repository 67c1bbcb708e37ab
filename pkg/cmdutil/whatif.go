package cmdutil

import (
	"errors"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tiercalc/tiercalc/pkg/assume"
	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/internal/batch"
	"github.com/tiercalc/tiercalc/pkg/internal/suggest"
	"github.com/tiercalc/tiercalc/pkg/iostreams"
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// flagOnly marks a flag that settings never fill: a what-if question is
// asked on the command line, never by an environment variable or a config
// file that would change every later run's results unannounced.
const flagOnly = "tiercalc/flag-only"

// FlagOnly reports whether fl is set on the command line only.
func FlagOnly(fl *pflag.Flag) bool { return len(fl.Annotations[flagOnly]) > 0 }

// MarkFlagOnly marks flag name of f as set on the command line only.
func MarkFlagOnly(f *pflag.FlagSet, name string) {
	_ = f.SetAnnotation(name, flagOnly, []string{"true"})
}

// WhatIfOptions are --assume and --partner (check, compare, why).
type WhatIfOptions struct {
	Assume   []string
	Partners []string
}

// AddFlags adds --assume and, with partners, --partner to cmd.
func (o *WhatIfOptions) AddFlags(cmd *cobra.Command, partners bool) {
	f := cmd.Flags()
	f.StringArrayVar(&o.Assume, "assume", nil, "evaluate as if `KEY=VALUE` held (repeatable): VTSP=+2, VTSP=5, revenue_usd=12000, competencies+=ID, attestations-=ID; flag only")
	MarkFlagOnly(f, "assume")
	if partners {
		f.StringArrayVar(&o.Partners, "partner", nil, "evaluate and print only the partner with this `ID` (repeatable); flag only")
		MarkFlagOnly(f, "partner")
	}
}

// WhatIf selects the partners evaluated and applies assumptions to them.
type WhatIf struct {
	assume   *assume.Set
	partners []string // nil: every partner

	mu   sync.Mutex
	seen map[string]bool
}

// Resolve parses the options against the run's record schema.
func (o *WhatIfOptions) Resolve(s *partner.Schema) (*WhatIf, error) {
	set, err := assume.Parse(o.Assume, s)
	if err != nil {
		var ae *assume.Error
		if errors.As(err, &ae) {
			return nil, &ExitError{Code: ExitUsage, Err: err, Hints: ae.Hints}
		}
		return nil, err
	}
	w := &WhatIf{assume: set, seen: map[string]bool{}}
	for _, p := range o.Partners {
		for _, id := range strings.Split(p, ",") {
			if id = strings.TrimSpace(id); id != "" && !slices.Contains(w.partners, id) {
				w.partners = append(w.partners, id)
			}
		}
	}
	return w, nil
}

// Selected reports whether the partner with id is evaluated.
func (w *WhatIf) Selected(id string) bool {
	return w == nil || w.partners == nil || slices.Contains(w.partners, id)
}

// Apply applies the assumptions to rec (which must be selected) and
// returns the notes its results carry.
func (w *WhatIf) Apply(rec *partner.Record) []string {
	if w == nil {
		return nil
	}
	if w.partners != nil {
		w.mu.Lock()
		w.seen[rec.ID] = true
		w.mu.Unlock()
	}
	return w.assume.Apply(rec)
}

// Wrap returns eval over the selected partners only, with the assumptions
// applied before and noted in every result.
func (w *WhatIf) Wrap(eval batch.EvaluateFunc) batch.EvaluateFunc {
	if w == nil || (w.partners == nil && w.assume.Len() == 0) {
		return eval
	}
	return func(rec *partner.Record, dst []engine.Result, a *engine.Arena) []engine.Result {
		if !w.Selected(rec.ID) {
			return dst
		}
		notes := w.Apply(rec)
		start := len(dst)
		dst = eval(rec, dst, a)
		if len(notes) > 0 {
			for i := start; i < len(dst); i++ {
				dst[i].Notes = append(slices.Clip(dst[i].Notes), notes...)
			}
		}
		return dst
	}
}

// Finish ends a run with a warning on stderr for each --partner id no
// record had.
func (w *WhatIf) Finish(ios *iostreams.IOStreams) {
	if w == nil {
		return
	}
	for _, id := range w.partners {
		if !w.seen[id] {
			ios.Warnf("--partner %s: no record with that id in the input", id)
		}
	}
}

// EvaluateTo is Evaluate with gaps towards tier instead of the next tier
// (check --to).
func (e *Evaluation) EvaluateTo(tier string) batch.EvaluateFunc {
	return func(rec *partner.Record, dst []engine.Result, _ *engine.Arena) []engine.Result {
		for _, ev := range e.evs {
			dst = ev.EvaluateTo(rec, e.AsOf, tier, dst)
		}
		return dst
	}
}

// CheckTier refuses a tier that no track of the selected programs has,
// with a did-you-mean (flag: how to name the flag in messages).
func CheckTier(flag, tier string, resolved []*rulebook.Resolved) error {
	var all []string
	for _, rv := range resolved {
		for _, t := range rv.Tracks {
			if t.Rank(tier) >= 0 {
				return nil
			}
			for _, tr := range t.Tiers {
				if !slices.Contains(all, tr.Name) {
					all = append(all, tr.Name)
				}
			}
		}
	}
	e := UsageErrorf("%s %q: no selected program has a tier of that name", flag, tier)
	if m := suggest.Closest(tier, all); m != "" {
		e.Hintf("did you mean %s %s?", flag, m)
	}
	return e.Hintf("tiers of the selected programs: %s", strings.Join(all, ", "))
}
