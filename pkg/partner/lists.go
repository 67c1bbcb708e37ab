package partner

import (
	"slices"
	"strings"
)

// knownItem returns the canonical form of a list item given as bytes,
// remembering it so that repeated items cost no allocation.
func (b *builder) knownItem(f *field, raw []byte) (string, *RecordError) {
	m := b.known[f.kind-kProfiles]
	if c, ok := m[string(raw)]; ok {
		return c, nil
	}
	it := string(raw)
	c, err := b.listItem(f, it)
	if err != nil {
		return "", err
	}
	if m == nil {
		m = map[string]string{}
		b.known[f.kind-kProfiles] = m
	}
	if len(m) < 4096 {
		m[it] = c
	}
	return c, nil
}

// setListString sets a list field from a ';'-separated trimmed value; ""
// leaves the list unknown (nil).
func (b *builder) setListString(r *Record, f *field, v string) *RecordError {
	if v == "" {
		b.setList(r, f, nil)
		return nil
	}
	items := b.scratch[:0]
	start := 0
	for i := 0; i <= len(v); i++ {
		if i == len(v) || v[i] == ';' {
			if item := strings.TrimSpace(v[start:i]); item != "" {
				items = append(items, item)
			}
			start = i + 1
		}
	}
	b.scratch = items
	return b.commitList(r, f, items, false)
}

// commitList checks, canonicalises and de-duplicates trimmed, non-empty,
// valid UTF-8 items in place (checked: already done), then stores them: a
// non-nil list even when empty.
func (b *builder) commitList(r *Record, f *field, items []string, checked bool) *RecordError {
	n := 0
	for _, it := range items {
		c := it
		if !checked {
			var err *RecordError
			if c, err = b.listItem(f, it); err != nil {
				return err
			}
		}
		if !slices.Contains(items[:n], c) {
			items[n] = c
			n++
		}
	}
	var out []string
	if n == 0 {
		out = []string{}
	} else {
		if len(b.strs) < n {
			b.strs = make([]string, max(256, n))
		}
		out = b.strs[:n:n]
		b.strs = b.strs[n:]
		copy(out, items[:n])
	}
	b.setList(r, f, out)
	return nil
}

func (b *builder) setList(r *Record, f *field, l []string) {
	switch f.kind {
	case kProfiles:
		r.Profiles = l
	case kCompetencies:
		r.Competencies = l
	case kAttestations:
		r.Attestations = l
	}
}

// listItem returns the canonical spelling of a list item (case-insensitive
// match) or an error with a did-you-mean hint.
func (b *builder) listItem(f *field, it string) (string, *RecordError) {
	switch f.kind {
	case kProfiles:
		i := slices.Index(Profiles, it)
		if i < 0 {
			i = slices.IndexFunc(Profiles, func(p string) bool { return strings.EqualFold(p, it) })
		}
		if i >= 0 {
			return Profiles[i], nil
		}
		return "", fieldErr(f, "unknown profile "+quote(it), hintFor(it, Profiles, "profiles"))
	case kCompetencies:
		if b.s.KnownCompetency(it) {
			return it, nil
		}
		if l := strings.ToLower(it); b.s.KnownCompetency(l) {
			return l, nil
		}
		if b.competencies == nil {
			b.competencies = b.s.Competencies()
		}
		return "", fieldErr(f, "unknown competency "+quote(it), hintFor(it, b.competencies, "competencies"))
	case kAttestations:
		if b.s.KnownAttestation(it) {
			return it, nil
		}
		if l := strings.ToLower(it); b.s.KnownAttestation(l) {
			return l, nil
		}
		if b.attestations == nil {
			b.attestations = b.s.AttestationIDs()
		}
		return "", fieldErr(f, "unknown attestation "+quote(it), hintFor(it, b.attestations, "attestations"))
	}
	return it, nil
}
