package engine

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-iac/rampart/policies"
)

func TestInputSchemaParses(t *testing.T) {
	if _, err := inputSchema(); err != nil {
		t.Fatal(err)
	}
	if _, err := compileChecked(map[string]*ast.Module{}); err != nil {
		t.Fatal(err)
	}
}

// TestBuiltinPoliciesTypeCheck: the embedded policies, tests included,
// compile against the input schema. Scans compile them without it, so this
// is where a misspelled property in a built-in rule or library fails.
func TestBuiltinPoliciesTypeCheck(t *testing.T) {
	srcs, err := readFS(policies.FS, true)
	if err != nil {
		t.Fatal(err)
	}
	mods, err := parse(srcs)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := compileChecked(mods); err != nil {
		t.Fatal(err)
	}
}

// TestBuiltinTypeCheckCanFail proves the check above sees a built-in rule:
// the same tree with one property misspelled in a rule fails.
func TestBuiltinTypeCheckCanFail(t *testing.T) {
	srcs, err := readFS(policies.FS, false)
	if err != nil {
		t.Fatal(err)
	}
	changed := false
	for i, s := range srcs {
		if strings.Contains(s.text, "sg.properties.ingress") {
			srcs[i].text = strings.Replace(s.text, "sg.properties.ingress", "sg.properties.ingres", 1)
			changed = true
			break
		}
	}
	if !changed {
		t.Fatal("no built-in policy reads sg.properties.ingress")
	}
	mods, err := parse(srcs)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := compileChecked(mods); err == nil || !strings.Contains(err.Error(), "ingres") {
		t.Fatalf("error %v, want one naming ingres", err)
	}
}

// TestMisspelledPropertyFailsToCompile: a user policy (--policy-dir) that
// reads a property its kind does not declare is a compile error naming the
// policy's file and line, whichever way it obtains the resource.
func TestMisspelledPropertyFailsToCompile(t *testing.T) {
	const meta = `# METADATA
# title: t
# custom:
#   id: T-001
#   name: t-001
#   severity: LOW
package acme.rules.t

import data.rampart.lib
import data.rampart.lib.sg as sglib
`
	cases := []struct {
		name string
		body string
		line int    // of the error; 0 = compiles
		want string // in the error
	}{
		{"input.by_kind", `
deny contains lib.finding(sg, [], "") if {
	some sg in input.by_kind["aws.ec2.security_group"]
	sg.properties.decription == ""
}`, 14, "decription"},
		{"lib.resources", `
deny contains lib.finding(sg, [], "") if {
	some sg in lib.resources("aws.ec2.security_group")
	sg.properties.decription == ""
}`, 14, "decription"},
		{"sglib.groups", `
deny contains lib.finding(sg, [], "") if {
	some sg in sglib.groups
	sg.properties.decription == ""
}`, 14, "decription"},
		{"nested rule property", `
deny contains lib.finding(sg, [], "") if {
	some sg in sglib.groups
	some rule in sg.properties.ingress
	some c in rule.cidr
	c == "0.0.0.0/0"
}`, 15, "cidr"},
		{"helper rule", `
undescribed contains sg.uid if {
	some sg in sglib.groups
	sg.properties.decription == ""
}

deny contains lib.finding(sg, [], "") if {
	some sg in sglib.groups
	undescribed[sg.uid]
}`, 14, "decription"},
		{"helper function given the property", `
undescribed(d) if d == ""

deny contains lib.finding(sg, [], "") if {
	some sg in sglib.groups
	undescribed(sg.properties.decription)
}`, 16, "decription"},
		{"property of another kind", `
deny contains lib.finding(sg, [], "") if {
	some sg in input.by_kind["aws.ec2.security_group"]
	sg.properties.security_groups == []
}`, 14, "security_groups"},
		// lib.resources(kind) is one function for every kind, so OPA types
		// its result as any registered kind: a property some other kind
		// declares compiles there (docs/model.md, "Type checking").
		{"lib.resources is typed as any kind", `
deny contains lib.finding(sg, [], "") if {
	some sg in lib.resources("aws.ec2.security_group")
	sg.properties.security_groups == []
}`, 0, ""},
		{"comparison with another type", `
deny contains lib.finding(sg, [], "") if {
	some sg in sglib.groups
	some rule in sg.properties.ingress
	rule.from_port == "22"
}`, 15, "match error"},
		{"unknown kind", `
deny contains lib.finding(r, [], "") if {
	some r in input.by_kind["aws.ec2.securitygroup"]
}`, 13, "aws.ec2.securitygroup"},
		{"declared properties compile", `
deny contains lib.finding(sg, ["ingress", i, "cidrs", j], "") if {
	some sg in sglib.groups
	sg.properties.description == ""
	some i, rule in sg.properties.ingress
	some j, c in rule.cidrs
	c == "0.0.0.0/0"
	rule.from_port == 22
	is_null(sg.properties.vpc_id)
}`, 0, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "t.rego")
			if err := os.WriteFile(file, []byte(meta+tc.body+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := newEngine(context.Background(), policies.FS, Options{PolicyDirs: []string{dir}})
			if tc.line == 0 {
				if err != nil {
					t.Fatalf("does not compile: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("compiles")
			}
			at := file + ":" + strconv.Itoa(tc.line) + ":"
			if !strings.Contains(err.Error(), at) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one at %s naming %s", err, at, tc.want)
			}
		})
	}
}

// BenchmarkCompileSchema is what type checking against the input schema
// costs compiling the built-in policies: with the schema (user policies,
// policy tests) and without it (the built-in rules a scan compiles).
func BenchmarkCompileSchema(b *testing.B) {
	srcs, err := readFS(policies.FS, false)
	if err != nil {
		b.Fatal(err)
	}
	compilers := map[string]func() *ast.Compiler{
		"schema=on":  func() *ast.Compiler { return newCompiler().WithSchemas(inputSchemas()) },
		"schema=off": func() *ast.Compiler { return ast.NewCompiler().WithCapabilities(capabilities()) },
	}
	for _, name := range []string{"schema=off", "schema=on"} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				mods, err := parse(srcs)
				if err != nil {
					b.Fatal(err)
				}
				c := compilers[name]()
				c.Compile(mods)
				if c.Failed() {
					b.Fatal(c.Errors)
				}
			}
		})
	}
}
