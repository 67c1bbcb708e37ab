package ci

import "io"

// Capped writes annotations to w, at most MaxAnnotations of each level
// (GitHub shows no more per step and drops the rest silently): the first
// MaxAnnotations-1 as they come, and the last place holds either the next
// one, when it is the last of its level, or one annotation that counts
// those left out (in More's words), written by Close. It streams: nothing
// is kept but one annotation per level.
type Capped struct {
	w    io.Writer
	more func(level string, n int) Annotation
	seen map[string]int
	held map[string]Annotation
	buf  []byte
}

// NewCapped returns a Capped writing to w; more gives the annotation that
// says n annotations of level were left out (its Level is set for it).
func NewCapped(w io.Writer, more func(level string, n int) Annotation) *Capped {
	return &Capped{w: w, more: more, seen: map[string]int{}, held: map[string]Annotation{}}
}

// Add writes a, holds it for the last place, or counts it.
func (c *Capped) Add(a Annotation) error {
	if a.Level == "" {
		a.Level = "error"
	}
	c.seen[a.Level]++
	switch n := c.seen[a.Level]; {
	case n < MaxAnnotations:
		return c.write(a)
	case n == MaxAnnotations:
		c.held[a.Level] = a
	}
	return nil
}

// Close fills the last place of each level that reached it: the held
// annotation, or the count of those left out. Errors first.
func (c *Capped) Close() error {
	for _, level := range []string{"error", "warning", "notice"} {
		n := c.seen[level]
		switch {
		case n == MaxAnnotations:
			if err := c.write(c.held[level]); err != nil {
				return err
			}
		case n > MaxAnnotations:
			a := c.more(level, n-MaxAnnotations+1)
			a.Level = level
			if err := c.write(a); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c *Capped) write(a Annotation) error {
	c.buf = AppendAnnotation(c.buf[:0], a)
	_, err := c.w.Write(c.buf)
	return err
}
