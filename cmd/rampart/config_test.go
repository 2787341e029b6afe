package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/rampart-iac/rampart/analyzer/config"
	"github.com/rampart-iac/rampart/analyzer/report"
	"github.com/rampart-iac/rampart/analyzer/result"
)

const schemaPath = "../../docs/rampart.schema.json"

func loadConfigSchema(t *testing.T) (*jsonschema.Schema, map[string]any) {
	t.Helper()
	data, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("rampart.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("rampart.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	return s, raw
}

func keysOf(m any) []string {
	var keys []string
	for k := range m.(map[string]any) {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// TestConfigSchemaMatchesTheParser keeps docs/rampart.schema.json and the
// configuration parser in step: the same keys, the same formats.
func TestConfigSchemaMatchesTheParser(t *testing.T) {
	_, raw := loadConfigSchema(t)
	props := raw["properties"].(map[string]any)
	want(t, "schema keys", keysOf(props), config.Keys())
	ignoreProps := props["ignore"].(map[string]any)["items"].(map[string]any)["properties"]
	want(t, "schema ignore keys", keysOf(ignoreProps), config.IgnoreKeys())
	var formats []string
	for _, f := range props["format"].(map[string]any)["enum"].([]any) {
		formats = append(formats, f.(string))
	}
	slices.Sort(formats)
	names := slices.Sorted(slices.Values(report.Names()))
	want(t, "schema formats", formats, names)
}

// docsExample is the sample file of docs/configuration.md.
func docsExample(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../docs/configuration.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(data), "```yaml\n# .rampart.yaml\n")
	if !ok {
		t.Fatal("docs/configuration.md has no ```yaml block starting with # .rampart.yaml")
	}
	block, _, _ := strings.Cut(after, "```")
	return block
}

func TestConfigSchemaAndParserAgree(t *testing.T) {
	schema, _ := loadConfigSchema(t)
	tests := []struct {
		name  string
		src   string
		valid bool
	}{
		{"docs example", docsExample(t), true},
		{"empty", "", true},
		{"lower-case severity", "fail_on: high\non_unknown: WARN\n", true},
		{"unknown key", "fail-on: HIGH\n", false},
		{"bad severity", "fail_on: urgent\n", false},
		{"unknown format", "format: xml\n", false},
		{"ignore without id", "ignore:\n  - reason: r\n", false},
		{"ignore with unknown key", "ignore:\n  - id: AWS-SG-002\n    reasn: r\n", false},
		{"ignore bad date", "ignore:\n  - id: AWS-SG-002\n    until: 31/01/2027\n", false},
		{"list value in vars", "vars:\n  zones: [a, b]\n", false},
		{"blank rule", "rules: ['']\n", false},
		{"string for a list", "exclude: vendor\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var doc any
			if err := yaml.Unmarshal([]byte(tt.src), &doc); err != nil {
				t.Fatal(err)
			}
			js, err := json.Marshal(datesAsText(doc))
			if err != nil {
				t.Fatal(err)
			}
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(js))
			if err != nil {
				t.Fatal(err)
			}
			schemaErr := schema.Validate(inst)
			c, parseErr := config.Parse(filepath.Join(t.TempDir(), ".rampart.yaml"), []byte(tt.src))
			if parseErr == nil && c.Format != "" {
				_, parseErr = report.Lookup(c.Format) // as scan and config validate check it
			}
			if (schemaErr == nil) != tt.valid || (parseErr == nil) != tt.valid {
				t.Errorf("valid = %v, want %v\nschema: %v\nparser: %v", schemaErr == nil, tt.valid, schemaErr, parseErr)
			}
		})
	}
}

// datesAsText turns the timestamps yaml.v3 decodes an unquoted date into
// back into text, as YAML 1.2 editors (and the parser) read them.
func datesAsText(v any) any {
	switch v := v.(type) {
	case time.Time:
		return v.Format(time.DateOnly)
	case map[string]any:
		for k, e := range v {
			v[k] = datesAsText(e)
		}
	case []any:
		for i, e := range v {
			v[i] = datesAsText(e)
		}
	}
	return v
}

func TestConfigValidate(t *testing.T) {
	rules := []result.Rule{{ID: "AWS-SG-002", Name: "sg-no-public-admin-ports"}, {ID: "AWS-IAM-009", Name: "iam-password-policy", Profile: "account-baseline"}}
	tests := []struct {
		name   string
		file   string // "" writes no .rampart.yaml
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{name: "valid", file: "fail_on: HIGH\nskip_rules: [sg-no-public-admin-ports]\nprofiles: [account-baseline]\nignore:\n  - id: AWS-SG-002\n    reason: r\n",
			code: 0, stdout: ".rampart.yaml: valid"},
		{name: "no file", code: 0, stdout: "no .rampart.yaml or .rampart.yml found"},
		{name: "explicit missing file", args: []string{"nope.yaml"}, code: 2, stderr: "nope.yaml"},
		{name: "unknown key", file: "fail_on: HIGH\nskip-rules: [A]\n", code: 2, stderr: `.rampart.yaml:2: unknown key "skip-rules"; did you mean "skip_rules"?`},
		{name: "unknown rule in ignore", file: "ignore:\n  - id: AWS-SG-02\n    reason: r\n", code: 2,
			stderr: `.rampart.yaml:2:5: ignore: rule "AWS-SG-02": no such rule; did you mean AWS-SG-002?`},
		{name: "unknown rule in skip_rules", file: "\nskip_rules: [sg-no-public-admin-port]\n", code: 2,
			stderr: `.rampart.yaml:2: skip_rules: rule "sg-no-public-admin-port": no such rule; did you mean AWS-SG-002?`},
		{name: "unknown format", file: "format: xml\n", code: 2, stderr: `.rampart.yaml:1: format: unknown output format "xml"`},
		{name: "unknown profile", file: "profiles: [account]\n", code: 2, stderr: `profiles: no loaded rule belongs to profile "account" (profiles: account-baseline)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, ".git", "HEAD"), "")
			if tt.file != "" {
				writeFile(t, filepath.Join(dir, ".rampart.yaml"), tt.file)
			}
			out := runIn(t, dir, &fakeAnalyzer{rules: rules}, nil, false, append([]string{"config", "validate"}, tt.args...)...)
			wantCode(t, out, tt.code)
			if !strings.Contains(out.stdout, tt.stdout) || !strings.Contains(out.stderr, tt.stderr) {
				t.Errorf("stdout = %q, want %q\nstderr = %q, want %q", out.stdout, tt.stdout, out.stderr, tt.stderr)
			}
		})
	}
}
