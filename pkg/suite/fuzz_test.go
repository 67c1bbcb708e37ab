package suite

import (
	"errors"
	"testing"

	"github.com/tiercalc/tiercalc/pkg/rulebook"
)

// checkParsed holds what any parse must give: problems that each name the
// file, or tests that each have a unique name, a partner and a tier.
func checkParsed(t *testing.T, s *Suite, err error) {
	var ps rulebook.Problems
	if err != nil {
		if !errors.As(err, &ps) {
			t.Fatalf("error is not Problems: %v", err)
		}
		for _, p := range ps {
			if p.Pos.File == "" && p.Msg == "" {
				t.Fatalf("problem without file or message: %+v", p)
			}
		}
	}
	if s == nil {
		return
	}
	seen := map[string]bool{}
	for _, tc := range s.Tests {
		if tc.Name == "" || seen[tc.Name] || tc.Partner == nil || tc.Want.Tier == nil || tc.Program == "" {
			t.Fatalf("bad test %+v", tc)
		}
		seen[tc.Name] = true
	}
}

func FuzzParseYAML(f *testing.F) {
	f.Add([]byte(fixtureSuite))
	f.Add([]byte("cases: [{name: a, partner: {}, expect: {tier: ~}}]\nprogram: p\nas_of: 2020-01-01\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("# only a comment\n"))
	f.Add([]byte("cases:\n  - name: x\n    partner: {<<: [*a, *b]}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseYAML("f_test.yaml", data, nil)
		checkParsed(t, s, err)
	})
}

func FuzzParseCSV(f *testing.F) {
	f.Add([]byte("name,program,as_of,expect_tier,VTSP\na,vpn-2009,2010-03-01,Registered,0\n"))
	f.Add([]byte("name,expect_tier,expect_gaps\na,-,x=1;y\n"))
	f.Add([]byte("\"a\nb\",c\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseCSV("f_test.csv", data, nil)
		checkParsed(t, s, err)
	})
}
