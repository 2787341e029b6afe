package analyzer

import (
	"hash/maphash"
	"path/filepath"
	"sync"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/suppress"
)

// declarations is what the suppression stage reads of the scan's
// canonical resources, kept as units stream past: where each one is
// declared (an inline comment above a declaration covers that resource),
// the declarations of those with rampart Metadata, and the declarations
// of those with a finding (a directive may cover a finding through its
// resource's declaration).
//
// Keeping every resource's declaration held 13 MB and 105,000 small
// objects until the report on the 200-copy tree, which the collector
// marked on every cycle of the scan; so the lines are kept in a set of
// hashes, which holds no pointers, and a declaration only when a
// directive can read it.
type declarations struct {
	// all keeps every declaration, in unit order: the account rules run,
	// and their findings, made after the last batch, may be about any
	// resource of their kinds.
	all  bool
	seed maphash.Seed
	// lines holds a hash of each declaration's cleaned file and line
	// (declaredAt). Two declarations of a scan collide with a
	// probability of about n²/2⁶⁵ (1e-9 for 100,000 resources), and a
	// collision only lets a comment above an undeclared line cover by
	// declaration instead of by lines.
	lines map[uint64]struct{}
	// kept are the declarations read in any case, in unit order.
	kept []*graph.Canonical

	mu sync.Mutex
	// found are, per batch in unit order, the declarations of the
	// resources with a finding (and no rampart Metadata: those are in
	// kept), packed as the batch's results are (packDeclarations).
	found [][]byte
}

type declKey struct {
	file string
	line int
}

func newDeclarations(keepAll bool) *declarations {
	return &declarations{all: keepAll, seed: maphash.MakeSeed(), lines: map[uint64]struct{}{}}
}

// add records a unit's canonical resources as it is taken.
func (d *declarations) add(canon []*graph.Canonical) {
	for _, c := range canon {
		if c.Native == nil {
			continue // nothing declared: no directive reads it
		}
		d.lines[d.lineHash(c.Native.Loc.File, c.Native.Loc.StartLine)] = struct{}{}
		if d.all || hasRampartMetadata(c) {
			d.kept = append(d.kept, declaration(c))
		}
	}
}

// keepFound keeps, once a batch is evaluated, the declarations of its
// resources that have a finding; batch is the batch's index in unit
// order.
func (d *declarations) keepFound(batch int, units []unitResources, rs []evaluated) {
	if d.all {
		return
	}
	withFinding := map[string]bool{}
	for _, r := range rs {
		if r.out == nil {
			continue
		}
		for i := range r.out.Findings {
			withFinding[suppress.ResourceUID(&r.out.Findings[i])] = true
		}
	}
	if len(withFinding) == 0 {
		return
	}
	var found []*graph.Canonical
	for _, ur := range units {
		for _, c := range ur.canon {
			if c.Native != nil && withFinding[c.UID] && !hasRampartMetadata(c) {
				found = append(found, c)
			}
		}
	}
	packed := packDeclarations(found)
	d.mu.Lock()
	if batch >= len(d.found) {
		d.found = append(d.found, make([][]byte, batch+1-len(d.found))...)
	}
	d.found[batch] = packed
	d.mu.Unlock()
}

// resources are the declarations the suppression stage reads: those
// with rampart Metadata in unit order, then those with a finding.
func (d *declarations) resources() []*graph.Canonical {
	out := d.kept
	for _, f := range d.found {
		if f != nil {
			out = append(out, unpackDeclarations(f)...)
		}
	}
	return out
}

// declaredAt reports whether a canonical resource is declared at line of
// file.
func (d *declarations) declaredAt(file string, line int) bool {
	_, ok := d.lines[d.lineHash(file, line)]
	return ok
}

func (d *declarations) lineHash(file string, line int) uint64 {
	return maphash.Comparable(d.seed, declKey{filepath.Clean(file), line})
}

// hasRampartMetadata reports whether a resource's declaration carries
// rampart Metadata (CloudFormation suppressions).
func hasRampartMetadata(c *graph.Canonical) bool {
	m := c.Native.Meta["Metadata"]
	return m != nil && m.Get("rampart") != nil
}

// declaration is what suppressions read of a canonical resource: its UID,
// its declaration and its rampart Metadata.
func declaration(c *graph.Canonical) *graph.Canonical {
	r := &graph.Resource{ID: c.Native.ID, Loc: c.Native.Loc}
	if hasRampartMetadata(c) {
		r.Meta = map[string]*graph.Value{"Metadata": c.Native.Meta["Metadata"]}
	}
	return &graph.Canonical{UID: c.UID, Kind: c.Kind, Native: r}
}
