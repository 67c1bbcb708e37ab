// Package engine evaluates partner records against a resolved rulebook: pure
// functions from (rulebook edition, record, date) to results, with no I/O.
//
// An Evaluator compiles one rulebook.Resolved once, for the record schema of
// the run, into a form that is cheap to walk (region bit sets, numeric keys
// resolved to record slots, derived competencies by index, precomputed gap
// keys and grace dates), so that evaluating a record
// allocates nothing beyond the result's own Missing and Unknown slices (none
// at all when both are empty; none at all with EvaluateIn, which carves them
// out of a reusable Arena). An Evaluator is immutable and safe for
// concurrent use. Evaluate compiles on every call; batch runs should reuse
// one Evaluator per edition.
//
// Each requirement kind lives in its own kind_*.go file: how it compiles,
// evaluates, and reports its gaps and unknown keys, registered in the kinds
// table (kind.go). A new kind is that file, plus its decoding and
// validation in pkg/rulebook.
//
// The semantics are those of the design brief. Where it is silent:
//
//   - A derived competency is held exactly when its requirement is met; a
//     record cannot claim it by listing it (the readers reject such an id).
//   - A region-scoped requirement of a partner whose country is unknown is
//     met if the partner meets it anyway, else unknown (key "country").
//     An alternative of an any-group limited to regions the partner is not
//     in is no alternative (and no option of the gap); one met while the
//     country is unknown leaves the group undecided.
//   - A tier with without: is judged on its effective set (the tier
//     below's, minus those ids, plus its own): the partner qualifies for
//     the highest tier whose set holds, the next tier is the one above it,
//     and its status is incomplete when that next tier is undecided (an
//     undecided tier further up does not count).
//   - A current_tier that an edition took away from the partner (retired
//     in its region, or dropped) is held, status grace, until the change's
//     held_until, if above what the partner qualifies for.
//   - A country code that is not ISO 3166-1 alpha-2 counts as unknown. An
//     assigned code with no region (AQ, BV, ...) is in no region: scoped
//     requirements do not apply to it and scoped tiers do not exist for it.
//   - current_tier matches tier and mapping names exactly, else ignoring
//     case. Grace is not granted for a tier that does not exist in the
//     partner's (known) region. grace_until is Grace.From plus m calendar
//     months, clamped to the month's end (2024-08-31 + 6 months =
//     2025-02-28), and the last day of grace; asOf is compared by its
//     calendar day in its own location.
//   - unknown searches all-groups and derived competencies even when they
//     failed (their unknown parts are still undecided requirements of the
//     next tier); a failed any-group has no unknown alternative; a met
//     requirement contributes nothing.
//   - In an any-of gap, an alternative with a single failed leaf is that
//     leaf's gap; one with several is a Gap{Kind: "all"} holding them, keyed
//     by their keys joined "+". An unlabelled group is labelled by joining
//     its options' labels with " or " (any) or " and " (all).
//   - A competency set with Min 0 needs every member. A credential or metric
//     without a bound slot reads as unknown. A derived competency that
//     requires itself (a cycle the validator should have refused) is never
//     held through itself.
package engine
