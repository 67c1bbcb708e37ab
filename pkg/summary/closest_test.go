package summary

import (
	"fmt"
	"sync"
	"testing"
)

func TestClosestKeepsTheCheapest(t *testing.T) {
	c := NewClosest(3, 500)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < 100; i += 4 {
				c.Add("p", Closest{Partner: fmt.Sprintf("P%03d", i), Cents: int64(1000 - i*10)})
			}
		}()
	}
	wg.Wait()
	s := &Summary{Programs: []Program{{Program: "p"}, {Program: "q"}}}
	c.Fill(s)
	got := s.Programs[0].Closest
	if len(got) != 3 || got[0].Partner != "P099" || got[1].Partner != "P098" || got[2].Partner != "P097" {
		t.Errorf("closest = %+v, want P099, P098, P097", got)
	}
	// Costs 10..500 cents: partners 50 to 99.
	if b := s.Programs[0].WithinBudget; b == nil || b.Partners != 50 || b.BudgetUSD != "5" {
		t.Errorf("within budget = %+v, want 50 partners within 5", b)
	}
	if q := s.Programs[1]; q.Closest == nil || len(q.Closest) != 0 || q.WithinBudget.Partners != 0 {
		t.Errorf("a program without plans: %+v", q)
	}
}

func TestClosestTiesByPartner(t *testing.T) {
	c := NewClosest(2, -1)
	for _, id := range []string{"C", "A", "D", "B"} {
		c.Add("p", Closest{Partner: id, Cents: 100})
	}
	s := &Summary{Programs: []Program{{Program: "p"}}}
	c.Fill(s)
	if got := s.Programs[0].Closest; len(got) != 2 || got[0].Partner != "A" || got[1].Partner != "B" {
		t.Errorf("closest = %+v, want A, B", got)
	}
	if s.Programs[0].WithinBudget != nil {
		t.Error("no budget, no count")
	}
}

func TestUSD(t *testing.T) {
	for cents, want := range map[int64]string{0: "0", 5: "0.05", 150: "1.5", 123456: "1234.56", -250: "-2.5"} {
		if got := USD(cents); string(got) != want {
			t.Errorf("USD(%d) = %s, want %s", cents, got, want)
		}
	}
}
