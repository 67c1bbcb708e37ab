package ci

import "io"

// Capped writes annotations to w, at most MaxAnnotations of each level;
// Close then writes, for each level over the cap, one annotation of that
// level saying how many were left out (in More's words), so that nothing
// is dropped silently by GitHub's own cap.
type Capped struct {
	w    io.Writer
	more func(level string, n int) string
	seen map[string]int
	buf  []byte
}

// NewCapped returns a Capped writing to w; more words the summary of n
// annotations of level left out.
func NewCapped(w io.Writer, more func(level string, n int) string) *Capped {
	return &Capped{w: w, more: more, seen: map[string]int{}}
}

// Add writes a, or counts it when its level's cap is reached.
func (c *Capped) Add(a Annotation) error {
	if a.Level == "" {
		a.Level = "error"
	}
	c.seen[a.Level]++
	if c.seen[a.Level] > MaxAnnotations {
		return nil
	}
	c.buf = AppendAnnotation(c.buf[:0], a)
	_, err := c.w.Write(c.buf)
	return err
}

// Close writes the summaries of the levels over the cap, errors first.
func (c *Capped) Close() error {
	for _, level := range []string{"error", "warning", "notice"} {
		if n := c.seen[level] - MaxAnnotations; n > 0 {
			c.buf = AppendAnnotation(c.buf[:0], Annotation{Level: level, Title: "more", Message: c.more(level, n)})
			if _, err := c.w.Write(c.buf); err != nil {
				return err
			}
		}
	}
	return nil
}
