package cmdutil

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/internal/batch"
	"github.com/tiercalc/tiercalc/pkg/partner"
	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// statuses are a result's statuses, best first: the order --best-track
// breaks ties by.
var statuses = []string{engine.StatusQualified, engine.StatusGrace, engine.StatusIncomplete, engine.StatusIneligible}

// SelectFlags choose which results a command prints, in every output
// format: --status and --best-track (--partner, which also limits what is
// evaluated, is WhatIfOptions'). They filter on the workers, right after
// evaluation, so a gate sees what is printed.
type SelectFlags struct {
	Statuses  []string
	BestTrack bool
}

// AddFlags adds --status and --best-track to cmd.
func (s *SelectFlags) AddFlags(cmd *cobra.Command) {
	AddStatusFlag(cmd, &s.Statuses, statuses)
	cmd.Flags().BoolVar(&s.BestTrack, "best-track", false, "print one result per partner and program: the track where it holds the highest tier "+
		"(ties: qualified, grace, incomplete, ineligible; then fewest gaps; then the rulebook's track order)")
}

// Check refuses an unknown status.
func (s *SelectFlags) Check() error { return CheckStatuses(s.Statuses, statuses) }

// AddStatusFlag adds --status to cmd: the results to print, by one of
// valid (repeatable or comma-separated), completed from valid.
func AddStatusFlag(cmd *cobra.Command, p *[]string, valid []string) {
	cmd.Flags().StringSliceVar(p, "status", nil, "print only results with this `STATUS` (repeatable or comma-separated): "+strings.Join(valid, ", "))
	_ = cmd.RegisterFlagCompletionFunc("status", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return valid, cobra.ShellCompDirectiveNoFileComp
	})
}

// CheckStatuses refuses a --status value that is not one of valid.
func CheckStatuses(got, valid []string) error {
	for _, st := range got {
		if !slices.Contains(valid, st) {
			return UsageErrorf("--status %q: not a status", st).Hintf("statuses: %s", strings.Join(valid, ", "))
		}
	}
	return nil
}

// Wrap returns eval with its results selected: the best track of each
// program first, then the statuses.
func (s *SelectFlags) Wrap(eval batch.EvaluateFunc, resolved []*rulebook.Resolved) batch.EvaluateFunc {
	if len(s.Statuses) == 0 && !s.BestTrack {
		return eval
	}
	tracks := map[string]*rulebook.Resolved{}
	for _, rv := range resolved {
		tracks[rv.Program.ID] = rv
	}
	return func(rec *partner.Record, dst []engine.Result, a *engine.Arena) []engine.Result {
		start := len(dst)
		dst = eval(rec, dst, a)
		if s.BestTrack {
			dst = append(dst[:start], bestTracks(dst[start:], tracks)...)
		}
		if len(s.Statuses) > 0 {
			dst = append(dst[:start], slices.DeleteFunc(dst[start:], func(r engine.Result) bool {
				return !slices.Contains(s.Statuses, r.Status)
			})...)
		}
		return dst
	}
}

// bestTracks keeps, of one record's results, the best of each program (see
// better), in place and in the order the programs came.
func bestTracks(rs []engine.Result, programs map[string]*rulebook.Resolved) []engine.Result {
	out := rs[:0]
	for i := range rs {
		j := slices.IndexFunc(out, func(r engine.Result) bool { return r.Program == rs[i].Program })
		switch {
		case j < 0:
			out = append(out, rs[i])
		case better(&rs[i], &out[j], programs[rs[i].Program]):
			out[j] = rs[i]
		}
	}
	return out
}

// better reports whether a is a better track than b: a higher tier held
// (by its rank on its own track), then a better status, then fewer gaps;
// on a full tie the earlier track (b) stays.
func better(a, b *engine.Result, rv *rulebook.Resolved) bool {
	if ra, rb := heldRank(a, rv), heldRank(b, rv); ra != rb {
		return ra > rb
	}
	if sa, sb := slices.Index(statuses, a.Status), slices.Index(statuses, b.Status); sa != sb {
		return sa < sb
	}
	return len(a.Missing) < len(b.Missing)
}

func heldRank(r *engine.Result, rv *rulebook.Resolved) int {
	if r.Tier == nil || rv == nil {
		return -1
	}
	return rv.Track(r.Track).Rank(*r.Tier)
}
