package aws

import (
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// Canonical kind aws.ec2.vpc: a VPC with its CIDR blocks and the flow logs
// that name it (docs/model.md).
const kindVPC = "aws.ec2.vpc"

var (
	cidrAssociationTypes = []string{"AWS::EC2::VPCCidrBlock", "aws_vpc_ipv4_cidr_block_association", "aws_vpc_ipv6_cidr_block_association"}
	flowLogTypes         = []string{"AWS::EC2::FlowLog", "aws_flow_log"}
)

type vpcMapper struct{}

func (vpcMapper) kind() string { return kindVPC }

func (vpcMapper) normalize(idx *unitIndex) []*graph.Canonical {
	f := newFolder(idx, &idx.diags, vpcTypes...)
	edges := newOutEdges(idx)
	var out []*graph.Canonical
	cidrs := map[*graph.Canonical]*listBuilder{}
	logs := map[*graph.Canonical]*listBuilder{}
	for _, r := range idx.ofTypes(vpcTypes...) {
		if idx.stopped() {
			return out
		}
		c, b := newVPC(r)
		f.addOwner(c)
		cidrs[c], logs[c] = b, &listBuilder{loc: r.Loc}
		out = append(out, c)
	}
	for _, a := range idx.ofTypes(cidrAssociationTypes...) {
		if idx.stopped() {
			return out
		}
		ref, key := vpcRefOf(a), "vpc_id"
		if a.Source == graph.SourceCloudFormation {
			key = "VpcId"
		}
		owner := edges.ownerOf(f, a, key)
		if owner == nil {
			f.orphan(a, ref, "its CIDR block is not added to any VPC of the scan")
			continue
		}
		block := associatedBlock(a)
		if p := f.attach(owner, a); p.presence == maybe {
			block = graph.Unknown(p.reason, p.at)
		}
		cidrs[owner].addElement(block)
	}
	// Flow logs whose VPC is not known may be any VPC's: each VPC lists
	// them as maybe, after its own.
	var unknown []*graph.Value
	for _, r := range idx.ofTypes(flowLogTypes...) {
		if idx.stopped() {
			return out
		}
		target, ok := flowLogVPC(idx, r)
		if !ok {
			continue
		}
		p := partOf(r)
		switch owner := f.owners[idOf(target.vpc)]; {
		case owner != nil:
			p = f.attach(owner, r)
			logs[owner].addElement(flowLog(r, p.presentValue(r.Loc)))
		case target.unknown != nil:
			reason := r.ID + " may be a flow log of this VPC: the VPC it names is not known (" + target.unknown.Reason + ")"
			if p.presence == maybe {
				reason = p.reason + "; " + reason
			}
			unknown = append(unknown, flowLog(r, graph.Unknown(reason, locOr(target.unknown, r.Loc))))
		default:
			f.orphan(r, target.ref, "it is not a flow log of a VPC in the scan")
		}
	}
	for _, c := range out {
		for _, u := range unknown {
			logs[c].addElement(u)
		}
		c.Props.Set("cidr_blocks", cidrs[c].value())
		c.Props.Set("flow_logs", logs[c].value())
	}
	return out
}

func idOf(r *graph.Resource) string {
	if r == nil {
		return ""
	}
	return r.ID
}

// newVPC starts the canonical VPC of r, and the list of its CIDR blocks
// with the ones r declares itself.
func newVPC(r *graph.Resource) (*graph.Canonical, *listBuilder) {
	p := props(r)
	b := &listBuilder{loc: r.Loc}
	var primary *graph.Value
	switch r.Type {
	case "AWS::EC2::VPC":
		primary = orDefault(scalar(attr(r, "CidrBlock")), graph.Unknown("the CIDR block is allocated from an IPAM pool", r.Loc))
		b.addElement(primary)
	case "aws_default_vpc":
		primary = graph.Unknown("the default VPC's CIDR block is chosen by AWS", r.Loc)
		b.addElement(primary)
		b.addElement(generatedIPv6(r))
	default:
		primary = orDefault(scalar(attr(r, "cidr_block")), graph.Unknown("the CIDR block is allocated from an IPAM pool", r.Loc))
		b.addElement(primary)
		if v := scalar(attr(r, "ipv6_cidr_block")); v != nil {
			b.addElement(v)
		} else {
			b.addElement(generatedIPv6(r))
		}
	}
	p.Set("cidr_block", primary)
	p.Set("is_default", graph.Bool(r.Type == "aws_default_vpc", r.Loc))
	return &graph.Canonical{ID: r.ID, Native: r, Props: p}, b
}

// generatedIPv6 is the Amazon-provided or IPAM-allocated IPv6 block a
// Terraform VPC asks for, as an Unknown element, or nil when it asks for
// none.
func generatedIPv6(r *graph.Resource) *graph.Value {
	if v := attr(r, "ipv6_ipam_pool_id"); v != nil {
		return graph.Unknown("the IPv6 block is allocated from an IPAM pool", v.Loc)
	}
	switch v := boolean(attr(r, "assign_generated_ipv6_cidr_block")); {
	case v == nil:
		return nil
	case v.IsUnknown():
		return graph.Unknown("whether an IPv6 block is assigned is not known: "+v.Reason, v.Loc)
	case v.Bool:
		return graph.Unknown("the IPv6 block is chosen by AWS", v.Loc)
	}
	return nil
}

// associatedBlock is the CIDR block a secondary association adds: the
// literal block, or Unknown when AWS or an IPAM pool chooses it.
func associatedBlock(a *graph.Resource) *graph.Value {
	keys := []string{"CidrBlock", "Ipv6CidrBlock"}
	if a.Source != graph.SourceCloudFormation {
		keys = []string{"cidr_block", "ipv6_cidr_block"}
	}
	for _, k := range keys {
		if v := scalar(attr(a, k)); v != nil {
			return v
		}
	}
	return graph.Unknown("the block of "+a.ID+" is allocated by AWS or an IPAM pool", a.Loc)
}

// vpcRefOf is the value naming the VPC a resource belongs to.
func vpcRefOf(r *graph.Resource) *graph.Value {
	if r.Source == graph.SourceCloudFormation {
		return attr(r, "VpcId")
	}
	return attr(r, "vpc_id")
}

// flowLogTarget is the VPC a VPC-level flow log names: one of the scan, an
// Unknown one, or (neither set) one outside the scan named by ref.
type flowLogTarget struct {
	vpc     *graph.Resource
	unknown *graph.Value
	ref     *graph.Value
}

// flowLogVPC says which VPC flow log r captures; ok is false when r is
// not a VPC-level flow log (a subnet's, an interface's, a transit
// gateway's).
func flowLogVPC(idx *unitIndex, r *graph.Resource) (flowLogTarget, bool) {
	if r.Source != graph.SourceCloudFormation {
		ref := attr(r, "vpc_id")
		if ref == nil {
			return flowLogTarget{}, false
		}
		return resolveVPC(idx, ref, 0)
	}
	ref := attr(r, "ResourceId")
	if ref == nil {
		return flowLogTarget{}, false
	}
	typ := attr(r, "ResourceType")
	if s, ok := typ.AsString(); ok && !strings.EqualFold(s, "VPC") {
		return flowLogTarget{}, false
	}
	t, ok := resolveVPC(idx, ref, 0)
	if ok && t.unknown != nil && typ.IsUnknown() {
		t.unknown = graph.Unknown("its ResourceType and ResourceId are not known", ref.Loc)
	}
	return t, ok
}

// resolveVPC resolves the value naming a flow log's VPC. A reference to
// the vpc_id of another resource of the scan (a CIDR block association,
// as terraform-aws-vpc writes it) is followed to that resource's VPC. A
// reference to a resource of the scan that is not a VPC (a subnet, with
// CloudFormation's ResourceType Unknown) is not a VPC-level flow log.
func resolveVPC(idx *unitIndex, v *graph.Value, depth int) (flowLogTarget, bool) {
	t := flowLogTarget{ref: v}
	if vpc := idx.target(v, vpcTypes...); vpc != nil {
		t.vpc = vpc
		return t, true
	}
	if v.Ref != nil {
		r, inScan := idx.refs.Resolve(v.Ref.Resource)
		switch {
		case !inScan:
			t.unknown = v
			return t, true
		case (v.Ref.Attr == "vpc_id" || v.Ref.Attr == "VpcId") && depth < 2:
			if next := vpcRefOf(r); next != nil {
				return resolveVPC(idx, next, depth+1)
			}
		}
		return flowLogTarget{}, false
	}
	if v.IsUnknown() {
		t.unknown = v
	}
	return t, true
}

// flowLog is the canonical flow log of r, with its presence.
func flowLog(r *graph.Resource, present *graph.Value) *graph.Value {
	traffic, dest := "TrafficType", "LogDestinationType"
	if r.Source != graph.SourceCloudFormation {
		traffic, dest = "traffic_type", "log_destination_type"
	}
	m := graph.Map(r.Loc)
	t := upper(scalar(attr(r, traffic)))
	m.Set("traffic_type", orDefault(t, graph.Unknown("no traffic type given", r.Loc)))
	m.Set("destination_type", orDefault(lower(scalar(attr(r, dest))), graph.String("cloud-watch-logs", r.Loc)))
	m.Set("origin", origin(r))
	m.Set("present", present)
	return m
}

// upper returns an upper-cased copy of a string value.
func upper(v *graph.Value) *graph.Value {
	if v == nil || v.Kind != graph.KindString {
		return v
	}
	c := *v
	c.Str = strings.ToUpper(c.Str)
	return &c
}
