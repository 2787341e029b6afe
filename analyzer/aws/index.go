package aws

import (
	"context"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/resolve"
)

// unitIndex gives mappers fast access to a unit's resources by type and ID,
// and resolves references between them.
type unitIndex struct {
	// ctx is the scan's: mappers stop between resources once it is done.
	ctx    context.Context
	unit   *graph.Unit
	byType map[string][]*graph.Resource
	// diags collects what the mappers report about the unit (orphans,
	// conflicts).
	diags graph.Diagnostics
	// refs resolves the resource IDs references name.
	refs *resolve.Index[*graph.Resource]
}

func newUnitIndex(ctx context.Context, u *graph.Unit) *unitIndex {
	idx := &unitIndex{
		ctx:    ctx,
		unit:   u,
		byType: map[string][]*graph.Resource{},
		refs:   resolve.New[*graph.Resource](),
	}
	for _, r := range u.Resources {
		if r.DataSource {
			continue
		}
		idx.byType[r.Type] = append(idx.byType[r.Type], r)
		idx.refs.Add(r.ID, r)
	}
	return idx
}

// stopped reports whether the scan was cancelled: a unit of thousands of
// resources must not delay a signal. What a mapper returns then is
// discarded (the scan fails).
func (idx *unitIndex) stopped() bool { return idx.ctx.Err() != nil }

// ofTypes returns the unit's resources of the given native types, in unit order.
func (idx *unitIndex) ofTypes(types ...string) []*graph.Resource {
	if len(types) == 1 {
		return idx.byType[types[0]]
	}
	want := map[string]bool{}
	for _, t := range types {
		want[t] = true
	}
	var out []*graph.Resource
	for _, r := range idx.unit.Resources {
		if want[r.Type] && !r.DataSource {
			out = append(out, r)
		}
	}
	return out
}

// target resolves the resource a value refers to: the value is a reference
// (CFN Ref/GetAtt, Terraform traversal) to a resource of one of the given
// types in the same unit. Terraform references written without an instance
// key resolve when the resource has exactly one instance.
func (idx *unitIndex) target(v *graph.Value, types ...string) *graph.Resource {
	if v == nil || v.Ref == nil {
		return nil
	}
	r, ok := idx.refs.Resolve(v.Ref.Resource)
	if !ok {
		return nil
	}
	for _, t := range types {
		if r.Type == t {
			return r
		}
	}
	return nil
}

// vpcDefaultOf returns the VPC whose default resource v refers to: v is a
// reference to a VPC of the scan's attribute cfnAttr or tfAttr (its
// default security group, its default network ACL), which a template
// names to add rules or entries to that default.
func vpcDefaultOf(idx *unitIndex, cfnAttr, tfAttr string, v *graph.Value) *graph.Resource {
	vpc := idx.target(v, vpcTypes...)
	if vpc == nil || (v.Ref.Attr != cfnAttr && v.Ref.Attr != tfAttr) {
		return nil
	}
	return vpc
}
