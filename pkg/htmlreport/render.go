package htmlreport

import (
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"reflect"
	"strconv"
	"strings"
	"sync"
	texttemplate "text/template"

	"github.com/tiercalc/tiercalc/pkg/internal/safetext"
	"github.com/tiercalc/tiercalc/pkg/report"
)

//go:embed templates
var files embed.FS

// The page's style, inlined: the page loads nothing.
var style = sync.OnceValue(func() template.CSS { return template.CSS(mustRead("templates/style.css")) })

// The templates are parsed on first use, not as the program starts: every
// command would otherwise pay some 4 ms for pages only report and
// statement write.
var (
	htmlPages = sync.OnceValue(func() *template.Template {
		return template.Must(template.New("").Funcs(template.FuncMap{
			"chart": chart, "heat": heat, "ident": ident, "heading": heading,
			"style": style,
			"track": trackName, "level": level, "inc": func(n int) int { return n + 1 },
			"heatx": func(j int) int { return heatLeft + j*heatColW + heatColW/2 },
			"heaty": func(i int) int { return heatTop + i*heatRow },
		}).ParseFS(files, "templates/*.html.tmpl"))
	})
	markdownPages = sync.OnceValue(func() *texttemplate.Template {
		return texttemplate.Must(texttemplate.New("").Funcs(texttemplate.FuncMap{
			"md": report.MarkdownText, "bar": textBar, "track": trackName, "add": func(i int) int { return i + 1 },
		}).ParseFS(files, "templates/*.md.tmpl"))
	})
)

func mustRead(name string) string {
	b, err := files.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// WriteHTML writes the report as one self-contained page, its data
// embedded as JSON in a <script type="application/json" id="tiercalc-data">.
func WriteHTML(w io.Writer, r *Report) error {
	data, err := json.Marshal(r) // escapes < > & : nothing can end the script element
	if err != nil {
		return err
	}
	shown, err := display(r)
	if err != nil {
		return err
	}
	return htmlPages().ExecuteTemplate(w, "report.html.tmpl", struct {
		*Report
		JSON template.JS
	}{shown, template.JS(data)})
}

// WriteJSON writes the data the HTML report embeds.
func WriteJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteStatementHTML writes one statement as a page of its own.
func WriteStatementHTML(w io.Writer, s *Statement) error {
	shown, err := display(s)
	if err != nil {
		return err
	}
	return htmlPages().ExecuteTemplate(w, "statement.html.tmpl", shown)
}

// display returns a copy of v for people to read: every string passes
// through safetext.Terminal, so that control, bidirectional and invisible
// characters in a name show as escapes (\u202e) instead of reordering or
// hiding text. html/template then escapes markup. The embedded JSON keeps
// the data exactly.
func display[T any](v *T) (*T, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	c := new(T)
	if err := json.Unmarshal(b, c); err != nil {
		return nil, err
	}
	sanitize(reflect.ValueOf(c).Elem())
	return c, nil
}

func sanitize(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() {
			v.SetString(safetext.Terminal(v.String()))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			sanitize(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			sanitize(v.Field(i))
		}
	case reflect.Slice:
		for i := range v.Len() {
			sanitize(v.Index(i))
		}
	}
}

// WriteStatementMarkdown writes one statement in Markdown.
func WriteStatementMarkdown(w io.Writer, s *Statement) error {
	return markdownPages().ExecuteTemplate(w, "statement.md.tmpl", s)
}

// barChart is a horizontal bar chart laid out for SVG.
type barChart struct {
	ID, Kind, Title string
	Label           string // the counts in words, the chart's text equivalent
	Height          int
	Rows            []barRow
	Total           int
}

type barRow struct {
	Name        string
	N, Y, Width int
	Class       string
}

const (
	barLeft  = 120 // where bars start, after their labels
	barSpan  = 230 // the width of a bar that holds every partner
	barPitch = 26
)

// chart lays out bars, each as wide as its share of total.
func chart(id, kind, title string, bars []Bar, total int) barChart {
	c := barChart{ID: id, Kind: kind, Title: title, Height: len(bars)*barPitch + 8, Total: total}
	var words []string
	for i, b := range bars {
		w := 0
		if total > 0 {
			w = b.N * barSpan / total
		}
		if b.N > 0 {
			w = max(w, 2)
		}
		c.Rows = append(c.Rows, barRow{Name: b.Name, N: b.N, Y: 4 + i*barPitch, Width: w, Class: "bar-" + ident("", b.Name)})
		words = append(words, b.Name+" "+strconv.Itoa(b.N))
	}
	c.Label = title + ": " + strings.Join(words, ", ")
	return c
}

// heatGrid lays out a transition table as a heat map.
type heatGrid struct {
	T             Transition
	Width, Height int
	Cells         []heatCell
	Label         string
}

type heatCell struct {
	X, Y, N int
	Opacity string
	Dark    bool
}

const (
	heatLeft = 110
	heatTop  = 70
	heatColW = 56
	heatRow  = 30
)

func heat(t Transition) heatGrid {
	top := 0
	for _, row := range t.Cells {
		for _, n := range row {
			top = max(top, n)
		}
	}
	g := heatGrid{T: t, Width: heatLeft + len(t.Cols)*heatColW + 4, Height: heatTop + len(t.Rows)*heatRow + 4}
	var words []string
	for i, row := range t.Cells {
		for j, n := range row {
			op := 0.0
			if n > 0 {
				op = 0.12 + 0.88*float64(n)/float64(top)
			}
			g.Cells = append(g.Cells, heatCell{X: heatLeft + j*heatColW, Y: heatTop + i*heatRow, N: n,
				Opacity: strconv.FormatFloat(op, 'f', 2, 64), Dark: op > 0.8})
			if n > 0 {
				words = append(words, fmt.Sprintf("%d from %s to %s", n, t.Rows[i], t.Cols[j]))
			}
		}
	}
	g.Label = "partners moving from " + t.From + " to " + t.To + ": " + strings.Join(words, ", ")
	return g
}

// heading opens or closes a heading of level n (2 to 6): a statement is a
// section of the report and a page of its own.
func heading(n int, closing bool) template.HTML {
	n = min(6, max(1, n))
	if closing {
		return template.HTML("</h" + strconv.Itoa(n) + ">")
	}
	return template.HTML("<h" + strconv.Itoa(n) + ">")
}

// atLevel is a statement and the level of its headings.
type atLevel struct {
	S *Statement
	H int
}

func level(s *Statement, h int) atLevel { return atLevel{s, h} }

// textBar draws a percentage as ten cells, for Markdown.
func textBar(pct int) string {
	full := min(10, max(0, pct/10))
	return "[" + strings.Repeat("#", full) + strings.Repeat("-", 10-full) + "]"
}

func trackName(id string) string {
	if id == "" {
		return "the program's one track"
	}
	return id
}
