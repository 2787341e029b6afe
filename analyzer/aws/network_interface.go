package aws

import "github.com/rampart-iac/rampart/analyzer/graph"

// Canonical kind aws.ec2.network_interface: an elastic network interface
// with every group attached to it.
const kindNetworkInterface = "aws.ec2.network_interface"

type networkInterfaceMapper struct{}

func (networkInterfaceMapper) kind() string { return kindNetworkInterface }

func (networkInterfaceMapper) normalize(idx *unitIndex) []*graph.Canonical {
	byID := map[string]*listBuilder{}
	var out []*graph.Canonical
	for _, r := range idx.ofTypes("AWS::EC2::NetworkInterface", "aws_network_interface") {
		if idx.stopped() {
			return out
		}
		groups := &listBuilder{loc: r.Loc}
		if r.Source == graph.SourceCloudFormation {
			groups.add(attr(r, "GroupSet"))
		} else {
			groups.add(attr(r, "security_groups"))
		}
		byID[r.ID] = groups
		p := props(r)
		p.Set("launch_template", graph.Bool(false, r.Loc))
		p.Set("network_interfaces", graph.Number(1, r.Loc))
		out = append(out, &graph.Canonical{ID: r.ID, Native: r, Props: p})
	}
	// aws_network_interface_sg_attachment adds one group to an interface.
	for _, a := range idx.ofTypes("aws_network_interface_sg_attachment") {
		if idx.stopped() {
			return out
		}
		owner := idx.target(attr(a, "network_interface_id"), "aws_network_interface")
		if owner == nil {
			continue
		}
		byID[owner.ID].add(attr(a, "security_group_id"))
		for _, c := range out {
			if c.ID == owner.ID {
				c.Parts = append(c.Parts, a.ID)
			}
		}
	}
	for _, c := range out {
		c.Props.Set("security_groups", byID[c.ID].value())
	}
	return out
}
