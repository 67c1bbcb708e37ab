// Package schema is `tiercalc rules schema`: the JSON Schema of a file
// format, for editors and CI.
package schema

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/internal/suggest"
	jsonschema "github.com/tiercalc/tiercalc/pkg/schema"
)

// SchemaOptions are the settings of `rules schema`.
type SchemaOptions struct {
	Factory *cmdutil.Factory
	Name    string
}

// NewCmdSchema builds `tiercalc rules schema`.
func NewCmdSchema(f *cmdutil.Factory, runF func(*SchemaOptions) error) *cobra.Command {
	o := &SchemaOptions{Factory: f, Name: jsonschema.Names()[0]}
	var lines []string
	for _, e := range jsonschema.Entries() {
		lines = append(lines, fmt.Sprintf("  %-9s %s", e.Name, e.Short))
	}
	cmd := &cobra.Command{
		Use:   "schema [" + strings.Join(jsonschema.Names(), "|") + "]",
		Short: "Print the JSON Schema of rulebooks, costs files or partner records",
		Long: `Print a JSON Schema (draft 2020-12) of a file format, for editors (completion
and a description of every key on hover) and for CI. With no argument, the
rulebook's:

` + strings.Join(lines, "\n") + `

The schemas are generated from the tables tiercalc's own decoders read, so they
follow the binary they come from. The names a schema knows (credentials,
metrics, competencies, attestations, tiers) are the built-in ones and those of
the loaded rulebooks (--rules adds yours). tiercalc's own checks go further
(sources cited but not listed, tiers less strict than the tier below): run
tiercalc rules validate too.

In VS Code (with the YAML extension) and other editors that use the YAML
language server, a first line of a rulebook such as
  # yaml-language-server: $schema=./tiercalc-rulebook.schema.json
points at the schema written beside it.`,
		Example: `  tiercalc rules schema > tiercalc-rulebook.schema.json
  tiercalc rules schema costs
  tiercalc rules schema partner --rules ./our-rules`,
		Args:      cmdutil.MaxArgs(1),
		ValidArgs: jsonschema.Names(),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.Name = args[0]
			}
			if _, ok := jsonschema.Lookup(o.Name); !ok {
				e := cmdutil.UsageErrorf("rules schema: no schema %q (there are: %s)", o.Name, strings.Join(jsonschema.Names(), ", "))
				if m := suggest.Closest(o.Name, jsonschema.Names()); m != "" {
					e.Hintf("did you mean %q?", m)
				}
				return e
			}
			if runF != nil {
				return runF(o)
			}
			return schemaRun(o)
		},
	}
	return cmd
}

func schemaRun(o *SchemaOptions) error {
	set, err := o.Factory.Rules()
	if err != nil {
		return err
	}
	e, _ := jsonschema.Lookup(o.Name)
	b, err := jsonschema.JSON(e.Generate(jsonschema.Inputs{Records: set.Schema()}))
	if err != nil {
		return err
	}
	_, err = o.Factory.IOStreams.ResultsOut().Write(b)
	return err
}
