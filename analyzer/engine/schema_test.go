package engine

import (
	"context"
	"fmt"
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
	_, mods := embeddedPolicies(t, true)
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
// costs compiling the built-in policies: with the schema (policy tests),
// without it, and without OPA's check-only stages (the built-in rules a
// scan compiles: compile).
func BenchmarkCompileSchema(b *testing.B) {
	srcs, err := readFS(policies.FS, false)
	if err != nil {
		b.Fatal(err)
	}
	compilers := map[string]func() *ast.Compiler{
		"schema=on":          func() *ast.Compiler { return newCompiler().WithSchemas(inputSchemas()) },
		"schema=off":         func() *ast.Compiler { return ast.NewCompiler().WithCapabilities(capabilities()) },
		"checks-skipped=yes": func() *ast.Compiler { return newCompiler().WithSkipStages(checkOnlyStages...) },
	}
	for _, name := range []string{"checks-skipped=yes", "schema=off", "schema=on"} {
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

// TestCompileUserNarrowsSchema: user policies are checked against the
// schema narrowed to the kinds they name, and again against the full one
// when that fails, so the narrowing never rejects a policy the full schema
// accepts, and never accepts one it rejects.
func TestCompileUserNarrowsSchema(t *testing.T) {
	_, builtin := embeddedPolicies(t, false)
	const head = "package acme.rules.t\n\nimport data.rampart.lib\n\n"
	cases := []struct {
		name, body string
		narrowed   bool   // the narrowed schema alone accepts it
		want       string // in the error; "" = compiles
	}{
		{"named kind", `deny contains lib.finding(b, [], "") if {
	some b in lib.resources("aws.s3.bucket")
	b.properties.versioning == "Enabled"
}`, true, ""},
		{"misspelled property of a named kind", `deny contains lib.finding(b, [], "") if {
	some b in lib.resources("aws.s3.bucket")
	b.properties.versionning == "Enabled"
}`, false, "versionning"},
		{"property of a kind reached without its name", `kind := concat(".", ["aws", "s3", "bucket"])

deny contains lib.finding(b, [], "") if {
	some b in lib.resources("aws.ec2.security_group")
	some other in lib.resources(kind)
	other.properties.versioning == b.properties.description
}`, false, ""},
		{"misspelled kind beside a named one", `deny contains lib.finding(b, [], "") if {
	some b in input.by_kind["aws.s3.buckets"]
	some sg in lib.resources("aws.ec2.security_group")
	sg.uid == b.uid
}`, false, "aws.s3.buckets"},
		// Narrowed to no kind, input.by_kind would be an object schema
		// without properties, which OPA reads as an object of anything:
		// compileUser does not narrow then.
		{"misspelled kind and no kind named", `deny contains lib.finding(b, [], "") if {
	some b in input.by_kind["aws.s3.buckets"]
}`, true, "aws.s3.buckets"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			mods := map[string]*ast.Module{
				"policies/lib/lib.rego": builtin["policies/lib/lib.rego"],
				"t.rego":                ast.MustParseModuleWithOpts(head+tc.body, ast.ParserOptions{RegoVersion: ast.RegoV1}),
			}
			_, err := compileUser(mods)
			if tc.want == "" && err != nil {
				t.Fatalf("does not compile: %v", err)
			}
			if tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
				t.Fatalf("error %v, want one naming %s", err, tc.want)
			}
			_, fullErr := compileChecked(mods)
			if (err == nil) != (fullErr == nil) {
				t.Errorf("compileUser error %v, full schema error %v", err, fullErr)
			}
			narrowed, nerr := narrowSchema(namedKinds(mods))
			if nerr != nil {
				t.Fatal(nerr)
			}
			if _, err := compileWith(mods, schemaSet(narrowed)); (err == nil) != tc.narrowed {
				t.Errorf("narrowed schema alone: error %v, want accepted %v", err, tc.narrowed)
			}
		})
	}
}

// BenchmarkCompileNarrowed is what compiling user policies costs against
// the full input schema and against the schema narrowed to the kinds they
// name (compileUser), for rules in the style of `rampart policy new` that
// each read lib.resources(kind).
func BenchmarkCompileNarrowed(b *testing.B) {
	_, builtin := embeddedPolicies(b, false)
	kinds := []string{"aws.s3.bucket", "aws.ec2.security_group", "aws.ec2.instance", "aws.iam.role", "aws.ec2.vpc"}
	for _, n := range []int{10, 100} {
		for _, c := range []struct {
			name    string
			compile func(map[string]*ast.Module) (*ast.Compiler, error)
		}{{"schema=full", compileChecked}, {"schema=narrowed", compileUser}} {
			b.Run(fmt.Sprintf("rules=%d/%s", n, c.name), func(b *testing.B) {
				for b.Loop() {
					mods := map[string]*ast.Module{"policies/lib/lib.rego": builtin["policies/lib/lib.rego"]}
					for i := range n {
						mods[fmt.Sprintf("tag_%d.rego", i)] = ast.MustParseModuleWithOpts(fmt.Sprintf(`package acme.rules.tag_%d

import data.rampart.lib

deny contains lib.finding(r, [], "untagged") if {
	some r in lib.resources(%q)
	not r.native.Tags
}
`, i, kinds[i%len(kinds)]), ast.ParserOptions{RegoVersion: ast.RegoV1})
					}
					if _, err := c.compile(mods); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// embeddedPolicies reads and parses the embedded policy tree (with its
// _test.rego files when withTests is set).
func embeddedPolicies(tb testing.TB, withTests bool) ([]source, map[string]*ast.Module) {
	tb.Helper()
	srcs, err := readFS(policies.FS, withTests)
	if err != nil {
		tb.Fatal(err)
	}
	mods, err := parse(srcs)
	if err != nil {
		tb.Fatal(err)
	}
	return srcs, mods
}
