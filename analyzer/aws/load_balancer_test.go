package aws

import (
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// TestLoadBalancingNormalization covers the load balancer, target group and
// auto scaling group kinds: targets and registrations wherever they are
// written, with what may not exist.
func TestLoadBalancingNormalization(t *testing.T) {
	unknown := graph.Unknown("a variable with no value", graph.Location{File: "t", StartLine: 98})
	resources := []*graph.Resource{
		res(cfn, "AWS::ElasticLoadBalancingV2::LoadBalancer", "Internal", 1, map[string]any{
			"Scheme": "internal", "Type": "network",
			"SubnetMappings": []any{map[string]any{"SubnetId": "subnet-1"}},
		}),
		res(tf, "aws_alb", "aws_alb.web", 5, map[string]any{
			"internal": unknown, "subnets": []any{"subnet-1"}, "security_groups": []any{ref("aws_security_group.alb", "id")},
		}),
		res(cfn, "AWS::ElasticLoadBalancingV2::TargetGroup", "TG", 10, map[string]any{
			"VpcId":   "vpc-1",
			"Targets": []any{map[string]any{"Id": ref("Web", "Ref")}, unknown, "i-1"},
		}),
		res(tf, "aws_lb_target_group", "aws_lb_target_group.app", 20, map[string]any{}),
		res(tf, "aws_lb_target_group_attachment", "aws_lb_target_group_attachment.a", 30, map[string]any{
			"target_group_arn": ref("aws_lb_target_group.app", "arn"), "target_id": ref("aws_instance.a", "id"),
		}),
		maybeRes(res(tf, "aws_alb_target_group_attachment", "aws_alb_target_group_attachment.b", 40, map[string]any{
			"target_group_arn": ref("aws_lb_target_group.app", "arn"), "target_id": "i-2",
		})),
		res(tf, "aws_lb_target_group_attachment", "aws_lb_target_group_attachment.orphan", 45, map[string]any{
			"target_group_arn": "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/x/1", "target_id": "i-3",
		}),
		res(cfn, "AWS::AutoScaling::AutoScalingGroup", "Workers", 50, map[string]any{
			"TargetGroupARNs":   []any{ref("TG", "Ref")},
			"VPCZoneIdentifier": []any{ref("Private", "Ref"), "subnet-2"},
			"MixedInstancesPolicy": map[string]any{"LaunchTemplate": map[string]any{
				"LaunchTemplateSpecification": map[string]any{"LaunchTemplateName": "workers", "Version": "1"},
			}},
		}),
		res(tf, "aws_autoscaling_group", "aws_autoscaling_group.app", 60, map[string]any{
			"launch_template": []any{map[string]any{"id": ref("aws_launch_template.app", "id")}},
		}),
		res(tf, "aws_autoscaling_attachment", "aws_autoscaling_attachment.tg", 70, map[string]any{
			"autoscaling_group_name": ref("aws_autoscaling_group.app", "name"), "lb_target_group_arn": ref("aws_lb_target_group.app", "arn"),
		}),
		res(tf, "aws_autoscaling_attachment", "aws_autoscaling_attachment.elb", 75, map[string]any{
			"autoscaling_group_name": ref("aws_autoscaling_group.app", "name"), "elb": "classic",
		}),
		res(tf, "aws_autoscaling_group", "aws_autoscaling_group.legacy", 80, map[string]any{
			"launch_configuration": "legacy-lc", "target_group_arns": unknown,
		}),
		maybeRes(res(tf, "aws_autoscaling_attachment", "aws_autoscaling_attachment.maybe", 90, map[string]any{
			"autoscaling_group_name": ref("aws_autoscaling_group.legacy", "name"), "lb_target_group_arn": "arn:aws:x",
		})),
	}
	want := map[string]map[string]string{
		"Internal": {"type": `"network"`, "scheme": `"internal"`, "internal": "true", "subnets": `["subnet-1"]`, "security_groups": "[]"},
		"aws_alb.web": {
			"type": `"application"`, "scheme": "(unknown)", "internal": "(unknown)",
			"security_groups": "[(unknown aws_security_group.alb.id)]",
		},
		"TG": {
			"target_type": `"instance"`, "vpc_id": `"vpc-1"`,
			"targets[0].id": "(unknown Web.Ref)", "targets[0].present": "true", `targets[0].origin.id`: `"TG"`,
			"targets[1]": "(unknown)", "targets[2]": "(unknown)",
		},
		"aws_lb_target_group.app": {
			"vpc_id":        "(unknown)",
			"targets[0].id": "(unknown aws_instance.a.id)", "targets[0].present": "true",
			"targets[0].origin.id": `"aws_lb_target_group_attachment.a"`,
			"targets[1].id":        `"i-2"`, "targets[1].present": "(unknown)",
		},
		"Workers": {
			"target_groups": "[(unknown TG.Ref)]", "launch_template": `"workers"`,
			"launch_configuration": `""`, "load_balancers": "[]",
			"subnets": `[(unknown Private.Ref), "subnet-2"]`,
		},
		"aws_autoscaling_group.app": {
			"launch_template": "(unknown aws_launch_template.app.id)",
			"target_groups":   "[(unknown aws_lb_target_group.app.arn)]",
			"load_balancers":  `["classic"]`,
		},
		"aws_autoscaling_group.legacy": {
			"launch_template": `""`, "launch_configuration": `"legacy-lc"`, "target_groups": "(unknown)",
			"subnets": "[]",
		},
	}
	out, diags := Normalize(t.Context(), &graph.Unit{Path: "u", Resources: resources})
	got := map[string]*graph.Canonical{}
	for _, c := range out {
		got[c.ID] = c
	}
	for id, props := range want {
		c := got[id]
		if c == nil {
			t.Fatalf("no canonical resource %s", id)
		}
		for path, w := range props {
			if g := c.Props.At(parse(t, path)).GoString(); g != w {
				t.Errorf("%s %s = %s, want %s", id, path, g, w)
			}
		}
	}
	if n := len(got["aws_lb_target_group.app"].Props.Get("targets").List); n != 2 {
		t.Errorf("aws_lb_target_group.app has %d targets, want 2 (the orphan attachment is not one)", n)
	}
	orphans := 0
	for _, d := range diags {
		if d.Resource == "aws_lb_target_group_attachment.orphan" {
			orphans++
		}
	}
	if orphans != 1 {
		t.Errorf("%d diagnostics about the orphan attachment, want 1: %v", orphans, diags)
	}
}

// TestLoadBalancerAccessLogs covers access_logs of both load balancer
// kinds: AWS's default, each provider's default for a block without
// enabled, and what makes the setting Unknown.
func TestLoadBalancerAccessLogs(t *testing.T) {
	unknown := graph.Unknown("a variable with no value", graph.Location{File: "t", StartLine: 99})
	attrEntry := func(k, v any) any { return map[string]any{"Key": k, "Value": v} }
	dynamicBlock := val(5, map[string]any{"bucket": "logs"})
	dynamicBlock.Representative = true
	tests := []struct {
		name string
		r    *graph.Resource
		want string
	}{
		{"v2 cfn no attributes", res(cfn, "AWS::ElasticLoadBalancingV2::LoadBalancer", "A", 1, map[string]any{}), "false"},
		{"v2 cfn enabled", res(cfn, "AWS::ElasticLoadBalancingV2::LoadBalancer", "A", 1, map[string]any{
			"LoadBalancerAttributes": []any{attrEntry("idle_timeout.timeout_seconds", "60"), attrEntry("access_logs.s3.enabled", "true")},
		}), "true"},
		{"v2 cfn disabled", res(cfn, "AWS::ElasticLoadBalancingV2::LoadBalancer", "A", 1, map[string]any{
			"LoadBalancerAttributes": []any{attrEntry("access_logs.s3.enabled", false)},
		}), "false"},
		{"v2 cfn unknown value", res(cfn, "AWS::ElasticLoadBalancingV2::LoadBalancer", "A", 1, map[string]any{
			"LoadBalancerAttributes": []any{attrEntry("access_logs.s3.enabled", unknown)},
		}), "(unknown)"},
		{"v2 cfn unknown entry may be the one", res(cfn, "AWS::ElasticLoadBalancingV2::LoadBalancer", "A", 1, map[string]any{
			"LoadBalancerAttributes": []any{unknown},
		}), "(unknown)"},
		{"v2 cfn known entry beats an unknown one", res(cfn, "AWS::ElasticLoadBalancingV2::LoadBalancer", "A", 1, map[string]any{
			"LoadBalancerAttributes": []any{unknown, attrEntry("access_logs.s3.enabled", "true")},
		}), "true"},
		{"v2 cfn unknown list", res(cfn, "AWS::ElasticLoadBalancingV2::LoadBalancer", "A", 1, map[string]any{
			"LoadBalancerAttributes": unknown,
		}), "(unknown)"},
		{"v2 tf no block", res(tf, "aws_lb", "aws_lb.a", 1, map[string]any{}), "false"},
		{"v2 tf bucket only", res(tf, "aws_lb", "aws_lb.a", 1, map[string]any{
			"access_logs": []any{map[string]any{"bucket": "logs"}},
		}), "false"},
		{"v2 tf enabled", res(tf, "aws_alb", "aws_alb.a", 1, map[string]any{
			"access_logs": []any{map[string]any{"bucket": "logs", "enabled": true}},
		}), "true"},
		{"v2 tf unknown enabled", res(tf, "aws_lb", "aws_lb.a", 1, map[string]any{
			"access_logs": []any{map[string]any{"bucket": "logs", "enabled": unknown}},
		}), "(unknown)"},
		{"classic cfn no policy", res(cfn, "AWS::ElasticLoadBalancing::LoadBalancer", "C", 1, map[string]any{}), "false"},
		{"classic cfn enabled", res(cfn, "AWS::ElasticLoadBalancing::LoadBalancer", "C", 1, map[string]any{
			"AccessLoggingPolicy": map[string]any{"Enabled": "true", "S3BucketName": "logs"},
		}), "true"},
		{"classic tf no block", res(tf, "aws_elb", "aws_elb.c", 1, map[string]any{}), "false"},
		{"classic tf bucket only", res(tf, "aws_elb", "aws_elb.c", 1, map[string]any{
			"access_logs": []any{map[string]any{"bucket": "logs"}},
		}), "true"},
		{"classic tf disabled", res(tf, "aws_elb", "aws_elb.c", 1, map[string]any{
			"access_logs": []any{map[string]any{"bucket": "logs", "enabled": false}},
		}), "false"},
		{"classic tf dynamic block may be none", res(tf, "aws_elb", "aws_elb.c", 1, map[string]any{
			"access_logs": []any{dynamicBlock},
		}), "(unknown)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _ := Normalize(t.Context(), &graph.Unit{Path: "u", Resources: []*graph.Resource{tt.r}})
			if len(out) != 1 {
				t.Fatalf("%d canonical resources, want 1", len(out))
			}
			if got := out[0].Props.Get("access_logs").GoString(); got != tt.want {
				t.Errorf("access_logs = %s, want %s", got, tt.want)
			}
		})
	}
}
