package plan

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// The tfwritten fixtures are plans terraform itself wrote (regen.sh beside
// the fixtures): terraform_data resources with count and for_each, modules
// with count and for_each, nested modules, tfvars, sensitive values and
// values unknown until apply; tfwritten_json is written in .tf.json with an
// override file. These tests read the plan twice, once with
// the front-end and once as plain JSON, and require the two to agree on
// every resource, value, Unknown and sensitive mark.

// writtenChange is one entry of the plan's resource_changes.
type writtenChange struct {
	Address       string `json:"address"`
	ModuleAddress string `json:"module_address"`
	Mode          string `json:"mode"`
	Type          string `json:"type"`
	Index         any    `json:"index"`
	Change        struct {
		Actions        []string `json:"actions"`
		After          any      `json:"after"`
		AfterUnknown   any      `json:"after_unknown"`
		AfterSensitive any      `json:"after_sensitive"`
	} `json:"change"`
}

func readWrittenChanges(t *testing.T, dir string) []writtenChange {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(fixtures, dir, "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	var p struct {
		ResourceChanges []writtenChange `json:"resource_changes"`
		PriorState      struct {
			Values struct {
				RootModule priorModule `json:"root_module"`
			} `json:"values"`
		} `json:"prior_state"`
	}
	d := json.NewDecoder(bytes.NewReader(src))
	d.UseNumber()
	if err := d.Decode(&p); err != nil {
		t.Fatal(err)
	}
	// Data sources read while planning are only in prior_state, with
	// nothing unknown and no change.
	planned := map[string]bool{}
	for _, c := range p.ResourceChanges {
		planned[c.Address] = true
	}
	return append(p.ResourceChanges, p.PriorState.Values.RootModule.dataReads("", planned)...)
}

// priorModule is a module of the plan's prior_state.
type priorModule struct {
	Address   string `json:"address"`
	Resources []struct {
		Address         string `json:"address"`
		Mode            string `json:"mode"`
		Type            string `json:"type"`
		Index           any    `json:"index"`
		Values          any    `json:"values"`
		SensitiveValues any    `json:"sensitive_values"`
	} `json:"resources"`
	ChildModules []priorModule `json:"child_modules"`
}

// dataReads are the data sources of the module and its children that the
// plan does not list as changes, as writtenChanges.
func (m priorModule) dataReads(module string, planned map[string]bool) []writtenChange {
	var out []writtenChange
	for _, r := range m.Resources {
		if r.Mode != "data" || planned[r.Address] {
			continue
		}
		c := writtenChange{Address: r.Address, ModuleAddress: module, Mode: r.Mode, Type: r.Type, Index: r.Index}
		c.Change.After = r.Values
		c.Change.AfterSensitive = r.SensitiveValues
		out = append(out, c)
	}
	for _, cm := range m.ChildModules {
		out = append(out, cm.dataReads(cm.Address, planned)...)
	}
	return out
}

func TestTerraformWrittenPlan(t *testing.T) {
	for _, dir := range []string{"tfwritten", "tfwritten_json", "tfwritten_data"} {
		t.Run(dir, func(t *testing.T) { checkWrittenPlan(t, dir) })
	}
}

func checkWrittenPlan(t *testing.T, dir string) {
	u := parseFixture(t, dir)
	for _, d := range u.Diagnostics {
		t.Errorf("unexpected diagnostic: %v", d)
	}
	changes := readWrittenChanges(t, dir)
	if len(u.Resources) != len(changes) {
		t.Errorf("%d resources, the plan has %d", len(u.Resources), len(changes))
	}
	for _, c := range changes {
		t.Run(c.Address, func(t *testing.T) {
			r := u.Resource(c.Address)
			if r == nil {
				t.Fatal("resource not found")
			}
			if r.Type != c.Type || r.Module != c.ModuleAddress || r.DataSource != (c.Mode == "data") {
				t.Errorf("type %q module %q data %v; plan: %q %q %q", r.Type, r.Module, r.DataSource, c.Type, c.ModuleAddress, c.Mode)
			}
			checkInstanceKey(t, r, c.Index)
			switch got := r.Meta["actions"]; {
			case c.Change.Actions == nil && got != nil:
				t.Errorf("actions %s, the plan has no change", got.GoString())
			case c.Change.Actions != nil && got.GoString() != render(c.Change.Actions):
				t.Errorf("actions %s, plan %s", got.GoString(), render(c.Change.Actions))
			}
			after, _ := c.Change.After.(map[string]any)
			unknown, _ := c.Change.AfterUnknown.(map[string]any)
			for _, problem := range agreeWithPlan(r.Attrs, after, unknown, c.Change.AfterSensitive, false, nil) {
				t.Error(problem)
			}
		})
	}
}

// checkInstanceKey compares count_index / each_key with the plan's index.
func checkInstanceKey(t *testing.T, r *graph.Resource, index any) {
	t.Helper()
	switch k := index.(type) {
	case nil:
		if r.Meta["count_index"] != nil || r.Meta["each_key"] != nil {
			t.Errorf("instance key in Meta, the plan has none")
		}
	case json.Number:
		if got := r.Meta["count_index"].GoString(); got != k.String() {
			t.Errorf("count_index %s, plan index %s", got, k)
		}
	case string:
		if got := r.Meta["each_key"].GoString(); got != strconv.Quote(k) {
			t.Errorf("each_key %s, plan index %q", got, k)
		}
	}
}

// agreeWithPlan compares a value with the plan's rendering of it: after
// (Unknowns left out), after_unknown (true where Unknown) and
// after_sensitive (true where sensitive, inherited by what is below). It
// returns what differs.
func agreeWithPlan(v *graph.Value, after, unknown, sensitive any, inherited bool, path graph.Path) []string {
	at := path.String()
	isSensitive := inherited || sensitive == true
	var problems []string
	if v == nil {
		return []string{fmt.Sprintf("%s: missing; plan %s", at, render(after))}
	}
	if v.Sensitive != isSensitive {
		problems = append(problems, fmt.Sprintf("%s: sensitive %v, plan %v", at, v.Sensitive, isSensitive))
	}
	if unknown == true {
		if !v.IsUnknown() {
			problems = append(problems, fmt.Sprintf("%s: %#v, plan: unknown", at, v))
		}
		return problems
	}
	if v.IsUnknown() {
		return append(problems, fmt.Sprintf("%s: unknown, plan %s", at, render(after)))
	}
	switch a := after.(type) {
	case map[string]any:
		unk, _ := unknown.(map[string]any)
		sens, _ := sensitive.(map[string]any)
		keys := map[string]bool{}
		for k := range a {
			keys[k] = true
		}
		for k, u := range unk {
			if u == true {
				keys[k] = true
			}
		}
		if v.Kind != graph.KindMap || len(v.Fields) != len(keys) {
			return append(problems, fmt.Sprintf("%s: %#v, plan %s (unknown %s)", at, v, render(after), render(unknown)))
		}
		for _, k := range sortedKeys(keys) {
			problems = append(problems, agreeWithPlan(v.Fields[k], a[k], unk[k], sens[k], isSensitive, path.Append(k))...)
		}
	case []any:
		unk, _ := unknown.([]any)
		sens, _ := sensitive.([]any)
		if v.Kind != graph.KindList || len(v.List) != len(a) {
			return append(problems, fmt.Sprintf("%s: %#v, plan %s", at, v, render(after)))
		}
		for i := range a {
			problems = append(problems, agreeWithPlan(v.List[i], a[i], index(unk, i), index(sens, i), isSensitive, path.Append(i))...)
		}
	default:
		if got := render(v.Interface()); got != render(after) {
			problems = append(problems, fmt.Sprintf("%s: %s, plan %s", at, got, render(after)))
		}
	}
	return problems
}

func index(l []any, i int) any {
	if i < len(l) {
		return l[i]
	}
	return nil
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// render is a value as compact JSON, numbers as written.
func render(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// TestTerraformWrittenPlanLocations checks where the values of the
// terraform-written plan are located: every instance at its block in the
// module's source (nested and repeated modules included), values written in
// the block at their lines, Unknowns that are a reference at the
// reference, with the resource attribute they stand for.
func TestTerraformWrittenPlanLocations(t *testing.T) {
	u := parseFixture(t, "tfwritten")
	checkValues(t, u, "tfwritten", []valueCase{
		{id: "terraform_data.counted[0]", file: "main.tf", line: 18, endLine: 24},
		{id: "terraform_data.counted[1]", path: graph.Path{"input", "name"}, want: `"prod-1"`, file: "main.tf", line: 21},
		{id: "terraform_data.counted[1]", path: graph.Path{"input", "index"}, want: "1", file: "main.tf", line: 22},
		{id: "terraform_data.counted[0]", path: graph.Path{"output"}, want: "(unknown)", file: "main.tf", line: 18},
		{id: `terraform_data.each["large"]`, path: graph.Path{"input", "size"}, want: "3", file: "main.tf", line: 30},
		{id: `terraform_data.each["small"]`, path: graph.Path{"input", "tags", 1}, want: `"small"`, file: "main.tf", line: 31},
		// secret_override.tf replaces the input written in main.tf.
		{id: "terraform_data.secret", file: "main.tf", line: 35, endLine: 40},
		{id: "terraform_data.secret", path: graph.Path{"input", "user"}, want: `"root"`, file: "secret_override.tf", line: 3},
		{id: "terraform_data.secret", path: graph.Path{"input", "password"}, want: `"correct-horse-battery-staple"`, file: "secret_override.tf", line: 4, sensitive: true},
		{id: "terraform_data.whole_secret", path: graph.Path{"input"}, want: `"correct-horse-battery-staple"`, file: "main.tf", line: 61, sensitive: true},
		// Unknown until apply, standing for the attribute referenced.
		{id: "terraform_data.later", path: graph.Path{"input", "from_output"}, want: "(unknown terraform_data.counted[0].output)", file: "main.tf", line: 44},
		{id: "terraform_data.later", path: graph.Path{"input", "from_id"}, want: "(unknown terraform_data.secret.id)", file: "main.tf", line: 45},
		{id: "terraform_data.later", path: graph.Path{"input", "known"}, want: `"prod-1"`, file: "main.tf", line: 46},
		{id: "terraform_data.later", path: graph.Path{"triggers_replace", 0}, want: `(unknown terraform_data.each["small"].id)`, file: "main.tf", line: 48},
		{id: "terraform_data.mixed", path: graph.Path{"input", 0}, want: "(unknown terraform_data.secret.output)", file: "main.tf", line: 53},
		{id: "terraform_data.mixed", path: graph.Path{"input", 2}, want: `"hidden"`, file: "main.tf", line: 55, sensitive: true},
		// Through a module input, to the caller's resource.
		{id: `module.app["green"].terraform_data.app`, file: "modules/app/main.tf", line: 9, endLine: 14},
		{id: `module.app["green"].terraform_data.app`, path: graph.Path{"input", "upstream"}, want: "(unknown terraform_data.later.output)", file: "modules/app/main.tf", line: 12},
		{id: `module.app["blue"].module.leaf.terraform_data.leaf`, path: graph.Path{"input"}, want: "40", file: "modules/leaf/main.tf", line: 6},
		{id: "module.leaf[1].terraform_data.leaf", path: graph.Path{"input"}, want: "10", file: "modules/leaf/main.tf", line: 6},
	})
}

// TestTerraformWrittenPlanEdges checks the references of the
// terraform-written plan: within the root module, and from each instance
// of a module called with for_each to the caller's resource its input
// names.
func TestTerraformWrittenPlanEdges(t *testing.T) {
	u := parseFixture(t, "tfwritten")
	assertLines(t, edgeLines(u), []string{
		"terraform_data.later -ref-> terraform_data.counted[0].output at input main.tf:43",
		"terraform_data.later -ref-> terraform_data.secret.id at input main.tf:43",
		"terraform_data.later -ref-> terraform_data.counted[1].input at input main.tf:43",
		`terraform_data.later -ref-> terraform_data.each["small"].id at triggers_replace main.tf:48`,
		"terraform_data.mixed -ref-> terraform_data.secret.output at input main.tf:52",
		`module.app["blue"].terraform_data.app -ref-> terraform_data.later.output at input main.tf:10`,
		`module.app["green"].terraform_data.app -ref-> terraform_data.later.output at input main.tf:10`,
	})
}

// TestTerraformWrittenJSONPlanLocations checks the .tf.json fixture: a
// resource at its name, each top-level attribute at its property, and an
// attribute an override file replaces at the override, where the value
// the plan holds is written.
func TestTerraformWrittenJSONPlanLocations(t *testing.T) {
	u := parseFixture(t, "tfwritten_json")
	checkValues(t, u, "tfwritten_json", []valueCase{
		{id: "terraform_data.counted[1]", file: "main.tf.json", line: 7},
		{id: "terraform_data.counted[1]", path: graph.Path{"input", "name"}, want: `"web"`, file: "main.tf.json", line: 9},
		{id: "terraform_data.overridden", file: "main.tf.json", line: 14},
		{id: "terraform_data.overridden", path: graph.Path{"input"}, want: `"from override.tf"`, file: "override.tf", line: 2},
		{id: `module.svc["web"].terraform_data.svc`, path: graph.Path{"input", "peer"}, want: "(unknown terraform_data.counted[0].output)", file: "modules/svc/main.tf", line: 12},
	})
}

// TestOverrideLocations checks that values an override file replaces are
// located in the override, whichever syntax each file is written in: an
// HCL override's arguments and nested blocks (all the blocks of a type
// replaced), a JSON override's properties, the later override winning.
func TestOverrideLocations(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "main.tf"), `resource "aws_security_group" "sg" {
  name        = "original"
  description = "original"

  ingress {
    from_port = 1
  }

  ingress {
    from_port = 2
  }

  tags = { a = "original" }
}
`)
	writeFile(t, filepath.Join(root, "a_override.tf"), `resource "aws_security_group" "sg" {
  name = "from a"

  ingress {
    from_port = 443
  }
}
`)
	writeFile(t, filepath.Join(root, "b_override.tf.json"), `{"resource": {"aws_security_group": {"sg": {
  "description": "from b"
}}}}
`)
	writeFile(t, filepath.Join(root, "other.tf.json"), `{"resource": {"aws_s3_bucket": {"b": {
  "bucket": "original"
}}}}
`)
	writeFile(t, filepath.Join(root, "override.tf"), `resource "aws_s3_bucket" "b" {
  bucket = "from override.tf"
}
`)
	plan := `{"format_version": "1.2", "planned_values": {"root_module": {"resources": [
{"address": "aws_security_group.sg", "mode": "managed", "type": "aws_security_group", "name": "sg",
 "values": {"name": "from a", "description": "from b", "ingress": [{"from_port": 443}], "tags": {"a": "original"}}},
{"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b", "values": {"bucket": "from override.tf"}}]}},
"configuration": {"root_module": {"resources": [
{"address": "aws_security_group.sg", "mode": "managed", "type": "aws_security_group", "name": "sg", "expressions": {
 "name": {"constant_value": "from a"}, "description": {"constant_value": "from b"},
 "ingress": [{"from_port": {"constant_value": 443}}], "tags": {"constant_value": {"a": "original"}}}},
{"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b", "expressions": {
 "bucket": {"constant_value": "from override.tf"}}}]}}}`
	path := filepath.Join(root, "plan.json")
	u := Parse(context.Background(), path, []byte(plan), Options{Root: root})
	for _, d := range u.Diagnostics {
		t.Errorf("unexpected diagnostic: %v", d)
	}
	for _, tc := range []struct {
		id   string
		path graph.Path
		file string
		line int
	}{
		{"aws_security_group.sg", nil, "main.tf", 1},
		{"aws_security_group.sg", graph.Path{"name"}, "a_override.tf", 2},
		{"aws_security_group.sg", graph.Path{"description"}, "b_override.tf.json", 2},
		{"aws_security_group.sg", graph.Path{"ingress", 0}, "a_override.tf", 4},
		{"aws_security_group.sg", graph.Path{"ingress", 0, "from_port"}, "a_override.tf", 5},
		{"aws_security_group.sg", graph.Path{"tags", "a"}, "main.tf", 13},
		{"aws_s3_bucket.b", nil, "other.tf.json", 1},
		{"aws_s3_bucket.b", graph.Path{"bucket"}, "override.tf", 2},
	} {
		r := u.Resource(tc.id)
		if r == nil {
			t.Fatalf("no resource %s", tc.id)
		}
		v := r.Attrs.At(tc.path)
		if v == nil || filepath.Base(v.Loc.File) != tc.file || v.Loc.StartLine != tc.line {
			t.Errorf("%s.%s at %v, want %s:%d", tc.id, tc.path, v.Loc, tc.file, tc.line)
		}
	}
	for _, f := range []string{"a_override.tf", "b_override.tf.json", "override.tf"} {
		if !slices.Contains(u.Files, filepath.Join(root, f)) {
			t.Errorf("files %v lack %s", u.Files, f)
		}
	}
}

// TestTerraformWrittenDataSources checks the data sources of a plan
// terraform wrote: one read while planning, which only prior_state holds,
// in the root module and in a child module, and one whose read waits for
// apply, which planned_values holds with action read and unknown results.
func TestTerraformWrittenDataSources(t *testing.T) {
	u := parseFixture(t, "tfwritten_data")
	checkValues(t, u, "tfwritten_data", []valueCase{
		{id: "data.terraform_remote_state.net", file: "main.tf", line: 5, endLine: 10},
		{id: "data.terraform_remote_state.net", path: graph.Path{"outputs", "vpc_id"}, want: `"vpc-0123456789abcdef0"`, file: "main.tf", line: 5},
		{id: "data.terraform_remote_state.net", path: graph.Path{"config", "path"}, want: `"./network.tfstate"`, file: "main.tf", line: 8},
		{id: "module.reader.data.terraform_remote_state.net", path: graph.Path{"outputs", "cidrs", 1}, want: `"10.1.0.0/16"`, file: "modules/reader/main.tf", line: 1},
		{id: "data.terraform_remote_state.later", path: graph.Path{"outputs"}, want: "(unknown)", file: "main.tf", line: 23},
		{id: "data.terraform_remote_state.later", path: graph.Path{"config", "path"}, want: "(unknown terraform_data.path.output)", file: "main.tf", line: 26},
		{id: "module.reader.terraform_data.first_cidr", path: graph.Path{"input"}, want: `"10.0.0.0/16"`, file: "modules/reader/main.tf", line: 9},
	})
	for id, want := range map[string]bool{
		"data.terraform_remote_state.net":               true,
		"module.reader.data.terraform_remote_state.net": true,
		"data.terraform_remote_state.later":             true,
		"terraform_data.uses":                           false,
	} {
		if r := u.Resource(id); r == nil || r.DataSource != want {
			t.Errorf("%s: %+v, want DataSource %v", id, r, want)
		}
	}
	if got := u.Resource("data.terraform_remote_state.later").Meta["actions"].GoString(); got != `["read"]` {
		t.Errorf("actions of the deferred read %s", got)
	}
	assertLines(t, edgeLines(u), []string{
		"terraform_data.uses -ref-> data.terraform_remote_state.net.outputs at input main.tf:13",
		"data.terraform_remote_state.later -ref-> terraform_data.path.output at config main.tf:25",
		"module.reader.terraform_data.first_cidr -ref-> module.reader.data.terraform_remote_state.net.outputs at input main.tf:9",
	})
}
