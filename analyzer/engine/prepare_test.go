package engine

import (
	"context"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
	"github.com/rampart-iac/rampart/policies"
)

// syntheticKind is the kind of the generated rule number i: kinds no scan
// of security groups contains, several rules per kind as in the catalog.
func syntheticKind(i int) string { return fmt.Sprintf("aws.synthetic.kind_%02d", i/3) }

// withSyntheticCatalog returns the built-in policies plus n generated rules,
// each over a synthetic kind and written like a built-in one (imports of
// the libraries, a deny set), so compiling one costs what a real one does.
func withSyntheticCatalog(tb testing.TB, n int) fs.FS {
	tb.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(policies.FS, p)
		out[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	for i := range n {
		out[fmt.Sprintf("aws/synthetic/syn-%03d.rego", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(`# METADATA
# title: synthetic rule %[1]d
# description: generated for the engine's scaling tests
# custom:
#   id: SYN-%03[1]d
#   name: synthetic-rule-%[1]d
#   severity: LOW
#   kinds: [%[2]s]
#   reads: [tags]
package rampart.rules.synthetic_%[1]d

import data.rampart.lib
import data.rampart.lib.config

deny contains f if {
	some r in lib.resources(%[2]q)
	is_object(r.properties.tags)
	count(r.properties.tags) > config.max_ingress_rules
	f := lib.finding(r, ["tags"], sprintf("%%v has %%d tags", [r.id, count(r.properties.tags)]))
}
`, i, syntheticKind(i)))}
	}
	return out
}

func syntheticResource(kind string) *graph.Canonical {
	native := &graph.Resource{ID: "Thing", Type: "Test::Thing", Source: graph.SourceCloudFormation, Loc: at(1), Attrs: graph.Map(at(1))}
	props := graph.Map(at(1))
	tags := graph.Map(at(2))
	for _, k := range []string{"a", "b", "c", "d"} {
		tags.Set(k, graph.String("x", at(2)))
	}
	props.Set("tags", tags)
	return &graph.Canonical{Kind: kind, UID: stackFile + "#Thing", ID: "Thing", Native: native, Props: props}
}

func (e *Engine) preparedCount() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return len(e.prepared)
}

// TestOnlyRulesOfPresentKindsArePrepared builds an engine over the
// built-in rules and 80 generated ones over kinds a security-group scan
// does not contain: scanning one group prepares the security-group rules
// and none of the generated ones; a resource of a generated kind then
// prepares that kind's rules, once.
func TestOnlyRulesOfPresentKindsArePrepared(t *testing.T) {
	const generated = 80
	e, err := newEngine(context.Background(), withSyntheticCatalog(t, generated), Options{registry: withSyntheticKinds(t, generated)})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(e.Rules()); n < generated+13 {
		t.Fatalf("%d rules enabled, want the built-in ones and %d generated", n, generated)
	}
	if n := e.preparedCount(); n != 0 {
		t.Fatalf("%d rules prepared before any evaluation, want 0", n)
	}
	sgRules := 0
	for _, r := range e.Rules() {
		for _, k := range r.Kinds {
			if k == "aws.ec2.security_group" {
				sgRules++
				break
			}
		}
	}
	oneFile := []*graph.Canonical{securityGroup("WebSG", 10, sgRule(12, "tcp", 22, 22, graph.String("0.0.0.0/0", at(13))))}
	for range 2 {
		out, err := e.Evaluate(context.Background(), oneFile, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Findings) == 0 {
			t.Fatal("the security group rules did not run")
		}
		if n := e.preparedCount(); n != sgRules {
			t.Errorf("%d rules prepared for one security group, want the %d security-group rules", n, sgRules)
		}
	}

	kind := syntheticKind(0)
	out, err := e.Evaluate(context.Background(), append(oneFile, syntheticResource(kind)), nil)
	if err != nil {
		t.Fatal(err)
	}
	perKind := 0
	for i := range generated {
		if syntheticKind(i) == kind {
			perKind++
		}
	}
	if n := e.preparedCount(); n != sgRules+perKind {
		t.Errorf("%d rules prepared after a %s resource, want %d", n, kind, sgRules+perKind)
	}
	synthetic := 0
	for _, f := range out.Findings {
		if f.Resource.Kind == kind {
			synthetic++
		}
	}
	if synthetic != perKind {
		t.Errorf("%d findings on the %s resource, want one per rule of the kind (%d)", synthetic, kind, perKind)
	}
}

// BenchmarkOneFileScan is what the engine costs a one-file scan of a
// security group, from building it to the first evaluation, with the
// built-in catalog alone and with 80 more rules over other kinds.
func BenchmarkOneFileScan(b *testing.B) {
	oneFile := []*graph.Canonical{securityGroup("WebSG", 10, sgRule(12, "tcp", 22, 22, graph.String("0.0.0.0/0", at(13))))}
	for _, extra := range []int{0, 80} {
		fsys, reg := withSyntheticCatalog(b, extra), withSyntheticKinds(b, extra)
		b.Run(fmt.Sprintf("extra-rules-%d", extra), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				e, err := newEngine(context.Background(), fsys, Options{registry: reg})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := e.Evaluate(context.Background(), oneFile, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestUserPoliciesCompileWhenTheEngineIsBuilt: built-in rules wait for a
// resource of their kinds, but a user policy that does not compile fails
// New, with its file and line, even when the rule in it is not selected.
func TestUserPoliciesCompileWhenTheEngineIsBuilt(t *testing.T) {
	dir := t.TempDir()
	writePolicy(t, dir, "undef.rego", userRule("USER-030", "rampart.rules.undef", "deny contains f if {\n\tf := no_such_function(1)\n}"))
	for _, opts := range []Options{
		{PolicyDirs: []string{dir}},
		{PolicyDirs: []string{dir}, SkipRules: []string{"USER-030"}},
	} {
		_, err := New(context.Background(), opts)
		if err == nil || !strings.Contains(err.Error(), "undef.rego:16") {
			t.Errorf("New(skip %v) = %v, want the compile error at undef.rego:16", opts.SkipRules, err)
		}
	}
}

// TestUserRulesArePreparedForPresentKinds: a user rule is compiled when the
// engine is built, but its query is prepared only when a scan has a
// resource of its kinds, as a built-in rule's is.
func TestUserRulesArePreparedForPresentKinds(t *testing.T) {
	dir := t.TempDir()
	writePolicy(t, dir, "sg.rego", userRule("USER-040", "acme.rules.sg", `deny contains lib.finding(sg, [], "flagged") if {
	some sg in lib.resources("aws.ec2.security_group")
}`))
	writePolicy(t, dir, "vpc.rego", strings.Replace(userRule("USER-041", "acme.rules.vpc", `deny contains lib.finding(v, [], "flagged") if {
	some v in lib.resources("aws.ec2.vpc")
}`), "kinds: [aws.ec2.security_group]\n#   reads: [vpc_id]", "kinds: [aws.ec2.vpc]", 1))
	e, err := New(context.Background(), Options{PolicyDirs: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	prepared := func() map[string]bool {
		e.mu.Lock()
		defer e.mu.Unlock()
		out := map[string]bool{}
		for rm := range e.prepared {
			out[rm.meta.ID] = true
		}
		return out
	}
	if p := prepared(); p["USER-040"] || p["USER-041"] {
		t.Fatalf("prepared before any scan: %v", p)
	}
	out, err := e.Evaluate(context.Background(), []*graph.Canonical{securityGroup("sg", 1)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if p := prepared(); !p["USER-040"] || p["USER-041"] {
		t.Errorf("after a scan of a security group: USER-040 prepared %v, USER-041 %v; want true, false", p["USER-040"], p["USER-041"])
	}
	if n := countRule(out.Findings, "USER-040"); n != 1 {
		t.Errorf("USER-040 findings %d, want 1", n)
	}
	if _, err := e.Evaluate(context.Background(), []*graph.Canonical{vpc("v")}, nil); err != nil {
		t.Fatal(err)
	}
	if p := prepared(); !p["USER-041"] {
		t.Error("USER-041 not prepared after a scan of a VPC")
	}
}

func countRule(fs []result.Finding, id string) int {
	n := 0
	for _, f := range fs {
		if f.RuleID == id {
			n++
		}
	}
	return n
}
