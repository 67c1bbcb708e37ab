package rulebook

// DatedDiff is Diff between two editions of one program, each change
// naming the edition that made it (DiffEntry.Edition): the last edition
// between a's and b's whose own step changed the same requirement, or
// tier, on the same track. Going back in time (b older than a), a change
// names the edition it undoes. Across programs, use Diff: editions of two
// programs do not follow each other.
func DatedDiff(a, b *Resolved) []DiffEntry {
	out := Diff(a, b)
	if a.Program != b.Program || a.Edition == b.Edition {
		return out
	}
	from, to := a, b
	if b.Effective.Before(a.Effective) {
		from, to = b, a
	}
	prev := from
	for _, e := range from.Program.datedEditions() {
		if !e.Effective.After(from.Effective) || e.Effective.After(to.Effective) {
			continue
		}
		next := from.Program.At(e.Effective)
		for _, step := range Diff(prev, next) {
			for i := range out {
				if sameSubject(out[i], step) {
					out[i].Edition = e.ID
				}
			}
		}
		prev = next
	}
	return out
}

// sameSubject is whether two changes are about the same thing: the same
// track and tier, and the same requirement (what it tests) or the tier
// itself.
func sameSubject(x, y DiffEntry) bool {
	return x.Track == y.Track && x.Key == y.Key && x.ToTier == y.ToTier && x.FromTier == y.FromTier
}
