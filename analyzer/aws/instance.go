package aws

import "github.com/rampart-iac/rampart/analyzer/graph"

// Canonical kind aws.ec2.instance: an EC2 instance, what it is attached
// to and what it is launched with (ec2_launch.go reads those settings, the
// join takes what the instance does not set from its launch template).
const kindInstance = "aws.ec2.instance"

type instanceMapper struct{}

func (instanceMapper) kind() string { return kindInstance }

func (instanceMapper) normalize(idx *unitIndex) []*graph.Canonical {
	var out []*graph.Canonical
	for _, r := range idx.ofTypes("AWS::EC2::Instance", "aws_instance") {
		if idx.stopped() {
			return out
		}
		p := props(r)
		groups := &listBuilder{loc: r.Loc}
		var enis, template *graph.Value
		if r.Source == graph.SourceCloudFormation {
			groups.addAll(attr(r, "SecurityGroups"), attr(r, "SecurityGroupIds"))
			enis = attr(r, "NetworkInterfaces")
			interfaceGroups(groups, enis, "GroupSet")
			template = attr(r, "LaunchTemplate")
		} else {
			groups.addAll(attr(r, "security_groups"), attr(r, "vpc_security_group_ids"))
			// A Terraform instance's network_interface blocks attach
			// existing interfaces, whose groups belong to those interfaces.
			enis = attr(r, "network_interface")
			template = attr(r, "launch_template")
		}
		p.Set("security_groups", groups.value())
		p.Set("launch_template", graph.Bool(template != nil, locOr(template, r.Loc)))
		p.Set("network_interfaces", interfaceCount(enis, r.Loc))
		out = append(out, &graph.Canonical{ID: r.ID, Native: r, Props: p})
	}
	return out
}

// join sets what the instance is launched with: its own settings over its
// launch template's, its public IP from its subnet, its volumes'
// encryption from the account default the unit manages.
func (instanceMapper) join(j *joins, built []*graph.Canonical) {
	for _, c := range built {
		if j.idx.stopped() {
			return
		}
		r := c.Native
		s := j.withTemplate(settingsOf(r), j.templateOf(r))
		c.Props.Set("subnet_id", orDefault(str(s.subnet), graph.String("", r.Loc)))
		c.Props.Set("public_ip", j.instancePublicIP(r, s))
		j.setLaunchProps(c.Props, r, s, "no AMI is named")
	}
}

// interfaceGroups adds the groups named inside inline network interface
// specifications (key GroupSet for instances, Groups for launch templates).
// An interface that is Unknown, or not a map, could name any group, so it
// makes the groups Unknown.
func interfaceGroups(groups *listBuilder, native *graph.Value, key string) {
	enis, ok := items(native)
	if !ok {
		groups.add(native)
		return
	}
	for _, eni := range enis {
		switch eni.Kind {
		case graph.KindMap:
			groups.add(field(eni, key))
		case graph.KindUnknown:
			groups.add(graph.Unknown("a network interface is unknown: "+eni.Reason, eni.Loc))
		default:
			groups.add(graph.Unknown("a network interface is a "+eni.Kind.String()+", not a map", eni.Loc))
		}
	}
}

// interfaceCount is the number of inline network interfaces, Unknown when
// the list, or an element that may stand for no interface, is Unknown.
func interfaceCount(native *graph.Value, def graph.Location) *graph.Value {
	enis, ok := items(native)
	if !ok {
		return graph.Unknown("the network interfaces are unknown: "+native.Reason, native.Loc)
	}
	for _, eni := range enis {
		if eni.Kind == graph.KindUnknown {
			return graph.Unknown("a network interface is unknown, so their number is too: "+eni.Reason, eni.Loc)
		}
	}
	return graph.Number(float64(len(enis)), def)
}

func locOr(v *graph.Value, def graph.Location) graph.Location {
	if v != nil && v.Loc.Known() {
		return v.Loc
	}
	return def
}
