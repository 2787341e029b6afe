package aws

import "github.com/rampart-iac/rampart/analyzer/graph"

// Canonical kind aws.elbv2.target_group: a load balancer target group with
// the targets registered in it, wherever they are written: the group's
// own Targets, or separate attachment resources folded into it. Auto
// scaling groups register their instances themselves (aws.autoscaling.group
// `target_groups`).
const kindTargetGroup = "aws.elbv2.target_group"

var (
	targetGroupTypes      = []string{"AWS::ElasticLoadBalancingV2::TargetGroup", "aws_lb_target_group", "aws_alb_target_group"}
	targetAttachmentTypes = []string{"aws_lb_target_group_attachment", "aws_alb_target_group_attachment"}
)

type targetGroupMapper struct{}

func (targetGroupMapper) kind() string { return kindTargetGroup }

func (targetGroupMapper) normalize(idx *unitIndex) []*graph.Canonical {
	f := newFolder(idx, &idx.diags, targetGroupTypes...)
	targets := map[*graph.Canonical]*listBuilder{}
	var out []*graph.Canonical
	for _, r := range idx.ofTypes(targetGroupTypes...) {
		if idx.stopped() {
			return out
		}
		typ, vpc := "TargetType", "VpcId"
		if r.Source != graph.SourceCloudFormation {
			typ, vpc = "target_type", "vpc_id"
		}
		p := props(r)
		p.Set("target_type", orDefault(str(attr(r, typ)), graph.String("instance", r.Loc)))
		p.Set("vpc_id", orDefault(attr(r, vpc), graph.Unknown("no VPC given (a Lambda target group has none)", r.Loc)))
		b := &listBuilder{loc: r.Loc}
		if r.Source == graph.SourceCloudFormation {
			inlineTargets(b, r, attr(r, "Targets"))
		}
		c := &graph.Canonical{ID: r.ID, Native: r, Props: p}
		f.addOwner(c)
		targets[c] = b
		out = append(out, c)
	}
	for _, a := range idx.ofTypes(targetAttachmentTypes...) {
		if idx.stopped() {
			return out
		}
		ref := attr(a, "target_group_arn")
		owner := f.ownerByRef(ref)
		if owner == nil {
			f.orphan(a, ref, "the target it registers is not judged")
			continue
		}
		part := f.attach(owner, a)
		targets[owner].addElement(target(a, attr(a, "target_id"), part.presentValue(a.Loc), a.Loc))
	}
	for _, c := range out {
		c.Props.Set("targets", targets[c].value())
	}
	return out
}

// inlineTargets adds the targets a CloudFormation target group lists; an
// entry that is Unknown or not a map is a null target.
func inlineTargets(b *listBuilder, r *graph.Resource, native *graph.Value) {
	elems, ok := items(native)
	if !ok {
		b.add(native)
		return
	}
	for _, e := range elems {
		switch e.Kind {
		case graph.KindMap:
			b.addElement(target(r, field(e, "Id"), graph.Bool(true, e.Loc), e.Loc))
		case graph.KindUnknown:
			b.addElement(e)
		default:
			b.addElement(graph.Unknown("a target is a "+e.Kind.String()+", not a map", e.Loc))
		}
	}
}

// target is one registered target declared by r.
func target(r *graph.Resource, id, present *graph.Value, loc graph.Location) *graph.Value {
	t := graph.Map(loc)
	t.Set("id", orDefault(str(id), graph.Unknown("no target given", loc)))
	t.Set("origin", origin(r))
	t.Set("present", present)
	return t
}
