package aws

import "github.com/rampart-iac/rampart/analyzer/graph"

// Canonical kind aws.ec2.internet_gateway: an internet gateway and the VPC
// it is attached to (docs/model.md).
const kindInternetGateway = "aws.ec2.internet_gateway"

var gatewayAttachmentTypes = []string{"AWS::EC2::VPCGatewayAttachment", "aws_internet_gateway_attachment"}

type internetGatewayMapper struct{}

func (internetGatewayMapper) kind() string { return kindInternetGateway }

func (internetGatewayMapper) normalize(idx *unitIndex) []*graph.Canonical {
	f := newFolder(idx, &idx.diags, gatewayTypes...)
	edges := newOutEdges(idx)
	var out []*graph.Canonical
	for _, r := range idx.ofTypes(gatewayTypes...) {
		if idx.stopped() {
			return out
		}
		p := props(r)
		p.Set("attached", graph.Bool(false, r.Loc))
		p.Set("vpc_id", graph.String("", r.Loc))
		if v := attr(r, "vpc_id"); r.Source != graph.SourceCloudFormation && v != nil {
			p.Set("attached", graph.Bool(true, v.Loc))
			p.Set("vpc_id", scalar(v))
		}
		c := &graph.Canonical{ID: r.ID, Native: r, Props: p}
		f.addOwner(c)
		out = append(out, c)
	}
	for _, a := range idx.ofTypes(gatewayAttachmentTypes...) {
		if idx.stopped() {
			return out
		}
		key := "InternetGatewayId"
		if a.Source != graph.SourceCloudFormation {
			key = "internet_gateway_id"
		}
		ref := attr(a, key)
		if ref == nil {
			continue // a virtual private gateway's attachment
		}
		owner := edges.ownerOf(f, a, key)
		if owner == nil {
			f.orphan(a, ref, "no internet gateway of the scan is attached by it")
			continue
		}
		p := f.attach(owner, a)
		owner.Props.Set("attached", p.presentValue(a.Loc))
		owner.Props.Set("vpc_id", orDefault(scalar(vpcRefOf(a)), graph.Unknown("no VPC given", a.Loc)))
		if p.presence == maybe {
			owner.Props.Set("vpc_id", graph.Unknown(p.reason, p.at))
		}
	}
	return out
}
