package root

import (
	"strings"

	"github.com/spf13/cobra"
)

// sample is one partner record as CSV, in a shell's printf: examples built
// on it work with the binary alone, no file at hand.
const sample = `printf 'id,country,VTSP,VSP,VCP-DCV,competencies,revenue_usd\nP1,FR,2,1,1,infrastructure-virtualization,15000\n'`

// binaryExamples are, per command, examples that need nothing but the
// binary (records come from printf, rulebooks from rules export). They are
// added after a command's own examples, which may name files; a test runs
// every example that needs no file.
var binaryExamples = map[string][]string{
	"check":                 {sample + " | tiercalc check -p vpn-2009"},
	"compare":               {sample + " | tiercalc compare -p vpn-2009 -p partner-connect-2020"},
	"why":                   {sample + " | tiercalc why P1 -p vpn-2009"},
	"plan":                  {sample + " | tiercalc plan -p vpn-2009 --as-of 2009-09-01"},
	"summary":               {sample + " | tiercalc summary -p vpn-2009 -o markdown"},
	"report":                {sample + " | tiercalc report -p vpn-2009 > report.html"},
	"statement":             {sample + " | tiercalc statement P1 -p vpn-2009"},
	"version":               {"tiercalc version", "tiercalc --version"},
	"rules list":            {"tiercalc rules list", "tiercalc rules list -o json"},
	"rules show":            {"tiercalc rules show vpn-2009 --as-of 2009-06-01", "tiercalc rules show broadcom-advantage-2024 -o yaml"},
	"rules validate":        {"tiercalc rules export vpn-2009 | tiercalc rules validate -", "tiercalc rules init | tiercalc rules validate -"},
	"rules diff":            {"tiercalc rules diff vpn-2009 partner-connect-2020 -o markdown"},
	"rules schema":          {"tiercalc rules schema partner"},
	"rules export":          {"tiercalc rules export broadcom-advantage-2024"},
	"rules init":            {"tiercalc rules init"},
	"rules":                 {"tiercalc rules list", "tiercalc rules export vpn-2009 > vpn-2009.yaml"},
	"completion":            {"tiercalc completion bash > tiercalc.bash"},
	"completion bash":       {"source <(tiercalc completion bash)", "tiercalc completion bash > tiercalc.bash"},
	"completion zsh":        {"tiercalc completion zsh > _tiercalc"},
	"completion fish":       {"tiercalc completion fish > tiercalc.fish"},
	"completion powershell": {"tiercalc completion powershell > tiercalc.ps1"},
}

// addExamples appends binaryExamples to the commands of the tree.
func addExamples(root *cobra.Command) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		path := strings.TrimPrefix(c.CommandPath(), root.Name()+" ")
		for _, ex := range binaryExamples[path] {
			if strings.Contains(c.Example, ex) {
				continue
			}
			if c.Example != "" {
				c.Example += "\n"
			}
			c.Example += "  " + ex
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}
