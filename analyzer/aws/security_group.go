package aws

import (
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// Canonical kind aws.ec2.security_group: a group with all of its rules,
// wherever they are written (docs/model.md).
const kindSecurityGroup = "aws.ec2.security_group"

// Native types that declare groups, and those that declare rules of a group.
var (
	cfnGroupTypes = []string{"AWS::EC2::SecurityGroup"}
	tfGroupTypes  = []string{"aws_security_group", "aws_default_security_group"}
	groupTypes    = append(append([]string{}, cfnGroupTypes...), tfGroupTypes...)

	ruleResourceTypes = []string{
		"AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress",
		"aws_security_group_rule",
		"aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule",
	}
)

// Default port range of a rule that opens every port: protocol -1, or no
// ports given.
const (
	allPortsFrom = 0
	allPortsTo   = 65535
)

type securityGroupMapper struct{}

func (securityGroupMapper) kind() string { return kindSecurityGroup }

func (securityGroupMapper) normalize(idx *unitIndex) []*graph.Canonical {
	f := newFolder(idx, &idx.diags, groupTypes...)
	var out []*graph.Canonical
	for _, r := range idx.ofTypes(groupTypes...) {
		if idx.stopped() {
			return out
		}
		var c *graph.Canonical
		if r.Source == graph.SourceCloudFormation {
			c = cfnSecurityGroup(r)
		} else {
			c = tfSecurityGroup(r)
		}
		// A CloudFormation rule in the default VPC may name its group by
		// GroupName rather than by its id.
		f.addOwner(c, attr(r, "GroupName"))
		out = append(out, c)
	}
	// Fold separate rule resources into the group they name; a rule whose
	// group is outside the scan (a literal sg-id, a variable) becomes an
	// external group of its own, so rules about CIDRs and ports still see it.
	defaults := map[string]*graph.Canonical{}
	for _, r := range idx.ofTypes(ruleResourceTypes...) {
		if idx.stopped() {
			return out
		}
		direction, rule, groupRef := ruleResource(r)
		if rule == nil {
			continue
		}
		g := f.ownerByRef(groupRef)
		if g == nil && attr(r, "GroupName") != nil {
			g = f.ownerByName(groupRef)
		}
		if g == nil {
			if vpc := vpcDefaultOf(idx, "DefaultSecurityGroup", "default_security_group_id", groupRef); vpc != nil {
				// Rules added to a VPC's default group (GetAtt VPC.DefaultSecurityGroup,
				// aws_vpc.x.default_security_group_id) make that group declare rules.
				id := vpc.ID + "/default-security-group"
				if g = defaults[id]; g == nil {
					g = defaultGroup(vpc, id)
					defaults[id] = g
					out = append(out, g)
				}
			}
		}
		if g == nil {
			f.orphan(r, groupRef, "its rules are judged on an external group of their own")
			g = externalGroup(r)
			out = append(out, g)
		}
		p := f.attach(g, r)
		rule.Set("present", p.presentValue(rule.Loc))
		appendRule(g.Props, direction, rule)
	}
	for _, g := range out {
		setRuleCount(g.Props, "ingress")
		setRuleCount(g.Props, "egress")
	}
	return out
}

// setRuleCount writes <direction>_count: how many rules the group has, or
// Unknown when the list is Unknown, or holds a rule that stands for an
// unknown number of rules (a dynamic block over an unknown for_each) or a
// rule that may not exist (a rule resource whose count or condition is
// unknown).
func setRuleCount(p *graph.Value, direction string) {
	list := p.Get(direction)
	key := direction + "_count"
	if list.Kind != graph.KindList {
		p.Set(key, graph.Unknown(list.Reason, list.Loc))
		return
	}
	for _, r := range list.List {
		if r.Kind == graph.KindUnknown {
			// An unknown element may stand for no rule at all (a
			// condition choosing AWS::NoValue) or for one rule.
			p.Set(key, graph.Unknown("a rule is unknown, so the number of rules is too: "+r.Reason, r.Loc))
			return
		}
		if representative := r.Get("representative"); representative != nil && representative.Bool {
			p.Set(key, graph.Unknown("a dynamic block's for_each is unknown, so its number of rules is too", r.Loc))
			return
		}
		if present := r.Get("present"); present.IsUnknown() {
			p.Set(key, graph.Unknown(present.Reason, present.Loc))
			return
		}
	}
	p.Set(key, graph.Number(float64(len(list.List)), list.Loc))
}

func appendRule(p *graph.Value, direction string, rule *graph.Value) {
	list := p.Get(direction)
	if list.Kind != graph.KindList {
		// The group's inline rules are Unknown as a whole; a folded
		// rule cannot make the list known.
		return
	}
	list.List = append(list.List, rule)
}

// newGroup starts a canonical group with every property at its default.
func newGroup(r *graph.Resource) *graph.Canonical {
	p := props(r)
	p.Set("name", graph.String("", r.Loc))
	p.Set("description", graph.String("", r.Loc))
	p.Set("vpc_id", graph.Unknown("no VPC given: the region's default VPC", r.Loc))
	p.Set("tags", graph.Map(r.Loc))
	p.Set("is_default", graph.Bool(false, r.Loc))
	p.Set("external", graph.Bool(false, r.Loc))
	p.Set("ingress", graph.List(nil, r.Loc))
	p.Set("egress", graph.List(nil, r.Loc))
	return &graph.Canonical{ID: r.ID, Native: r, Props: p}
}

// defaultGroup is the canonical default group of a VPC, known only through
// the rules a template adds to it.
func defaultGroup(vpc *graph.Resource, id string) *graph.Canonical {
	g := newGroup(vpc)
	g.ID = id
	g.Props.Set("is_default", graph.Bool(true, vpc.Loc))
	g.Props.Set("name", graph.String("default", vpc.Loc))
	g.Props.Set("description", graph.String("default VPC security group", vpc.Loc))
	return g
}

func externalGroup(rule *graph.Resource) *graph.Canonical {
	g := newGroup(rule)
	g.Props.Set("external", graph.Bool(true, rule.Loc))
	g.Props.Set("vpc_id", graph.Unknown("the group is outside the scan", rule.Loc))
	return g
}

// --- CloudFormation ---------------------------------------------------------

// cfnSecurityGroup maps AWS::EC2::SecurityGroup.
func cfnSecurityGroup(r *graph.Resource) *graph.Canonical {
	g := newGroup(r)
	p := g.Props
	if v := str(attr(r, "GroupName")); v != nil {
		p.Set("name", v)
	}
	if v := str(attr(r, "GroupDescription")); v != nil {
		p.Set("description", v)
	}
	if v := attr(r, "VpcId"); v != nil {
		p.Set("vpc_id", v)
	}
	p.Set("tags", tagMap(r, attr(r, "Tags")))
	p.Set("ingress", ruleList(r, attr(r, "SecurityGroupIngress"), cfnIngress))
	p.Set("egress", ruleList(r, attr(r, "SecurityGroupEgress"), cfnEgress))
	return g
}

// --- Terraform --------------------------------------------------------------

// tfSecurityGroup maps aws_security_group and aws_default_security_group.
func tfSecurityGroup(r *graph.Resource) *graph.Canonical {
	g := newGroup(r)
	p := g.Props
	isDefault := r.Type == "aws_default_security_group"
	switch {
	case isDefault:
		p.Set("is_default", graph.Bool(true, r.Loc))
		p.Set("name", graph.String("default", r.Loc))
		p.Set("description", graph.String("default VPC security group", r.Loc))
	default:
		// Terraform's documented default description.
		p.Set("description", orDefault(str(attr(r, "description")), graph.String("Managed by Terraform", r.Loc)))
		if v := str(attr(r, "name")); v != nil {
			p.Set("name", v)
		}
	}
	if v := attr(r, "vpc_id"); v != nil {
		p.Set("vpc_id", v)
	}
	p.Set("tags", tagMap(r, attr(r, "tags")))
	p.Set("ingress", ruleList(r, attr(r, "ingress"), tfInline))
	p.Set("egress", ruleList(r, attr(r, "egress"), tfInline))
	return g
}

// --- rules (both frameworks) -----------------------------------------------

// ruleKeys names the native attributes of one way of writing a rule. Every
// way maps onto the same canonical rule, which is the point of this file.
type ruleKeys struct {
	protocol, from, to string
	cidrs              []string
	groups             []string
	prefixes           []string
	// singleGroup says that each groups key holds one group, not a list:
	// an Unknown there (a reference, a parameter) is one Unknown source,
	// which keeps the reference, not a list of unknown length.
	singleGroup bool
	// singleCIDR says the same of each cidrs key.
	singleCIDR bool
	// self is "" where the syntax has no self argument.
	self, description string
}

var (
	// SecurityGroupIngress entries and AWS::EC2::SecurityGroupIngress.
	cfnIngress = ruleKeys{
		protocol: "IpProtocol", from: "FromPort", to: "ToPort",
		cidrs:       []string{"CidrIp", "CidrIpv6"},
		groups:      []string{"SourceSecurityGroupId", "SourceSecurityGroupName"},
		prefixes:    []string{"SourcePrefixListId"},
		description: "Description",
		singleCIDR:  true,
		singleGroup: true,
	}
	// SecurityGroupEgress entries and AWS::EC2::SecurityGroupEgress.
	cfnEgress = ruleKeys{
		protocol: "IpProtocol", from: "FromPort", to: "ToPort",
		cidrs:       []string{"CidrIp", "CidrIpv6"},
		groups:      []string{"DestinationSecurityGroupId"},
		prefixes:    []string{"DestinationPrefixListId"},
		description: "Description",
		singleCIDR:  true,
		singleGroup: true,
	}
	// Inline ingress/egress blocks of aws_security_group.
	tfInline = ruleKeys{
		protocol: "protocol", from: "from_port", to: "to_port",
		cidrs:    []string{"cidr_blocks", "ipv6_cidr_blocks"},
		groups:   []string{"security_groups"},
		prefixes: []string{"prefix_list_ids"},
		self:     "self", description: "description",
	}
	// aws_security_group_rule.
	tfRuleResource = ruleKeys{
		protocol: "protocol", from: "from_port", to: "to_port",
		cidrs:    []string{"cidr_blocks", "ipv6_cidr_blocks"},
		groups:   []string{"source_security_group_id"},
		prefixes: []string{"prefix_list_ids"},
		self:     "self", description: "description",
		singleGroup: true,
	}
	// aws_vpc_security_group_ingress_rule / _egress_rule.
	tfVPCRule = ruleKeys{
		protocol: "ip_protocol", from: "from_port", to: "to_port",
		cidrs:       []string{"cidr_ipv4", "cidr_ipv6"},
		groups:      []string{"referenced_security_group_id"},
		prefixes:    []string{"prefix_list_id"},
		description: "description",
		singleCIDR:  true,
		singleGroup: true,
	}
)

// ruleList maps a group's inline rule list.
func ruleList(r *graph.Resource, native *graph.Value, keys ruleKeys) *graph.Value {
	return mapItems(r, native, func(e *graph.Value) *graph.Value { return mapRule(r, e, keys) })
}

// mapRule maps one rule (an inline entry or block, or the attributes of a
// rule resource) declared by r.
func mapRule(r *graph.Resource, m *graph.Value, keys ruleKeys) *graph.Value {
	switch m.Kind {
	case graph.KindUnknown:
		return m
	case graph.KindMap:
	default:
		// A rule that is not a map is rejected by both frameworks; reading
		// it as a rule with every default would open all ports on a guess.
		return graph.Unknown("a rule is a "+m.Kind.String()+", not a map", m.Loc)
	}
	collect := func(names []string) *graph.Value {
		b := &listBuilder{loc: m.Loc}
		for _, k := range names {
			b.add(field(m, k))
		}
		return b.value()
	}
	// single lists attributes that each hold one value, an Unknown one
	// (a reference, a parameter) included, which keeps its reference.
	single := func(names []string) *graph.Value {
		b := &listBuilder{loc: m.Loc}
		for _, k := range names {
			b.addElement(field(m, k))
		}
		return b.value()
	}
	rule := graph.Map(m.Loc)
	protocol := normalizeProtocol(field(m, keys.protocol), m.Loc)
	rule.Set("protocol", protocol)
	setPorts(rule, protocol, field(m, keys.from), field(m, keys.to), m.Loc)
	cidrs, groups := collect, collect
	if keys.singleCIDR {
		cidrs = single
	}
	if keys.singleGroup {
		groups = single
	}
	rule.Set("cidrs", cidrs(keys.cidrs))
	rule.Set("source_security_groups", groups(keys.groups))
	rule.Set("prefix_lists", collect(keys.prefixes))
	self := graph.Bool(false, m.Loc)
	if keys.self != "" {
		self = orDefault(boolean(field(m, keys.self)), self)
	}
	rule.Set("self", self)
	rule.Set("description", orDefault(str(field(m, keys.description)), graph.String("", m.Loc)))
	rule.Set("origin", origin(r))
	rule.Set("representative", graph.Bool(m.Representative, m.Loc))
	// A rule written in its group exists with it; a rule resource that may
	// not exist gets an Unknown here when it is folded (fold.go).
	rule.Set("present", graph.Bool(true, m.Loc))
	return rule
}

// --- separate rule resources (both frameworks) ------------------------------

// ruleResource maps a separate rule resource to its direction, canonical rule
// and the value naming its group.
func ruleResource(r *graph.Resource) (direction string, rule, group *graph.Value) {
	whole := graph.Map(r.Loc)
	for _, k := range r.Attrs.Keys {
		whole.Set(k, r.Attrs.Fields[k])
	}
	whole.Loc = r.Loc
	group = ruleGroupRef(r)
	switch r.Type {
	case "AWS::EC2::SecurityGroupIngress":
		return "ingress", mapRule(r, whole, cfnIngress), group
	case "AWS::EC2::SecurityGroupEgress":
		return "egress", mapRule(r, whole, cfnEgress), group
	case "aws_security_group_rule":
		direction, ok := attr(r, "type").AsString()
		if !ok || (direction != "ingress" && direction != "egress") {
			// The direction decides which list the rule belongs to; an
			// unknown one cannot be placed without guessing.
			return "", nil, nil
		}
		return direction, mapRule(r, whole, tfRuleResource), group
	case "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule":
		return strings.TrimSuffix(strings.TrimPrefix(r.Type, "aws_vpc_security_group_"), "_rule"), mapRule(r, whole, tfVPCRule), group
	}
	return "", nil, nil
}

// ruleGroupRef returns the value naming the group a rule resource belongs to.
func ruleGroupRef(r *graph.Resource) *graph.Value {
	if v := attr(r, "GroupId"); v != nil {
		return v
	}
	if v := attr(r, "GroupName"); v != nil {
		return v
	}
	return attr(r, "security_group_id")
}

// --- shared helpers ---------------------------------------------------------

// protocolNames maps IANA protocol numbers to the names rules use.
var protocolNames = map[string]string{
	"6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6", "all": "-1", "-1": "-1",
	"tcp": "tcp", "udp": "udp", "icmp": "icmp", "icmpv6": "icmpv6",
}

// normalizeProtocol lower-cases a protocol and maps numbers to names; an
// absent protocol is -1 (all), the AWS default when a rule names none.
func normalizeProtocol(v *graph.Value, loc graph.Location) *graph.Value {
	if v == nil {
		return graph.String("-1", loc)
	}
	s := lower(str(v))
	if s.Kind != graph.KindString {
		return s
	}
	if name, ok := protocolNames[s.Str]; ok {
		c := *s
		c.Str = name
		return &c
	}
	return s
}

// setPorts writes from_port/to_port. A rule for all protocols covers every
// port whatever ports it names (AWS ignores them), and absent ports mean all.
func setPorts(rule, protocol, from, to *graph.Value, loc graph.Location) {
	if protocol.Kind == graph.KindString && protocol.Str == "-1" {
		rule.Set("from_port", graph.Number(allPortsFrom, portLoc(from, loc)))
		rule.Set("to_port", graph.Number(allPortsTo, portLoc(to, loc)))
		return
	}
	rule.Set("from_port", orDefault(num(from), graph.Number(allPortsFrom, loc)))
	rule.Set("to_port", orDefault(num(to), graph.Number(allPortsTo, loc)))
}

func portLoc(v *graph.Value, def graph.Location) graph.Location {
	if v != nil && v.Loc.Known() {
		return v.Loc
	}
	return def
}

func origin(r *graph.Resource) *graph.Value {
	o := graph.Map(r.Loc)
	o.Set("id", graph.String(r.ID, r.Loc))
	o.Set("type", graph.String(r.Type, r.Loc))
	return o
}
