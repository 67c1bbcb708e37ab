// Package region maps ISO 3166-1 alpha-2 country codes to the three sales
// regions vendor programs use: "americas", "emea" and "apj".
//
// The assignment follows the UN M49 continents, as vendors usually cut them:
//
//   - americas: North, Central and South America and the Caribbean,
//     including Greenland, Bermuda and the Falkland Islands.
//   - emea: Europe, the Middle East (Western Asia, including Turkey, Cyprus,
//     the Caucasus and Iran) and Africa, including the African islands of
//     the Atlantic and the Indian Ocean (Saint Helena, Réunion, Mayotte, the
//     British Indian Ocean Territory). Russia, Belarus and the Central Asian
//     states (Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan, Uzbekistan)
//     are emea too, as most vendors run them from their European (CIS)
//     organisation.
//   - apj: the rest of Asia (South Asia including Afghanistan and Pakistan,
//     East and South-East Asia, Mongolia, Japan) and the Pacific (Australia,
//     New Zealand, Oceania, including American Samoa, Guam and the Northern
//     Mariana Islands).
//   - "" (no region): Antarctica and the uninhabited sub-Antarctic and
//     outlying territories (AQ, BV, GS, HM, TF, UM), codes that are not
//     assigned, and anything that is not two letters.
//
// XK (Kosovo, a user-assigned code that the EU and IMF use) is accepted as
// emea. Lower-case input is accepted.
package region

// Region ids.
const (
	Americas = "americas"
	EMEA     = "emea"
	APJ      = "apj"
)

// The documented table: every assigned ISO 3166-1 alpha-2 code, by region.
const (
	americasCodes = "AG AI AR AW BB BL BM BO BQ BR BS BZ CA CL CO CR CU CW DM DO EC FK GD GF GL GP GT GY HN HT " +
		"JM KN KY LC MF MQ MS MX NI PA PE PM PR PY SR SV SX TC TT US UY VC VE VG VI"

	emeaCodes = "" +
		// Europe
		"AD AL AT AX BA BE BG BY CH CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI LT LU LV " +
		"MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA XK " +
		// Middle East, Turkey, Cyprus, the Caucasus
		"AE AM AZ BH CY GE IL IQ IR JO KW LB OM PS QA SA SY TR YE " +
		// Central Asia
		"KG KZ TJ TM UZ " +
		// Africa and its islands
		"AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW IO KE KM LR LS LY MA MG ML " +
		"MR MU MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TG TN TZ UG YT ZA ZM ZW"

	apjCodes = "" +
		// Asia
		"AF BD BN BT CN HK ID IN JP KH KP KR LA LK MM MN MO MV MY NP PH PK SG TH TL TW VN " +
		// Pacific
		"AS AU CC CK CX FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV VU WF WS"

	// Assigned codes with no region: Antarctica and uninhabited territories.
	noRegionCodes = "AQ BV GS HM TF UM"
)

const (
	none uint8 = iota
	americas
	emea
	apj
	unassigned // assigned code, no region
)

var names = [...]string{none: "", americas: Americas, emea: EMEA, apj: APJ, unassigned: ""}

// table maps a two-letter code (index (c0-'A')*26 + c1-'A') to its region,
// and codes to its upper-case spelling (a slice of the constants above, so
// Code allocates nothing). Built once from the constant lists and never
// changed.
var table, codes = build()

func build() (t [26 * 26]uint8, c [26 * 26]string) {
	for _, g := range []struct {
		codes string
		r     uint8
	}{{americasCodes, americas}, {emeaCodes, emea}, {apjCodes, apj}, {noRegionCodes, unassigned}} {
		for i := 0; i+1 < len(g.codes); i += 3 {
			k := int(g.codes[i]-'A')*26 + int(g.codes[i+1]-'A')
			t[k], c[k] = g.r, g.codes[i:i+2]
		}
	}
	return t, c
}

// index returns the table index of a two-letter code, or -1.
func index(country string) int {
	if len(country) != 2 {
		return -1
	}
	a, b := country[0]&^0x20, country[1]&^0x20 // upper-case ASCII letters
	if a < 'A' || a > 'Z' || b < 'A' || b > 'Z' {
		return -1
	}
	return int(a-'A')*26 + int(b-'A')
}

func lookup(country string) uint8 {
	if i := index(country); i >= 0 {
		return table[i]
	}
	return none
}

// Of returns the region of an ISO 3166-1 alpha-2 country code: "americas",
// "emea", "apj", or "" for an unknown code or a territory with no region.
func Of(country string) string { return names[lookup(country)] }

// Known reports whether country is an assigned ISO 3166-1 alpha-2 code (or
// XK), whether or not it has a region.
func Known(country string) bool { return lookup(country) != none }

// Code returns the upper-case spelling of a known code (see Known), or
// ok=false. The result shares no memory with country, so a reader can keep
// it without holding on to its input.
func Code(country string) (code string, ok bool) {
	if i := index(country); i >= 0 && table[i] != none {
		return codes[i], true
	}
	return "", false
}

// meant names the code meant by common non-ISO spellings.
var meant = map[string]string{"UK": "GB", "EL": "GR"}

// Meant returns the code a common non-ISO spelling stands for (UK: GB, EL:
// GR, in any case), or "".
func Meant(country string) string {
	if len(country) != 2 {
		return ""
	}
	return meant[string([]byte{country[0] &^ 0x20, country[1] &^ 0x20})]
}

// Names returns the region ids, in a fixed order.
func Names() []string { return []string{Americas, EMEA, APJ} }
