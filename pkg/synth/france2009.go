package synth

import "math/rand/v2"

// Slots of row.nums (numCols).
const (
	cVSP = iota
	cVTSP
	cVCPDCV
	cVCPNV
	cVCPCMA
	cVCPDW
	cVCPVCF
	cVCAPDCV
	cVCAPNV
	cVCAPCMA
	cVCAPDW
	cVCAPVCF
	cVCDX
	mRevenue
	mTierCredits
	mCores
	mCloudPoints
	mDeployments
	mReferences
)

// A tierShare is how many partners of a population hold one current tier,
// and what that tier asks in the program the population is shaped by.
type tierShare struct {
	tier string
	n    int
	vtsp int // VTSPs the tier asks (seed 003)
	bar  int // revenue_usd the tier asks (seed 003); 0: none
}

// france2009Tiers is seed 003's France of April 2009: 1,275 partners by
// current tier, highest first (the order of the ids).
var france2009Tiers = []tierShare{
	{"Premier", 5, 4, 1_000_000},
	{"Enterprise", 120, 2, 10_000},
	{"Professional", 1150, 1, 0},
}

// The three advanced competencies, of which Premier asks 2 (seed 003).
var advanced = []string{"business-continuity", "desktop-virtualization", "virtualization-management"}

// france2009 is the population of testdata/populations.md's "france-2009":
// every partner works towards its current tier's requirements only, and on
// each one sits as likely below as above it (no seed gives a share):
//
//   - VTSP: a count with mean the tier's requirement (1, 2, 4), spread with
//     the largest entropy (geometric): 0, 1, 2, 3 and 4 or more dealt
//     exactly, a count of 4 or more drawn from the same law's tail;
//   - VSP: held by every partner (seed 003), as many as its tier's VTSPs;
//   - competencies: Professional none (they are for "the most advanced
//     partners", seed 003); Enterprise and Premier hold
//     infrastructure-virtualization with even odds; Premier each of the
//     three advanced ones with even odds (so 2 of 3 with even odds);
//   - revenue_usd: Enterprise and Premier uniform in [bar/2, bar) or
//     [bar, 2*bar), half each (median at the bar); Professional uniform in
//     [1,000, 10,000);
//   - profiles: reseller, 5% of each tier also system-integrator;
//   - later programs' credentials, metrics and attestations: none (0 and a
//     known empty list).
//
// Every share is dealt exactly (deal), each dimension apart.
func france2009(rng *rand.Rand) []row {
	var rows []row
	for _, t := range france2009Tiers {
		vtsp := deal(rng, t.n, geometric(float64(t.vtsp), 4)...) // 0, 1, 2, 3, 4 or more
		si := deal(rng, t.n, 95, 5)
		var infra, below []int
		var adv [3][]int
		if t.bar > 0 {
			infra = deal(rng, t.n, 1, 1)
			below = deal(rng, t.n, 1, 1)
		}
		if t.tier == "Premier" {
			for k := range advanced {
				adv[k] = deal(rng, t.n, 1, 1)
			}
		}
		for i := range t.n {
			r := row{id: len(rows) + 1, pre: "FR-", width: 4, country: "FR", tier: t.tier, profiles: "reseller", attests: emptyList}
			r.name = name(rng)
			if si[i] == 1 {
				r.profiles = "reseller;system-integrator"
			}
			r.comps = france2009Comps(t.bar > 0 && infra[i] == 1, adv, i)
			r.nums[cVSP] = t.vtsp
			r.nums[cVTSP] = vtsp[i]
			if vtsp[i] == 4 {
				r.nums[cVTSP] = tail(rng, float64(t.vtsp), 4)
			}
			if t.bar > 0 {
				r.nums[mRevenue] = halves(rng, t.bar, below[i] == 0)
			} else {
				r.nums[mRevenue] = between(rng, 1_000, 10_000)
			}
			rows = append(rows, r)
		}
	}
	return rows
}

// france2009Comps lists partner i's competencies: infrastructure
// virtualization when infra, and each advanced one dealt to it in adv.
func france2009Comps(infra bool, adv [3][]int, i int) string {
	var comps []string
	if infra {
		comps = append(comps, "infrastructure-virtualization")
	}
	for k, c := range advanced {
		if adv[k] != nil && adv[k][i] == 1 {
			comps = append(comps, c)
		}
	}
	return joinList(comps)
}
