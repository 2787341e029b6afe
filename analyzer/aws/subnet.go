package aws

import "github.com/rampart-iac/rampart/analyzer/graph"

// Canonical kind aws.ec2.subnet: a subnet and whether the internet routes
// to it (subnet_public.go computes that as a join).
const kindSubnet = "aws.ec2.subnet"

type subnetMapper struct{}

func (subnetMapper) kind() string { return kindSubnet }

func (subnetMapper) normalize(idx *unitIndex) []*graph.Canonical {
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
		out = append(out, &graph.Canonical{ID: r.ID, Native: r, Props: p})
	}
	return out
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
