package root

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/tiercalc/tiercalc/pkg/cmdutil"
	"github.com/tiercalc/tiercalc/pkg/internal/suggest"
)

// applySettings fills every flag the user did not set from, in order of
// precedence, the TIERCALC_* environment and the config file. Commands then
// read only their options struct, and a flag's default stays the last resort.
func applySettings(cmd *cobra.Command, f *cmdutil.Factory) error {
	// The environment layer is read by hand below, flag by flag, so that
	// its values go through the flags' own parsing; viper reads the file.
	v := viper.New()
	if err := readConfig(cmd, f.Getenv, v); err != nil {
		return err
	}
	if err := checkConfigKeys(cmd, v); err != nil {
		return err
	}

	var errs []error
	cmd.Flags().VisitAll(func(fl *pflag.Flag) {
		if fl.Changed || fl.Name == "config" || fl.Name == "help" || cmdutil.FlagOnly(fl) {
			return
		}
		if err := applySetting(cmd, fl, f.Getenv, v); err != nil {
			errs = append(errs, err)
		}
	})
	if err := applyColumns(cmd, v); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		// A bad date brings its hint along (cmdutil.DateError).
		return &cmdutil.ExitError{Code: cmdutil.ExitUsage, Err: errors.Join(errs...)}
	}
	return nil
}

// readConfig reads into v the config file named by --config or
// TIERCALC_CONFIG, which must exist, else the default one if it exists.
func readConfig(cmd *cobra.Command, getenv func(string) string, v *viper.Viper) error {
	cfg, from := "", ""
	if fl := cmd.Flags().Lookup("config"); fl != nil && fl.Changed {
		cfg, from = fl.Value.String(), "--config"
	} else if env := getenv("TIERCALC_CONFIG"); env != "" {
		cfg, from = env, "TIERCALC_CONFIG"
	}
	switch {
	case cfg != "":
		// A config file that is asked for must exist.
		if _, err := os.Stat(cfg); err != nil {
			return cmdutil.UsageErrorf("config file %s: %v", cfg, errors.Unwrap(err)).
				Hintf("point %s at an existing file, or leave it out to use %s", from, defaultConfig(getenv))
		}
		v.SetConfigFile(cfg)
		if err := v.ReadInConfig(); err != nil {
			return cmdutil.UsageErrorf("config file %s: %v", cfg, err)
		}
	case defaultConfig(getenv) != "":
		// The one default place, in the user's config folder; never the
		// working directory, where a file must not change results
		// unannounced. Its absence is not an error.
		path := defaultConfig(getenv)
		if _, err := os.Stat(path); err == nil {
			v.SetConfigFile(path)
			if err := v.ReadInConfig(); err != nil {
				return cmdutil.UsageErrorf("config file %s: %v", path, err)
			}
		}
	}
	return nil
}

// applySetting sets one flag the user did not set from its TIERCALC_*
// variable, else from the config key of its name; nil when neither has it.
func applySetting(cmd *cobra.Command, fl *pflag.Flag, getenv func(string) string, v *viper.Viper) error {
	env := "TIERCALC_" + strings.ToUpper(strings.ReplaceAll(fl.Name, "-", "_"))
	val, from := "", ""
	if s := getenv(env); s != "" {
		val, from = s, env
	} else if v.IsSet(fl.Name) {
		from = "config key " + fl.Name
		if sv, isSlice := fl.Value.(pflag.SliceValue); isSlice {
			if err := sv.Replace(configStrings(v.Get(fl.Name))); err != nil {
				return fmt.Errorf("%s: %w", from, err)
			}
			return nil
		}
		val = configString(v.Get(fl.Name))
	} else {
		return nil
	}
	// One config file and one environment serve every command: a
	// value another command takes for a flag of the same name (output:
	// csv, which rules list lacks) is not this command's to refuse.
	if e, isEnum := fl.Value.(*cmdutil.EnumValue); isEnum && !slices.Contains(e.Allowed(), strings.ToLower(val)) &&
		enumElsewhere(cmd.Root(), fl.Name, strings.ToLower(val)) {
		return nil
	}
	if sv, isSlice := fl.Value.(pflag.SliceValue); isSlice {
		parts := strings.Split(val, ",")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		if err := sv.Replace(parts); err != nil {
			return fmt.Errorf("%s=%s: %w", from, val, err)
		}
		return nil
	}
	if err := fl.Value.Set(val); err != nil {
		return fmt.Errorf("%s=%s: %w", from, val, err)
	}
	return nil
}

// defaultConfig is the config file read when neither --config nor
// TIERCALC_CONFIG names one: $XDG_CONFIG_HOME/tiercalc/config.yaml, else
// ~/.config/tiercalc/config.yaml; "" when neither variable is set.
func defaultConfig(getenv func(string) string) string {
	if x := getenv("XDG_CONFIG_HOME"); x != "" {
		return filepath.Join(x, "tiercalc", "config.yaml")
	}
	if h := getenv("HOME"); h != "" {
		return filepath.Join(h, ".config", "tiercalc", "config.yaml")
	}
	return ""
}

// checkConfigKeys refuses a config key that is no flag of any command: a
// misspelt setting must not be ignored silently. Keys of other commands are
// fine, since one file serves them all.
func checkConfigKeys(cmd *cobra.Command, v *viper.Viper) error {
	known := map[string]bool{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.Flags().VisitAll(func(f *pflag.Flag) { known[f.Name] = known[f.Name] || !cmdutil.FlagOnly(f) })
		c.PersistentFlags().VisitAll(func(f *pflag.Flag) { known[f.Name] = true })
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(cmd.Root())
	names := make([]string, 0, len(known))
	for k, ok := range known {
		if ok {
			names = append(names, k)
		}
	}
	for _, key := range v.AllKeys() {
		if known[key] || strings.HasPrefix(key, "columns.") && known["map"] {
			continue
		}
		if _, flagOnly := known[key]; flagOnly {
			return cmdutil.UsageErrorf("config file %s: %s is a what-if flag, never a setting", v.ConfigFileUsed(), key).
				Hintf("pass --%s on the command line", key)
		}
		e := cmdutil.UsageErrorf("config file %s: unknown setting %q", v.ConfigFileUsed(), key)
		if m := suggest.Closest(key, names); m != "" {
			e.Hintf("did you mean %q?", m)
		}
		return e.Hintf("settings are flag names, e.g. output: json or program: [vpn-2009]")
	}
	return nil
}

// configString reads one config value as a flag would take it; YAML reads an
// unquoted 2025-06-01 as a timestamp, which becomes the date again.
func configString(v any) string {
	if t, isTime := v.(time.Time); isTime {
		return t.Format(cmdutil.DateLayout)
	}
	return fmt.Sprint(v)
}

// configStrings reads a config value for a repeatable flag: a list, or one
// value.
func configStrings(v any) []string {
	list, isList := v.([]any)
	if !isList {
		return []string{configString(v)}
	}
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = configString(x)
	}
	return out
}

// enumElsewhere reports whether some command's flag called name accepts
// val.
func enumElsewhere(c *cobra.Command, name, val string) bool {
	if f := c.Flags().Lookup(name); f != nil {
		if e, isEnum := f.Value.(*cmdutil.EnumValue); isEnum && slices.Contains(e.Allowed(), val) {
			return true
		}
	}
	for _, sub := range c.Commands() {
		if enumElsewhere(sub, name, val) {
			return true
		}
	}
	return false
}

// applyColumns puts the config file's columns: section (column name:
// field) before the --map entries, which win over it.
func applyColumns(cmd *cobra.Command, v *viper.Viper) error {
	fl := cmd.Flags().Lookup("map")
	if fl == nil || !v.IsSet("columns") {
		return nil
	}
	m, isMap := v.Get("columns").(map[string]any)
	if !isMap {
		return fmt.Errorf("config file %s: columns: want column names each with its field, e.g. Account Name: name", v.ConfigFileUsed())
	}
	entries := columnEntries(m, "")
	slices.Sort(entries)
	sv := fl.Value.(pflag.SliceValue)
	return sv.Replace(append(entries, sv.GetSlice()...))
}

// columnEntries flattens columns: into "column=field" entries; viper reads
// a dot in a key as nesting, so nested keys join again with dots.
func columnEntries(m map[string]any, prefix string) []string {
	var out []string
	for k, val := range m {
		if sub, isMap := val.(map[string]any); isMap {
			out = append(out, columnEntries(sub, prefix+k+".")...)
			continue
		}
		out = append(out, prefix+k+"="+configString(val))
	}
	return out
}
