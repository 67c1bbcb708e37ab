package report

import "github.com/tiercalc/tiercalc/pkg/engine"

func sp(s string) *string { return &s }

// gate fails results with no tier or undecided ones, as --fail-below
// would for a low bar.
func gate(r engine.Result) (bool, string) {
	switch {
	case r.Tier == nil:
		return true, "below Registered"
	case r.Status == engine.StatusIncomplete:
		return true, "undecided: data missing"
	}
	return false, ""
}

var testOptions = Options{
	Programs: map[string]ProgramInfo{
		"vpn-2009":                {Name: "VMware Partner Network", Edition: "2010-07"},
		"partner-connect-2020":    {Name: "VMware Partner Connect"},
		"broadcom-advantage-2024": {Name: "Broadcom Advantage Partner Program", Edition: "2024-02"},
	},
	Gate: gate,
}

// fixtures covers every status, null tiers, an any-of gap with options,
// a multi-track program interleaved with others (as results arrive
// partner by partner), and hostile names.
func fixtures() []engine.Result {
	return []engine.Result{
		{ // qualified, two gaps
			Partner: "P001", Name: "Acme Virtualisation", Program: "vpn-2009", Edition: "2010-07",
			Tier: sp("Enterprise"), QualifiedTier: sp("Enterprise"), Status: engine.StatusQualified,
			NextTier: sp("Premier"),
			Missing: []engine.Gap{
				{Tier: "Premier", Kind: "credential", Key: "VTSP", Have: 2, Need: 4, Short: 2, Label: "4 VTSP-accredited presales staff", Unit: "people", Noun: "VTSP"},
				{Tier: "Premier", Kind: "metric", Key: "revenue_usd", Have: 91500, Need: 100000, Short: 8500, Label: "US$100,000 revenue", Illustrative: true, Source: "seed-003", Unit: "USD", Noun: "revenue"},
			},
			Unknown: []string{}, Notes: []string{"vpn-2009 ended on 2020-02-29; evaluated on its last edition (2010-07)"},
		},
		{ // multi-track program, any-of gap with a multi-leaf alternative
			Partner: "P001", Name: "Acme Virtualisation", Program: "partner-connect-2020", Edition: "2020-02",
			Track: "data-center-virtualization",
			Tier:  sp("Partner"), QualifiedTier: sp("Partner"), Status: engine.StatusQualified,
			NextTier: sp("Advanced"),
			Missing: []engine.Gap{
				{Tier: "Advanced", Kind: "any", Key: "dcv-solution-competency|VCAP-DCV", Have: 0, Need: 1, Short: 1, Label: "solution competency or advanced credentials",
					Options: []engine.Gap{
						{Tier: "Advanced", Kind: "competency", Key: "dcv-solution-competency", Have: 0, Need: 1, Short: 1, Label: "Data Center Virtualization Solution Competency"},
						{Tier: "Advanced", Kind: "all", Key: "VCP-DCV|VCAP-DCV", Have: 0, Need: 1, Short: 1, Label: "credentials",
							Options: []engine.Gap{
								{Tier: "Advanced", Kind: "credential", Key: "VCP-DCV", Have: 3, Need: 5, Short: 2, Label: "5 VCP-DCV", Unit: "people", Noun: "VCP-DCV"},
								{Tier: "Advanced", Kind: "credential", Key: "VCAP-DCV", Have: 0.5, Need: 1, Short: 0.5, Label: "1 VCAP-DCV", Illustrative: true, Unit: "people", Noun: "VCAP-DCV"},
							}},
					}},
				{Tier: "Advanced", Kind: "competencies", Key: "business-continuity|desktop-virtualization|virtualization-management", Have: 1, Need: 2, Short: 1, Label: "2 of 3 competencies", Noun: "business-continuity / desktop-virtualization / virtualization-management"},
			},
			Unknown: []string{}, Notes: []string{},
		},
		{ // same program, other track, at the top
			Partner: "P001", Name: "Acme Virtualisation", Program: "partner-connect-2020", Edition: "2020-02",
			Track: "network-virtualization",
			Tier:  sp("Principal"), QualifiedTier: sp("Principal"), Status: engine.StatusQualified,
			Missing: []engine.Gap{}, Unknown: []string{}, Notes: []string{},
		},
		{ // grace; a | in the name
			Partner: "P002", Name: "Bravo | Partners", Program: "vpn-2009", Edition: "2010-07",
			Tier: sp("Premier"), QualifiedTier: sp("Professional"), Status: engine.StatusGrace,
			GraceUntil: sp("2009-10-14"), NextTier: sp("Enterprise"),
			Missing: []engine.Gap{
				{Tier: "Enterprise", Kind: "attestation", Key: "dedicated-sales", Have: 0, Need: 1, Short: 1, Label: "dedicated sales staff"},
			},
			Unknown: []string{}, Notes: []string{"vpn-2009 ended on 2020-02-29; evaluated on its last edition (2010-07)"},
		},
		{ // incomplete; a newline in the name; unknown keys only
			Partner: "P003", Name: "Charlie\nSystems", Program: "vpn-2009", Edition: "2010-07",
			Tier: sp("Registered"), QualifiedTier: sp("Registered"), Status: engine.StatusIncomplete,
			NextTier: sp("Professional"),
			Missing:  []engine.Gap{}, Unknown: []string{"VTSP", "revenue_usd"}, Notes: []string{"vpn-2009 ended on 2020-02-29; evaluated on its last edition (2010-07)"},
		},
		{ // ineligible, null tiers; terminal escapes in the name
			Partner: "P004", Name: "\x1b[31mEvil\x1b[0m Corp\x07", Program: "vpn-2009", Edition: "2010-07",
			Status: engine.StatusIneligible, NextTier: sp("Registered"),
			Missing: []engine.Gap{
				{Tier: "Registered", Kind: "attestation", Key: "program-fee-paid", Have: 0, Need: 1, Short: 1, Label: "annual program fee paid"},
			},
			Unknown: []string{}, Notes: []string{"vpn-2009 ended on 2020-02-29; evaluated on its last edition (2010-07)", "no tier applies where the partner is: Registered needs a known country"},
		},
		{ // incomplete with a gap and unknown; XML/JSON/GitHub specials, a bidi override
			Partner: "P005", Name: "Dee, Ltd: 100% <Cloud> & \"Co\" \u202eevil", Program: "broadcom-advantage-2024", Edition: "2024-02",
			Track: "cloud-provider",
			Tier:  sp("Registered"), QualifiedTier: sp("Registered"), Status: engine.StatusIncomplete,
			NextTier: sp("Premier"),
			Missing: []engine.Gap{
				{Tier: "Premier", Kind: "metric", Key: "cores", Have: 3499, Need: 3500, Short: 1, Label: "3,500 committed cores", Unit: "cores", Noun: "cores"},
			},
			Unknown: []string{"country"}, Notes: []string{},
		},
		{ // ineligible on the other track; * and _ for Markdown
			Partner: "P005", Name: "Dee, Ltd: 100% <Cloud> & \"Co\" \u202eevil", Program: "broadcom-advantage-2024", Edition: "2024-02",
			Track: "reseller", Status: engine.StatusIneligible, NextTier: sp("Registered"),
			Missing: []engine.Gap{
				{Tier: "Registered", Kind: "attestation", Key: "program-fee-paid", Have: 0, Need: 1, Short: 1, Label: "*fee* _paid_"},
			},
			Unknown: []string{}, Notes: []string{"Registered was retired in the Americas on 2025-08-01 (held to 2025-07-31)"},
		},
	}
}
