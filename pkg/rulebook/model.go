// Package rulebook holds the model of a partner program's rules: its tracks,
// tiers and requirements, the dated editions that change them, and strict
// YAML decoding and validation with file:line:column positions.
//
// Two keys shape how tiers relate over a track and over time:
//
//   - without: [requirement-id, ...] on a tier. Tiers are cumulative: a
//     tier's effective requirements are those of the tier below, minus the
//     ids its without: lists, plus its own (Track.Effective). Each id names
//     a top-level requirement of a lower tier of the same track, still in
//     the effective set below, in the base edition and after every edition
//     (a drop: or remove: of that requirement takes it out of without:
//     too). A partner qualifies for the highest tier whose effective set it
//     meets, so a tier can be reached without the one below it.
//   - held_until: DATE on an edition's regions: change (or drop: true). A
//     partner whose current tier the change takes away (the tier no longer
//     exists in its region, or at all) keeps it, with status grace, until
//     that day inclusive, unless it qualifies for a tier above it. The day
//     is on or after the edition's start, and a regions: change with it
//     must take the tier from some region. Resolved tracks record every
//     tier an edition takes away in Track.Retired (held or not), which
//     also lets results say why a tier is missing.
//
// A source's date: is as precise as the source gives it: YYYY, YYYY-MM or
// YYYY-MM-DD.
package rulebook

import "time"

// Pos is a place in a rulebook file.
type Pos struct {
	File string
	Line int
	Col  int
}

// Program is one decoded rulebook: the program's base edition plus the dated
// editions that change it.
type Program struct {
	ID        string
	Name      string
	Vendor    string
	Effective time.Time // first day of the base edition
	Ends      time.Time // the last day in force; zero when the program has no end date
	Edition   string    // id of the base edition; defaults to the effective date
	Summary   string

	Sources     []*Source
	Vocabulary  Vocabulary
	Predecessor *Mapping // nil when the program has no predecessor
	Grace       *Grace   // nil when the program grants no grace period
	Derived     []*Derived
	Tracks      []*Track
	Editions    []*Edition // later editions, in date order

	Pos Pos

	at fieldPos // where each field was written
	// source is the file's bytes as read, for rules export; embedded
	// says they were built into the binary (LoadFSAs).
	source   []byte
	embedded bool
}

// Source is a reference that requirements cite by ID.
type Source struct {
	ID    string
	Title string
	URL   string
	Date  string
	Pos   Pos
}

// VocabEntry names one credential, metric, competency or attestation.
type VocabEntry struct {
	ID    string
	Label string
	Unit  string // metrics and credentials: "USD", "people", "cores", ...
	Pos   Pos
}

// Vocabulary lists the names a program's requirements use. Names beyond the
// built-in ones of the README's contract extend the record format.
type Vocabulary struct {
	Credentials  []*VocabEntry
	Metrics      []*VocabEntry
	Competencies []*VocabEntry
	Attestations []*VocabEntry
}

// Mapping says how the predecessor program's tiers map onto this program's,
// so that a current_tier from the old program is understood by the new one.
type Mapping struct {
	Program      string // predecessor program id
	Illustrative bool   // true when the mapping is by rank only, not documented
	Source       string
	Note         string
	Tiers        []*TierMap
	Pos          Pos

	at fieldPos // where each field was written
}

// TierMap maps one predecessor tier to one of this program's tiers, on one
// track ("" for every track).
type TierMap struct {
	From  string
	To    string
	Track string
	Pos   Pos

	at fieldPos // where each field was written
}

// Grace is the window during which a partner keeps a current tier it no
// longer qualifies for.
type Grace struct {
	From   time.Time      // the window opens on this day
	Months map[string]int // tier name -> window length in months
	Source string
	Note   string
	Pos    Pos

	at fieldPos // where each field was written
}

// Derived is a competency a partner holds when a requirement is met (Partner
// Connect's solution and master services competencies), so a record need not
// list it.
type Derived struct {
	ID       string
	Label    string
	Requires *Requirement
	Pos      Pos
}

// Track is one ladder of tiers (a solution path, a route to market). A
// program without tracks in its file has one track with ID "".
type Track struct {
	ID       string
	Label    string
	Profiles []string // partner profiles the track applies to; empty: all
	Tiers    []*Tier  // low to high; each tier also requires every tier below (see Tier.Without)
	// Retired lists, in a resolved view, the tiers editions took away
	// from some or every partner, oldest first; nil in a Program.
	Retired []*Retirement
	Pos     Pos

	at fieldPos // where each field was written
}

// Tier is one level of a track.
type Tier struct {
	Name    string
	Label   string
	Regions []string // regions where the tier exists; empty: everywhere
	// Without lists requirements (by id) of the tiers below that this
	// tier does not carry over; see Track.Effective.
	Without  []string
	Requires []*Requirement
	Pos      Pos

	at fieldPos // where each field was written
}

// Retirement is an edition's change that took a tier away: from every
// partner (Dropped), or from the regions a regions: change left out.
type Retirement struct {
	Tier      *Tier // the tier as it stood before the change
	Edition   *Edition
	Dropped   bool
	Taken     []string  // regions it was taken from (every region when it existed everywhere); nil when Dropped
	Kept      []string  // regions it still exists in; nil when Dropped
	HeldUntil time.Time // last day a partner holding it keeps it; zero: not held
	// Below names the tiers below it when it was taken away, so a partner
	// holding it can be ranked against the tiers that remain.
	Below []string
}

// Requirement is one condition of a tier, or a group of them.
type Requirement struct {
	ID           string // optional; editions refer to requirements by ID
	Kind         Kind
	Keys         []string
	Min          float64
	Items        []*Requirement // KindAny and KindAll
	Label        string
	Source       string // a Source ID of the program
	Illustrative bool   // the number is an assumption, not a documented fact
	Note         string
	Regions      []string // regions where it applies; empty: everywhere
	Pos          Pos

	// Derived is the derived competency a KindCompetency requirement names,
	// linked by Parse; nil otherwise.
	Derived *Derived

	at fieldPos // where each field was written
}

// Edition is a dated change to the program. It states only what changes from
// the edition before.
type Edition struct {
	ID        string
	Label     string
	Effective time.Time
	Source    string
	Note      string
	Changes   []*Change
	Pos       Pos

	at fieldPos // where each field was written
}

// Change is one edit an edition makes to one tier. Exactly one of Add,
// Remove, Replace (with With), Regions or DropTier is set. HeldUntil goes
// with Regions or DropTier only.
type Change struct {
	Track    *string // nil: every track that has the tier
	Tier     string
	Add      *Requirement
	Remove   string // requirement ID
	Replace  string // requirement ID, replaced by With
	With     *Requirement
	Regions  []string // set the tier's regions
	DropTier bool     // remove the tier
	// HeldUntil is the last day a partner whose current tier the change
	// takes away keeps it; zero: not held.
	HeldUntil time.Time
	Pos       Pos

	at fieldPos // where each field was written
}

// Resolved is one edition of a program with every change up to it applied:
// what the engine evaluates.
type Resolved struct {
	Program   *Program
	Edition   string
	Effective time.Time
	Tracks    []*Track
}
