package aws

import "github.com/rampart-iac/rampart/analyzer/graph"

// Canonical kind aws.autoscaling.group: an auto scaling group with what
// its instances are launched from and the load balancers they are
// registered with, wherever that is written: the group's own arguments, or
// separate attachment resources folded into it.
const kindAutoScalingGroup = "aws.autoscaling.group"

var autoScalingGroupTypes = []string{"AWS::AutoScaling::AutoScalingGroup", "aws_autoscaling_group"}

// asgKeys names the native attributes of an auto scaling group in one
// syntax; a path walks nested blocks (a Terraform block is a list of one).
type asgKeys struct {
	targetGroups, loadBalancers, launchConfiguration, subnets string
	template                                                  []string
	mixedTemplate                                             []string
	templateID, templateName                                  string
	mixedID, mixedName                                        string
}

var (
	cfnASG = asgKeys{
		targetGroups: "TargetGroupARNs", loadBalancers: "LoadBalancerNames", launchConfiguration: "LaunchConfigurationName",
		subnets:       "VPCZoneIdentifier",
		template:      []string{"LaunchTemplate"},
		mixedTemplate: []string{"MixedInstancesPolicy", "LaunchTemplate", "LaunchTemplateSpecification"},
		templateID:    "LaunchTemplateId", templateName: "LaunchTemplateName",
		mixedID: "LaunchTemplateId", mixedName: "LaunchTemplateName",
	}
	tfASG = asgKeys{
		targetGroups: "target_group_arns", loadBalancers: "load_balancers", launchConfiguration: "launch_configuration",
		subnets:       "vpc_zone_identifier",
		template:      []string{"launch_template"},
		mixedTemplate: []string{"mixed_instances_policy", "launch_template", "launch_template_specification"},
		templateID:    "id", templateName: "name",
		mixedID: "launch_template_id", mixedName: "launch_template_name",
	}
)

type autoScalingGroupMapper struct{}

func (autoScalingGroupMapper) kind() string { return kindAutoScalingGroup }

func (autoScalingGroupMapper) normalize(idx *unitIndex) []*graph.Canonical {
	f := newFolder(idx, &idx.diags, "aws_autoscaling_group")
	tgs, lbs := map[*graph.Canonical]*listBuilder{}, map[*graph.Canonical]*listBuilder{}
	var out []*graph.Canonical
	for _, r := range idx.ofTypes(autoScalingGroupTypes...) {
		if idx.stopped() {
			return out
		}
		keys := cfnASG
		if r.Source != graph.SourceCloudFormation {
			keys = tfASG
		}
		p := props(r)
		p.Set("launch_template", launchTemplateOf(r, keys))
		p.Set("launch_configuration", orDefault(str(attr(r, keys.launchConfiguration)), graph.String("", r.Loc)))
		subnets := &listBuilder{loc: r.Loc}
		subnets.add(attr(r, keys.subnets))
		p.Set("subnets", subnets.value())
		c := &graph.Canonical{ID: r.ID, Native: r, Props: p}
		tgs[c], lbs[c] = &listBuilder{loc: r.Loc}, &listBuilder{loc: r.Loc}
		tgs[c].add(attr(r, keys.targetGroups))
		lbs[c].add(attr(r, keys.loadBalancers))
		f.addOwner(c, attr(r, "name"))
		out = append(out, c)
	}
	// aws_autoscaling_attachment registers a group with one target group
	// (lb_target_group_arn, formerly alb_target_group_arn) or one classic
	// load balancer (elb). One that may not exist makes the list's length
	// Unknown.
	for _, a := range idx.ofTypes("aws_autoscaling_attachment") {
		if idx.stopped() {
			return out
		}
		ref := attr(a, "autoscaling_group_name")
		owner := f.ownerByRef(ref)
		if owner == nil {
			owner = f.ownerByName(ref)
		}
		if owner == nil {
			f.orphan(a, ref, "the load balancer it registers is not judged")
			continue
		}
		p := f.attach(owner, a)
		for _, add := range []struct {
			list *listBuilder
			keys []string
		}{
			{tgs[owner], []string{"lb_target_group_arn", "alb_target_group_arn"}},
			{lbs[owner], []string{"elb"}},
		} {
			for _, k := range add.keys {
				v := attr(a, k)
				switch {
				case v == nil:
				case p.presence == maybe:
					add.list.addUnknownLength(graph.Unknown(p.reason, p.at))
				default:
					add.list.addElement(v)
				}
			}
		}
	}
	for _, c := range out {
		c.Props.Set("target_groups", tgs[c].value())
		c.Props.Set("load_balancers", lbs[c].value())
	}
	return out
}

// launchTemplateOf is the launch template the group launches from: the
// template's ID or name as written (a reference is Unknown with it), from
// the LaunchTemplate block or from the mixed instances policy; "" when
// the group uses neither (a launch configuration).
func launchTemplateOf(r *graph.Resource, keys asgKeys) *graph.Value {
	for _, spec := range []struct {
		path     []string
		id, name string
	}{
		{keys.template, keys.templateID, keys.templateName},
		{keys.mixedTemplate, keys.mixedID, keys.mixedName},
	} {
		b := nestedBlock(attr(r, spec.path[0]), spec.path[1:]...)
		if b == nil {
			continue
		}
		if b.Kind != graph.KindMap {
			return graph.Unknown("the launch template is not known", b.Loc)
		}
		if id := orDefault(field(b, spec.id), field(b, spec.name)); id != nil {
			return str(id)
		}
		return graph.Unknown("the launch template names no template", b.Loc)
	}
	return graph.String("", r.Loc)
}

// nestedBlock follows keys down from v through nested blocks, each a map
// (CloudFormation) or a list holding one map (a Terraform block): nil when
// a block is absent, an Unknown when one is Unknown, is not a map, or is a
// dynamic block that may stand for none.
func nestedBlock(v *graph.Value, keys ...string) *graph.Value {
	for i := 0; ; i++ {
		if v == nil || v.Kind == graph.KindUnknown {
			return v
		}
		if v.Kind == graph.KindList {
			elems, _ := items(v)
			switch {
			case len(elems) == 0:
				return nil
			case len(elems) > 1:
				return graph.Unknown("more than one block where one is expected", v.Loc)
			case elems[0].Representative:
				return graph.Unknown("a dynamic block may stand for none", elems[0].Loc)
			}
			v = elems[0]
		}
		if v.Kind != graph.KindMap {
			return graph.Unknown("a "+v.Kind.String()+" where a block is expected", v.Loc)
		}
		if i == len(keys) {
			return v
		}
		v = field(v, keys[i])
	}
}
