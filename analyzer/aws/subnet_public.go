package aws

import (
	"fmt"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// A subnet is public when its route table (the one explicitly associated
// with it, else its VPC's main route table) has a route for 0.0.0.0/0 or
// ::/0 to an internet gateway. Computed here once, as a join over the
// native resources, for every rule that asks.

var (
	subnetTypes      = []string{"AWS::EC2::Subnet", "aws_subnet"}
	vpcTypes         = []string{"AWS::EC2::VPC", "aws_vpc", "aws_default_vpc"}
	routeTableTypes  = []string{"AWS::EC2::RouteTable", "aws_route_table", "aws_default_route_table"}
	gatewayTypes     = []string{"AWS::EC2::InternetGateway", "aws_internet_gateway"}
	associationTypes = []string{"AWS::EC2::SubnetRouteTableAssociation", "aws_route_table_association"}
	routeTypes       = []string{"AWS::EC2::Route", "aws_route"}
)

// routeKeys names a route's attributes in one syntax.
type routeKeys struct{ table, cidr, ipv6, gateway string }

var (
	cfnRoute      = routeKeys{table: "RouteTableId", cidr: "DestinationCidrBlock", ipv6: "DestinationIpv6CidrBlock", gateway: "GatewayId"}
	tfRoute       = routeKeys{table: "route_table_id", cidr: "destination_cidr_block", ipv6: "destination_ipv6_cidr_block", gateway: "gateway_id"}
	tfInlineRoute = routeKeys{cidr: "cidr_block", ipv6: "ipv6_cidr_block", gateway: "gateway_id"}
)

// subnetPublic returns the subnet's `public`: true with a trace hop per
// link (association, route table, route, internet gateway), false when its
// route table surely has no such route, or Unknown with the reason when a
// link is Unknown or may not exist.
func (j *joins) subnetPublic(s *graph.Resource) *graph.Value {
	if v, ok := j.public[s.ID]; ok {
		return v
	}
	v := j.computeSubnetPublic(s)
	j.public[s.ID] = v
	return v
}

// subnetAssociation is the route table association of subnet s, as a part
// (present, absent or maybe), with the key that names its route table; a
// subnet named by several associations is Unknown (tooMany), since it has
// one route table and they cannot all apply.
func (j *joins) subnetAssociation(s *graph.Resource) (p part, tableKey string, tooMany *graph.Value) {
	subnetKey, tableKey := "SubnetId", "RouteTableId"
	if s.Source != graph.SourceCloudFormation {
		subnetKey, tableKey = "subnet_id", "route_table_id"
	}
	assocs := j.referrers(s, subnetKey, associationTypes...)
	if len(assocs) > 1 {
		return part{}, tableKey, graph.Unknown(fmt.Sprintf("%d route table associations name subnet %s", len(assocs), s.ID), assocs[1].Loc)
	}
	return anyOf(assocs), tableKey, nil
}

func (j *joins) computeSubnetPublic(s *graph.Resource) *graph.Value {
	p, tableKey, tooMany := j.subnetAssociation(s)
	if tooMany != nil {
		return tooMany
	}
	switch p.presence {
	case absent:
		return j.mainTablePublic(s)
	case maybe:
		return graph.Unknown(p.reason+", so the subnet's route table is not known", p.at)
	}
	a := p.res
	ref := attr(a, tableKey)
	rt := j.idx.target(ref, routeTableTypes...)
	if rt == nil {
		return graph.Unknown(fmt.Sprintf("route table of %s is outside the scan", a.ID), locOr(ref, a.Loc))
	}
	return withTrace(j.tablePublic(rt, s), hop(a, fmt.Sprintf("%s associates %s with route table %s", a.ID, s.ID, rt.ID)))
}

// mainTablePublic is `public` of a subnet with no association: its VPC's
// main route table decides.
func (j *joins) mainTablePublic(s *graph.Resource) *graph.Value {
	vpcRef := attr(s, "VpcId")
	if s.Source != graph.SourceCloudFormation {
		vpcRef = attr(s, "vpc_id")
	}
	vpc := j.idx.target(vpcRef, vpcTypes...)
	if vpc == nil {
		return graph.Unknown(fmt.Sprintf("%s has no route table association and its VPC is outside the scan, so its main route table is not known", s.ID), locOr(vpcRef, s.Loc))
	}
	main := hop(vpc, fmt.Sprintf("%s has no route table association: the main route table of %s applies", s.ID, vpc.ID))
	var tables []*graph.Resource
	for _, m := range j.referrers(vpc, "vpc_id", "aws_main_route_table_association") {
		if p := partOf(m); p.presence == maybe {
			return graph.Unknown(p.reason+", so the main route table is not known", p.at)
		}
		if rt := j.idx.target(attr(m, "route_table_id"), routeTableTypes...); rt != nil {
			tables = append(tables, rt)
			main = hop(m, fmt.Sprintf("%s makes %s the main route table of %s", m.ID, rt.ID, vpc.ID))
		} else {
			return graph.Unknown(fmt.Sprintf("the main route table %s names is outside the scan", m.ID), m.Loc)
		}
	}
	if len(tables) == 0 {
		tables = j.referrers(vpc, "default_route_table_id", "aws_default_route_table")
	}
	switch len(tables) {
	case 0:
		// Neither template language adds routes to the main table a VPC
		// is created with except through aws_default_route_table: it
		// holds the local route only.
		return withTrace(graph.Bool(false, s.Loc), main)
	case 1:
		return withTrace(j.tablePublic(tables[0], s), main)
	}
	return graph.Unknown(fmt.Sprintf("%d resources manage the main route table of %s", len(tables), vpc.ID), tables[1].Loc)
}

// tablePublic is whether route table rt routes the internet to an internet
// gateway, located at subnet s (the resource the property belongs to).
func (j *joins) tablePublic(rt, s *graph.Resource) *graph.Value {
	v, ok := j.routes[rt.ID]
	if !ok {
		v = j.computeTablePublic(rt)
		j.routes[rt.ID] = v
	}
	c := *v
	c.Loc = s.Loc
	return &c
}

func (j *joins) computeTablePublic(rt *graph.Resource) *graph.Value {
	var unsure *graph.Value
	consider := func(v *graph.Value) *graph.Value {
		switch {
		case v.Kind == graph.KindBool && v.Bool:
			return v
		case v.IsUnknown() && unsure == nil:
			unsure = v
		}
		return nil
	}
	table := hop(rt, "route table "+rt.ID)
	if rt.Source != graph.SourceCloudFormation {
		inline := attr(rt, "route")
		elems, ok := items(inline)
		if !ok {
			return withTrace(graph.Unknown("the routes of "+rt.ID+" are unknown: "+inline.Reason, inline.Loc), table)
		}
		for _, e := range elems {
			if e.Kind != graph.KindMap {
				consider(graph.Unknown("a route of "+rt.ID+" is unknown", e.Loc))
				continue
			}
			p := part{res: rt, presence: present}
			if e.Representative {
				p = part{res: rt, presence: maybe, reason: "a dynamic route block of " + rt.ID + " may stand for no route", at: e.Loc}
			}
			if v := consider(j.routePublic(e, tfInlineRoute, p, e.Loc, "")); v != nil {
				return withTrace(v, table)
			}
		}
	}
	keys, key := cfnRoute, "RouteTableId"
	if rt.Source != graph.SourceCloudFormation {
		keys, key = tfRoute, "route_table_id"
	}
	for _, r := range j.referrers(rt, key, routeTypes...) {
		if v := consider(j.routePublic(r.Attrs, keys, partOf(r), r.Loc, r.ID)); v != nil {
			return withTrace(v, table)
		}
	}
	if unsure != nil {
		return withTrace(unsure, table)
	}
	return withTrace(graph.Bool(false, rt.Loc), table)
}

// routePublic judges one route (inline block m or a route resource's
// attributes): true when it sends 0.0.0.0/0 or ::/0 to an internet
// gateway, with hops for the route and the gateway; false when it surely
// does not; Unknown when its destination, its gateway or its existence is
// not known.
func (j *joins) routePublic(m *graph.Value, keys routeKeys, p part, loc graph.Location, id string) *graph.Value {
	dest := "route"
	if id != "" {
		dest = id
	}
	isDefault, destUnknown := false, (*graph.Value)(nil)
	for _, k := range []string{keys.cidr, keys.ipv6} {
		v := field(m, k)
		switch {
		case v == nil:
		case v.IsUnknown():
			destUnknown = v
		default:
			if s, ok := v.AsString(); ok && (s == "0.0.0.0/0" || s == "::/0") {
				isDefault = true
			}
		}
	}
	gw := field(m, keys.gateway)
	var igw *graph.Resource
	gatewayKnownIGW := false
	switch {
	case gw == nil:
		return graph.Bool(false, loc)
	case gw.Ref != nil:
		igw = j.idx.target(gw, gatewayTypes...)
		if igw == nil {
			if _, inScan := j.idx.refs.Resolve(gw.Ref.Resource); inScan {
				return graph.Bool(false, loc) // a virtual private gateway, a NAT instance...
			}
			return graph.Unknown(dest+"'s gateway is outside the scan", gw.Loc)
		}
		gatewayKnownIGW = true
	case gw.IsUnknown():
		return graph.Unknown(dest+"'s gateway is not known: "+gw.Reason, gw.Loc)
	default:
		s, _ := gw.AsString()
		if len(s) < 4 || s[:4] != "igw-" {
			return graph.Bool(false, loc)
		}
		gatewayKnownIGW = true
	}
	if !isDefault {
		if destUnknown != nil {
			return graph.Unknown(dest+"'s destination is not known: "+destUnknown.Reason, destUnknown.Loc)
		}
		return graph.Bool(false, loc)
	}
	if p.presence == maybe {
		return graph.Unknown(p.reason, p.at)
	}
	if !gatewayKnownIGW {
		return graph.Bool(false, loc)
	}
	var hops []graph.Hop
	if igw != nil {
		hops = append(hops, hop(igw, "internet gateway "+igw.ID))
		key := "InternetGatewayId"
		if igw.Source != graph.SourceCloudFormation {
			key = "internet_gateway_id"
		}
		for _, a := range j.referrers(igw, key, "AWS::EC2::VPCGatewayAttachment", "aws_internet_gateway_attachment") {
			hops = append(hops, hop(a, a.ID+" attaches "+igw.ID+" to its VPC"))
		}
	} else {
		hops = append(hops, graph.Hop{Location: gw.Loc, Note: "internet gateway " + gw.Str})
	}
	hops = append(hops, graph.Hop{Location: loc, Note: "route to the internet through the gateway"})
	return withTrace(graph.Bool(true, loc), hops...)
}

// subnetRouteTable is the subnet's `route_table_id`: the route table of its
// explicit association as written (a reference to a table of the scan is
// Unknown with its Ref), else its VPC's main route table when the scan
// manages it, else Unknown with the reason.
func (j *joins) subnetRouteTable(s *graph.Resource) *graph.Value {
	p, tableKey, tooMany := j.subnetAssociation(s)
	if tooMany != nil {
		return tooMany
	}
	switch p.presence {
	case maybe:
		return graph.Unknown(p.reason+", so the subnet's route table is not known", p.at)
	case present:
		return orDefault(attr(p.res, tableKey), graph.Unknown("no route table given", p.res.Loc))
	}
	vpc := j.idx.target(vpcRefOf(s), vpcTypes...)
	if vpc == nil {
		return graph.Unknown(s.ID+" has no route table association and its VPC is outside the scan", s.Loc)
	}
	var tables []*graph.Resource
	for _, m := range j.referrers(vpc, "vpc_id", "aws_main_route_table_association") {
		if p := partOf(m); p.presence == maybe {
			return graph.Unknown(p.reason+", so the main route table is not known", p.at)
		}
		if rt := j.idx.target(attr(m, "route_table_id"), routeTableTypes...); rt != nil {
			tables = append(tables, rt)
		}
	}
	if len(tables) == 0 {
		tables = j.referrers(vpc, "default_route_table_id", "aws_default_route_table")
	}
	if len(tables) != 1 {
		return graph.Unknown(s.ID+" has no route table association: its VPC's main route table applies, which the scan does not declare", s.Loc)
	}
	return graph.UnknownRef(tables[0].ID, "id", "the id of "+tables[0].ID+", the main route table of "+vpc.ID, s.Loc)
}
