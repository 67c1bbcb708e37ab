package partner

// countryCodes lists the officially assigned ISO 3166-1 alpha-2 codes (249),
// two letters each, sorted.
const countryCodes = "" +
	"ADAEAFAGAIALAMAOAQARASATAUAWAXAZ" +
	"BABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZ" +
	"CACCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZ" +
	"DEDJDKDMDODZ" +
	"ECEEEGEHERESET" +
	"FIFJFKFMFOFR" +
	"GAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGY" +
	"HKHMHNHRHTHU" +
	"IDIEILIMINIOIQIRISIT" +
	"JEJMJOJP" +
	"KEKGKHKIKMKNKPKRKWKYKZ" +
	"LALBLCLILKLRLSLTLULVLY" +
	"MAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZ" +
	"NANCNENFNGNINLNONPNRNUNZ" +
	"OM" +
	"PAPEPFPGPHPKPLPMPNPRPSPTPWPY" +
	"QA" +
	"RERORSRURW" +
	"SASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZ" +
	"TCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZ" +
	"UAUGUMUSUYUZ" +
	"VAVCVEVGVIVNVU" +
	"WFWS" +
	"YEYT" +
	"ZAZMZW"

// countryIndex maps a two-letter code (as (a-'A')*26+(b-'A')) to 1 + its
// offset in countryCodes, 0 when unassigned. Built once; never written after.
var countryIndex = func() (t [26 * 26]uint16) {
	for i := 0; i+1 < len(countryCodes); i += 2 {
		t[int(countryCodes[i]-'A')*26+int(countryCodes[i+1]-'A')] = uint16(i + 1)
	}
	return t
}()

// countryHints names the code meant by common non-ISO spellings.
var countryHints = map[string]string{
	"UK": "GB", "EL": "GR",
}

// country returns the canonical (upper-case, interned) ISO 3166-1 alpha-2
// code for v, trimmed already, or ok=false.
func country(v string) (string, bool) {
	if len(v) != 2 {
		return "", false
	}
	a, b := upperASCII(v[0]), upperASCII(v[1])
	if a < 'A' || a > 'Z' || b < 'A' || b > 'Z' {
		return "", false
	}
	i := countryIndex[int(a-'A')*26+int(b-'A')]
	if i == 0 {
		return "", false
	}
	return countryCodes[i-1 : i+1], true
}

func upperASCII(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}
