package plan

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// genPlan writes a plan of n security groups, each with a rule resource
// referencing it, all being updated, in the shape terraform show -json
// gives (one line, prior state and before/after values included).
func genPlan(n int) []byte {
	var pv, rc, cfg strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			pv.WriteByte(',')
			rc.WriteByte(',')
			cfg.WriteByte(',')
		}
		sgValues := fmt.Sprintf(`{"description":"group %d","ingress":[{"cidr_blocks":["10.%d.0.0/16"],"description":"","from_port":443,"ipv6_cidr_blocks":[],"prefix_list_ids":[],"protocol":"tcp","security_groups":[],"self":false,"to_port":443}],"name":"sg%d","tags":{"Name":"sg%d"}}`, i, i%256, i, i)
		ruleValues := `{"cidr_blocks":["0.0.0.0/0"],"from_port":22,"protocol":"tcp","to_port":22,"type":"ingress"}`
		fmt.Fprintf(&pv, `{"address":"aws_security_group.sg%d","mode":"managed","type":"aws_security_group","name":"sg%d","provider_name":"registry.terraform.io/hashicorp/aws","schema_version":1,"values":%s,"sensitive_values":{}},`, i, i, sgValues)
		fmt.Fprintf(&pv, `{"address":"aws_security_group_rule.r%d","mode":"managed","type":"aws_security_group_rule","name":"r%d","provider_name":"registry.terraform.io/hashicorp/aws","schema_version":2,"values":%s,"sensitive_values":{}}`, i, i, ruleValues)
		// An update: before and after both carry the full values, as in
		// real plans, where they are most of the file.
		fmt.Fprintf(&rc, `{"address":"aws_security_group.sg%d","mode":"managed","type":"aws_security_group","name":"sg%d","change":{"actions":["update"],"before":%s,"after":%s,"after_unknown":{"arn":true,"id":true,"egress":true,"vpc_id":true},"before_sensitive":{},"after_sensitive":{}}},`, i, i, sgValues, sgValues)
		fmt.Fprintf(&rc, `{"address":"aws_security_group_rule.r%d","mode":"managed","type":"aws_security_group_rule","name":"r%d","change":{"actions":["update"],"before":%s,"after":%s,"after_unknown":{"id":true,"security_group_id":true},"before_sensitive":{},"after_sensitive":{}}}`, i, i, ruleValues, ruleValues)
		fmt.Fprintf(&cfg, `{"address":"aws_security_group.sg%d","mode":"managed","type":"aws_security_group","name":"sg%d","expressions":{"description":{"constant_value":"group %d"},"ingress":[{"cidr_blocks":{"constant_value":["10.%d.0.0/16"]},"from_port":{"constant_value":443},"protocol":{"constant_value":"tcp"},"to_port":{"constant_value":443}}],"name":{"constant_value":"sg%d"}}},`, i, i, i, i%256, i)
		fmt.Fprintf(&cfg, `{"address":"aws_security_group_rule.r%d","mode":"managed","type":"aws_security_group_rule","name":"r%d","expressions":{"security_group_id":{"references":["aws_security_group.sg%d.id","aws_security_group.sg%d"]}}}`, i, i, i, i)
	}
	return []byte(`{"format_version":"1.2","terraform_version":"1.9.5","planned_values":{"root_module":{"resources":[` + pv.String() +
		`]}},"resource_changes":[` + rc.String() + `],"prior_state":{"format_version":"1.0","values":{"root_module":{"resources":[` + pv.String() +
		`]}}},"configuration":{"root_module":{"resources":[` + cfg.String() + `]}}}`)
}

func BenchmarkParse(b *testing.B) {
	for _, n := range []int{10, 1000} {
		src := genPlan(n)
		b.Run(fmt.Sprintf("resources=%d", 2*n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			root := b.TempDir()
			for b.Loop() {
				u := Parse(context.Background(), "plan.json", src, Options{Root: root})
				if len(u.Resources) != 2*n || len(u.Edges) != n {
					b.Fatalf("%d resources, %d edges, diagnostics %v", len(u.Resources), len(u.Edges), u.Diagnostics)
				}
			}
		})
	}
}
