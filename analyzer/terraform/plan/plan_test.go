package plan

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// fixtures is the directory of the plan fixtures, relative to this package.
var fixtures = filepath.Join("..", "..", "..", "testdata", "terraform", "plan")

// parseFixture parses testdata/terraform/plan/<dir>/plan.json with the
// fixtures directory as the scan root.
func parseFixture(t *testing.T, dir string) *graph.Unit {
	t.Helper()
	path := filepath.Join(fixtures, dir, "plan.json")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return Parse(context.Background(), path, src, Options{Root: fixtures})
}

// valueCase is one expectation about a value of a parsed plan.
type valueCase struct {
	id        string
	path      graph.Path
	want      string // GoString of the value; unchecked for the resource itself
	file      string // file the value is located in, relative to the fixture dir
	line      int    // its start line
	endLine   int    // its end line; 0 means not checked
	sensitive bool
}

func checkValues(t *testing.T, u *graph.Unit, dir string, cases []valueCase) {
	t.Helper()
	for _, tc := range cases {
		name := tc.id
		if len(tc.path) > 0 {
			name += "." + tc.path.String()
		}
		t.Run(name, func(t *testing.T) {
			r := u.Resource(tc.id)
			if r == nil {
				t.Fatalf("resource %s not found", tc.id)
			}
			v := r.Attrs.At(tc.path)
			if v == nil {
				t.Fatalf("no value at %s", tc.path)
			}
			if len(tc.path) == 0 {
				// The resource itself: its attribute map stands at its
				// definition, so absent attributes are reported there.
				if r.Loc != v.Loc {
					t.Errorf("attributes at %v, resource at %v", v.Loc, r.Loc)
				}
			} else if got := v.GoString(); got != tc.want {
				t.Errorf("value = %s, want %s", got, tc.want)
			}
			if want := filepath.Join(fixtures, dir, tc.file); v.Loc.File != want {
				t.Errorf("file = %s, want %s", v.Loc.File, want)
			}
			if v.Loc.StartLine != tc.line {
				t.Errorf("line = %d, want %d", v.Loc.StartLine, tc.line)
			}
			if tc.endLine != 0 && v.Loc.EndLine != tc.endLine {
				t.Errorf("end line = %d, want %d", v.Loc.EndLine, tc.endLine)
			}
			if v.Sensitive != tc.sensitive {
				t.Errorf("sensitive = %v, want %v", v.Sensitive, tc.sensitive)
			}
		})
	}
}

func TestParseWithConfiguration(t *testing.T) {
	u := parseFixture(t, "web")
	if u.Source != graph.SourceTerraformPlan {
		t.Errorf("source = %q", u.Source)
	}
	for _, d := range u.Diagnostics {
		t.Errorf("unexpected diagnostic: %v", d)
	}
	checkValues(t, u, "web", []valueCase{
		// The resource block, header through closing brace.
		{id: "aws_security_group.web", want: "", file: "main.tf", line: 34, endLine: 62},
		{id: "aws_security_group.web", path: graph.Path{"name"}, want: `"web"`, file: "main.tf", line: 35},
		// Unknown, referencing the VPC through the module output.
		{id: "aws_security_group.web", path: graph.Path{"vpc_id"}, want: "(unknown module.net.aws_vpc.this.id)", file: "main.tf", line: 37},
		// Computed attributes sit at the resource.
		{id: "aws_security_group.web", path: graph.Path{"arn"}, want: "(unknown)", file: "main.tf", line: 34},
		{id: "aws_security_group.web", path: graph.Path{"revoke_rules_on_delete"}, want: "false", file: "main.tf", line: 34},
		// ingress is a set: the plan sorts the SSH block first although it
		// is written second. Each element is located at its own block.
		{id: "aws_security_group.web", path: graph.Path{"ingress", 0, "description"}, want: `"SSH from the office"`, file: "main.tf", line: 48},
		{id: "aws_security_group.web", path: graph.Path{"ingress", 0}, want: `{cidr_blocks: ["198.51.100.0/24", "203.0.113.0/24"], description: "SSH from the office", from_port: 22, ipv6_cidr_blocks: [], prefix_list_ids: [], protocol: "tcp", security_groups: [], self: false, to_port: 22}`, file: "main.tf", line: 47, endLine: 56},
		{id: "aws_security_group.web", path: graph.Path{"ingress", 0, "cidr_blocks", 0}, want: `"198.51.100.0/24"`, file: "main.tf", line: 54},
		{id: "aws_security_group.web", path: graph.Path{"ingress", 0, "cidr_blocks", 1}, want: `"203.0.113.0/24"`, file: "main.tf", line: 53},
		{id: "aws_security_group.web", path: graph.Path{"ingress", 0, "self"}, want: "false", file: "main.tf", line: 47},
		{id: "aws_security_group.web", path: graph.Path{"ingress", 1, "from_port"}, want: "443", file: "main.tf", line: 41},
		{id: "aws_security_group.web", path: graph.Path{"ingress", 1, "cidr_blocks", 0}, want: `"0.0.0.0/0"`, file: "main.tf", line: 44},
		{id: "aws_security_group.web", path: graph.Path{"tags", "Tier"}, want: `"frontend"`, file: "main.tf", line: 60},
		{id: "aws_security_group.web", path: graph.Path{"tags_all", "Tier"}, want: `"frontend"`, file: "main.tf", line: 34},

		{id: "aws_security_group_rule.ssh_anywhere", path: graph.Path{"security_group_id"}, want: "(unknown aws_security_group.web.id)", file: "main.tf", line: 71},
		{id: "aws_security_group_rule.ssh_anywhere", path: graph.Path{"cidr_blocks", 0}, want: `"0.0.0.0/0"`, file: "main.tf", line: 70},
		{id: "aws_security_group_rule.ssh_anywhere", path: graph.Path{"source_security_group_id"}, want: "(unknown)", file: "main.tf", line: 64},

		// count instances share their block.
		{id: "aws_instance.web[0]", want: "", file: "main.tf", line: 74, endLine: 91},
		{id: "aws_instance.web[1]", path: graph.Path{"tags", "Name"}, want: `"web-1"`, file: "main.tf", line: 87},
		// The whole set is unknown in the plan; the source shows one
		// reference per element.
		{id: "aws_instance.web[1]", path: graph.Path{"vpc_security_group_ids"}, want: "[(unknown aws_security_group.web.id)]", file: "main.tf", line: 79},
		{id: "aws_instance.web[0]", path: graph.Path{"subnet_id"}, want: "(unknown module.net.aws_subnet.public.id)", file: "main.tf", line: 78},
		{id: "aws_instance.web[0]", path: graph.Path{"ami"}, want: `"ami-0e2c8caa4b6378d8c"`, file: "main.tf", line: 76},
		{id: "aws_instance.web[0]", path: graph.Path{"root_block_device", 0, "encrypted"}, want: "true", file: "main.tf", line: 82},
		{id: "aws_instance.web[0]", path: graph.Path{"root_block_device", 0, "volume_type"}, want: "(unknown)", file: "main.tf", line: 81},

		{id: "aws_ssm_parameter.db_password", path: graph.Path{"value"}, want: `"correct-horse-battery-staple"`, file: "main.tf", line: 96, sensitive: true},
		{id: "aws_ssm_parameter.db_password", path: graph.Path{"name"}, want: `"/web/db/password"`, file: "main.tf", line: 94},

		{id: "data.aws_ami.ubuntu", path: graph.Path{"filter", 0, "values", 0}, want: `"ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*"`, file: "main.tf", line: 25},

		// Child module resources are located in the module's source.
		{id: "module.net.aws_vpc.this", path: graph.Path{"cidr_block"}, want: `"10.0.0.0/16"`, file: "modules/net/main.tf", line: 6},
		{id: "module.net.aws_subnet.public", path: graph.Path{"vpc_id"}, want: "(unknown module.net.aws_vpc.this.id)", file: "modules/net/main.tf", line: 11},
		{id: "module.net.aws_subnet.public", path: graph.Path{"cidr_block"}, want: `"10.0.0.0/24"`, file: "modules/net/main.tf", line: 12},
	})

	t.Run("resources", func(t *testing.T) {
		want := []string{
			"aws_instance.web[0] aws_instance module= data=false",
			"aws_instance.web[1] aws_instance module= data=false",
			"aws_security_group.web aws_security_group module= data=false",
			"aws_security_group_rule.ssh_anywhere aws_security_group_rule module= data=false",
			"aws_ssm_parameter.db_password aws_ssm_parameter module= data=false",
			"data.aws_ami.ubuntu aws_ami module= data=true",
			"module.net.aws_subnet.public aws_subnet module=module.net data=false",
			"module.net.aws_vpc.this aws_vpc module=module.net data=false",
		}
		var got []string
		for _, r := range u.Resources {
			got = append(got, r.ID+" "+r.Type+" module="+r.Module+" data="+boolString(r.DataSource))
			if r.Source != graph.SourceTerraformPlan {
				t.Errorf("%s: source %q", r.ID, r.Source)
			}
		}
		assertLines(t, got, want)
	})

	t.Run("meta", func(t *testing.T) {
		r := u.Resource("aws_instance.web[1]")
		for key, want := range map[string]string{
			"provider":    `"aws"`,
			"count_index": "1",
			"actions":     `["create"]`,
			"depends_on":  `["aws_security_group_rule.ssh_anywhere"]`,
		} {
			if got := r.Meta[key].GoString(); got != want {
				t.Errorf("Meta[%s] = %s, want %s", key, got, want)
			}
		}
		if len(r.Meta) != 4 {
			t.Errorf("Meta has %d keys, want 4", len(r.Meta))
		}
	})

	t.Run("edges", func(t *testing.T) {
		assertLines(t, edgeLines(u), []string{
			"aws_instance.web[0] -ref-> data.aws_ami.ubuntu.id at ami main.tf:76",
			"aws_instance.web[0] -ref-> module.net.aws_subnet.public.id at subnet_id main.tf:78",
			"aws_instance.web[0] -ref-> aws_security_group.web.id at vpc_security_group_ids main.tf:79",
			"aws_instance.web[0] -depends_on-> aws_security_group_rule.ssh_anywhere at  main.tf:90",
			"aws_instance.web[1] -ref-> data.aws_ami.ubuntu.id at ami main.tf:76",
			"aws_instance.web[1] -ref-> module.net.aws_subnet.public.id at subnet_id main.tf:78",
			"aws_instance.web[1] -ref-> aws_security_group.web.id at vpc_security_group_ids main.tf:79",
			"aws_instance.web[1] -depends_on-> aws_security_group_rule.ssh_anywhere at  main.tf:90",
			"aws_security_group.web -ref-> module.net.aws_vpc.this.id at vpc_id main.tf:37",
			"aws_security_group_rule.ssh_anywhere -ref-> aws_security_group.web.id at security_group_id main.tf:71",
			"module.net.aws_subnet.public -ref-> module.net.aws_vpc.this.id at vpc_id main.tf:11",
		})
	})

	t.Run("files", func(t *testing.T) {
		assertLines(t, u.Files, []string{
			filepath.Join(fixtures, "web", "plan.json"),
			filepath.Join(fixtures, "web", "main.tf"),
			filepath.Join(fixtures, "web", "modules", "net", "main.tf"),
		})
	})
}

func TestParseWithoutConfiguration(t *testing.T) {
	u := parseFixture(t, "noconfig")
	checkValues(t, u, "noconfig", []valueCase{
		// The resource spans its "address" line through its closing brace.
		{id: "aws_security_group.db", want: "", file: "plan.json", line: 33, endLine: 52},
		{id: "aws_security_group.db", path: graph.Path{"vpc_id"}, want: `"vpc-0a1b2c3d4e5f60718"`, file: "plan.json", line: 45},
		// Unknown attributes are absent from values: located at the address line.
		{id: "aws_security_group.db", path: graph.Path{"ingress"}, want: "(unknown)", file: "plan.json", line: 33},
		{id: "aws_security_group_rule.db_from_blue", path: graph.Path{"security_group_id"}, want: "(unknown aws_security_group.db.id)", file: "plan.json", line: 54},
		// A module output of one for_each instance.
		{id: "aws_security_group_rule.db_from_blue", path: graph.Path{"source_security_group_id"}, want: `(unknown module.app["blue"].aws_security_group.app.id)`, file: "plan.json", line: 54},
		// A module input variable, followed to what the root passes in.
		{id: `module.app["green"].aws_security_group_rule.to_db`, path: graph.Path{"source_security_group_id"}, want: "(unknown aws_security_group.db.id)", file: "plan.json", line: 231},
		{id: `module.app["green"].aws_security_group_rule.to_db`, path: graph.Path{"security_group_id"}, want: `(unknown module.app["green"].aws_security_group.app.id)`, file: "plan.json", line: 231},
		{id: `module.app["blue"].aws_security_group.app`, path: graph.Path{"name"}, want: `"app-blue"`, file: "plan.json", line: 171},
		{id: "aws_subnet.private[1]", path: graph.Path{"cidr_block"}, want: `"10.0.11.0/24"`, file: "plan.json", line: 98},
		// A data source read during apply: its unknown parts, one of them a reference.
		{id: "data.aws_iam_policy_document.logs", path: graph.Path{"json"}, want: "(unknown)", file: "plan.json", line: 105},
		{id: "data.aws_iam_policy_document.logs", path: graph.Path{"statement", 0, "resources"}, want: "(unknown aws_s3_bucket.logs.arn)", file: "plan.json", line: 116},
		{id: "data.aws_iam_policy_document.logs", path: graph.Path{"statement", 0, "principals", 0, "identifiers", 0}, want: `"logging.s3.amazonaws.com"`, file: "plan.json", line: 128},
	})

	t.Run("resources", func(t *testing.T) {
		var got []string
		for _, r := range u.Resources {
			got = append(got, r.ID+" module="+r.Module+" data="+boolString(r.DataSource))
		}
		assertLines(t, got, []string{
			"aws_s3_bucket.logs module= data=false",
			"aws_security_group.db module= data=false",
			"aws_security_group_rule.db_from_blue module= data=false",
			"aws_subnet.private[0] module= data=false",
			"aws_subnet.private[1] module= data=false",
			"data.aws_iam_policy_document.logs module= data=true",
			`module.app["blue"].aws_security_group.app module=module.app["blue"] data=false`,
			`module.app["blue"].aws_security_group_rule.to_db module=module.app["blue"] data=false`,
			`module.app["green"].aws_security_group.app module=module.app["green"] data=false`,
			`module.app["green"].aws_security_group_rule.to_db module=module.app["green"] data=false`,
		})
	})

	t.Run("edges", func(t *testing.T) {
		assertLines(t, edgeLines(u), []string{
			"aws_security_group_rule.db_from_blue -ref-> aws_security_group.db.id at security_group_id plan.json:54",
			`aws_security_group_rule.db_from_blue -ref-> module.app["blue"].aws_security_group.app.id at source_security_group_id plan.json:54`,
			"data.aws_iam_policy_document.logs -ref-> aws_s3_bucket.logs.arn at statement[0].resources plan.json:116",
			`module.app["blue"].aws_security_group_rule.to_db -ref-> module.app["blue"].aws_security_group.app.id at security_group_id plan.json:184`,
			`module.app["blue"].aws_security_group_rule.to_db -ref-> aws_security_group.db.id at source_security_group_id plan.json:184`,
			`module.app["green"].aws_security_group_rule.to_db -ref-> module.app["green"].aws_security_group.app.id at security_group_id plan.json:231`,
			`module.app["green"].aws_security_group_rule.to_db -ref-> aws_security_group.db.id at source_security_group_id plan.json:231`,
		})
	})

	t.Run("notes", func(t *testing.T) {
		var got []string
		for _, d := range u.Diagnostics {
			if d.Severity != graph.SeverityNote {
				t.Errorf("unexpected %v", d)
			}
			got = append(got, d.Location.String()+" "+d.Summary)
		}
		if len(got) != 2 || !strings.Contains(got[0], "no Terraform configuration files") || !strings.Contains(got[1], "configuration of module.app not found") {
			t.Errorf("notes = %q", got)
		}
	})
}

// TestMinifiedPlan checks positions in a plan as terraform writes it: one
// line, so values differ by column.
func TestMinifiedPlan(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(fixtures, "noconfig", "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, src); err != nil {
		t.Fatal(err)
	}
	u := Parse(context.Background(), "plan.json", buf.Bytes(), Options{Root: t.TempDir()})
	r := u.Resource("aws_security_group.db")
	if r == nil {
		t.Fatal("aws_security_group.db missing")
	}
	v := r.Attrs.Get("vpc_id")
	wantCol := bytes.Index(buf.Bytes(), []byte(`"vpc-0a1b2c3d4e5f60718"`)) + 1
	if v.Loc.StartLine != 1 || v.Loc.StartCol != wantCol {
		t.Errorf("vpc_id at %d:%d, want 1:%d", v.Loc.StartLine, v.Loc.StartCol, wantCol)
	}
	wantCol = bytes.Index(buf.Bytes(), []byte(`"aws_security_group.db"`)) + 1
	if r.Loc.StartLine != 1 || r.Loc.StartCol != wantCol {
		t.Errorf("resource at %d:%d, want 1:%d", r.Loc.StartLine, r.Loc.StartCol, wantCol)
	}
}

// TestScanRoot checks that configuration outside the scan root is not read.
func TestScanRoot(t *testing.T) {
	path := filepath.Join(fixtures, "web", "plan.json")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	u := Parse(context.Background(), path, src, Options{Root: t.TempDir()})
	for _, r := range u.Resources {
		if r.Loc.File != path {
			t.Errorf("%s located in %s, want the plan", r.ID, r.Loc.File)
		}
	}
	if len(u.Diagnostics) == 0 || !strings.Contains(u.Diagnostics[0].Summary, "outside the scan root") {
		t.Errorf("diagnostics = %v", u.Diagnostics)
	}
	if len(u.Files) != 1 {
		t.Errorf("files = %v", u.Files)
	}
	// References do not need the files.
	if got := u.Resource("aws_instance.web[0]").Attrs.Get("vpc_security_group_ids").GoString(); got != "(unknown aws_security_group.web.id)" {
		t.Errorf("vpc_security_group_ids = %s", got)
	}
}

// TestModuleManifest locates a downloaded module through
// .terraform/modules/modules.json.
func TestModuleManifest(t *testing.T) {
	root := t.TempDir()
	web := filepath.Join(fixtures, "web")
	plan, err := os.ReadFile(filepath.Join(web, "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	plan = bytes.Replace(plan, []byte(`"source": "./modules/net"`), []byte(`"source": "app.terraform.io/acme/net/aws"`), 1)
	copyFile(t, filepath.Join(web, "main.tf"), filepath.Join(root, "main.tf"))
	copyFile(t, filepath.Join(web, "modules", "net", "main.tf"), filepath.Join(root, ".terraform", "modules", "net", "main.tf"))
	writeFile(t, filepath.Join(root, ".terraform", "modules", "modules.json"),
		`{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"net","Source":"app.terraform.io/acme/net/aws","Version":"1.2.0","Dir":".terraform/modules/net"}]}`)
	path := filepath.Join(root, "plan.json")
	u := Parse(context.Background(), path, plan, Options{Root: root})
	for _, d := range u.Diagnostics {
		t.Errorf("unexpected diagnostic: %v", d)
	}
	v := u.Resource("module.net.aws_vpc.this").Attrs.Get("cidr_block")
	if want := filepath.Join(root, ".terraform", "modules", "net", "main.tf"); v.Loc.File != want || v.Loc.StartLine != 6 {
		t.Errorf("cidr_block at %v, want %s:6", v.Loc, want)
	}
}

// TestMissingBlock: a configuration directory that lacks a resource's block
// (stale files) leaves that resource in the plan, with a note.
func TestMissingBlock(t *testing.T) {
	root := t.TempDir()
	web := filepath.Join(fixtures, "web")
	plan, err := os.ReadFile(filepath.Join(web, "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(root, "main.tf"), "resource \"aws_security_group\" \"web\" {\n  name = \"web\"\n}\n")
	path := filepath.Join(root, "plan.json")
	u := Parse(context.Background(), path, plan, Options{Root: root})
	if r := u.Resource("aws_security_group.web"); r.Loc.File != filepath.Join(root, "main.tf") || r.Loc.StartLine != 1 {
		t.Errorf("aws_security_group.web at %v", r.Loc)
	}
	if r := u.Resource("aws_instance.web[0]"); r.Loc.File != path || r.Loc.StartLine != 13 {
		t.Errorf("aws_instance.web[0] at %v, want %s:13", r.Loc, path)
	}
	found := false
	for _, d := range u.Diagnostics {
		if d.Severity == graph.SeverityNote && strings.Contains(d.Summary, "no block for aws_instance.web[0]") {
			found = true
		}
	}
	if !found {
		t.Errorf("no note about the missing block in %v", u.Diagnostics)
	}
}

func TestDiagnostics(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		severity graph.Severity
		line     int
		contains string
	}{
		{"syntax error", "{\n  \"format_version\": \"1.2\",\n  \"planned_values\": {,}\n}", graph.SeverityError, 3, "invalid plan JSON"},
		{"truncated", "{\n  \"format_version\": \"1.2\",\n  \"planned_values\": {", graph.SeverityError, 3, "unexpected end of JSON input"},
		{"trailing data", "{\"format_version\": \"1.2\", \"planned_values\": {}}\n\n{}", graph.SeverityError, 3, "after top-level value"},
		{"not an object", "[1, 2]", graph.SeverityError, 1, "not an object"},
		{"not a plan", "{\n\"format_version\": \"1.0\"\n}", graph.SeverityError, 1, "not a Terraform plan"},
		{"format major 2", "{\n\"format_version\": \"2.0\",\n\"planned_values\": {}\n}", graph.SeverityError, 2, `unsupported plan format_version "2.0"`},
		{"format not a string", "{\"format_version\": 1.2, \"planned_values\": {}}", graph.SeverityError, 1, "format_version is not a string"},
		{"errored plan", "{\"format_version\": \"1.2\",\n\"planned_values\": {},\n\"errored\": true}", graph.SeverityWarning, 3, "failed"},
		{"planned_values not an object", "{\"format_version\": \"1.2\",\n\"planned_values\": []}", graph.SeverityError, 2, "planned_values is not an object"},
		{"too deep", "{\"format_version\": \"1.2\", \"planned_values\": " + strings.Repeat("[", 300) + strings.Repeat("]", 300) + "}", graph.SeverityError, 1, "nested deeper than 256"},
		{"utf-16", "\xff\xfe{\x00", graph.SeverityError, 1, "UTF-16"},
		{"resource without type", `{"format_version": "1.2", "planned_values": {"root_module": {"resources": [
{"address": "aws_vpc.a", "mode": "managed", "name": "a", "values": {}}]}}}`, graph.SeverityError, 2, "lacks address, type, name or mode"},
		{"address mismatch", `{"format_version": "1.2", "planned_values": {"root_module": {"resources": [
{"address": "aws_vpc.b", "mode": "managed", "type": "aws_vpc", "name": "a", "values": {}}]}}}`, graph.SeverityError, 2, "does not match"},
		{"duplicate address", `{"format_version": "1.2", "planned_values": {"root_module": {"resources": [
{"address": "aws_vpc.a", "mode": "managed", "type": "aws_vpc", "name": "a", "values": {}},
{"address": "aws_vpc.a", "mode": "managed", "type": "aws_vpc", "name": "a", "values": {}}]}}}`, graph.SeverityError, 3, "appears twice"},
		{"values not an object", `{"format_version": "1.2", "planned_values": {"root_module": {"resources": [
{"address": "aws_vpc.a", "mode": "managed", "type": "aws_vpc", "name": "a",
"values": [1]}]}}}`, graph.SeverityError, 3, "values of aws_vpc.a is not an object"},
		{"child module outside its parent", `{"format_version": "1.2", "planned_values": {"root_module": {"child_modules": [
{"address": "module.a.module.b", "resources": []}]}}}`, graph.SeverityError, 2, "is not a module call of"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u := Parse(context.Background(), "plan.json", []byte(tc.src), Options{Root: t.TempDir()})
			for _, d := range u.Diagnostics {
				if d.Severity == tc.severity && strings.Contains(d.Summary, tc.contains) {
					if d.Location.File != "plan.json" || d.Location.StartLine != tc.line {
						t.Errorf("diagnostic at %v, want plan.json:%d", d.Location, tc.line)
					}
					return
				}
			}
			t.Errorf("no %s containing %q in %v", tc.severity, tc.contains, u.Diagnostics)
		})
	}
}

func TestTooLarge(t *testing.T) {
	src := make([]byte, maxFileSize+1)
	u := Parse(context.Background(), "big.json", src, Options{})
	if !u.Diagnostics.HasErrors() || !strings.Contains(u.Diagnostics[0].Summary, "64 MiB") {
		t.Errorf("diagnostics = %v", u.Diagnostics)
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	path := filepath.Join(fixtures, "noconfig", "plan.json")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	u := Parse(ctx, path, src, Options{Root: fixtures})
	if !u.Diagnostics.HasErrors() || !strings.Contains(u.Diagnostics[len(u.Diagnostics)-1].Summary, "cancelled") {
		t.Errorf("diagnostics = %v", u.Diagnostics)
	}
}

// TestBOM: a UTF-8 byte order mark is tolerated and positions stay right.
func TestBOM(t *testing.T) {
	src := "\xef\xbb\xbf{\"format_version\": \"1.2\", \"planned_values\": {\"root_module\": {\"resources\": [\n{\"address\": \"aws_vpc.a\", \"mode\": \"managed\", \"type\": \"aws_vpc\", \"name\": \"a\", \"values\": {\"cidr_block\": \"10.0.0.0/16\"}}]}}}"
	if !IsPlan([]byte(src)) {
		t.Error("IsPlan = false")
	}
	u := Parse(context.Background(), "plan.json", []byte(src), Options{Root: t.TempDir()})
	v := u.Resource("aws_vpc.a").Attrs.Get("cidr_block")
	if v.GoString() != `"10.0.0.0/16"` || v.Loc.StartLine != 2 || v.Loc.StartCol != 102 {
		t.Errorf("cidr_block = %s at %v", v.GoString(), v.Loc)
	}
}

func TestIsPlan(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want bool
	}{
		{"plan", `{"format_version": "1.2", "terraform_version": "1.9.5", "planned_values": {}}`, true},
		{"keys later", `{"variables": {"x": {"value": [1, {"a": 2}]}}, "planned_values": {}, "format_version": "1.2"}`, true},
		{"state file", `{"format_version": "1.0", "terraform_version": "1.9.5", "values": {}}`, false},
		{"nested keys only", `{"x": {"format_version": "1.2", "planned_values": {}}}`, false},
		{"cloudformation", `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}`, false},
		{"array", `[{"format_version": "1.2", "planned_values": {}}]`, false},
		{"broken after keys", `{"format_version": "1.2", "planned_values": {`, true},
		{"broken before keys", `{"format_version": "1.2", "x": [}`, false},
		{"empty", ``, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := IsPlan([]byte(tc.src)); got != tc.want {
				t.Errorf("IsPlan = %v, want %v", got, tc.want)
			}
		})
	}
	for _, dir := range []string{"web", "noconfig"} {
		src, err := os.ReadFile(filepath.Join(fixtures, dir, "plan.json"))
		if err != nil {
			t.Fatal(err)
		}
		if !IsPlan(src) {
			t.Errorf("IsPlan(%s) = false", dir)
		}
	}
}

func TestParseSteps(t *testing.T) {
	tests := []struct {
		in   string
		want string // steps joined by |, keys in brackets
		err  bool
	}{
		{in: "aws_security_group.web.id", want: "aws_security_group|web|id"},
		{in: `module.app["blue"].aws_instance.web[0]`, want: `module|app|["blue"]|aws_instance|web|[0]`},
		{in: `aws_s3_bucket.b["a.b[c]\"d"].arn`, want: `aws_s3_bucket|b|["a.b[c]\"d"]|arn`},
		{in: "data.aws_ami.x", want: "data|aws_ami|x"},
		{in: "", err: true},
		{in: "a..b", err: true},
		{in: "a.", err: true},
		{in: "[0]", err: true},
		{in: `a["x]`, err: true},
		{in: "a[0]b", err: true},
		{in: "a[]", err: true},
	}
	for _, tc := range tests {
		ss, err := parseSteps(tc.in)
		if tc.err {
			if err == nil {
				t.Errorf("parseSteps(%q) = %v, want an error", tc.in, ss)
			}
			continue
		}
		if err != nil {
			t.Errorf("parseSteps(%q): %v", tc.in, err)
			continue
		}
		parts := make([]string, len(ss))
		for i, s := range ss {
			parts[i] = s.String()
		}
		if got := strings.Join(parts, "|"); got != tc.want {
			t.Errorf("parseSteps(%q) = %s, want %s", tc.in, got, tc.want)
		}
		if ss.String() != tc.in {
			t.Errorf("round trip of %q = %q", tc.in, ss.String())
		}
	}
}

func TestReferences(t *testing.T) {
	tests := []struct {
		refs string
		want []string
	}{
		{`["aws_security_group.web.id", "aws_security_group.web"]`, []string{"aws_security_group.web.id"}},
		{`["aws_instance.x[0].id", "aws_instance.x[0]", "aws_instance.x"]`, []string{"aws_instance.x[0].id"}},
		{`["module.net.vpc_id", "module.net", "var.x"]`, []string{"module.net.vpc_id", "var.x"}},
		{`["aws_subnet.a", "count.index"]`, []string{"aws_subnet.a", "count.index"}},
		{`["var.x", "var.x", "bad..ref"]`, []string{"var.x"}},
	}
	for _, tc := range tests {
		root, err := decodeTree([]byte(`{"references": `+tc.refs+`}`), maxDepth)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range references(root) {
			got = append(got, r.String())
		}
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("references(%s) = %q, want %q", tc.refs, got, tc.want)
		}
	}
}

func edgeLines(u *graph.Unit) []string {
	var out []string
	for _, e := range u.Edges {
		to := e.To
		if e.Attr != "" {
			to += "." + e.Attr
		}
		out = append(out, e.From+" -"+string(e.Kind)+"-> "+to+" at "+e.Path.String()+" "+filepath.Base(e.Location.File)+":"+itoa(e.Location.StartLine))
	}
	return out
}

func assertLines(t *testing.T, got, want []string) {
	t.Helper()
	g := append([]string(nil), got...)
	w := append([]string(nil), want...)
	sort.Strings(g)
	sort.Strings(w)
	if strings.Join(g, "\n") != strings.Join(w, "\n") {
		t.Errorf("got:\n  %s\nwant:\n  %s", strings.Join(g, "\n  "), strings.Join(w, "\n  "))
	}
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func itoa(n int) string { return graph.FormatNumber(float64(n)) }

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	src, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, to, string(src))
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPlanWithoutConfigurationSection: a plan whose configuration section
// is missing still gets locations from the .tf files beside it, with set
// elements matched to blocks by the constants written in the source.
func TestPlanWithoutConfigurationSection(t *testing.T) {
	root := t.TempDir()
	web := filepath.Join(fixtures, "web")
	src, err := os.ReadFile(filepath.Join(web, "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(src, &doc); err != nil {
		t.Fatal(err)
	}
	delete(doc, "configuration")
	plan, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	copyFile(t, filepath.Join(web, "main.tf"), filepath.Join(root, "main.tf"))
	path := filepath.Join(root, "plan.json")
	u := Parse(context.Background(), path, plan, Options{Root: root})
	if len(u.Edges) != 0 {
		t.Errorf("edges without configuration: %v", u.Edges)
	}
	sg := u.Resource("aws_security_group.web")
	for _, tc := range []struct {
		path graph.Path
		line int
	}{
		{graph.Path{"ingress", 0}, 47},
		{graph.Path{"ingress", 0, "cidr_blocks", 0}, 54},
		{graph.Path{"ingress", 1}, 39},
		{graph.Path{"ingress", 1, "to_port"}, 42},
		{graph.Path{"tags", "Name"}, 59},
	} {
		if v := sg.Attrs.At(tc.path); v == nil || v.Loc.StartLine != tc.line || v.Loc.File != filepath.Join(root, "main.tf") {
			t.Errorf("%s at %v, want main.tf:%d", tc.path, v.Loc, tc.line)
		}
	}
	// No references without the configuration section: plain Unknowns.
	if got := sg.Attrs.Get("vpc_id").GoString(); got != "(unknown)" {
		t.Errorf("vpc_id = %s", got)
	}
}

func TestMatchBlocks(t *testing.T) {
	elems := func(ports ...float64) []*graph.Value {
		var out []*graph.Value
		for _, p := range ports {
			m := graph.Map(graph.Location{})
			m.Set("from_port", graph.Number(p, graph.Location{}))
			m.Set("protocol", graph.String("tcp", graph.Location{}))
			out = append(out, m)
		}
		return out
	}
	cfg := func(src string) []*node {
		n, err := decodeTree([]byte(src), maxDepth)
		if err != nil {
			t.Fatal(err)
		}
		return n.items
	}
	tests := []struct {
		name  string
		cfg   string
		elems []*graph.Value
		want  []int
	}{
		{"reordered set", `[{"from_port": {"constant_value": 443}}, {"from_port": {"constant_value": 22}}]`, elems(22, 443), []int{1, 0}},
		{"string constant for a number", `[{"from_port": {"constant_value": "22"}}]`, elems(443, 22), []int{1}},
		{"references match anything", `[{"from_port": {"references": ["var.p"]}}, {"from_port": {"constant_value": 22}}]`, elems(22, 80), []int{1, 0}},
		{"normalized by the provider", `[{"protocol": {"constant_value": "TCP"}}]`, elems(22), []int{0}},
		{"more blocks than elements", `[{"from_port": {"constant_value": 22}}, {"from_port": {"constant_value": 80}}]`, elems(80), []int{-1, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := cfg(tc.cfg)
			got := matchBlocks(c, nil, len(c), tc.elems)
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("got %v, want %v", got, tc.want)
				}
			}
		})
	}
}

// TestDynamicBlocks: elements from a dynamic block are located at it, the
// static block at itself.
func TestDynamicBlocks(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "main.tf"), `variable "ports" {
  default = [80, 443]
}

resource "aws_security_group" "lb" {
  name = "lb"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }

  dynamic "ingress" {
    for_each = var.ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}

resource "aws_security_group" "only_dynamic" {
  dynamic "egress" {
    for_each = var.ports
    content {
      from_port = egress.value
      to_port   = egress.value
      protocol  = "tcp"
    }
  }
}
`)
	rule := func(port int, cidr string) string {
		return fmt.Sprintf(`{"cidr_blocks": [%q], "from_port": %d, "protocol": "tcp", "to_port": %d}`, cidr, port, port)
	}
	plan := `{"format_version": "1.2", "planned_values": {"root_module": {"resources": [
{"address": "aws_security_group.lb", "mode": "managed", "type": "aws_security_group", "name": "lb",
 "values": {"name": "lb", "ingress": [` + rule(22, "10.0.0.0/8") + `, ` + rule(443, "0.0.0.0/0") + `, ` + rule(80, "0.0.0.0/0") + `]}},
{"address": "aws_security_group.only_dynamic", "mode": "managed", "type": "aws_security_group", "name": "only_dynamic",
 "values": {"egress": [` + rule(443, "0.0.0.0/0") + `, ` + rule(80, "0.0.0.0/0") + `]}}]}},
"configuration": {"root_module": {"resources": [
{"address": "aws_security_group.lb", "mode": "managed", "type": "aws_security_group", "name": "lb", "expressions": {
 "ingress": [{"cidr_blocks": {"constant_value": ["10.0.0.0/8"]}, "from_port": {"constant_value": 22}, "protocol": {"constant_value": "tcp"}, "to_port": {"constant_value": 22}}],
 "name": {"constant_value": "lb"}}},
{"address": "aws_security_group.only_dynamic", "mode": "managed", "type": "aws_security_group", "name": "only_dynamic", "expressions": {}}]}}}`
	path := filepath.Join(root, "plan.json")
	u := Parse(context.Background(), path, []byte(plan), Options{Root: root})
	for _, d := range u.Diagnostics {
		t.Errorf("unexpected diagnostic: %v", d)
	}
	for _, tc := range []struct {
		id   string
		path graph.Path
		line int
	}{
		{"aws_security_group.lb", graph.Path{"ingress", 0}, 8},
		{"aws_security_group.lb", graph.Path{"ingress", 0, "cidr_blocks", 0}, 12},
		{"aws_security_group.lb", graph.Path{"ingress", 1}, 15},
		{"aws_security_group.lb", graph.Path{"ingress", 2, "from_port"}, 15},
		{"aws_security_group.only_dynamic", graph.Path{"egress", 1, "to_port"}, 27},
	} {
		v := u.Resource(tc.id).Attrs.At(tc.path)
		if v == nil || v.Loc.StartLine != tc.line {
			t.Errorf("%s.%s at %v, want line %d", tc.id, tc.path, v.Loc, tc.line)
		}
	}
}

func TestMeta(t *testing.T) {
	const resources = `"planned_values": {"root_module": {"child_modules": [{"address": "module.m", "resources": [
{"address": "module.m.aws_s3_bucket.b[\"x\"]", "mode": "managed", "type": "aws_s3_bucket", "name": "b", "index": "x",
 "provider_name": "registry.terraform.io/hashicorp/aws",
 "values": {"tags": {"Name": "b"}, "tags_all": {"Name": "b", "Team": "data"}}}]}]}}`
	config := func(providerKey, tags string) string {
		return `, "configuration": {"provider_config": {"aws": {"name": "aws", "expressions": {"default_tags": [{"tags": ` + tags + `}]}},
"module.m:aws.west": {"name": "aws", "alias": "west", "module_address": "module.m", "expressions": {"default_tags": [{"tags": ` + tags + `}]}}},
"root_module": {"module_calls": {"m": {"source": "./m", "module": {"resources": [
{"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b", "provider_config_key": "` + providerKey + `", "expressions": {}}]}}}}}`
	}
	tests := []struct {
		name, config   string
		provider, tags string
	}{
		{"constant", config("aws", `{"constant_value": {"Team": "data"}}`), `"aws"`, `{Team: "data"}`},
		{"root variable", config("aws", `{"references": ["var.tags"]}`), `"aws"`, `{Team: "from-var"}`},
		{"module provider variable", config("module.m:aws.west", `{"references": ["var.tags"]}`), `"aws.west"`, `(unknown)`},
		{"computed", config("aws", `{"references": ["local.tags"]}`), `"aws"`, `(unknown)`},
		{"no default tags", config("aws", `null`), `"aws"`, `<nil>`},
		{"no configuration: derived from tags_all", "", `"aws"`, `{Team: "data"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := `{"format_version": "1.2", "variables": {"tags": {"value": {"Team": "from-var"}}}, ` + resources + tc.config + `}`
			u := Parse(context.Background(), "plan.json", []byte(src), Options{Root: t.TempDir()})
			if u.Diagnostics.HasErrors() {
				t.Fatal(u.Diagnostics)
			}
			r := u.Resource(`module.m.aws_s3_bucket.b["x"]`)
			if got := r.Meta["provider"].GoString(); got != tc.provider {
				t.Errorf("provider = %s, want %s", got, tc.provider)
			}
			if got := r.Meta["default_tags"].GoString(); got != tc.tags {
				t.Errorf("default_tags = %s, want %s", got, tc.tags)
			}
			if got := r.Meta["each_key"].GoString(); got != `"x"` {
				t.Errorf("each_key = %s", got)
			}
		})
	}
}

// TestReferenceResolution covers how configuration references become
// unknown references and edges, without .tf files.
func TestReferenceResolution(t *testing.T) {
	res := func(addr, typ, name, values string) string {
		return `{"address": "` + addr + `", "mode": "managed", "type": "` + typ + `", "name": "` + name + `", "values": ` + values + `}`
	}
	change := func(addr, unknown string) string {
		return `{"address": "` + addr + `", "change": {"actions": ["create"], "after_unknown": ` + unknown + `}}`
	}
	cfg := func(name, typ, exprs string) string {
		return `{"address": "` + typ + `.` + name + `", "mode": "managed", "type": "` + typ + `", "name": "` + name + `", "expressions": ` + exprs + `}`
	}
	src := `{"format_version": "1.2", "planned_values": {"root_module": {
"resources": [` +
		res("aws_security_group.multi[0]", "aws_security_group", "multi", `{}`) + `,` +
		res("aws_security_group.multi[1]", "aws_security_group", "multi", `{}`) + `,` +
		res("aws_security_group.one", "aws_security_group", "one", `{}`) + `,` +
		res("aws_instance.splat", "aws_instance", "splat", `{}`) + `,` +
		res("aws_instance.indexed", "aws_instance", "indexed", `{}`) + `,` +
		res("aws_instance.interpolated", "aws_instance", "interpolated", `{}`) + `],
"child_modules": [{"address": "module.outer", "child_modules": [{"address": "module.outer.module.inner", "resources": [` +
		res("module.outer.module.inner.aws_security_group_rule.r", "aws_security_group_rule", "r", `{}`) + `]}]}]}},
"resource_changes": [` +
		change("aws_instance.splat", `{"vpc_security_group_ids": true}`) + `,` +
		change("aws_instance.indexed", `{"vpc_security_group_ids": [true, false]}`) + `,` +
		change("aws_instance.interpolated", `{"user_data": true}`) + `,` +
		change("module.outer.module.inner.aws_security_group_rule.r", `{"security_group_id": true}`) + `],
"configuration": {"root_module": {"resources": [` +
		cfg("splat", "aws_instance", `{"vpc_security_group_ids": {"references": ["aws_security_group.multi"]}}`) + `,` +
		cfg("indexed", "aws_instance", `{"vpc_security_group_ids": {"references": ["aws_security_group.multi[1].id", "aws_security_group.multi[1]", "aws_security_group.multi"]}}`) + `,` +
		cfg("interpolated", "aws_instance", `{"user_data": {"references": ["aws_security_group.one.id", "aws_security_group.one", "var.prefix"]}}`) + `],
"module_calls": {"outer": {"source": "./outer", "expressions": {"sg": {"references": ["aws_security_group.one.id", "aws_security_group.one"]}},
 "module": {"module_calls": {"inner": {"source": "./inner", "expressions": {"sg": {"references": ["var.sg"]}},
  "module": {"resources": [` +
		cfg("r", "aws_security_group_rule", `{"security_group_id": {"references": ["var.sg"]}}`) + `]}}}}}}}}}`
	u := Parse(context.Background(), "plan.json", []byte(src), Options{Root: t.TempDir()})
	if u.Diagnostics.HasErrors() {
		t.Fatal(u.Diagnostics)
	}
	for _, tc := range []struct {
		id   string
		path graph.Path
		want string
	}{
		// A splat over a count resource: several targets, no single ref.
		{"aws_instance.splat", graph.Path{"vpc_security_group_ids"}, "(unknown)"},
		// An indexed instance: the unknown element gets it.
		{"aws_instance.indexed", graph.Path{"vpc_security_group_ids"}, "[(unknown aws_security_group.multi[1].id), null]"},
		// Another reference besides the resource: not the attribute itself.
		{"aws_instance.interpolated", graph.Path{"user_data"}, "(unknown)"},
		// Through two module inputs to the root.
		{"module.outer.module.inner.aws_security_group_rule.r", graph.Path{"security_group_id"}, "(unknown aws_security_group.one.id)"},
	} {
		if got := u.Resource(tc.id).Attrs.At(tc.path).GoString(); got != tc.want {
			t.Errorf("%s.%s = %s, want %s", tc.id, tc.path, got, tc.want)
		}
	}
	assertLines(t, edgeLines(u), []string{
		"aws_instance.splat -ref-> aws_security_group.multi[0] at vpc_security_group_ids plan.json:2",
		"aws_instance.splat -ref-> aws_security_group.multi[1] at vpc_security_group_ids plan.json:2",
		"aws_instance.indexed -ref-> aws_security_group.multi[1].id at vpc_security_group_ids plan.json:2",
		"aws_instance.interpolated -ref-> aws_security_group.one.id at user_data plan.json:2",
		"module.outer.module.inner.aws_security_group_rule.r -ref-> aws_security_group.one.id at security_group_id plan.json:3",
	})
}

// TestJSONConfiguration locates resources declared in .tf.json (as cdktf
// writes them): at the resource's name and each top-level attribute.
func TestJSONConfiguration(t *testing.T) {
	root := t.TempDir()
	plan, err := os.ReadFile(filepath.Join(fixtures, "web", "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(root, "main.tf.json"), `{
  "resource": {
    "aws_security_group": {
      "web": {
        "name": "web",
        "description": "Web tier",
        "vpc_id": "${module.net.vpc_id}",
        "ingress": [
          {"description": "HTTPS", "from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]},
          {"description": "SSH from the office", "from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["203.0.113.0/24", "198.51.100.0/24"]}
        ]
      }
    }
  }
}
`)
	path := filepath.Join(root, "plan.json")
	u := Parse(context.Background(), path, plan, Options{Root: root})
	sg := u.Resource("aws_security_group.web")
	file := filepath.Join(root, "main.tf.json")
	if sg.Loc.File != file || sg.Loc.StartLine != 4 {
		t.Errorf("resource at %v, want %s:4", sg.Loc, file)
	}
	for _, tc := range []struct {
		path graph.Path
		line int
	}{
		{graph.Path{"name"}, 5},
		{graph.Path{"vpc_id"}, 7},
		{graph.Path{"ingress", 1, "cidr_blocks", 0}, 8},
		{graph.Path{"arn"}, 4},
	} {
		if v := sg.Attrs.At(tc.path); v.Loc.File != file || v.Loc.StartLine != tc.line {
			t.Errorf("%s at %v, want line %d", tc.path, v.Loc, tc.line)
		}
	}
	if got := sg.Attrs.Get("vpc_id").GoString(); got != "(unknown module.net.aws_vpc.this.id)" {
		t.Errorf("vpc_id = %s", got)
	}
	if r := u.Resource("aws_instance.web[0]"); r.Loc.File != path {
		t.Errorf("aws_instance.web[0] at %v, want the plan", r.Loc)
	}
}
