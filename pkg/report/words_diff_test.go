package report

import (
	"testing"

	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

func TestChangesPhrase(t *testing.T) {
	vtsp4 := &rulebook.Leaf{Req: &rulebook.Requirement{Kind: rulebook.KindCredential, Keys: []string{"VTSP"}, Min: 4}}
	vtsp6 := &rulebook.Leaf{Req: &rulebook.Requirement{Kind: rulebook.KindCredential, Keys: []string{"VTSP"}, Min: 6}, Regions: []string{"emea"}}
	raise := rulebook.DiffEntry{Kind: rulebook.DiffThreshold, FromTier: "Premier", ToTier: "Premier", Key: "VTSP", Field: rulebook.FieldMin, Old: 4.0, New: 6.0, A: vtsp4, B: vtsp6}
	regions := rulebook.DiffEntry{Kind: rulebook.DiffTierRegions, Track: "reseller", FromTier: "Registered", ToTier: "Registered",
		Field: rulebook.FieldRegions, Old: []string{}, New: []string{"emea"}}
	added := rulebook.DiffEntry{Kind: rulebook.DiffTierAdded, Track: "reseller", ToTier: "Select"}
	for _, c := range []struct {
		es   []rulebook.DiffEntry
		want string
	}{
		{[]rulebook.DiffEntry{raise}, "Premier: VTSP >= 4 -> VTSP >= 6 [emea only]"},
		{[]rulebook.DiffEntry{raise, raise}, "Premier: VTSP >= 4 -> VTSP >= 6 [emea only] and VTSP >= 4 -> VTSP >= 6 [emea only]"},
		{[]rulebook.DiffEntry{regions}, "Registered (reseller): exists in emea (was all regions)"},
		{[]rulebook.DiffEntry{raise, added}, "Premier: VTSP >= 4 -> VTSP >= 6 [emea only] and tier Select (reseller) added"},
	} {
		if got := ChangesPhrase(c.es); got != c.want {
			t.Errorf("got  %q\nwant %q", got, c.want)
		}
	}
	if old, new := ChangeValues(regions); old != "all regions" || new != "emea" {
		t.Errorf("regions %q -> %q", old, new)
	}
}
