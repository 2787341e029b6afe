package aws

import "github.com/rampart-iac/rampart/analyzer/graph"

// Canonical kind aws.ec2.instance: an EC2 instance and what it is attached to.
const kindInstance = "aws.ec2.instance"

type instanceMapper struct{}

func (instanceMapper) kind() string { return kindInstance }

func (instanceMapper) normalize(idx *unitIndex) []*graph.Canonical {
	var out []*graph.Canonical
	for _, r := range idx.ofTypes("AWS::EC2::Instance", "aws_instance") {
		p := props(r)
		groups := &listBuilder{loc: r.Loc}
		var enis []*graph.Value
		var template *graph.Value
		if r.Source == graph.SourceCloudFormation {
			groups.addAll(attr(r, "SecurityGroups"), attr(r, "SecurityGroupIds"))
			enis = interfaceGroups(groups, attr(r, "NetworkInterfaces"), "GroupSet")
			template = attr(r, "LaunchTemplate")
		} else {
			groups.addAll(attr(r, "security_groups"), attr(r, "vpc_security_group_ids"))
			// A Terraform instance's network_interface blocks attach
			// existing interfaces, whose groups belong to those interfaces.
			enis, _ = items(attr(r, "network_interface"))
			template = attr(r, "launch_template")
		}
		p.Set("security_groups", groups.value())
		p.Set("launch_template", graph.Bool(template != nil, locOr(template, r.Loc)))
		p.Set("network_interfaces", graph.Number(float64(len(enis)), r.Loc))
		out = append(out, &graph.Canonical{ID: r.ID, Native: r, Props: p})
	}
	return out
}

// interfaceGroups adds the groups named inside inline network interface
// specifications (key GroupSet for instances, Groups for launch templates)
// and returns the interfaces.
func interfaceGroups(groups *listBuilder, native *graph.Value, key string) []*graph.Value {
	enis, ok := items(native)
	if !ok {
		groups.add(native)
		return nil
	}
	for _, eni := range enis {
		groups.add(field(eni, key))
	}
	return enis
}

func locOr(v *graph.Value, def graph.Location) graph.Location {
	if v != nil && v.Loc.Known() {
		return v.Loc
	}
	return def
}
