package aws

import (
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// Canonical kind aws.ec2.subnet: a subnet and whether the internet routes
// to it (subnet_public.go computes that as a join).
const kindSubnet = "aws.ec2.subnet"

type subnetMapper struct{}

func (subnetMapper) kind() string { return kindSubnet }

func (subnetMapper) normalize(idx *unitIndex) []*graph.Canonical {
	f := newFolder(idx, &idx.diags, subnetTypes...)
	var out []*graph.Canonical
	for _, r := range idx.ofTypes(subnetTypes...) {
		if idx.stopped() {
			return out
		}
		cidr, mapIP, vpc := "CidrBlock", "MapPublicIpOnLaunch", "VpcId"
		if r.Source != graph.SourceCloudFormation {
			cidr, mapIP, vpc = "cidr_block", "map_public_ip_on_launch", "vpc_id"
		}
		p := props(r)
		// Without a CIDR the subnet's IPv4 range comes from an IPAM pool,
		// or it has none (IPv6 only): either way not known here.
		p.Set("cidr_block", orDefault(str(attr(r, cidr)), graph.Unknown("no IPv4 CIDR block given: allocated from an IPAM pool, or IPv6 only", r.Loc)))
		p.Set("map_public_ip_on_launch", orDefault(boolean(attr(r, mapIP)), graph.Bool(false, r.Loc)))
		p.Set("vpc_id", orDefault(attr(r, vpc), graph.Unknown("no VPC given", r.Loc)))
		// Set by join, once every kind is mapped.
		p.Set("public", graph.Unknown("not joined", r.Loc))
		p.Set("route_table_id", graph.Unknown("not joined", r.Loc))
		c := &graph.Canonical{ID: r.ID, Native: r, Props: p}
		f.addOwner(c)
		out = append(out, c)
	}
	foldSubnetFlowLogs(f, idx, out)
	return out
}

// foldSubnetFlowLogs records the flow logs of each subnet: an aws_flow_log
// whose subnet_id names it, or an AWS::EC2::FlowLog whose ResourceId does
// (with ResourceType Subnet, or Unknown: a subnet's ID makes it a subnet
// flow log). They capture the subnet's traffic only, not its VPC's.
func foldSubnetFlowLogs(f *folder, idx *unitIndex, subnets []*graph.Canonical) {
	logs := map[*graph.Canonical]*listBuilder{}
	for _, c := range subnets {
		logs[c] = &listBuilder{loc: c.Native.Loc}
	}
	for _, r := range idx.ofTypes(flowLogTypes...) {
		ref := attr(r, "subnet_id")
		if r.Source == graph.SourceCloudFormation {
			ref = attr(r, "ResourceId")
			if s, ok := attr(r, "ResourceType").AsString(); ok && !strings.EqualFold(s, "Subnet") {
				continue
			}
		}
		if owner := f.ownerByRef(ref); owner != nil {
			logs[owner].addElement(flowLog(r, f.attach(owner, r).presentValue(r.Loc)))
		}
	}
	for _, c := range subnets {
		c.Props.Set("flow_logs", logs[c].value())
	}
}

// join computes `public` over the route tables, routes and gateways of the
// unit.
func (subnetMapper) join(j *joins, built []*graph.Canonical) {
	for _, c := range built {
		if j.idx.stopped() {
			return
		}
		c.Props.Set("public", j.subnetPublic(c.Native))
		c.Props.Set("route_table_id", j.subnetRouteTable(c.Native))
	}
}
