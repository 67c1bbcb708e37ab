package cli

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
)

// applySettings fills every flag the user did not set from, in order of
// precedence, the TIERCALC_* environment and the config file. Commands then
// read only their options struct, and a flag's default stays the last resort.
func applySettings(cmd *cobra.Command, d *Deps) error {
	v := viper.New()
	v.SetEnvPrefix("TIERCALC")
	v.SetEnvKeyReplacer(strings.NewReplacer("-", "_"))

	cfg, from := "", ""
	if f := cmd.Flags().Lookup("config"); f != nil && f.Changed {
		cfg, from = f.Value.String(), "--config"
	} else if env := d.Getenv("TIERCALC_CONFIG"); env != "" {
		cfg, from = env, "TIERCALC_CONFIG"
	}
	switch {
	case cfg != "":
		// A config file that is asked for must exist.
		if _, err := os.Stat(cfg); err != nil {
			return usageErr("config file %s: %v", cfg, errors.Unwrap(err)).
				hint("point %s at an existing file, or leave it out to use %s", from, defaultConfig(d))
		}
		v.SetConfigFile(cfg)
		if err := v.ReadInConfig(); err != nil {
			return usageErr("config file %s: %v", cfg, err)
		}
	case defaultConfig(d) != "":
		// The one default place, in the user's config folder; never the
		// working directory, where a file must not change results
		// unannounced. Its absence is not an error.
		path := defaultConfig(d)
		if _, err := os.Stat(path); err == nil {
			v.SetConfigFile(path)
			if err := v.ReadInConfig(); err != nil {
				return usageErr("config file %s: %v", path, err)
			}
		}
	}

	if err := checkConfigKeys(cmd, v); err != nil {
		return err
	}

	var errs []error
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Changed || f.Name == "config" || f.Name == "help" {
			return
		}
		env := "TIERCALC_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		val, from, ok := "", "", false
		if s := d.Getenv(env); s != "" {
			val, from, ok = s, env, true
		} else if v.IsSet(f.Name) {
			from, ok = "config key "+f.Name, true
			if sv, isSlice := f.Value.(pflag.SliceValue); isSlice {
				if err := sv.Replace(configStrings(v.Get(f.Name))); err != nil {
					errs = append(errs, fmt.Errorf("%s: %w", from, err))
				}
				return
			}
			val = configString(v.Get(f.Name))
		}
		if !ok {
			return
		}
		// One config file and one environment serve every command: a
		// value another command takes for a flag of the same name (output:
		// csv, which rules list lacks) is not this command's to refuse.
		if e, isEnum := f.Value.(*enumValue); isEnum && !slices.Contains(e.allowed, strings.ToLower(val)) &&
			enumElsewhere(cmd.Root(), f.Name, strings.ToLower(val)) {
			return
		}
		if sv, isSlice := f.Value.(pflag.SliceValue); isSlice {
			parts := strings.Split(val, ",")
			for i := range parts {
				parts[i] = strings.TrimSpace(parts[i])
			}
			if err := sv.Replace(parts); err != nil {
				errs = append(errs, fmt.Errorf("%s=%s: %w", from, val, err))
			}
			return
		}
		if err := f.Value.Set(val); err != nil {
			errs = append(errs, fmt.Errorf("%s=%s: %w", from, val, err))
		}
	})
	if len(errs) > 0 {
		e := &ExitError{Code: ExitUsage, Err: errors.Join(errs...)}
		if strings.Contains(e.Error(), "is not a date") {
			e.hint(dateForm)
		}
		return e
	}
	return nil
}

// defaultConfig is the config file read when neither --config nor
// TIERCALC_CONFIG names one: $XDG_CONFIG_HOME/tiercalc/config.yaml, else
// ~/.config/tiercalc/config.yaml; "" when neither variable is set.
func defaultConfig(d *Deps) string {
	if x := d.Getenv("XDG_CONFIG_HOME"); x != "" {
		return filepath.Join(x, "tiercalc", "config.yaml")
	}
	if h := d.Getenv("HOME"); h != "" {
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
		c.Flags().VisitAll(func(f *pflag.Flag) { known[f.Name] = true })
		c.PersistentFlags().VisitAll(func(f *pflag.Flag) { known[f.Name] = true })
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(cmd.Root())
	names := make([]string, 0, len(known))
	for k := range known {
		names = append(names, k)
	}
	for _, key := range v.AllKeys() {
		if known[key] {
			continue
		}
		e := usageErr("config file %s: unknown setting %q", v.ConfigFileUsed(), key)
		if m := closest(key, names); m != "" {
			e.hint("did you mean %q?", m)
		}
		return e.hint("settings are flag names, e.g. output: json or program: [vpn-2009]")
	}
	return nil
}

// configString reads one config value as a flag would take it; YAML reads an
// unquoted 2025-06-01 as a timestamp, which becomes the date again.
func configString(v any) string {
	if t, isTime := v.(time.Time); isTime {
		return t.Format(dateLayout)
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
		if e, isEnum := f.Value.(*enumValue); isEnum && slices.Contains(e.allowed, val) {
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
