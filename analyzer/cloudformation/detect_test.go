package cloudformation

import (
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	cases := []struct {
		name, path, src string
		want            DetectionKind
		reason          string
	}{
		{"format version only", "a.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n", Template, ""},
		{"AWS type without version", "a.yml", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n", Template, ""},
		{"custom type", "a.yaml", "Resources:\n  C:\n    Type: Custom::Thing\n", Template, ""},
		{"registry type", "a.yaml", "Resources:\n  C:\n    Type: MyOrg::Network::Vpc\n", Template, ""},
		{"SAM", "a.yaml", "Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Function\n", Template, ""},
		{"JSON template", "a.json", `{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}`, Template, ""},
		{"short-form tags", "a.yaml", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Ref X\n", Template, ""},
		{"JSON .template", "a.template", `{"AWSTemplateFormatVersion": "2010-09-09"}`, Template, ""},
		{"kubernetes manifest", "deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: x\n          resources:\n            limits: {cpu: 1}\n", NotTemplate, "no AWSTemplateFormatVersion or Resources"},
		{"github workflow", ".github/workflows/ci.yml", "name: ci\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n", NotTemplate, "no AWSTemplateFormatVersion"},
		{"package.json", "package.json", `{"name": "x", "version": "1.0.0", "dependencies": {}}`, NotTemplate, "no AWSTemplateFormatVersion"},
		{"Resources that are not CloudFormation", "x.yaml", "Resources:\n  - cpu\n  - memory\n", NotTemplate, "no Resources map"},
		{"Resources without AWS types", "x.yaml", "Resources:\n  a:\n    Type: thing\n", NotTemplate, "no resource in Resources"},
		{"broken template", "t.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B: [\n", BrokenTemplate, "invalid YAML"},
		{"broken JSON template", "t.json", `{"Resources": {"B": {"Type": "AWS::S3::Bucket",}}}`, BrokenTemplate, "invalid JSON"},
		{"broken non-template", "x.yaml", "Resources: [\n", NotTemplate, "invalid YAML"},
		{"top-level list", "x.yaml", "- Resources\n", NotTemplate, "top level is not a map"},
		{"Rain module source", "t.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Net:\n    Type: !Rain::Module ../vpc.yml\n", NotTemplate, "Rain source template"},
		{"Rain embed in JSON", "t.json", `{"Resources": {"F": {"Type": "AWS::Lambda::Function", "Properties": {"Code": {"ZipFile": {"Fn::Rain::Embed": "h.py"}}}}}}`, NotTemplate, "rain pkg"},
		{"the word Rain in a description", "t.yaml", "Description: Rain::ish\nResources:\n  B:\n    Type: AWS::S3::Bucket\n", Template, ""},
		{"duplicate key in a template", "t.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nAWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n", Template, ""},
		{"duplicate key in a custom-only template", "t.yaml", "Resources:\n  C:\n    Type: Custom::Thing\n    Type: Custom::Other\n", Template, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Detect(tc.path, []byte(tc.src))
			if got.Kind != tc.want {
				t.Fatalf("Detect = %v (%s), want %v", got.Kind, got.Reason, tc.want)
			}
			if got.Kind.String() == "" {
				t.Error("DetectionKind has no name")
			}
			if !strings.Contains(got.Reason, tc.reason) {
				t.Errorf("reason = %q, want it to contain %q", got.Reason, tc.reason)
			}
		})
	}
}

func TestDetectFixtures(t *testing.T) {
	for _, f := range []string{"basic.yaml", "pretty.json", "minified.json", "tabs.template", "sam.yaml", "foreach.yaml", "nested/parent.yaml"} {
		src := readFixture(t, f)
		if got := Detect(f, src); got.Kind != Template {
			t.Errorf("%s: %v (%s), want a template", f, got.Kind, got.Reason)
		}
	}
	for _, f := range []string{"bad/invalid.yaml", "bad/invalid.json"} {
		if got := Detect(f, readFixture(t, f)); got.Kind != BrokenTemplate {
			t.Errorf("%s: %v, want a broken template", f, got.Kind)
		}
	}
}
