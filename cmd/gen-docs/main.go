// Command gen-docs writes tiercalc's man pages (section 1) and a Markdown
// command reference, generated from the cobra command tree with cobra's doc
// package, into the folder it is given:
//
//	go run ./cmd/gen-docs DIR
//
// makes DIR/man1/tiercalc*.1 and DIR/markdown/tiercalc*.md, one page per
// command and help topic. The output is reproducible: no date or
// "generated on" line, so two runs on one tree write the same bytes.
package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"github.com/tiercalc/tiercalc/pkg/cmd/root"
	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/iostreams"
)

func main() { os.Exit(run(os.Args[1:], os.Stderr)) }

func run(args []string, stderr io.Writer) int {
	if len(args) != 1 || strings.HasPrefix(args[0], "-") {
		fmt.Fprintln(stderr, "usage: gen-docs DIR (writes DIR/man1 and DIR/markdown)")
		return 2
	}
	if err := generate(args[0]); err != nil {
		fmt.Fprintf(stderr, "gen-docs: %v\n", err)
		return 1
	}
	return 0
}

// tree builds tiercalc's command tree with nothing of this machine in it:
// no environment, a fixed clock, no version.
func tree() *cobra.Command {
	ios := iostreams.New(strings.NewReader(""), io.Discard, io.Discard)
	f := cmdutil.NewFactory(ios, func() time.Time { return time.Unix(0, 0).UTC() }, func(string) string { return "" }, "")
	c := root.NewCmdRoot(f)
	c.DisableAutoGenTag = true // no "Auto generated ... on DATE" line
	return c
}

// pages lists every command that gets a page: the available commands and
// the help topics (which cobra's tree walkers leave out).
func pages(c *cobra.Command) []*cobra.Command {
	out := []*cobra.Command{c}
	for _, sub := range c.Commands() {
		if sub.IsAvailableCommand() || sub.IsAdditionalHelpTopicCommand() {
			out = append(out, pages(sub)...)
		}
	}
	return out
}

// thDate is the date field of a man page's .TH line, which cobra always
// fills; it is emptied for reproducible pages.
var thDate = regexp.MustCompile(`(?m)^(\.TH "[^"]*" "[^"]*") "[^"]*"`)

func generate(dir string) error {
	c := tree()
	man, md := filepath.Join(dir, "man1"), filepath.Join(dir, "markdown")
	for _, d := range []string{man, md} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	epoch := time.Unix(0, 0).UTC()
	for _, p := range pages(c) {
		p.DisableAutoGenTag = true
		base := strings.ReplaceAll(p.CommandPath(), " ", "-")
		var b bytes.Buffer
		hdr := &doc.GenManHeader{Title: strings.ToUpper(base), Section: "1", Source: "tiercalc", Manual: "tiercalc manual", Date: &epoch}
		if err := doc.GenMan(p, hdr, &b); err != nil {
			return err
		}
		page := thDate.ReplaceAll(b.Bytes(), []byte(`$1 ""`))
		if err := os.WriteFile(filepath.Join(man, base+".1"), page, 0o644); err != nil {
			return err
		}
		b.Reset()
		if err := doc.GenMarkdown(p, &b); err != nil {
			return err
		}
		name := strings.ReplaceAll(p.CommandPath(), " ", "_") + ".md"
		if err := os.WriteFile(filepath.Join(md, name), b.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}
