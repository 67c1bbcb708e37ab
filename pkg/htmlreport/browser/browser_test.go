package browser

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/tiercalc/tiercalc/pkg/cmd/root/roottest"
	"github.com/tiercalc/tiercalc/pkg/engine"
	"github.com/tiercalc/tiercalc/pkg/internal/testtool"
)

var programs = []string{"-p", "vpn-2009", "-p", "partner-connect-2020", "-p", "broadcom-advantage-2024", "--as-of", "2026-12-01"}

func run(t *testing.T, args ...string) []byte { return roottest.Run(t, args...) }

func partnersCSV(t *testing.T) string {
	p, err := filepath.Abs("../../../testdata/partners.csv")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// trackKey names a program's track.
type trackKey struct{ program, track string }

// expected counts, from check's results (not from the report's own
// aggregation), partners per tier and per status on each track.
func expected(t *testing.T, csv string) map[trackKey]map[string]int {
	out := run(t, append(append([]string{"check", "-o", "ndjson"}, programs...), csv)...)
	want := map[trackKey]map[string]int{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		var r engine.Result
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		k := trackKey{r.Program, r.Track}
		if want[k] == nil {
			want[k] = map[string]int{}
		}
		tier := "none"
		if r.Tier != nil {
			tier = *r.Tier
		}
		want[k]["tier:"+tier]++
		want[k]["status:"+r.Status]++
		want[k]["partners"]++
	}
	return want
}

// page is what the page's script below reads from the DOM.
type page struct {
	Tracks []struct {
		Program, Track string
		Partners       int
		Bars           map[string]map[string]int // kind -> bar name -> data-n
		TableRows      map[string]int            // kind -> rows of the chart's table
		SVGs           int
	}
	Heatmaps []struct {
		From, To               string
		Cells, Sum, TableCells int
	}
	Statements     int
	StatementIndex int
	ClosestLinks   int
	BrokenLinks    []string
	StmtCount      string
	Data           struct {
		Partners   int `json:"partners"`
		LeftOut    int `json:"statements_left_out"`
		Statements []struct {
			Anchor string `json:"anchor"`
		} `json:"statements"`
	}
	Headings   []string
	ScrollW    int
	FigNoTable int
	SVGNoLabel int
}

const readDOM = `(() => {
  const n = (el) => parseInt(el.getAttribute('data-n'), 10);
  const tracks = [...document.querySelectorAll('section.track')].map(s => {
    const bars = {}, rows = {};
    s.querySelectorAll('figure.chart').forEach(f => {
      const k = f.dataset.kind; bars[k] = {};
      f.querySelectorAll('svg rect.bar').forEach((r, i) => {
        bars[k][f.querySelectorAll('svg text.lbl')[i].textContent] = n(r);
      });
      rows[k] = f.querySelectorAll('table tbody tr').length;
    });
    return {Program: s.dataset.program, Track: s.dataset.track, Partners: parseInt(s.dataset.partners, 10),
      Bars: bars, TableRows: rows, SVGs: s.querySelectorAll('svg').length};
  });
  const heat = [...document.querySelectorAll('figure.heat')].map(f => {
    const cells = [...f.querySelectorAll('svg rect.cell')];
    return {From: f.dataset.from, To: f.dataset.to, Cells: cells.length,
      Sum: cells.reduce((a, c) => a + n(c), 0), TableCells: f.querySelectorAll('table tbody td').length};
  });
  const broken = [...document.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute('href').slice(1))
    .filter(id => !document.getElementById(id));
  return {Tracks: tracks, Heatmaps: heat,
    Statements: document.querySelectorAll('article.statement').length,
    StatementIndex: document.querySelectorAll('.stmt-index a').length,
    ClosestLinks: document.querySelectorAll('.closest-table a[href^="#p-"]').length,
    BrokenLinks: broken,
    StmtCount: document.querySelector('.stmt-count').textContent,
    Data: JSON.parse(document.getElementById('tiercalc-data').textContent),
    Headings: [...document.querySelectorAll('h1')].map(h => h.textContent),
    ScrollW: document.documentElement.scrollWidth,
    FigNoTable: [...document.querySelectorAll('figure')].filter(f => !f.querySelector('table')).length,
    SVGNoLabel: [...document.querySelectorAll('svg')].filter(s => !s.getAttribute('aria-label')).length};
})()`

// browser starts headless Chromium and returns a tab's context.
func browser(t *testing.T) context.Context {
	chromium := testtool.NeedTool(t, "chromium", "chromium")
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium),
		chromedp.Flag("headless", true), chromedp.Flag("disable-gpu", true), chromedp.Flag("hide-scrollbars", true))
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox) // Chromium refuses to run as root with its sandbox (CI runs as root)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelTab := chromedp.NewContext(ctx)
	t.Cleanup(cancelTab)
	if _, err := chromedp.Call(ctx, runtime.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// watch collects, until its context ends, the console messages (errors
// and warnings, uncaught exceptions, browser log entries) and the URL of
// every network request of the tab.
type watch struct {
	mu                 sync.Mutex
	problems, requests []string
}

func newWatch(ctx context.Context) *watch {
	w := &watch{}
	console := chromedp.Console(ctx)
	requests := chromedp.Events(ctx, network.RequestWillBeSent)
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			if m.Type != chromedp.ConsoleLog && m.Type != chromedp.ConsoleDebug && m.Type != chromedp.ConsoleInfo {
				w.add(&w.problems, m.String()+" "+m.URL)
			}
		}
	}()
	go func() {
		for ev, err := range requests {
			if err != nil {
				return
			}
			w.add(&w.requests, ev.Request.URL)
		}
	}()
	return w
}

func (w *watch) add(list *[]string, s string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	*list = append(*list, s)
}

func (w *watch) get() (problems, requests []string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.problems), slices.Clone(w.requests)
}

// settle waits until the events of what was just loaded have come in.
func settle(ctx context.Context) error {
	return chromedp.Do(ctx, chromedp.Sleep(300*time.Millisecond))
}

func TestReportInChromium(t *testing.T) {
	ctx := browser(t)
	csv := partnersCSV(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "report.html")
	run(t, append(append([]string{"report", "--max-statements", "12", "--out", file}, programs...), csv)...)
	want := expected(t, csv)

	t.Run("the watch sees errors and requests", func(t *testing.T) {
		// The checks below pass only if the watch would have seen a
		// problem: a page with a console error, an exception and an
		// image to fetch shows that it does.
		bad := filepath.Join(dir, "bad.html")
		html := `<!DOCTYPE html><title>bad</title><img src="http://127.0.0.1:9/x.png" alt=""><script>console.error("boom"); null.x;</script>`
		if err := os.WriteFile(bad, []byte(html), 0o644); err != nil {
			t.Fatal(err)
		}
		tab, cancel := chromedp.NewContext(ctx)
		defer cancel()
		w := newWatch(tab)
		if err := chromedp.Do(tab, chromedp.Navigate("file://"+filepath.ToSlash(bad)), chromedp.Sleep(300*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		problems, requests := w.get()
		if !slices.ContainsFunc(problems, func(s string) bool { return strings.Contains(s, "boom") }) ||
			!slices.ContainsFunc(problems, func(s string) bool { return strings.HasPrefix(s, "exception") }) ||
			!slices.Contains(requests, "http://127.0.0.1:9/x.png") {
			t.Errorf("the watch missed a problem: %q, requests %q", problems, requests)
		}
	})

	w := newWatch(ctx)
	url := "file://" + filepath.ToSlash(file)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[page](readDOM))
	if err != nil {
		t.Fatal(err)
	}
	desktop, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	phoneScrollW, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	if err != nil {
		t.Fatal(err)
	}
	phone, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	// Printing: the print style applies (a page per statement, no
	// navigation, wide tables in full). Making the PDF itself takes
	// Chromium longer than this test may.
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	printed, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[getComputedStyle(document.querySelector('article.statement')).breakBefore,
		getComputedStyle(document.querySelector('nav')).display, getComputedStyle(document.querySelector('.scroll')).overflowX]`))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(printed, []string{"page", "none", "visible"}) {
		t.Errorf("print style: statement break, nav, tables' overflow = %q; want page, none, visible", printed)
	}
	if err := settle(ctx); err != nil {
		t.Fatal(err)
	}
	problems, requests := w.get()
	if len(problems) > 0 {
		t.Errorf("the page logged problems:\n%s", strings.Join(problems, "\n"))
	}
	for _, u := range requests {
		if u != url {
			t.Errorf("the page made a network request: %s", u)
		}
	}
	if len(requests) == 0 {
		t.Errorf("no request seen, not even the page's own: the watch is blind")
	}
	checkCounts(t, &got, want)
	checkPage(t, &got)
	if got.ScrollW > 1280 || phoneScrollW > 390 {
		t.Errorf("the page overflows sideways: %d px at 1280, %d px at 390", got.ScrollW, phoneScrollW)
	}
	checkShot(t, "desktop", desktop, 1280)
	checkShot(t, "phone", phone, 390)
}

// checkCounts holds every chart's bars (and its table) to check's results.
func checkCounts(t *testing.T, got *page, want map[trackKey]map[string]int) {
	t.Helper()
	if len(got.Tracks) != len(want) {
		t.Errorf("%d track sections, want %d (one per program and track with results)", len(got.Tracks), len(want))
	}
	for _, tr := range got.Tracks {
		w := want[trackKey{tr.Program, tr.Track}]
		if tr.Partners != w["partners"] {
			t.Errorf("%s/%s: %d partners, check gives %d", tr.Program, tr.Track, tr.Partners, w["partners"])
		}
		if tr.SVGs != 2 {
			t.Errorf("%s/%s: %d charts, want 2 (tiers, statuses)", tr.Program, tr.Track, tr.SVGs)
		}
		for kind, prefix := range map[string]string{"tiers": "tier:", "statuses": "status:"} {
			sum := 0
			for name, n := range tr.Bars[kind] {
				sum += n
				if n != w[prefix+name] {
					t.Errorf("%s/%s %s: bar %s shows %d, check gives %d", tr.Program, tr.Track, kind, name, n, w[prefix+name])
				}
			}
			if sum != w["partners"] || tr.TableRows[kind] != len(tr.Bars[kind]) {
				t.Errorf("%s/%s %s: bars sum to %d (want %d), table has %d rows for %d bars",
					tr.Program, tr.Track, kind, sum, w["partners"], tr.TableRows[kind], len(tr.Bars[kind]))
			}
		}
	}
}

// checkPage checks the moves, the statements and their links, and the
// embedded data.
func checkPage(t *testing.T, got *page) {
	t.Helper()
	if len(got.Heatmaps) != 2 {
		t.Fatalf("%d heat maps, want 2 (three programs)", len(got.Heatmaps))
	}
	for _, h := range got.Heatmaps {
		if h.Sum != got.Data.Partners || h.Cells != h.TableCells || h.Cells == 0 {
			t.Errorf("%s -> %s: cells sum to %d (want %d partners); %d cells, %d table cells", h.From, h.To, h.Sum, got.Data.Partners, h.Cells, h.TableCells)
		}
	}
	if got.Data.Partners != 53 || got.Statements != 12 || got.StatementIndex != 12 || len(got.Data.Statements) != 12 || got.Data.LeftOut != 41 {
		t.Errorf("partners %d, statements %d (index %d, data %d), left out %d; want 53, 12, 41",
			got.Data.Partners, got.Statements, got.StatementIndex, len(got.Data.Statements), got.Data.LeftOut)
	}
	if !strings.Contains(got.StmtCount, "41 partner(s) left out") {
		t.Errorf("the page does not say how many statements it left out: %q", got.StmtCount)
	}
	if got.ClosestLinks == 0 || len(got.BrokenLinks) > 0 {
		t.Errorf("%d links from the closest lists to statements; links to no element: %v", got.ClosestLinks, got.BrokenLinks)
	}
	if len(got.Headings) != 1 || got.FigNoTable > 0 || got.SVGNoLabel > 0 {
		t.Errorf("%d h1 (want 1), %d figures without a table, %d charts without a text label", len(got.Headings), got.FigNoTable, got.SVGNoLabel)
	}
}

// checkShot decodes a screenshot and checks it shows something: many
// colours, and a good share of pixels that are not white.
func checkShot(t *testing.T, name string, b []byte, width int) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s screenshot: %v", name, err)
	}
	bounds := img.Bounds()
	colours := map[[3]uint32]bool{}
	ink := 0
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			colours[[3]uint32{r >> 8, g >> 8, b >> 8}] = true
			if r>>8 < 240 || g>>8 < 240 || b>>8 < 240 {
				ink++
			}
		}
	}
	share := float64(ink) / float64(bounds.Dx()*bounds.Dy())
	t.Logf("%s screenshot: %dx%d, %d colours, %.1f%% not white", name, bounds.Dx(), bounds.Dy(), len(colours), share*100)
	if bounds.Dx() != width || len(colours) < 16 || share < 0.03 {
		t.Errorf("%s screenshot looks blank: %dx%d (want width %d), %d colours, %.1f%% not white", name, bounds.Dx(), bounds.Dy(), width, len(colours), share*100)
	}
	if dir := os.Getenv("TIERCALC_SCREENSHOTS"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, name+".png"), b, 0o644)
	}
}
