package cmdutil

import (
	"github.com/tiercalc/tiercalc/pkg/internal/batch"
	"github.com/tiercalc/tiercalc/pkg/internal/suggest"
)

// MaxSeenIDs is how many ids a command that looks for one partner keeps
// for NotInInput's did-you-mean.
const MaxSeenIDs = 100000

// NotInInput is the usage error (exit 2) for a PARTNER argument that no
// record of the input has (why, statement): a did-you-mean among the ids
// seen, and a hint when records were rejected, as its own may be one.
func NotInInput(id string, seen []string, st batch.Stats) error {
	e := UsageErrorf("partner %q is not in the input", id)
	if m := suggest.Closest(id, seen); m != "" {
		e.Hintf("did you mean %s?", m)
	}
	if st.Rejected > 0 || st.InputFailures > 0 {
		e.Hintf("its record may be one of those rejected above")
	}
	return e
}
