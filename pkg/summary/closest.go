package summary

import (
	"cmp"
	"container/heap"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Closest is a partner with one of the cheapest plans to its next tier.
type Closest struct {
	Partner string      `json:"partner"`
	Name    string      `json:"name"`
	Track   string      `json:"track"`
	Target  string      `json:"target"`
	CostUSD json.Number `json:"cost_usd"`
	Days    json.Number `json:"days"`

	Cents int64 `json:"-"` // the plan's objective, for ordering
	// Actions word the plan's steps and Illustrative says whether its
	// cost rests on an assumed number (tiercalc report shows both).
	Actions      []string `json:"-"`
	Illustrative bool     `json:"-"`
}

// Budget counts the partners whose plan fits a budget.
type Budget struct {
	BudgetUSD json.Number `json:"budget_usd"`
	Partners  int         `json:"partners"`

	Cents int64 `json:"-"`
}

// ClosestSet keeps, per program, the N partners with the cheapest plans
// (a bounded heap: memory does not grow with the partners) and counts
// those within a budget. It is safe for concurrent use by the workers
// that plan.
type ClosestSet struct {
	mu     sync.Mutex
	n      int
	budget int64 // cents; < 0: no budget
	per    map[string]*closestHeap
	within map[string]int
}

// NewClosest keeps n partners a program (0: none) and counts plans of at
// most budget cents (< 0: no count).
func NewClosest(n int, budget int64) *ClosestSet {
	return &ClosestSet{n: n, budget: budget, per: map[string]*closestHeap{}, within: map[string]int{}}
}

// Add offers one partner's plan under program.
func (c *ClosestSet) Add(program string, e Closest) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.budget >= 0 && e.Cents <= c.budget {
		c.within[program]++
	}
	if c.n <= 0 {
		return
	}
	h := c.per[program]
	if h == nil {
		h = &closestHeap{}
		c.per[program] = h
	}
	if h.Len() < c.n {
		heap.Push(h, e)
		return
	}
	if less(e, (*h)[0]) {
		(*h)[0] = e
		heap.Fix(h, 0)
	}
}

// Fill sets each program's Closest and WithinBudget in s.
func (c *ClosestSet) Fill(s *Summary) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := range s.Programs {
		p := &s.Programs[i]
		if h := c.per[p.Program]; h != nil {
			p.Closest = slices.Clone(*h)
			slices.SortFunc(p.Closest, func(a, b Closest) int {
				if less(a, b) {
					return -1
				}
				return 1
			})
		}
		if p.Closest == nil {
			p.Closest = []Closest{}
		}
		if c.budget >= 0 {
			p.WithinBudget = &Budget{BudgetUSD: USD(c.budget), Partners: c.within[p.Program], Cents: c.budget}
		}
	}
}

// less orders plans by cost, then partner id: the same top N whatever
// order the workers deliver them in.
func less(a, b Closest) bool {
	if a.Cents != b.Cents {
		return a.Cents < b.Cents
	}
	return cmp.Less(a.Partner, b.Partner)
}

// closestHeap is a max-heap: its root is the dearest kept plan.
type closestHeap []Closest

func (h closestHeap) Len() int           { return len(h) }
func (h closestHeap) Less(i, j int) bool { return less(h[j], h[i]) }
func (h closestHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *closestHeap) Push(x any)        { *h = append(*h, x.(Closest)) }
func (h *closestHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// USD writes cents as a JSON number of dollars, exactly.
func USD(cents int64) json.Number {
	if cents < 0 {
		return "-" + USD(-cents)
	}
	s := strconv.FormatInt(cents/100, 10)
	if c := cents % 100; c != 0 {
		s += "." + strings.TrimRight(strconv.FormatInt(100+c, 10)[1:], "0")
	}
	return json.Number(s)
}
