package engine

import (
	"context"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// TestPolicyErrorsSayHowToFix loads one broken user policy per case: each
// is a *PolicyError at the policy's own file and line, with a fix that
// names what to do.
func TestPolicyErrorsSayHowToFix(t *testing.T) {
	ok := func(body string) string { return userRule("ACME-100", "acme.rules.broken", body) }
	cases := []struct {
		name, text string
		line       int
		msg, fix   string
	}{
		{"deny without METADATA", "package acme.rules.nometa\n\ndeny contains 1 if true\n", 3,
			"no METADATA block with custom.id", "put a METADATA block directly above `package`"},
		{"missing name", "# METADATA\n# title: t\n# custom:\n#   id: ACME-101\n#   severity: LOW\npackage acme.rules.noname\n\ndeny contains 1 if false\n", 1,
			"custom.name is missing", "custom.name and custom.severity"},
		{"missing title", "# METADATA\n# custom:\n#   id: ACME-102\n#   name: acme-102\n#   severity: LOW\npackage acme.rules.notitle\n\ndeny contains 1 if false\n", 1,
			"title is missing", "with title"},
		{"built-in ID", userRule("AWS-SG-002", "acme.rules.clash", "deny contains 1 if false"), 1,
			"rule ID AWS-SG-002 is already defined at policies/", "your own prefix"},
		{"built-in name", strings.Replace(userRule("ACME-103", "acme.rules.clash_name", "deny contains 1 if false"), "name: acme-103", "name: sg-no-public-admin-ports", 1), 1,
			"rule name sg-no-public-admin-ports is already used by AWS-SG-002", "your own prefix"},
		{"compile error", ok("deny contains f if {\n\tf := no_such_function(1)\n}"), 16,
			"undefined function no_such_function", "check its spelling"},
		{"undefined input", ok("deny contains f if {\n\tsome g in input.by_kinds.x\n\tf := lib.finding(g, [], \"\")\n}"), 16,
			"undefined ref: input.by_kinds", "rampart inspect"},
		{"parse error", ok("deny contains f if {\n\tf := \n}"), 17,
			"rego_parse_error", "correct the syntax"},
		{"http.send", ok("deny contains f if {\n\tr := http.send({\"method\": \"GET\", \"url\": \"https://example.com\"})\n\tf := r.body\n}"), 16,
			"undefined function http.send", "http.send is disabled: policies run offline"},
		{"net.lookup_ip_addr", ok("deny contains f if {\n\tf := net.lookup_ip_addr(\"example.com\")\n}"), 16,
			"undefined function net.lookup_ip_addr", "net.lookup_ip_addr is disabled"},
		{"opa.runtime", ok("deny contains f if {\n\tf := opa.runtime().env\n}"), 16,
			"undefined function opa.runtime", "opa.runtime is disabled"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			file := writePolicy(t, dir, "broken.rego", tc.text)
			_, err := New(context.Background(), Options{PolicyDirs: []string{dir}})
			var pe *PolicyError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v (%T) is not a *PolicyError", err, err)
			}
			if pe.File != file || pe.Line != tc.line {
				t.Errorf("at %s:%d, want %s:%d (%v)", pe.File, pe.Line, file, tc.line, err)
			}
			if !strings.Contains(pe.Msg, tc.msg) || !strings.Contains(pe.Fix, tc.fix) {
				t.Errorf("error %q\nwant message with %q and fix with %q", err, tc.msg, tc.fix)
			}
			if !strings.Contains(err.Error(), file+":"+strconv.Itoa(tc.line)+": ") || !strings.Contains(err.Error(), "\n\tfix: ") {
				t.Errorf("error text %q lacks file:line or the fix line", err)
			}
		})
	}
	t.Run("duplicate user IDs", func(t *testing.T) {
		dir := t.TempDir()
		writePolicy(t, dir, "a.rego", userRule("ACME-200", "acme.rules.a", "deny contains 1 if false"))
		second := writePolicy(t, dir, "b.rego", strings.Replace(userRule("ACME-200", "acme.rules.b", "deny contains 1 if false"), "name: acme-200", "name: acme-b", 1))
		_, err := New(context.Background(), Options{PolicyDirs: []string{dir}})
		var pe *PolicyError
		if !errors.As(err, &pe) || pe.File != second || !strings.Contains(pe.Msg, filepath.Join(dir, "a.rego")) || !strings.Contains(pe.Fix, "rename one of the two") {
			t.Errorf("error %v: want the second file, naming the first, with a fix", err)
		}
	})
}

// TestByType: input.by_type exists only when a user policy reads it, holds
// covered and NativeOnly resources by native type, and a finding about a
// NativeOnly resource points into its native attributes.
func TestByType(t *testing.T) {
	reader := userRule("ACME-300", "acme.rules.by_type", `deny contains f if {
	some g in input.by_type["AWS::Logs::LogGroup"]
	is_null(g.kind)
	not g.native.RetentionInDays
	f := lib.finding(g, ["LogGroupName"], sprintf("log group %v keeps its logs forever", [g.id]))
}

deny contains f if {
	some sg in input.by_type["AWS::EC2::SecurityGroup"]
	sg.kind == "aws.ec2.security_group"
	f := lib.finding(sg, ["name"], "covered types are in by_type too")
}`)
	reader = strings.Replace(reader, "#   kinds: [aws.ec2.security_group]\n#   reads: [vpc_id]\n", "", 1)
	dir := t.TempDir()
	writePolicy(t, dir, "by_type.rego", reader)
	if newTestEngine(t, Options{}).ReadsByType() {
		t.Error("the built-in policies alone must not ask for input.by_type")
	}
	e := newTestEngine(t, Options{PolicyDirs: []string{dir}, Rules: []string{"ACME-300"}})
	if !e.ReadsByType() {
		t.Fatal("a policy reading input.by_type must turn it on")
	}
	attrs := graph.Map(at(40))
	attrs.Set("LogGroupName", graph.String("app", at(42)))
	logs := &graph.Canonical{Kind: NativeOnly, UID: stackFile + "#Logs", ID: "Logs", Props: attrs, Native: &graph.Resource{
		ID: "Logs", Type: "AWS::Logs::LogGroup", Source: graph.SourceCloudFormation,
		Loc: graph.Location{File: stackFile, StartLine: 40, EndLine: 43}, Attrs: attrs,
	}}
	out, err := e.Evaluate(context.Background(), []*graph.Canonical{securityGroup("WebSG", 10), logs}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range out.Findings {
		got = append(got, f.Resource.ID+":"+strconv.Itoa(f.Location.StartLine)+":"+f.Message)
	}
	want := []string{"WebSG:12:covered types are in by_type too", "Logs:42:log group Logs keeps its logs forever"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("findings = %q, want %q", got, want)
	}
	in, err := buildInput(context.Background(), []*graph.Canonical{logs}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if in.(ast.Object).Get(ast.StringTerm("by_type")) != nil {
		t.Error("without a reader, the input must not carry by_type")
	}
}
