package aws

import "github.com/rampart-iac/rampart/analyzer/graph"

// Canonical kind aws.ec2.launch_template: a launch template or the older
// launch configuration, both of which name the groups of the instances they
// launch.
const kindLaunchTemplate = "aws.ec2.launch_template"

type launchTemplateMapper struct{}

func (launchTemplateMapper) kind() string { return kindLaunchTemplate }

func (launchTemplateMapper) normalize(idx *unitIndex) []*graph.Canonical {
	var out []*graph.Canonical
	types := []string{
		"AWS::EC2::LaunchTemplate", "AWS::AutoScaling::LaunchConfiguration",
		"aws_launch_template", "aws_launch_configuration",
	}
	for _, r := range idx.ofTypes(types...) {
		if idx.stopped() {
			return out
		}
		p := props(r)
		groups := &listBuilder{loc: r.Loc}
		var enis *graph.Value
		switch r.Type {
		case "AWS::EC2::LaunchTemplate":
			// When the whole data block is Unknown (or malformed), field
			// makes every property read under it Unknown too.
			data := block(r, "LaunchTemplateData")
			groups.addAll(field(data, "SecurityGroups"), field(data, "SecurityGroupIds"))
			enis = field(data, "NetworkInterfaces")
			interfaceGroups(groups, enis, "Groups")
		case "AWS::AutoScaling::LaunchConfiguration":
			groups.add(attr(r, "SecurityGroups"))
		case "aws_launch_template":
			groups.addAll(attr(r, "vpc_security_group_ids"), attr(r, "security_group_names"))
			enis = attr(r, "network_interfaces")
			interfaceGroups(groups, enis, "security_groups")
		case "aws_launch_configuration":
			groups.add(attr(r, "security_groups"))
		}
		p.Set("security_groups", groups.value())
		p.Set("launch_template", graph.Bool(false, r.Loc))
		p.Set("network_interfaces", interfaceCount(enis, r.Loc))
		out = append(out, &graph.Canonical{ID: r.ID, Native: r, Props: p})
	}
	return out
}

// join sets what the template launches instances with. It is a join
// because an EKS node group or a Batch compute environment that launches
// the template gives its instances a role, and because the account's EBS
// encryption default may be managed in the unit.
func (launchTemplateMapper) join(j *joins, built []*graph.Canonical) {
	for _, c := range built {
		if j.idx.stopped() {
			return
		}
		r := c.Native
		s := settingsOf(r)
		c.Props.Set("associate_public_ip", orDefault(boolean(s.publicIP), graph.Bool(false, r.Loc)))
		j.setLaunchProps(c.Props, r, s, "the template names no AMI: whoever launches it does")
		if p := c.Props.Get("instance_profile"); p.Kind == graph.KindBool && !p.Bool {
			if by := j.suppliedProfile(r); by != nil {
				v := graph.Bool(true, r.Loc)
				v.Trace = graph.Trace{hop(by, by.ID+" launches the template's instances with a role of its own")}
				c.Props.Set("instance_profile", v)
			}
		}
	}
}
