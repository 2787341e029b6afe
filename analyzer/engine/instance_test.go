package engine

import (
	"context"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

func TestInstanceOf(t *testing.T) {
	tests := []struct {
		name          string
		source        graph.Source
		uid, id       string
		module, res   string
		wantBlockAddr string
	}{
		{"root module resource", graph.SourceTerraform, "envs/prod#aws_security_group.web", "aws_security_group.web",
			"", "aws_security_group.web", "aws_security_group.web"},
		{"resource with count", graph.SourceTerraform, "envs/prod#aws_security_group.web[1]", "aws_security_group.web[1]",
			"", "aws_security_group.web[1]", "aws_security_group.web"},
		{"child module", graph.SourceTerraform, "examples/complete#module.vpc.aws_default_security_group.this[0]",
			"module.vpc.aws_default_security_group.this[0]", "module.vpc", "aws_default_security_group.this[0]", "aws_default_security_group.this"},
		{"module with count, nested module with for_each", graph.SourceTerraform,
			`. #module.a[0].module.b["k"].aws_security_group.this`, `module.a[0].module.b["k"].aws_security_group.this`,
			`module.a[0].module.b["k"]`, "aws_security_group.this", "aws_security_group.this"},
		{"for_each key holding dots, brackets and quotes", graph.SourceTerraform,
			`r#module.m["a.b]\"c"].aws_s3_bucket.x["y.z"]`, `module.m["a.b]\"c"].aws_s3_bucket.x["y.z"]`,
			`module.m["a.b]\"c"]`, `aws_s3_bucket.x["y.z"]`, "aws_s3_bucket.x"},
		{"data source in a module", graph.SourceTerraform, "r#module.m.data.aws_iam_policy_document.p", "module.m.data.aws_iam_policy_document.p",
			"module.m", "data.aws_iam_policy_document.p", "data.aws_iam_policy_document.p"},
		{"resource type named like a module", graph.SourceTerraform, "r#module_x.y", "module_x.y", "", "module_x.y", "module_x.y"},
		{"plan", graph.SourceTerraformPlan, "plan.json#module.sg[1].aws_security_group.this", "module.sg[1].aws_security_group.this",
			"module.sg[1]", "aws_security_group.this", "aws_security_group.this"},
		{"template", graph.SourceCloudFormation, "app.yaml#WebSG", "WebSG", "", "WebSG", "WebSG"},
		{"nested stack", graph.SourceCloudFormation, "app.yaml#Network/Db/WebSG", "Network/Db/WebSG", "Network/Db", "WebSG", "WebSG"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			native := &graph.Resource{ID: tt.id, Source: tt.source}
			c := &graph.Canonical{UID: tt.uid, ID: tt.id, Native: native}
			in := instanceOf(c, nil)
			root := tt.uid[:len(tt.uid)-len(tt.id)-1]
			if in.Root != root || in.Module != tt.module || in.Resource != tt.res {
				t.Errorf("instance = %+v, want root %q module %q resource %q", in, root, tt.module, tt.res)
			}
			if in.Address() != tt.id {
				t.Errorf("Address() = %q, want %q", in.Address(), tt.id)
			}
			if got := in.BlockAddress(); got != tt.wantBlockAddr {
				t.Errorf("BlockAddress() = %q, want %q", got, tt.wantBlockAddr)
			}
		})
	}
}

// TestFingerprintSharedByInstances: every instance of one resource block
// (roots, module calls, count) has the same fingerprint, so listing
// another instance cannot change a finding's identity.
func TestFingerprintSharedByInstances(t *testing.T) {
	sgAt := func(unit, id string) *graph.Canonical {
		c := securityGroup(id, 10, sgRule(20, "tcp", 22, 22, graph.String("0.0.0.0/0", at(21))))
		c.Native.Source, c.Native.Type = graph.SourceTerraform, "aws_security_group"
		c.UID = unit + "#" + id
		return c
	}
	resources := []*graph.Canonical{
		sgAt("examples/a", "module.vpc.aws_security_group.this[0]"),
		sgAt("examples/b", "module.other.aws_security_group.this[0]"),
		sgAt("examples/b", "module.x[1].aws_security_group.this[2]"),
	}
	out, err := newTestEngine(t, Options{Rules: []string{"AWS-SG-002"}}).Evaluate(context.Background(), resources, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Findings) != len(resources) {
		t.Fatalf("got %d findings, want %d", len(out.Findings), len(resources))
	}
	want := fingerprint("AWS-SG-002", stackFile, "aws_security_group.this", "ingress[0].cidrs[0]")
	for _, f := range out.Findings {
		if f.Fingerprint != want {
			t.Errorf("%s: fingerprint %s, want %s", f.Resource.ID, f.Fingerprint, want)
		}
	}
}
