package region

import (
	"strings"
	"testing"
)

// assigned is every officially assigned ISO 3166-1 alpha-2 code (249), typed
// independently of the table in region.go so that a code left out of it shows.
const assigned = `AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ
BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
DE DJ DK DM DO DZ
EC EE EG EH ER ES ET
FI FJ FK FM FO FR
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY
HK HM HN HR HT HU
ID IE IL IM IN IO IQ IR IS IT
JE JM JO JP
KE KG KH KI KM KN KP KR KW KY KZ
LA LB LC LI LK LR LS LT LU LV LY
MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ
NA NC NE NF NG NI NL NO NP NR NU NZ
OM
PA PE PF PG PH PK PL PM PN PR PS PT PW PY
QA
RE RO RS RU RW
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ
TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ
UA UG UM US UY UZ
VA VC VE VG VI VN VU
WF WS
YE YT
ZA ZM ZW`

func TestOf(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"US", Americas}, {"CA", Americas}, {"MX", Americas}, {"BR", Americas}, {"AR", Americas},
		{"JM", Americas}, {"PR", Americas}, {"GL", Americas},
		{"FR", EMEA}, {"DE", EMEA}, {"GB", EMEA}, {"IT", EMEA}, {"ZA", EMEA}, {"NG", EMEA}, {"EG", EMEA},
		{"AE", EMEA}, {"SA", EMEA}, {"IL", EMEA}, {"TR", EMEA}, {"RU", EMEA}, {"KZ", EMEA}, {"UZ", EMEA},
		{"IR", EMEA}, {"CY", EMEA}, {"XK", EMEA},
		{"JP", APJ}, {"AU", APJ}, {"NZ", APJ}, {"IN", APJ}, {"CN", APJ}, {"SG", APJ}, {"KR", APJ},
		{"PK", APJ}, {"AF", APJ}, {"MN", APJ}, {"FJ", APJ}, {"GU", APJ},
		{"fr", EMEA}, {"jP", APJ}, {"uS", Americas},
		{"AQ", ""}, {"BV", ""}, {"UM", ""},
		{"", ""}, {"U", ""}, {"USA", ""}, {"ZZ", ""}, {"UK", ""}, {"1A", ""}, {"é", ""},
	} {
		if got := Of(tc.in); got != tc.want {
			t.Errorf("Of(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTableCoversEveryAssignedCode(t *testing.T) {
	codes := strings.Fields(assigned)
	if len(codes) != 249 {
		t.Fatalf("reference list has %d codes, want 249", len(codes))
	}
	ref := map[string]bool{}
	for _, c := range codes {
		ref[c] = true
		if !Known(c) {
			t.Errorf("assigned code %s is missing from the table", c)
		}
	}
	seen := map[string]string{}
	for name, list := range map[string]string{"americas": americasCodes, "emea": emeaCodes, "apj": apjCodes, "none": noRegionCodes} {
		for _, c := range strings.Fields(list) {
			if len(c) != 2 {
				t.Errorf("%s: malformed code %q", name, c)
			}
			if prev, dup := seen[c]; dup {
				t.Errorf("%s is in both %s and %s", c, prev, name)
			}
			seen[c] = name
			if !ref[c] && c != "XK" {
				t.Errorf("%s: %s is not an assigned code", name, c)
			}
		}
	}
	// The lists are parsed at a stride of 3: one separator between codes.
	for name, list := range map[string]string{"americas": americasCodes, "emea": emeaCodes, "apj": apjCodes, "none": noRegionCodes} {
		if len(list)%3 != 2 || strings.Contains(list, "  ") {
			t.Errorf("%s: list is not single-space separated", name)
		}
	}
}

func TestNames(t *testing.T) {
	got := strings.Join(Names(), ",")
	if got != "americas,emea,apj" {
		t.Errorf("Names() = %s", got)
	}
	for _, n := range Names() {
		found := false
		for _, c := range strings.Fields(assigned) {
			if Of(c) == n {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("no country in region %s", n)
		}
	}
}

func BenchmarkOf(b *testing.B) {
	for i := 0; i < b.N; i++ {
		_ = Of("FR")
	}
}

func TestCode(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"FR", "FR"}, {"fr", "FR"}, {"xK", "XK"}, {"AQ", "AQ"},
		{"ZZ", ""}, {"UK", ""}, {"", ""}, {"FRA", ""}, {"f1", ""},
	} {
		got, ok := Code(tc.in)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("Code(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
	if n := testing.AllocsPerRun(10, func() { Code("de") }); n != 0 {
		t.Errorf("Code allocates %v times", n)
	}
}

func TestMeant(t *testing.T) {
	for in, want := range map[string]string{"UK": "GB", "uk": "GB", "El": "GR", "FR": "", "": "", "UKR": ""} {
		if got := Meant(in); got != want {
			t.Errorf("Meant(%q) = %q, want %q", in, got, want)
		}
	}
}
