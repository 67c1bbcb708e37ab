package report

import (
	"errors"
	"testing"
)

func TestRegistryViews(t *testing.T) {
	for _, v := range []View{ViewCheck, ViewCompare, ViewSummary, ViewRulesList, ViewRulesShow, ViewRulesDiff} {
		if len(FormatsFor(v)) == 0 || FormatsFor(v)[0] != Table {
			t.Errorf("%s: formats %v, want table first (the default)", v, FormatsFor(v))
		}
	}
	if f, err := ParseFormatFor(ViewCompare, "CSV"); err != nil || f != CSV {
		t.Errorf("compare csv: %q, %v", f, err)
	}
	var nc *NoCompatiblePrinterError
	if _, err := ParseFormatFor(ViewSummary, "csv"); !errors.As(err, &nc) || nc.View != ViewSummary {
		t.Errorf("summary csv: %v", err)
	}
	if ViewRulesDiff.Supports(NDJSON) {
		t.Error("rules diff claims ndjson")
	}
}
