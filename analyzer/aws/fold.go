package aws

import (
	"fmt"
	"slices"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// Folding: a canonical resource is an owner (a security group, a network
// interface) together with the native resources that attach something to it
// (rule resources, group attachments). The folder finds the owner of each
// attachment, says whether the attachment exists, records it in the owner's
// Parts once, and reports the attachments it cannot place (orphans) and
// those that contradict the owner (conflicts) as diagnostics.

// presence is whether a native resource exists once deployed.
type presence uint8

const (
	// present: the resource is created.
	present presence = iota
	// maybe: whether it is created depends on a value not known before
	// deployment (a count, a for_each, a CloudFormation condition).
	maybe
	// absent: the resource is not created (a part looked for and not found).
	absent
)

func (p presence) String() string {
	switch p {
	case present:
		return "present"
	case maybe:
		return "maybe"
	default:
		return "absent"
	}
}

// part is a native resource folded into an owner, with whether it exists
// and, when it may not, why.
type part struct {
	res      *graph.Resource
	presence presence
	reason   string
	// at is where the reason is written: the count, for_each or Condition
	// that decides whether the resource exists, or the resource itself.
	at graph.Location
}

// partOf says whether r exists. A Terraform resource whose count or
// for_each is Unknown (or whose module's is), like the copy a
// CloudFormation Fn::ForEach over an Unknown collection keeps, stands for
// an unknown number of resources, none included; a CloudFormation resource
// whose Condition depends on an Unknown may not be created.
func partOf(r *graph.Resource) part {
	p := part{res: r, presence: present, at: r.Loc}
	switch {
	case r.Representative && r.Source == graph.SourceCloudFormation:
		p.presence = maybe
		p.reason = r.ID + " may not exist: it stands for the copies of an Fn::ForEach over a collection that is not known"
	case r.Representative:
		p.presence = maybe
		p.reason = r.ID + " may not exist: its count or for_each (or its module's) is not known before apply"
	case r.Meta["ConditionUnknown"] != nil && r.Meta["ConditionUnknown"].Bool:
		p.presence = maybe
		name, _ := r.Meta["Condition"].AsString()
		p.reason = fmt.Sprintf("%s may not exist: its condition %s is not known", r.ID, name)
		if c := r.Meta["Condition"]; c != nil && c.Loc.Known() {
			p.at = c.Loc
		}
	}
	return p
}

// anyOf says whether one of rs exists: the first that surely does
// (present), else the first that may (maybe), else a part with presence
// absent (rs is empty). A subnet's route table association, an optional
// attachment: what a kind looks for and may not find.
func anyOf(rs []*graph.Resource) part {
	found := part{presence: absent}
	for _, r := range rs {
		switch p := partOf(r); {
		case p.presence == present:
			return p
		case found.presence == absent:
			found = p
		}
	}
	return found
}

// presentValue is the `present` property of an element the part
// contributes to its owner: true, or Unknown with the reason the part may
// not exist. Rules never read it directly: the engine turns a finding
// blamed inside an element whose `present` is Unknown into an undecided
// result (docs/model.md, conventions).
func (p part) presentValue(loc graph.Location) *graph.Value {
	if p.presence == maybe {
		return graph.Unknown(p.reason, p.at)
	}
	return graph.Bool(true, loc)
}

// folder attaches native parts to the canonical owners of one kind.
type folder struct {
	idx *unitIndex
	// owners maps an owner's native ID to its canonical resource.
	owners map[string]*graph.Canonical
	// types are the native types an owner reference may resolve to.
	types []string
	// byName maps a name key (nameKey) to the owners that carry it.
	byName map[string][]*graph.Canonical
	// parts records which parts each owner has, so Parts lists each once.
	parts map[*graph.Canonical]map[string]bool
	diags *graph.Diagnostics
}

func newFolder(idx *unitIndex, diags *graph.Diagnostics, ownerTypes ...string) *folder {
	return &folder{
		idx: idx, types: ownerTypes, diags: diags,
		owners: map[string]*graph.Canonical{},
		byName: map[string][]*graph.Canonical{},
		parts:  map[*graph.Canonical]map[string]bool{},
	}
}

// addOwner registers c, built from native resource c.Native, as an owner;
// names are values an attachment may name it by instead of a reference
// (a bucket name, a group name).
func (f *folder) addOwner(c *graph.Canonical, names ...*graph.Value) {
	f.owners[c.Native.ID] = c
	for _, n := range names {
		if k, ok := nameKey(n); ok {
			f.byName[k] = append(f.byName[k], c)
		}
	}
}

// ownerByRef returns the owner v refers to (a CFN Ref/GetAtt, a Terraform
// traversal), through the unit's reference resolver.
func (f *folder) ownerByRef(v *graph.Value) *graph.Canonical {
	if r := f.idx.target(v, f.types...); r != nil {
		return f.owners[r.ID]
	}
	return nil
}

// ownerByName returns the one owner whose name is v: the same literal, or
// the same unknown value written once and used on both sides (a shared
// var.name). Two owners with one name are ambiguous: none is returned.
func (f *folder) ownerByName(v *graph.Value) *graph.Canonical {
	k, ok := nameKey(v)
	if !ok {
		return nil
	}
	if owners := f.byName[k]; len(owners) == 1 {
		return owners[0]
	}
	return nil
}

// nameKey is what two values must share to name the same owner: a known
// string, or an Unknown that came from one place (its trace's origin and
// its reason), such as one variable read by both resources. An Unknown
// without a trace could be anything, so it names nothing.
func nameKey(v *graph.Value) (string, bool) {
	switch {
	case v == nil:
		return "", false
	case v.Kind == graph.KindString:
		return "=" + v.Str, v.Str != ""
	case v.Kind == graph.KindUnknown && len(v.Trace) > 0 && v.Trace[0].Location.Known():
		return "?" + v.Trace[0].Location.String() + "\x00" + v.Reason, true
	}
	return "", false
}

// attach folds native resource r into owner c: r is recorded in c's Parts
// once (an owner's own resource is not a part of it), and the part says
// whether r exists.
func (f *folder) attach(c *graph.Canonical, r *graph.Resource) part {
	if r != c.Native {
		seen := f.parts[c]
		if seen == nil {
			seen = map[string]bool{}
			f.parts[c] = seen
		}
		if !seen[r.ID] {
			seen[r.ID] = true
			c.Parts = append(c.Parts, r.ID)
		}
	}
	return partOf(r)
}

// orphan reports an attachment folded into no owner of the scan: the owner
// is a variable, a literal ID, an import, a resource of another kind, or a
// reference whose instance is not known. It is a note, not a warning: a
// module adding rules to a group its caller passes in is the ordinary case.
// What the kind does with the attachment (judge it on a stand-in owner, or
// drop it) is the kind's choice, said in what.
func (f *folder) orphan(r *graph.Resource, ownerRef *graph.Value, what string) {
	loc, why := r.Loc, "it names no owner"
	if ownerRef != nil {
		loc = locOr(ownerRef, r.Loc)
		why = f.describeOwner(ownerRef)
	}
	*f.diags = append(*f.diags, graph.Diagnostic{
		Severity: graph.SeverityNote,
		Summary:  fmt.Sprintf("%s is not folded into a resource of the scan: %s", r.ID, why),
		Detail:   what,
		Location: loc,
		Resource: r.ID,
	})
}

// describeOwner says what a value naming an owner is, for a diagnostic:
// a reference to a resource of the scan that is not of an owner type is
// named with its type, so the note does not claim it is outside the scan.
func (f *folder) describeOwner(v *graph.Value) string {
	switch {
	case v.Ref != nil:
		if target, ok := f.idx.refs.Resolve(v.Ref.Resource); ok {
			if slices.Contains(f.types, target.Type) {
				return fmt.Sprintf("its owner %s could not be resolved to one instance", target.ID)
			}
			return fmt.Sprintf("its owner %s is of type %s, which it does not fold into", target.ID, target.Type)
		}
		return "its owner " + v.Ref.Resource + " is outside the scan"
	case v.Kind == graph.KindUnknown:
		return "its owner is not known: " + v.Reason
	}
	if s, ok := v.AsString(); ok {
		return fmt.Sprintf("its owner %q is outside the scan", s)
	}
	return "its owner is a " + v.Kind.String()
}

// conflict records that part p sets property key of owner c, which the
// owner also sets itself (an inline block and a separate resource for the
// same setting): which one wins depends on the order of apply, so the
// property becomes Unknown, and a warning names both places.
func (f *folder) conflict(c *graph.Canonical, key string, p part) {
	own := c.Props.Get(key)
	reason := fmt.Sprintf("%s is set both by %s and by %s; which one applies last is not known", key, c.Native.ID, p.res.ID)
	c.Props.Set(key, graph.Unknown(reason, p.res.Loc))
	d := graph.Diagnostic{
		Severity: graph.SeverityWarning,
		Summary:  fmt.Sprintf("%s and %s both set %s", c.Native.ID, p.res.ID, key),
		Detail:   "keep one of them: each overwrites the other's setting when it is applied",
		Location: p.res.Loc,
		Resource: c.Native.ID,
	}
	if own != nil && own.Loc.Known() {
		d.Detail += " (the owner's own setting is at " + own.Loc.String() + ")"
	}
	*f.diags = append(*f.diags, d)
}
