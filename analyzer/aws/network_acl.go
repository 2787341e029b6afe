package aws

import (
	"fmt"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// Canonical kind aws.ec2.network_acl: a network ACL with its entries,
// wherever they are written, and its subnets (docs/model.md).
const kindNetworkACL = "aws.ec2.network_acl"

var (
	naclTypes            = []string{"AWS::EC2::NetworkAcl", "aws_network_acl", "aws_default_network_acl"}
	naclEntryTypes       = []string{"AWS::EC2::NetworkAclEntry", "aws_network_acl_rule"}
	naclAssociationTypes = []string{"AWS::EC2::SubnetNetworkAclAssociation", "aws_network_acl_association"}
)

// entryKeys names the native attributes of one way of writing an entry.
type entryKeys struct {
	number, action, protocol, cidr, ipv6 string
	// portRange is the block holding from and to ("" when they are
	// attributes of the entry itself).
	portRange, from, to string
}

var (
	cfnEntry        = entryKeys{number: "RuleNumber", action: "RuleAction", protocol: "Protocol", cidr: "CidrBlock", ipv6: "Ipv6CidrBlock", portRange: "PortRange", from: "From", to: "To"}
	tfInlineEntry   = entryKeys{number: "rule_no", action: "action", protocol: "protocol", cidr: "cidr_block", ipv6: "ipv6_cidr_block", from: "from_port", to: "to_port"}
	tfEntryResource = entryKeys{number: "rule_number", action: "rule_action", protocol: "protocol", cidr: "cidr_block", ipv6: "ipv6_cidr_block", from: "from_port", to: "to_port"}
)

type networkACLMapper struct{}

func (networkACLMapper) kind() string { return kindNetworkACL }

func (networkACLMapper) normalize(idx *unitIndex) []*graph.Canonical {
	f := newFolder(idx, &idx.diags, naclTypes...)
	edges := newOutEdges(idx)
	var out []*graph.Canonical
	subnets := map[*graph.Canonical]*listBuilder{}
	// defaults maps a VPC's ID to the canonical ACL of its default ACL.
	defaults := map[string]*graph.Canonical{}
	for _, r := range idx.ofTypes(naclTypes...) {
		if idx.stopped() {
			return out
		}
		c, b := newNACL(idx, r)
		f.addOwner(c)
		if vpc := vpcDefaultOf(idx, "DefaultNetworkAcl", "default_network_acl_id", attr(r, "default_network_acl_id")); vpc != nil {
			defaults[vpc.ID] = c
		}
		subnets[c] = b
		out = append(out, c)
	}
	for _, r := range idx.ofTypes(naclEntryTypes...) {
		if idx.stopped() {
			return out
		}
		key := "NetworkAclId"
		if r.Source != graph.SourceCloudFormation {
			key = "network_acl_id"
		}
		ref := attr(r, key)
		owner := edges.ownerOf(f, r, key)
		if owner == nil {
			if vpc := vpcDefaultOf(idx, "DefaultNetworkAcl", "default_network_acl_id", ref); vpc != nil {
				if owner = defaults[vpc.ID]; owner == nil {
					owner = syntheticNACL(vpc, vpc.ID+"/default-network-acl", "is_default")
					defaults[vpc.ID] = owner
					subnets[owner] = &listBuilder{loc: vpc.Loc}
					out = append(out, owner)
				}
			}
		}
		if owner == nil {
			f.orphan(r, ref, "its entries are judged on an external network ACL of their own")
			owner = syntheticNACL(r, r.ID, "external")
			subnets[owner] = &listBuilder{loc: r.Loc}
			out = append(out, owner)
		}
		p := f.attach(owner, r)
		foldEntry(f, owner, r, p)
	}
	for _, a := range idx.ofTypes(naclAssociationTypes...) {
		if idx.stopped() {
			return out
		}
		key, subnet := "NetworkAclId", attr(a, "SubnetId")
		if a.Source != graph.SourceCloudFormation {
			key, subnet = "network_acl_id", attr(a, "subnet_id")
		}
		ref := attr(a, key)
		owner := edges.ownerOf(f, a, key)
		if owner == nil {
			f.orphan(a, ref, "the subnet it associates is not added to any network ACL of the scan")
			continue
		}
		if p := f.attach(owner, a); p.presence == maybe {
			subnet = graph.Unknown(p.reason, p.at)
		}
		subnets[owner].addElement(scalar(subnet))
	}
	for _, c := range out {
		c.Props.Set("subnets", subnets[c].value())
	}
	return out
}

// newNACL maps an ACL and its inline entries, and starts the list of its
// subnets with those it names itself.
func newNACL(idx *unitIndex, r *graph.Resource) (*graph.Canonical, *listBuilder) {
	c := syntheticNACL(r, r.ID, "")
	p := c.Props
	b := &listBuilder{loc: r.Loc}
	switch r.Type {
	case "AWS::EC2::NetworkAcl":
		p.Set("vpc_id", orDefault(scalar(attr(r, "VpcId")), graph.Unknown("no VPC given", r.Loc)))
		return c, b
	case "aws_default_network_acl":
		p.Set("is_default", graph.Bool(true, r.Loc))
		if vpc := vpcDefaultOf(idx, "DefaultNetworkAcl", "default_network_acl_id", attr(r, "default_network_acl_id")); vpc != nil {
			p.Set("vpc_id", graph.UnknownRef(vpc.ID, "id", "the id of "+vpc.ID, r.Loc))
		}
	default:
		p.Set("vpc_id", orDefault(scalar(attr(r, "vpc_id")), graph.Unknown("no VPC given", r.Loc)))
	}
	b.add(attr(r, "subnet_ids"))
	p.Set("ingress", entryList(r, attr(r, "ingress")))
	p.Set("egress", entryList(r, attr(r, "egress")))
	return c, b
}

// syntheticNACL starts a canonical ACL at r with every property at its
// default; flag ("is_default", "external") is set true when given.
func syntheticNACL(r *graph.Resource, id, flag string) *graph.Canonical {
	p := props(r)
	p.Set("vpc_id", graph.Unknown("the network ACL is outside the scan", r.Loc))
	p.Set("is_default", graph.Bool(false, r.Loc))
	p.Set("external", graph.Bool(false, r.Loc))
	p.Set("ingress", graph.List(nil, r.Loc))
	p.Set("egress", graph.List(nil, r.Loc))
	switch flag {
	case "is_default":
		p.Set("is_default", graph.Bool(true, r.Loc))
		p.Set("vpc_id", graph.UnknownRef(r.ID, "id", "the id of "+r.ID, r.Loc))
	case "external":
		p.Set("external", graph.Bool(true, r.Loc))
	}
	return &graph.Canonical{ID: id, Native: r, Props: p}
}

// entryList maps an ACL's inline entries of one direction.
func entryList(r *graph.Resource, native *graph.Value) *graph.Value {
	return mapItems(r, native, func(e *graph.Value) *graph.Value { return mapEntry(r, e, tfInlineEntry) })
}

// foldEntry adds entry resource r to owner's list of its direction, with
// the presence of part p. An entry whose direction is Unknown goes into
// both lists as an entry that may not exist there.
func foldEntry(f *folder, owner *graph.Canonical, r *graph.Resource, p part) {
	keys, egressKey := cfnEntry, "Egress"
	if r.Source != graph.SourceCloudFormation {
		keys, egressKey = tfEntryResource, "egress"
	}
	whole := graph.Map(r.Loc)
	for _, k := range r.Attrs.Keys {
		whole.Set(k, r.Attrs.Fields[k])
	}
	egress := orDefault(boolean(attr(r, egressKey)), graph.Bool(false, r.Loc))
	directions := []string{"ingress"}
	switch {
	case egress.IsUnknown():
		directions = []string{"ingress", "egress"}
	case egress.Bool:
		directions = []string{"egress"}
	}
	for _, d := range directions {
		dp := p
		if egress.IsUnknown() {
			dp = maybeAlso(dp, fmt.Sprintf("%s may not be an %s entry: its direction is not known (%s)", r.ID, d, egress.Reason), egress.Loc)
		}
		if managesEntriesInline(owner, d) {
			dp = contestedEntry(f, owner, d, dp)
		}
		e := mapEntry(r, whole, keys)
		if e.Kind == graph.KindMap {
			e.Set("present", dp.presentValue(r.Loc))
		}
		list := owner.Props.Get(d)
		if list.Kind == graph.KindList {
			list.List = append(list.List, e)
		}
	}
}

// maybeAlso makes p a maybe part, adding reason to any it has.
func maybeAlso(p part, reason string, at graph.Location) part {
	if p.presence == maybe {
		reason = p.reason + "; " + reason
	} else {
		p.at = at
	}
	p.presence, p.reason = maybe, reason
	return p
}

// managesEntriesInline reports whether owner is a Terraform ACL that
// manages its entries of direction itself: an aws_default_network_acl
// always does (entries it does not declare are removed), an aws_network_acl
// when it declares that direction's entries inline (blocks, or an explicit
// list, even empty).
func managesEntriesInline(owner *graph.Canonical, direction string) bool {
	r := owner.Native
	if r.Source != graph.SourceTerraform {
		return false
	}
	switch r.Type {
	case "aws_default_network_acl":
		return true
	case "aws_network_acl":
		return attr(r, direction) != nil
	}
	return false
}

// contestedEntry warns that entry part p is added to an ACL that manages
// its entries inline, and returns p as a part that may not be in effect:
// applying the ACL removes entries it does not declare.
func contestedEntry(f *folder, owner *graph.Canonical, direction string, p part) part {
	*f.diags = append(*f.diags, graph.Diagnostic{
		Severity: graph.SeverityWarning,
		Summary:  fmt.Sprintf("%s adds an %s entry to %s, which declares its %s entries itself", p.res.ID, direction, owner.Native.ID, direction),
		Detail:   "each overwrites the other when applied: declare the entries in one place",
		Location: p.res.Loc,
		Resource: owner.Native.ID,
	})
	return maybeAlso(p, fmt.Sprintf("%s may not be in effect: %s manages every %s entry itself and removes it on each apply", p.res.ID, owner.Native.ID, direction), p.res.Loc)
}

// mapEntry maps one entry (an inline block or an entry resource's
// attributes) declared by r.
func mapEntry(r *graph.Resource, m *graph.Value, keys entryKeys) *graph.Value {
	switch m.Kind {
	case graph.KindUnknown:
		return m
	case graph.KindMap:
	default:
		return graph.Unknown("a network ACL entry is a "+m.Kind.String()+", not a map", m.Loc)
	}
	e := graph.Map(m.Loc)
	e.Set("rule_number", orDefault(num(field(m, keys.number)), graph.Unknown("no rule number given", m.Loc)))
	e.Set("action", orDefault(lower(scalar(field(m, keys.action))), graph.Unknown("no rule action given", m.Loc)))
	// Both frameworks require a protocol: an absent one is not read as
	// "all traffic".
	protocol := graph.Unknown("no protocol given", m.Loc)
	if v := scalar(field(m, keys.protocol)); v != nil {
		protocol = normalizeProtocol(v, m.Loc)
	}
	e.Set("protocol", protocol)
	ports := m
	if keys.portRange != "" {
		ports = field(m, keys.portRange)
	}
	setPorts(e, protocol, field(ports, keys.from), field(ports, keys.to), m.Loc)
	cidr := scalar(field(m, keys.cidr))
	if cidr == nil || cidr.Kind == graph.KindString && cidr.Str == "" {
		if v6 := scalar(field(m, keys.ipv6)); v6 != nil && !(v6.Kind == graph.KindString && v6.Str == "") {
			cidr = v6
		}
	}
	e.Set("cidr", orDefault(cidr, graph.Unknown("no CIDR block given", m.Loc)))
	e.Set("origin", origin(r))
	e.Set("representative", graph.Bool(m.Representative, m.Loc))
	e.Set("present", graph.Bool(true, m.Loc))
	return e
}

// outEdges indexes a unit's reference edges by the resource they start at.
type outEdges map[string][]graph.Edge

func newOutEdges(idx *unitIndex) outEdges {
	out := outEdges{}
	for _, e := range idx.unit.Edges {
		if e.Kind != graph.EdgeDependsOn && len(e.Path) > 0 {
			out[e.From] = append(out[e.From], e)
		}
	}
	return out
}

// ownerOf returns the owner that r names in attribute key: through the
// value's reference, else through the reference edge the front-end
// recorded at key (a Terraform reference whose value is Unknown as a
// whole, such as one read from an instance whose count is not known,
// keeps its edge but not its Ref). Edges to two owners name none.
func (edges outEdges) ownerOf(f *folder, r *graph.Resource, key string) *graph.Canonical {
	if c := f.ownerByRef(attr(r, key)); c != nil {
		return c
	}
	var found *graph.Canonical
	for _, e := range edges[r.ID] {
		if e.Path[0] != key {
			continue
		}
		to, ok := f.idx.refs.Resolve(e.To)
		if !ok {
			continue
		}
		c := f.owners[to.ID]
		if c == nil || found != nil && found != c {
			return nil
		}
		found = c
	}
	return found
}

// scalar returns v as a string value: a string, a number or a boolean
// rendered as the frameworks coerce them, Unknown kept, nil when absent. A
// list or a map, which neither framework accepts where one string is
// expected, is Unknown: a rule must not read it as a value.
func scalar(v *graph.Value) *graph.Value {
	v = str(v)
	if v == nil || v.Kind == graph.KindString || v.Kind == graph.KindUnknown {
		return v
	}
	return graph.Unknown("a "+v.Kind.String()+" where one value is expected", v.Loc)
}
