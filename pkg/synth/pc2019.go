package synth

import "math/rand/v2"

// pc2019Tiers is seed 001's France of April 2019 under the VMware Partner
// Network: "près de 1.000 partenaires certifiés, dont 150 « Enterprise »",
// Premier "limités à une quinzaine"; the rest Professional.
var pc2019Tiers = []tierShare{
	{"Premier", 15, 4, 1_000_000},
	{"Enterprise", 150, 2, 10_000},
	{"Professional", 835, 1, 0},
}

// Seed 001's counts, as pc2019 reads them.
const (
	pcCertified   = 5   // Principal "d'ores et déjà certifiés"
	pcInProgress  = 20  // "une vingtaine en cours"
	pcCompetent   = 201 // "Plus de 200 partenaires détiennent au moins une compétence solution"
	pcAdvancedBar = 250_000
	pcPrincipal   = 1_000_000 // Principal's own tier-credit bar: the audit's illustrative proposal
)

// The credential tracks of the solution paths (VMware Cloud on AWS counts
// data-center credentials in the shipped rulebook, so it has none of its
// own): VCP and VCAP slots.
var pcPaths = [][2]int{{cVCPDCV, cVCAPDCV}, {cVCPNV, cVCAPNV}, {cVCPCMA, cVCAPCMA}, {cVCPDW, cVCAPDW}}

// pc2019 is the population of testdata/populations.md's "pc-2019": France's
// certified partners at Partner Connect's announcement (seed 001), each a
// certified VPN partner of its tier:
//
//   - VSP and VTSP as many as its VPN tier asks (1, 2, 4); competencies as
//     its VPN tier asks after 2010 (Enterprise infrastructure
//     virtualization; Premier that, desktop virtualization and business
//     continuity); every partner enrolled (ethics training, fee paid);
//   - 5 Premier partners hold a Master Services Competency (5 VCP, 2 VCAP
//     on one path) and Principal's tier credits; 20 more (the other 10
//     Premier and 10 Enterprise) are one certification short (half one
//     VCAP, half one VCP);
//   - 201 partners hold a solution competency: the 25 above, every other
//     Premier and Enterprise, and 36 Professional, with 2 VCP on one path;
//   - paths in equal shares over DCV, NV, CMA and DW, dealt per group;
//   - tier_credits (and revenue_usd, the same: multipliers of 1): the
//     certified in [1M, 2M); the other Premier and the Enterprise at even
//     odds below or above Principal's and Advanced's bars; Professional
//     uniform in [10,000, 125,000);
//   - profiles: reseller, 5% of each tier also system-integrator.
func pc2019(rng *rand.Rand) []row {
	rows, certified, inProgress, competent := pc2019Rows(rng)
	pc2019Paths(rng, rows, certified, inProgress, competent)
	pc2019Credits(rng, rows, certified)
	for i := range rows {
		rows[i].nums[mRevenue] = rows[i].nums[mTierCredits]
	}
	return rows
}

// pc2019Rows deals the partners of each tier, with their names, profiles,
// competencies and VTSP, and sorts them (indices into rows) into the
// certified, the in-progress and the competent.
func pc2019Rows(rng *rand.Rand) (rows []row, certified, inProgress, competent []int) {
	for _, t := range pc2019Tiers {
		si := deal(rng, t.n, 95, 5)
		var group []int // 0 certified, 1 in progress, 2 competent, 3 none
		switch t.tier {
		case "Premier":
			group = deal(rng, t.n, pcCertified, float64(t.n-pcCertified))
		case "Enterprise":
			n := pcInProgress - (pc2019Tiers[0].n - pcCertified)
			group = deal(rng, t.n, 0, float64(n), float64(t.n-n))
		default:
			n := pcCompetent - pc2019Tiers[0].n - pc2019Tiers[1].n
			group = deal(rng, t.n, 0, 0, float64(n), float64(t.n-n))
		}
		for i := range t.n {
			r := row{id: len(rows) + 1, pre: "FR-", width: 4, country: "FR", tier: t.tier, profiles: "reseller",
				attests: "ethics-training;program-fee-paid"}
			r.name = name(rng)
			if si[i] == 1 {
				r.profiles = "reseller;system-integrator"
			}
			switch t.tier {
			case "Premier":
				r.comps = "infrastructure-virtualization;desktop-virtualization;business-continuity"
			case "Enterprise":
				r.comps = "infrastructure-virtualization"
			default:
				r.comps = emptyList
			}
			r.nums[cVSP], r.nums[cVTSP] = t.vtsp, t.vtsp
			switch group[i] {
			case 0:
				certified = append(certified, len(rows))
			case 1:
				inProgress = append(inProgress, len(rows))
			case 2:
				competent = append(competent, len(rows))
			}
			rows = append(rows, r)
		}
	}
	return rows, certified, inProgress, competent
}

// pc2019Paths deals each group's path in equal shares over pcPaths: the
// certified get 5 VCP and 2 VCAP on it, those in progress one VCAP or one
// VCP short of that, the competent 2 VCP.
func pc2019Paths(rng *rand.Rand, rows []row, certified, inProgress, competent []int) {
	paths := func(idx []int) []int { return deal(rng, len(idx), 1, 1, 1, 1) }
	for k, p := range paths(certified) {
		r := &rows[certified[k]]
		r.nums[pcPaths[p][0]], r.nums[pcPaths[p][1]] = 5, 2
	}
	short := deal(rng, len(inProgress), 1, 1)
	for k, p := range paths(inProgress) {
		r := &rows[inProgress[k]]
		r.nums[pcPaths[p][0]], r.nums[pcPaths[p][1]] = 5, 1 // one VCAP short
		if short[k] == 1 {
			r.nums[pcPaths[p][0]], r.nums[pcPaths[p][1]] = 4, 2 // one VCP short
		}
	}
	for k, p := range paths(competent) {
		rows[competent[k]].nums[pcPaths[p][0]] = 2
	}
}

// pc2019Credits deals tier credits last, tier by tier in id order: even
// odds below or above the bar among each tier's partners that are not
// certified.
func pc2019Credits(rng *rand.Rand, rows []row, certified []int) {
	isCertified := make(map[int]bool, len(certified))
	for _, i := range certified {
		isCertified[i] = true
	}
	start := 0
	for _, t := range pc2019Tiers {
		var open []int
		for i := start; i < start+t.n; i++ {
			if !isCertified[i] {
				open = append(open, i)
			}
		}
		below := deal(rng, len(open), 1, 1)
		for _, i := range certified {
			if i >= start && i < start+t.n {
				rows[i].nums[mTierCredits] = halves(rng, pcPrincipal, false)
			}
		}
		for k, i := range open {
			var v int
			switch t.tier {
			case "Premier":
				v = halves(rng, pcPrincipal, below[k] == 0)
			case "Enterprise":
				v = halves(rng, pcAdvancedBar, below[k] == 0)
			default:
				v = between(rng, 10_000, 125_000)
			}
			rows[i].nums[mTierCredits] = v
		}
		start += t.n
	}
}
