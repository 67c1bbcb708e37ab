// Package template is `tiercalc template`: an empty input file with every
// column the selected programs use, so a user knows what to fill in.
package template

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/report"
)

// TemplateOptions are the settings of `tiercalc template`.
type TemplateOptions struct {
	Factory  *cmdutil.Factory
	Print    *cmdutil.PrintFlags
	Programs []string
	Explain  bool
}

// NewCmdTemplate builds `tiercalc template`.
func NewCmdTemplate(f *cmdutil.Factory, runF func(*TemplateOptions) error) *cobra.Command {
	opts := &TemplateOptions{Factory: f, Print: cmdutil.NewPrintFlags(report.ViewTemplate)}
	cmd := &cobra.Command{
		Use:   "template",
		Short: "Write an empty input file with every column the selected programs use",
		Long: "Write an empty input file: the header row of every column the selected programs use.\n" +
			"With -o xlsx a second sheet, columns, says what each column holds; with -o csv,\n" +
			"--explain lists the same instead of the file.",
		Example: "  tiercalc template -p broadcom-advantage-2024 > partners.csv\n" +
			"  tiercalc template -o xlsx > partners.xlsx\n" +
			"  tiercalc template --explain",
		Args: cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Explain && opts.Print.Format() != report.CSV {
				return cmdutil.UsageErrorf("--explain applies to -o csv; -o xlsx explains the columns on its second sheet")
			}
			if runF != nil {
				return runF(opts)
			}
			return templateRun(opts)
		},
	}
	cmd.Flags().StringArrayVarP(&opts.Programs, "program", "p", nil, "columns of this program `ID` (repeatable; default: every loaded program)")
	cmd.Flags().BoolVar(&opts.Explain, "explain", false, "list the columns, the programs that use them and what to write, instead of the file")
	opts.Print.AddFlags(cmd)
	return cmd
}

func templateRun(o *TemplateOptions) error {
	f := o.Factory
	if err := o.Print.CheckTerminal(f.IOStreams); err != nil {
		return err
	}
	set, err := f.Rules()
	if err != nil {
		return err
	}
	progs, err := cmdutil.SelectPrograms(set, o.Programs)
	if err != nil {
		return err
	}
	cols := Columns(progs, set.Programs(), set.Schema().NumFields())
	header := make([]string, len(cols))
	rows := make([][]string, len(cols))
	for i, c := range cols {
		header[i] = c.Name
		rows[i] = []string{c.Name, c.UsedBy, c.What}
	}
	return cmdutil.WriteBuffered(f.IOStreams.ResultsOut(), func(w *bufio.Writer) error {
		switch {
		case o.Print.Format() == report.XLSX:
			return report.WriteTemplate(w, header, []string{"column", "used by", "what to write (an empty cell is unknown, not zero)"}, rows)
		case o.Explain:
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "COLUMN\tUSED BY\tWHAT TO WRITE (an empty cell is unknown, not zero)")
			for _, r := range rows {
				fmt.Fprintf(tw, "%s\t%s\t%s\n", r[0], r[1], r[2])
			}
			return tw.Flush()
		}
		cw := csv.NewWriter(w)
		if err := cw.Write(header); err != nil {
			return err
		}
		cw.Flush()
		return cw.Error()
	})
}
