package cloudformation

import (
	"context"
	"encoding/binary"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/rampart-iac/rampart/analyzer/graph"
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
		{"broken JSON in AWS documentation style", "t.json", "{\n  \"Resources\" : {\n    \"V\" : {\n      \"Type\" : \"AWS::EC2::VPC\",\n    }\n  }\n}\n", BrokenTemplate, "invalid JSON"},
		{"broken YAML with the type on the next line", "t.yaml", "Resources:\n  V:\n    Type:\n      AWS::EC2::VPC\n    Properties: [\n", BrokenTemplate, "invalid YAML"},
		{"broken YAML with a quoted Type key", "t.yaml", "Resources:\n  V:\n    'Type': 'Custom::X'\n    Properties: [\n", BrokenTemplate, "invalid YAML"},
		{"UTF-8 byte order mark", "t.yaml", "\ufeffResources:\n  B:\n    Type: AWS::S3::Bucket\n", Template, ""},
		{"two templates in one file", "t.yaml", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n---\nResources:\n  C:\n    Type: AWS::S3::Bucket\n", BrokenTemplate, "more than one YAML document"},
		{"template after an empty document", "t.yaml", "---\n---\nResources:\n  C:\n    Type: MyOrg::Network::Vpc\n", BrokenTemplate, "more than one YAML document"},
		{"template with a trailing document marker", "t.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n---\n", BrokenTemplate, "more than one YAML document"},
		{"template with a document end marker", "t.yaml", "---\nAWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n...\n", Template, ""},
		{"kubernetes manifests", "k8s.yaml", "apiVersion: v1\nkind: Service\nspec:\n  Resources: {}\n---\napiVersion: apps/v1\nkind: Deployment\n", NotTemplate, "more than one YAML document"},
		{"UTF-16 with a dangling byte", "t.yaml", "\xff\xfeR\x00e\x00s\x00x", BrokenTemplate, "UTF-16LE"},
		{"binary file named .json", "x.json", "R\x00\x01", NotTemplate, "not text"},
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

// TestDetectUnicodeEncodings reads a template saved as Windows PowerShell
// saves text (UTF-16 with a byte order mark), in both byte orders and without
// the mark: detection and parsing see the same template as in UTF-8.
func TestDetectUnicodeEncodings(t *testing.T) {
	const text = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: café\n"
	for _, tc := range []struct {
		name  string
		order binary.AppendByteOrder
		bom   bool
	}{
		{"UTF-16LE with BOM", binary.LittleEndian, true},
		{"UTF-16BE with BOM", binary.BigEndian, true},
		{"UTF-16LE without BOM", binary.LittleEndian, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var src []byte
			if tc.bom {
				src = tc.order.AppendUint16(src, 0xFEFF)
			}
			for _, u := range utf16.Encode([]rune(text)) {
				src = tc.order.AppendUint16(src, u)
			}
			if got := Detect("t.yaml", src); got.Kind != Template {
				t.Fatalf("Detect = %v (%s), want a template", got.Kind, got.Reason)
			}
			u := Parse(context.Background(), "t.yaml", src, Options{})
			if u.Diagnostics.HasErrors() || len(u.Resources) != 1 {
				t.Fatalf("Parse: %d resources, diagnostics %v", len(u.Resources), u.Diagnostics)
			}
			name := u.Resources[0].Attrs.Get("BucketName")
			if s, _ := name.AsString(); s != "café" || name.Loc.StartLine != 6 || name.Loc.StartCol != 19 {
				t.Errorf("BucketName = %q at %d:%d, want café at 6:19", s, name.Loc.StartLine, name.Loc.StartCol)
			}
		})
	}
}

// TestSecondDocumentLocation pins the error of a multi-document file to the
// line where its second document starts, as cfn-lint reports it.
func TestSecondDocumentLocation(t *testing.T) {
	src := "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n# end\n---\nResources: {}\n"
	var diags graph.Diagnostics
	if n := parseSource("t.yaml", []byte(src), &diags); n != nil {
		t.Fatal("a file of two documents parsed as a template")
	}
	if len(diags) != 1 || diags[0].Location.StartLine != 4 {
		t.Fatalf("diagnostics = %v, want one error at line 4", diags)
	}
}

func TestDetectOversized(t *testing.T) {
	utf16Head := func(s string) []byte {
		out := []byte{0xFF, 0xFE}
		for _, u := range utf16.Encode([]rune(s)) {
			out = binary.LittleEndian.AppendUint16(out, u)
		}
		return append(out, 'x') // cut inside a code unit
	}
	cases := []struct {
		name, path string
		head       []byte
		want       DetectionKind
		reason     string
	}{
		{"JSON template", "t.json", []byte(`{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"A": {`), BrokenTemplate, "too large to analyse"},
		{"JSON in documentation style", "t.template", []byte("{\n  \"Description\" : \"x\",\n  \"Resources\" : {"), BrokenTemplate, "too large to analyse"},
		{"npm lock file", "package-lock.json", []byte(`{"name": "x", "lockfileVersion": 3, "packages": {`), NotTemplate, `first key "name" is not a template section`},
		{"JSON array", "data.json", []byte(`[{"a": 1}, {"a": 2},`), NotTemplate, "top level is not a map"},
		{"JSON that does not start", "t.json", []byte(`{,`), BrokenTemplate, "too large"},
		{"YAML template after a comment", "t.yaml", []byte("# generated\n---\nResources:\n  A:\n    Type: AWS::S3::Bucket\n"), BrokenTemplate, "too large to analyse"},
		{"YAML quoted key", "t.yml", []byte("'Transform' : AWS::Serverless-2016-10-31\n"), BrokenTemplate, "too large to analyse"},
		{"Kubernetes manifests", "k8s.yaml", []byte("apiVersion: v1\nkind: ConfigMap\n"), NotTemplate, `first key "apiVersion"`},
		{"YAML list", "list.yaml", []byte("- a\n- b\n"), NotTemplate, "top level is not a map"},
		{"YAML flow mapping", "t.yaml", []byte("{Resources: {A: {Type: AWS::S3::Bucket"), BrokenTemplate, "too large"},
		{"indented YAML", "t.yaml", []byte("  Resources:\n"), BrokenTemplate, "too large"},
		{"UTF-16 template", "t.yaml", utf16Head("AWSTemplateFormatVersion: '2010-09-09'\n"), BrokenTemplate, "too large to analyse"},
		{"binary", "image.json", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), NotTemplate, "not text"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := DetectOversized(tc.path, MaxFileSize+1, tc.head)
			if got.Kind != tc.want || !strings.Contains(got.Reason, tc.reason) {
				t.Errorf("DetectOversized = %v (%s), want %v containing %q", got.Kind, got.Reason, tc.want, tc.reason)
			}
		})
	}
}
