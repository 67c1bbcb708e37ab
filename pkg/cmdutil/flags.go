package cmdutil

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tiercalc/tiercalc/pkg/internal/suggest"
)

// EnumValue is a pflag.Value that accepts one of a fixed set of words, so a
// bad value is refused while flags are parsed, from the command line, the
// environment or a config file alike.
type EnumValue struct {
	allowed []string
	value   *string
}

// Allowed lists the words the flag accepts.
func (e *EnumValue) Allowed() []string { return e.allowed }

func (e *EnumValue) String() string { return *e.value }
func (e *EnumValue) Type() string   { return "string" }
func (e *EnumValue) Set(s string) error {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, a := range e.allowed {
		if s == a {
			*e.value = s
			return nil
		}
	}
	msg := fmt.Sprintf("%q is not one of %s", s, strings.Join(e.allowed, ", "))
	if m := suggest.Closest(s, e.allowed); m != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", m)
	}
	return errors.New(msg)
}

// StringEnumFlag defines a flag that takes one of options: its help lists
// them as {a|b}, the shell completes them, and any other value is refused
// while flags parse.
func StringEnumFlag(cmd *cobra.Command, p *string, name, shorthand, def string, options []string, usage string) *pflag.Flag {
	*p = def
	v := &EnumValue{allowed: options, value: p}
	f := cmd.Flags().VarPF(v, name, shorthand, fmt.Sprintf("%s: {%s}", usage, strings.Join(options, "|")))
	_ = cmd.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(options, cobra.ShellCompDirectiveNoFileComp))
	return f
}

// DateLayout is how dates are written on the command line and in messages.
const DateLayout = time.DateOnly

const dateForm = "use the form YYYY-MM-DD, e.g. --as-of 2025-06-01"

// DateError is a value that is not a YYYY-MM-DD date.
type DateError struct{ Value string }

func (e *DateError) Error() string        { return fmt.Sprintf("%q is not a date", e.Value) }
func (e *DateError) ErrorHints() []string { return []string{dateForm} }

// DateFlag is a pflag.Value holding a date; unset or "today" means today by
// the command's clock, read when the command runs (Time).
type DateFlag struct {
	t     time.Time
	given string
}

func (d *DateFlag) String() string { return d.given }
func (d *DateFlag) Type() string   { return "date" }
func (d *DateFlag) Set(s string) error {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "today") {
		d.t, d.given = time.Time{}, s
		return nil
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return &DateError{Value: s}
	}
	d.t, d.given = t, s
	return nil
}

// Time is the date held, or today by now when none (or "today") was given.
func (d *DateFlag) Time(now func() time.Time) time.Time {
	if d.t.IsZero() {
		return Today(now)
	}
	return d.t
}

// Today is the day of now, at midnight UTC.
func Today(now func() time.Time) time.Time {
	y, m, day := now().Date()
	return time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
}

// ParseDate reads a date given as text (in ID@DATE, say); "" and "today"
// mean today by now.
func ParseDate(s string, now func() time.Time) (time.Time, error) {
	var d DateFlag
	if strings.TrimSpace(s) == "" {
		return Today(now), nil
	}
	if err := d.Set(s); err != nil {
		return time.Time{}, err
	}
	return d.Time(now), nil
}
