package aws

import "github.com/rampart-iac/rampart/analyzer/graph"

// Canonical kind aws.ec2.network_interface: an elastic network interface
// with every group attached to it.
const kindNetworkInterface = "aws.ec2.network_interface"

type networkInterfaceMapper struct{}

func (networkInterfaceMapper) kind() string { return kindNetworkInterface }

func (networkInterfaceMapper) normalize(idx *unitIndex) []*graph.Canonical {
	f := newFolder(idx, &idx.diags, "aws_network_interface")
	groups := map[*graph.Canonical]*listBuilder{}
	var out []*graph.Canonical
	for _, r := range idx.ofTypes("AWS::EC2::NetworkInterface", "aws_network_interface") {
		if idx.stopped() {
			return out
		}
		b := &listBuilder{loc: r.Loc}
		if r.Source == graph.SourceCloudFormation {
			b.add(attr(r, "GroupSet"))
		} else {
			b.add(attr(r, "security_groups"))
		}
		p := props(r)
		p.Set("launch_template", graph.Bool(false, r.Loc))
		p.Set("network_interfaces", graph.Number(1, r.Loc))
		c := &graph.Canonical{ID: r.ID, Native: r, Props: p}
		f.addOwner(c)
		groups[c] = b
		out = append(out, c)
	}
	// aws_network_interface_sg_attachment adds one group to an interface.
	// One that may not exist makes the number of groups unknown.
	for _, a := range idx.ofTypes("aws_network_interface_sg_attachment") {
		if idx.stopped() {
			return out
		}
		ref := attr(a, "network_interface_id")
		owner := f.ownerByRef(ref)
		if owner == nil {
			f.orphan(a, ref, "the group it attaches is not judged")
			continue
		}
		if p := f.attach(owner, a); p.presence == maybe {
			groups[owner].addUnknownLength(graph.Unknown(p.reason, p.at))
			continue
		}
		groups[owner].addElement(attr(a, "security_group_id"))
	}
	for _, c := range out {
		c.Props.Set("security_groups", groups[c].value())
	}
	return out
}
