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

// TestListenerNormalization covers listeners of both load balancer kinds:
// protocol and policy defaults, the load balancer's type, default actions
// and the security policy of a classic listener.
func TestListenerNormalization(t *testing.T) {
	unknown := graph.Unknown("a variable with no value", graph.Location{File: "t", StartLine: 99})
	dynamicAction := val(5, map[string]any{"type": "redirect"})
	dynamicAction.Representative = true
	resources := []*graph.Resource{
		res(tf, "aws_lb", "aws_lb.web", 1, map[string]any{}),
		res(tf, "aws_lb", "aws_lb.gw", 2, map[string]any{"load_balancer_type": "gateway"}),
		res(tf, "aws_lb_listener", "aws_lb_listener.http", 10, map[string]any{
			"load_balancer_arn": ref("aws_lb.web", "arn"),
			"default_action":    []any{map[string]any{"type": "redirect", "redirect": []any{map[string]any{"protocol": "https"}}}},
		}),
		res(tf, "aws_lb_listener", "aws_lb_listener.gw", 11, map[string]any{"load_balancer_arn": ref("aws_lb.gw", "arn")}),
		res(tf, "aws_alb_listener", "aws_alb_listener.outside", 12, map[string]any{
			"load_balancer_arn": "arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/x/1",
			"default_action":    []any{dynamicAction},
			"ssl_policy":        "ELBSecurityPolicy-Custom",
		}),
		res(cfn, "AWS::ElasticLoadBalancingV2::Listener", "Https", 20, map[string]any{
			"LoadBalancerArn": unknown, "Protocol": "HTTPS", "Port": "443",
			"DefaultActions": []any{map[string]any{"Type": "redirect", "RedirectConfig": map[string]any{"Port": "443"}}},
		}),
		res(cfn, "AWS::ElasticLoadBalancing::LoadBalancer", "Classic", 30, map[string]any{
			"Listeners": []any{
				map[string]any{"LoadBalancerPort": "443", "Protocol": "https", "PolicyNames": []any{"Tls"}},
				map[string]any{"LoadBalancerPort": "465", "Protocol": "SSL"},
				map[string]any{"LoadBalancerPort": "993", "Protocol": "SSL"},
			},
			"Policies": []any{
				map[string]any{"PolicyName": "Tls", "PolicyType": "SSLNegotiationPolicyType",
					"Attributes": []any{map[string]any{"Name": "Reference-Security-Policy", "Value": "ELBSecurityPolicy-TLS-1-2-2017-01"}}},
				map[string]any{"PolicyName": "Custom", "PolicyType": "SSLNegotiationPolicyType", "LoadBalancerPorts": []any{"465"},
					"Attributes": []any{map[string]any{"Name": "Protocol-TLSv1.2", "Value": "true"}}},
			},
		}),
		res(tf, "aws_elb", "aws_elb.a", 40, map[string]any{
			"listener": []any{map[string]any{"lb_port": 443, "lb_protocol": "https", "instance_port": 80, "instance_protocol": "http"}},
		}),
		res(tf, "aws_elb", "aws_elb.b", 50, map[string]any{
			"listener": []any{map[string]any{"lb_port": 443, "lb_protocol": "https", "instance_port": 80, "instance_protocol": "http"}},
		}),
		res(tf, "aws_load_balancer_listener_policy", "aws_load_balancer_listener_policy.b", 60, map[string]any{
			"load_balancer_name": ref("aws_elb.b", "name"), "load_balancer_port": 443,
		}),
	}
	want := map[string]map[string]string{
		"aws_lb_listener.http": {
			"load_balancer_type": `"application"`, "protocol": `"HTTP"`, "port": "<nil>",
			"ssl_policy": `"ELBSecurityPolicy-2016-08"`, "min_tls_version": `"TLSv1.0"`,
			"default_actions": `[{type: "redirect", redirect_protocol: "HTTPS"}]`,
		},
		"aws_lb_listener.gw": {"load_balancer_type": `"gateway"`, "protocol": `"GENEVE"`, "default_actions": "[]"},
		"aws_alb_listener.outside": {
			"load_balancer_type": "(unknown)", "protocol": "(unknown)", "min_tls_version": "(unknown)",
			"default_actions": "[(unknown)]",
		},
		"Https": {
			"load_balancer_type": "(unknown)", "protocol": `"HTTPS"`, "port": "443",
			"default_actions": `[{type: "redirect", redirect_protocol: "#{PROTOCOL}"}]`,
		},
		"Classic": {
			"listeners[0].protocol": `"HTTPS"`, "listeners[0].ssl_policy": `"ELBSecurityPolicy-TLS-1-2-2017-01"`,
			"listeners[0].min_tls_version": `"TLSv1.2"`,
			"listeners[1].ssl_policy":      "(unknown)", "listeners[1].min_tls_version": "(unknown)",
			"listeners[2].ssl_policy": `"ELBSecurityPolicy-2016-08"`, "listeners[2].min_tls_version": `"TLSv1.0"`,
		},
		"aws_elb.a": {"listeners[0].protocol": `"HTTPS"`, "listeners[0].port": "443", "listeners[0].ssl_policy": `"ELBSecurityPolicy-2016-08"`},
		"aws_elb.b": {"listeners[0].ssl_policy": "(unknown)"},
	}
	out, _ := Normalize(t.Context(), &graph.Unit{Path: "u", Resources: resources})
	got := map[string]*graph.Canonical{}
	for _, c := range out {
		if c.Kind == kindListener || c.Kind == kindClassicLoadBalancer {
			got[c.ID] = c
		}
	}
	for id, props := range want {
		c := got[id]
		if c == nil {
			t.Fatalf("no listener or classic load balancer %s", id)
		}
		for path, w := range props {
			if g := c.Props.At(parse(t, path)).GoString(); g != w {
				t.Errorf("%s %s = %s, want %s", id, path, g, w)
			}
		}
	}
}
