package aws

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/cloudformation"
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/terraform"
)

// s3Prop renders property path (dotted, list indexes as numbers) of bucket
// id: a known value as Go syntax, an Unknown as "?".
func s3Prop(t *testing.T, cs []*graph.Canonical, id, path string) string {
	t.Helper()
	for _, c := range cs {
		if c.Kind != kindS3Bucket || c.ID != id {
			continue
		}
		var p graph.Path
		for _, step := range strings.Split(path, ".") {
			if i, err := strconv.Atoi(step); err == nil {
				p = append(p, i)
			} else {
				p = append(p, step)
			}
		}
		v := c.Props.At(p)
		switch {
		case v == nil:
			return "<absent>"
		case v.IsUnknown():
			return "?"
		}
		return v.GoString()
	}
	t.Fatalf("no bucket %s", id)
	return ""
}

func TestS3BucketTerraform(t *testing.T) {
	units := terraform.LoadModules(context.Background(), []string{"testdata/s3/tf"}, terraform.Options{Root: "testdata"})
	if len(units) != 1 || units[0].Diagnostics.HasErrors() {
		t.Fatalf("units = %d, diagnostics %v", len(units), units)
	}
	cs, diags := Normalize(context.Background(), units[0])
	tests := []struct{ id, path, want string }{
		// An inline acl and an aws_s3_bucket_acl: which applies last is not known.
		{"aws_s3_bucket.v3", "acl", "?"},
		{"aws_s3_bucket.v3", "grants.0.uri", `"http://acs.amazonaws.com/groups/global/AllUsers"`},
		{"aws_s3_bucket.v3", "grants.1.permission", `"READ_ACP"`},
		{"aws_s3_bucket.v3", "versioning", `"Enabled"`},
		{"aws_s3_bucket.v3", "mfa_delete", "true"},
		{"aws_s3_bucket.v3", "access_logging", "true"},
		// A dynamic block over an unknown list may stand for none.
		{"aws_s3_bucket.v3", "lifecycle_configured", "?"},
		{"aws_s3_bucket.v3", "encryption.configured", "false"},
		{"aws_s3_bucket.v3", "encryption.algorithm", `"AES256"`},
		{"aws_s3_bucket.v4", "versioning", `"Suspended"`},
		{"aws_s3_bucket.v4", "mfa_delete", "false"},
		{"aws_s3_bucket.v4", "website", "true"},
		{"aws_s3_bucket.v4", "object_ownership", `"ObjectWriter"`},
		// The logging resource may not exist.
		{"aws_s3_bucket.v4", "access_logging", "?"},
		{"aws_s3_bucket.v4", "public_access_block.declared", "false"},
		{"aws_s3_bucket.v4", "public_access_block.block_public_policy", "true"},
		{"aws_s3_bucket.v4", "policy.statements", "[]"},
		// Named as a target by v3 (by name, surely) and v4 (maybe): surely.
		{"aws_s3_bucket.logs", "log_target", "true"},
		{"aws_s3_bucket.logs", "receives_cloudtrail", "true"},
		{"aws_s3_bucket.v4", "receives_cloudtrail", "false"},
	}
	for _, tt := range tests {
		if got := s3Prop(t, cs, tt.id, tt.path); got != tt.want {
			t.Errorf("%s %s = %s, want %s", tt.id, tt.path, got, tt.want)
		}
	}
	var conflict, orphan bool
	for _, d := range diags {
		conflict = conflict || (d.Severity == graph.SeverityWarning && strings.Contains(d.Summary, "both set acl"))
		orphan = orphan || (d.Severity == graph.SeverityNote && d.Resource == "aws_s3_bucket_policy.elsewhere")
	}
	if !conflict || !orphan {
		t.Errorf("want a conflict warning for the ACL and an orphan note for the policy, got %v", diags)
	}
}

func TestS3BucketCloudFormation(t *testing.T) {
	src, err := os.ReadFile("testdata/s3/cfn.yaml")
	if err != nil {
		t.Fatal(err)
	}
	u := cloudformation.Parse(context.Background(), "cfn.yaml", src, cloudformation.Options{})
	if u.Diagnostics.HasErrors() {
		t.Fatalf("diagnostics: %v", u.Diagnostics)
	}
	cs, _ := Normalize(context.Background(), u)
	tests := []struct{ id, path, want string }{
		{"Site", "acl", `"public-read-write"`},
		{"Site", "website", "true"},
		{"Site", "encryption.configured", "true"},
		{"Site", "encryption.algorithm", `"aws:kms:dsse"`},
		{"Site", "policy.statements.0.principals.AWS.0", `"*"`},
		{"Site", "policy.statements.0.effect", `"Allow"`},
		{"Site", "log_target", "false"},
		{"Logs", "acl", `"log-delivery-write"`},
		// LoggingConfiguration without a destination logs to the bucket itself.
		{"Logs", "access_logging", "true"},
		{"Logs", "log_target", "true"},
		{"Logs", "receives_cloudtrail", "true"},
		{"Logs", "versioning", `"Disabled"`},
	}
	for _, tt := range tests {
		if got := s3Prop(t, cs, tt.id, tt.path); got != tt.want {
			t.Errorf("%s %s = %s, want %s", tt.id, tt.path, got, tt.want)
		}
	}
}

func TestS3AccountPublicAccessBlock(t *testing.T) {
	normalize := func(t *testing.T, src string) []*graph.Canonical {
		t.Helper()
		dir := t.TempDir()
		if err := os.WriteFile(dir+"/main.tf", []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		units := terraform.LoadModules(context.Background(), []string{dir}, terraform.Options{Root: dir})
		if len(units) != 1 || units[0].Diagnostics.HasErrors() {
			t.Fatalf("units = %d, diagnostics %v", len(units), units)
		}
		cs, _ := Normalize(context.Background(), units[0])
		return cs
	}
	units := terraform.LoadModules(context.Background(), []string{"testdata/s3/account"}, terraform.Options{Root: "testdata"})
	if len(units) != 1 || units[0].Diagnostics.HasErrors() {
		t.Fatalf("units = %d, diagnostics %v", len(units), units)
	}
	cs, _ := Normalize(context.Background(), units[0])
	var block *graph.Canonical
	for _, c := range cs {
		if c.Kind == kindS3AccountPublicAccessBlock {
			block = c
		}
	}
	if block == nil {
		t.Fatal("no aws.s3.account_public_access_block")
	}
	for key, want := range map[string]string{
		"account_id": `"123456789012"`, "block_public_acls": "false", "block_public_policy": "true",
		"ignore_public_acls": "true", "restrict_public_buckets": "false",
	} {
		if got := block.Props.Get(key).GoString(); got != want {
			t.Errorf("account block %s = %s, want %s", key, got, want)
		}
	}
	tests := []struct{ path, want string }{
		{"account_public_access_block.declared", "true"},
		{"account_public_access_block.block_public_acls", "false"},
		{"account_public_access_block.block_public_policy", "true"},
		{"account_public_access_block.ignore_public_acls", "true"},
		{"account_public_access_block.restrict_public_buckets", "false"},
		// The bucket's own block is AWS's default, untouched.
		{"public_access_block.restrict_public_buckets", "true"},
	}
	for _, tt := range tests {
		if got := s3Prop(t, cs, "aws_s3_bucket.site", tt.path); got != tt.want {
			t.Errorf("%s = %s, want %s", tt.path, got, tt.want)
		}
	}
	for _, c := range cs {
		if c.ID == "aws_s3_bucket.site" && len(c.Props.Get("account_public_access_block").Trace) == 0 {
			t.Error("account_public_access_block has no trace hop to the block")
		}
	}

	// No block in the unit: declared false, the four settings off.
	none := normalize(t, `resource "aws_s3_bucket" "b" {}`)
	for _, k := range []string{"declared", "block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"} {
		if got := s3Prop(t, none, "aws_s3_bucket.b", "account_public_access_block."+k); got != "false" {
			t.Errorf("no block: %s = %s, want false", k, got)
		}
	}

	// A block that may not exist, or two blocks: not known.
	maybe := normalize(t, `
variable "n" { type = number }
resource "aws_s3_account_public_access_block" "a" {
  count               = var.n
  block_public_policy = true
}
resource "aws_s3_bucket" "b" {}
`)
	if got := s3Prop(t, maybe, "aws_s3_bucket.b", "account_public_access_block"); got != "?" {
		t.Errorf("maybe block: account_public_access_block = %s, want ?", got)
	}
	two := normalize(t, `
resource "aws_s3_account_public_access_block" "a" { block_public_policy = true }
resource "aws_s3_account_public_access_block" "b" { block_public_policy = false }
resource "aws_s3_bucket" "b" {}
`)
	if got := s3Prop(t, two, "aws_s3_bucket.b", "account_public_access_block"); got != "?" {
		t.Errorf("two blocks: account_public_access_block = %s, want ?", got)
	}
}
