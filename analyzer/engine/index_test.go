package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-iac/rampart/analyzer/aws/kinds"
	"github.com/rampart-iac/rampart/analyzer/result"
	"github.com/rampart-iac/rampart/policies"
)

const builtinIndexFile = "builtin_index.json"

// TestBuiltinIndexUpToDate fails when builtin_index.json does not describe
// the embedded policies; -update rewrites it. A stale index makes scans
// parse every policy (slower, same results), so CI keeps it fresh.
func TestBuiltinIndexUpToDate(t *testing.T) {
	srcs, mods := embeddedPolicies(t, false)
	want, err := json.MarshalIndent(buildIndex(srcs, mods), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	want = append(want, '\n')
	if *update {
		if err := os.WriteFile(builtinIndexFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(builtinIndexFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is stale: run go test ./analyzer/engine -run TestBuiltinIndexUpToDate -update", builtinIndexFile)
	}
}

// TestIndexedStubsReadLikeModules checks that every rule's metadata read
// from its index stub is what reading the parsed module gives.
func TestIndexedStubsReadLikeModules(t *testing.T) {
	srcs, mods := embeddedPolicies(t, false)
	reg, err := kinds.Default()
	if err != nil {
		t.Fatal(err)
	}
	// Through JSON, as the embedded index is read.
	text, err := json.Marshal(buildIndex(srcs, mods))
	if err != nil {
		t.Fatal(err)
	}
	var idx policyIndex
	if err := json.Unmarshal(text, &idx); err != nil {
		t.Fatal(err)
	}
	if len(idx.Rules) == 0 {
		t.Fatal("the index holds no rule")
	}
	for _, r := range idx.Rules {
		stub, err := r.stub()
		if err != nil {
			t.Fatal(err)
		}
		want, err := ruleFromModule(mods[r.File], true, kindsOf(reg))
		if err != nil {
			t.Fatal(err)
		}
		got, err := ruleFromModule(stub, true, kindsOf(reg))
		if err != nil {
			t.Fatalf("%s: %v", r.File, err)
		}
		if got.pkg.String() != want.pkg.String() {
			t.Errorf("%s: package %v, want %v", r.File, got.pkg, want.pkg)
		}
		got.pkg, want.pkg = nil, nil
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: from the index\n%+v\nwant\n%+v", r.File, got, want)
		}
	}
}

// TestIndexedEngineMatchesParsed builds the engine from the index and from
// every module parsed (policies whose digest the index does not match),
// and checks that both load the same rules and find the same things.
func TestIndexedEngineMatchesParsed(t *testing.T) {
	changed := fstest.MapFS{}
	err := walkRego(policies.FS, func(name string, text []byte) {
		changed[name] = &fstest.MapFile{Data: text}
	})
	if err != nil {
		t.Fatal(err)
	}
	changed["lib/zz_unindexed.rego"] = &fstest.MapFile{Data: []byte("package rampart.lib.zz_unindexed\n")}

	ctx := context.Background()
	indexed, err := New(ctx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(indexed.catalog.unparsed) == 0 {
		t.Fatal("the engine parsed every policy: builtin_index.json is stale or unused")
	}
	parsed, err := newEngine(ctx, changed, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(parsed.catalog.unparsed) != 0 {
		t.Fatal("an index made from other policies was used")
	}
	if got, want := indexed.AllRules(), parsed.AllRules(); !reflect.DeepEqual(got, want) {
		t.Fatalf("rules from the index differ from the parsed ones:\n%+v\nwant\n%+v", got, want)
	}
	resources := generatedGroups(20)
	got, err := indexed.Evaluate(ctx, resources, nil)
	if err != nil {
		t.Fatal(err)
	}
	want, err := parsed.Evaluate(ctx, resources, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Findings) == 0 {
		t.Fatal("no finding to compare")
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("results differ:\n%+v\nwant\n%+v", got, want)
	}
}

// walkRego calls fn with every file of fsys.
func walkRego(fsys fs.FS, fn func(name string, text []byte)) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		fn(p, b)
		return nil
	})
}

// TestCompileReadsOnlyNamedLibraries checks that a rule is compiled with
// the libraries it names (through an import used by name, too) and
// without the others, which are then never parsed.
func TestCompileReadsOnlyNamedLibraries(t *testing.T) {
	e, err := New(context.Background(), Options{Rules: []string{"AWS-SG-001"}})
	if err != nil {
		t.Fatal(err)
	}
	mods, err := e.catalog.modulesFor(e.enabled)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"policies/aws/ec2/aws-sg-001.rego", "policies/lib/lib.rego", "policies/lib/sg.rego"} {
		if mods[name] == nil {
			t.Errorf("%s is not compiled", name)
		}
	}
	if mods["policies/lib/iam.rego"] != nil {
		t.Error("the IAM library is compiled for a security group rule")
	}
	if l := e.catalog.unparsed["policies/lib/iam.rego"]; l == nil || l.m != nil {
		t.Error("the IAM library was parsed")
	}
}

func TestCompileGroups(t *testing.T) {
	rule := func(id, kind string) *ruleModule {
		return &ruleModule{meta: result.Rule{ID: id, Kinds: []string{kind}}}
	}
	var rules []*ruleModule
	for i := range 5 {
		rules = append(rules, rule(fmt.Sprintf("S3-%d", i), "aws.s3.bucket"), rule(fmt.Sprintf("SG-%d", i), "aws.ec2.security_group"))
	}
	sizedRule := func(id, kind string, size int) *ruleModule {
		rm := rule(id, kind)
		rm.size = size
		return rm
	}
	sized := []*ruleModule{sizedRule("S3-0", "aws.s3.bucket", 1000), sizedRule("SG-big", "aws.ec2.security_group", 4000)}
	for i := 1; i <= 4; i++ {
		sized = append(sized, sizedRule(fmt.Sprintf("SG-%d", i), "aws.ec2.security_group", 1000))
	}
	sized = append(sized, sizedRule("S3-1", "aws.s3.bucket", 1000), sizedRule("S3-2", "aws.s3.bucket", 1000))
	huge := []*ruleModule{sizedRule("SG-huge", "aws.ec2.security_group", 100000)}
	for i := 1; i < 12; i++ {
		huge = append(huge, sizedRule(fmt.Sprintf("SG-%d", i), "aws.ec2.security_group", 1000))
	}
	hugeLast := append(slices.Clone(huge[1:]), sizedRule("S3-huge", "aws.s3.bucket", 100000))
	tests := []struct {
		name    string
		rules   []*ruleModule
		workers int
		want    [][]string
	}{
		{"one worker", rules, 1, [][]string{{"S3-0", "SG-0", "S3-1", "SG-1", "S3-2", "SG-2", "S3-3", "SG-3", "S3-4", "SG-4"}}},
		{"too few rules to split", rules[:7], 2, [][]string{{"S3-0", "SG-0", "S3-1", "SG-1", "S3-2", "SG-2", "S3-3"}}},
		{"split by kind", rules, 2, [][]string{{"SG-0", "SG-1", "SG-2", "SG-3", "SG-4"}, {"S3-0", "S3-1", "S3-2", "S3-3", "S3-4"}}},
		// 6,000 and 5,000 bytes; by count, 7,000 and 4,000.
		{"split by size", sized, 2, [][]string{{"SG-big", "SG-1", "SG-2"}, {"SG-3", "SG-4", "S3-0", "S3-1", "S3-2"}}},
		{"a huge rule on its own", huge, 3, [][]string{{"SG-huge"}, {"SG-1"}, {"SG-2", "SG-3", "SG-4", "SG-5", "SG-6", "SG-7", "SG-8", "SG-9", "SG-10", "SG-11"}}},
		// No share is passed before the last rule: each group still gets
		// one.
		{"a group for each worker", hugeLast, 3, [][]string{{"SG-1", "SG-2", "SG-3", "SG-4", "SG-5", "SG-6", "SG-7", "SG-8", "SG-9", "SG-10"}, {"SG-11"}, {"S3-huge"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got [][]string
			for _, g := range compileGroups(tt.rules, tt.workers) {
				var ids []string
				for _, rm := range g {
					ids = append(ids, rm.meta.ID)
				}
				got = append(got, ids)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestPackagePathParsesLikeOPA: the package paths built without the
// parser are the parser's, and what is not a plain path is parsed.
func TestPackagePathParsesLikeOPA(t *testing.T) {
	srcs, mods := embeddedPolicies(t, false)
	idx := buildIndex(srcs, mods)
	texts := []string{`data.a["b-c"].d`, `data.a.in`, `data.a.b1._c`, `input.a`, `data.a.1b`}
	for _, r := range idx.Rules {
		texts = append(texts, r.Package)
	}
	for _, l := range idx.Libraries {
		texts = append(texts, l.Package)
	}
	for _, text := range texts {
		want, wantErr := ast.ParseRef(text)
		got, err := packagePath(text)
		if (err != nil) != (wantErr != nil) || (err == nil && !got.Equal(want)) {
			t.Errorf("packagePath(%q) = %v, %v; the parser gives %v, %v", text, got, err, want, wantErr)
		}
	}
}

// TestBlankedModulesParseTheSame: every embedded module parsed when a
// compile needs it (the index's rules and libraries), with its comment
// lines blanked, has the package, imports and rules, on the same rows,
// that parsing its text as written gives, and no comment left.
func TestBlankedModulesParseTheSame(t *testing.T) {
	srcs, mods := embeddedPolicies(t, false)
	lazy := indexedStubs(srcs)
	if len(lazy) == 0 {
		t.Fatal("no module is parsed lazily: the index does not match the policies")
	}
	for _, s := range srcs {
		if lazy[s.name] == nil {
			continue
		}
		blanked, err := parse([]source{{name: s.name, text: blankComments(s.text), builtin: true}})
		if err != nil {
			t.Fatalf("%s blanked: %v", s.name, err)
		}
		got, want := blanked[s.name], mods[s.name]
		if len(got.Comments) > 0 || len(got.Annotations) > 0 {
			t.Errorf("%s: %d comments and %d METADATA blocks left", s.name, len(got.Comments), len(got.Annotations))
		}
		if !got.Package.Equal(want.Package) || got.Package.Location.Row != want.Package.Location.Row {
			t.Errorf("%s: package %v, want %v", s.name, got.Package, want.Package)
		}
		if len(got.Imports) != len(want.Imports) || len(got.Rules) != len(want.Rules) {
			t.Fatalf("%s: %d imports and %d rules, want %d and %d", s.name, len(got.Imports), len(got.Rules), len(want.Imports), len(want.Rules))
		}
		for i := range got.Imports {
			if !got.Imports[i].Equal(want.Imports[i]) {
				t.Errorf("%s: import %v, want %v", s.name, got.Imports[i], want.Imports[i])
			}
		}
		for i, r := range got.Rules {
			if w := want.Rules[i]; !r.Equal(w) || r.Location.Row != w.Location.Row || r.Location.Col != w.Location.Col {
				t.Errorf("%s:%d: rule\n%v\nwant, at %d:%d,\n%v", s.name, r.Location.Row, r, w.Location.Row, w.Location.Col, w)
			}
		}
	}
}

func TestBlankComments(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"comment lines", "# METADATA\n# title: x\npackage p\n", "\n\npackage p\n"},
		{"indented, no final newline", "package p\n\t  # why\nx := 1\n  # last", "package p\n\nx := 1\n"},
		{"a comment after code stays", "x := 1 # one\n", "x := 1 # one\n"},
		{"CRLF", "# a\r\nx := 1\r\n", "\nx := 1\r\n"},
		{"inside a raw string", "x := `a\n# kept\nb`\n# gone\n", "x := `a\n# kept\nb`\n\n"},
		{"a backtick in a quoted string", "x := \"`\"\n# gone\n", "x := \"`\"\n\n"},
		{"an escaped quote", "x := \"\\\"`\"\n# gone\n", "x := \"\\\"`\"\n\n"},
		{"a backtick in a comment", "x := 1 # `\n# gone\n", "x := 1 # `\n\n"},
		{"a raw string closed on its line", "x := `#`\n# gone\n", "x := `#`\n\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := blankComments(tc.text); got != tc.want {
				t.Errorf("blankComments(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

// TestRuleSizes: every rule, built-in or the user's, knows its source's
// length, which compileGroups splits by.
func TestRuleSizes(t *testing.T) {
	dir := filepath.Join("testdata", "custom")
	user, err := os.ReadFile(filepath.Join(dir, "owner_tag.rego"))
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(t.Context(), Options{PolicyDirs: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, rm := range e.all {
		if rm.size <= 0 {
			t.Errorf("rule %s (%s) has no size", rm.meta.ID, rm.file)
		}
		if rm.meta.ID == "ACME-001" {
			found = true
			if rm.size != len(user) {
				t.Errorf("rule ACME-001 has size %d, want %d", rm.size, len(user))
			}
		}
	}
	if !found {
		t.Error("rule ACME-001 was not loaded")
	}
}
