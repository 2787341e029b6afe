package aws

import (
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// Canonical kind aws.ec2.route_table: a route table with its routes,
// associated subnets and whether it routes the internet to an internet
// gateway (docs/model.md).
const kindRouteTable = "aws.ec2.route_table"

// routeTargets are a route's target attributes in one syntax, in order,
// with the target type each names. The gateway attribute is classified by
// what it names (an internet gateway, a virtual private gateway, local).
type routeTarget struct{ key, kind string }

var (
	cfnRouteTargets = []routeTarget{
		{"GatewayId", ""}, {"NatGatewayId", "nat_gateway"}, {"EgressOnlyInternetGatewayId", "egress_only_internet_gateway"},
		{"TransitGatewayId", "transit_gateway"}, {"VpcPeeringConnectionId", "vpc_peering_connection"},
		{"NetworkInterfaceId", "network_interface"}, {"InstanceId", "instance"}, {"VpcEndpointId", "vpc_endpoint"},
		{"CarrierGatewayId", "carrier_gateway"}, {"LocalGatewayId", "local_gateway"}, {"CoreNetworkArn", "core_network"},
	}
	tfRouteTargets = []routeTarget{
		{"gateway_id", ""}, {"nat_gateway_id", "nat_gateway"}, {"egress_only_gateway_id", "egress_only_internet_gateway"},
		{"transit_gateway_id", "transit_gateway"}, {"vpc_peering_connection_id", "vpc_peering_connection"},
		{"network_interface_id", "network_interface"}, {"instance_id", "instance"}, {"vpc_endpoint_id", "vpc_endpoint"},
		{"carrier_gateway_id", "carrier_gateway"}, {"local_gateway_id", "local_gateway"}, {"core_network_arn", "core_network"},
	}
	vpnGatewayTypes = []string{"AWS::EC2::VPNGateway", "aws_vpn_gateway"}
)

type routeTableMapper struct{}

func (routeTableMapper) kind() string { return kindRouteTable }

func (routeTableMapper) normalize(idx *unitIndex) []*graph.Canonical {
	f := newFolder(idx, &idx.diags, routeTableTypes...)
	edges := newOutEdges(idx)
	var out []*graph.Canonical
	subnets := map[*graph.Canonical]*listBuilder{}
	for _, r := range idx.ofTypes(routeTableTypes...) {
		if idx.stopped() {
			return out
		}
		p := props(r)
		p.Set("vpc_id", orDefault(scalar(vpcRefOf(r)), graph.Unknown("no VPC given", r.Loc)))
		if vpc := idx.target(attr(r, "default_route_table_id"), vpcTypes...); vpc != nil {
			p.Set("vpc_id", graph.UnknownRef(vpc.ID, "id", "the id of "+vpc.ID, r.Loc))
		}
		p.Set("is_main", graph.Bool(r.Type == "aws_default_route_table", r.Loc))
		routes := graph.List(nil, r.Loc)
		if r.Source != graph.SourceCloudFormation {
			routes = mapInlineRoutes(idx, r)
		}
		p.Set("routes", routes)
		p.Set("routes_to_internet_gateway", graph.Unknown("not joined", r.Loc))
		c := &graph.Canonical{ID: r.ID, Native: r, Props: p}
		f.addOwner(c)
		subnets[c] = &listBuilder{loc: r.Loc}
		out = append(out, c)
	}
	for _, r := range idx.ofTypes(routeTypes...) {
		if idx.stopped() {
			return out
		}
		keys, targets := cfnRoute, cfnRouteTargets
		if r.Source != graph.SourceCloudFormation {
			keys, targets = tfRoute, tfRouteTargets
		}
		ref := attr(r, keys.table)
		owner := edges.ownerOf(f, r, keys.table)
		if owner == nil {
			f.orphan(r, ref, "its route is not judged")
			continue
		}
		p := f.attach(owner, r)
		whole := graph.Map(r.Loc)
		for _, k := range r.Attrs.Keys {
			whole.Set(k, r.Attrs.Fields[k])
		}
		route := mapRoute(idx, r, whole, keys, targets)
		route.Set("present", p.presentValue(r.Loc))
		if list := owner.Props.Get("routes"); list.Kind == graph.KindList {
			list.List = append(list.List, route)
		}
	}
	for _, a := range idx.ofTypes(associationTypes...) {
		if idx.stopped() {
			return out
		}
		key, subnet := "RouteTableId", attr(a, "SubnetId")
		if a.Source != graph.SourceCloudFormation {
			key, subnet = "route_table_id", attr(a, "subnet_id")
		}
		ref := attr(a, key)
		if subnet == nil {
			continue // a gateway's edge association
		}
		owner := edges.ownerOf(f, a, key)
		if owner == nil {
			f.orphan(a, ref, "the subnet it associates is not added to any route table of the scan")
			continue
		}
		if p := f.attach(owner, a); p.presence == maybe {
			subnet = graph.Unknown(p.reason, p.at)
		}
		subnets[owner].addElement(scalar(subnet))
	}
	for _, m := range idx.ofTypes("aws_main_route_table_association") {
		ref := attr(m, "route_table_id")
		owner := edges.ownerOf(f, m, "route_table_id")
		if owner == nil {
			f.orphan(m, ref, "no route table of the scan becomes a main table")
			continue
		}
		owner.Props.Set("is_main", f.attach(owner, m).presentValue(m.Loc))
	}
	for _, c := range out {
		c.Props.Set("subnets", subnets[c].value())
	}
	return out
}

// join computes routes_to_internet_gateway, as a subnet's `public` does.
func (routeTableMapper) join(j *joins, built []*graph.Canonical) {
	for _, c := range built {
		if j.idx.stopped() {
			return
		}
		c.Props.Set("routes_to_internet_gateway", j.tablePublic(c.Native, c.Native))
	}
}

// mapInlineRoutes maps the route blocks of a Terraform route table.
func mapInlineRoutes(idx *unitIndex, r *graph.Resource) *graph.Value {
	return mapItems(r, attr(r, "route"), func(e *graph.Value) *graph.Value {
		if e.Kind != graph.KindMap {
			return graph.Unknown("a route of "+r.ID+" is not known", e.Loc)
		}
		return mapRoute(idx, r, e, tfInlineRoute, tfRouteTargets)
	})
}

// mapRoute maps one route (an inline block or a route resource's
// attributes) declared by r.
func mapRoute(idx *unitIndex, r *graph.Resource, m *graph.Value, keys routeKeys, targets []routeTarget) *graph.Value {
	route := graph.Map(m.Loc)
	prefixList := "DestinationPrefixListId"
	if r.Source != graph.SourceCloudFormation {
		prefixList = "destination_prefix_list_id"
	}
	var dest *graph.Value
	for _, k := range []string{keys.cidr, keys.ipv6, prefixList} {
		if v := scalar(field(m, k)); v != nil && !(v.Kind == graph.KindString && v.Str == "") {
			dest = v
			break
		}
	}
	route.Set("destination", orDefault(dest, graph.Unknown("no destination given", m.Loc)))
	targetType, target := graph.Unknown("no target given", m.Loc), graph.Unknown("no target given", m.Loc)
	for _, t := range targets {
		v := scalar(field(m, t.key))
		if v == nil || v.Kind == graph.KindString && v.Str == "" {
			continue
		}
		target = v
		kind := t.kind
		if kind == "" {
			kind = gatewayKind(idx, v)
		}
		if kind != "" {
			targetType = graph.String(kind, v.Loc)
		} else {
			targetType = graph.Unknown("the gateway is not known: "+v.Reason, v.Loc)
		}
		break
	}
	route.Set("target_type", targetType)
	route.Set("target", target)
	route.Set("origin", origin(r))
	route.Set("representative", graph.Bool(m.Representative, m.Loc))
	route.Set("present", graph.Bool(true, m.Loc))
	return route
}

// gatewayKind classifies what a GatewayId / gateway_id names: "" when it
// is not known.
func gatewayKind(idx *unitIndex, v *graph.Value) string {
	switch {
	case idx.target(v, gatewayTypes...) != nil:
		return "internet_gateway"
	case idx.target(v, vpnGatewayTypes...) != nil:
		return "virtual_private_gateway"
	case v.Ref != nil:
		if _, inScan := idx.refs.Resolve(v.Ref.Resource); inScan {
			return "gateway"
		}
		return ""
	}
	s, ok := v.AsString()
	switch {
	case !ok:
		return ""
	case s == "local":
		return "local"
	case strings.HasPrefix(s, "igw-"):
		return "internet_gateway"
	case strings.HasPrefix(s, "vgw-"):
		return "virtual_private_gateway"
	}
	return "gateway"
}
