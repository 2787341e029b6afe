package engine

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-iac/rampart/analyzer/aws/kinds"
	"github.com/rampart-iac/rampart/analyzer/result"
	"github.com/rampart-iac/rampart/policies"
)

var update = flag.Bool("update", false, "rewrite docs/rules.md from the rules' METADATA")

const (
	fixturesDir = "../../testdata/rules"
	rulesDoc    = "../../docs/rules.md"
)

var (
	ruleIDPattern   = regexp.MustCompile(`^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$`)
	ruleNamePattern = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)+$`)
	expectPattern   = regexp.MustCompile(`(?:#|//)\s*expect:\s*([A-Za-z0-9_, -]+?)\s*$`)
)

// builtinRules parses the embedded policies and returns their rules with
// the modules they came from.
func builtinRules(t *testing.T) ([]*ruleModule, map[string]*ast.Module) {
	t.Helper()
	_, mods := embeddedPolicies(t, false)
	builtin := map[string]bool{}
	for n := range mods {
		builtin[n] = true
	}
	reg, err := kinds.Default()
	if err != nil {
		t.Fatal(err)
	}
	rules, err := collectRules(mods, builtin, kindsOf(reg))
	if err != nil {
		t.Fatal(err)
	}
	return rules, mods
}

// TestRuleCatalog checks what every built-in rule must carry: complete
// METADATA, a unique ID and name, a file and package named after them, Rego
// unit tests beside it, and pass/fail fixtures for both CloudFormation and
// Terraform.
func TestRuleCatalog(t *testing.T) {
	rules, mods := builtinRules(t)
	if len(rules) == 0 {
		t.Fatal("no built-in rules")
	}
	ruleFiles := map[string]bool{}
	for _, rm := range rules {
		ruleFiles[rm.file] = true
	}
	for name, m := range mods {
		if !strings.HasPrefix(name, builtinPrefix+"lib/") && !ruleFiles[name] {
			t.Errorf("%s is outside lib/ but defines no rule (package %v)", name, m.Package.Path)
		}
	}
	for _, rm := range rules {
		r := rm.meta
		t.Run(r.ID, func(t *testing.T) {
			if !ruleIDPattern.MatchString(r.ID) {
				t.Errorf("ID %q is not like AWS-SG-001", r.ID)
			}
			if !ruleNamePattern.MatchString(r.Name) {
				t.Errorf("name %q is not kebab-case", r.Name)
			}
			for field, v := range map[string]string{"title": r.Title, "description": r.Description, "remediation": r.Remediation} {
				if strings.TrimSpace(v) == "" {
					t.Errorf("METADATA %s is empty", field)
				}
			}
			if len(r.Kinds) == 0 || len(r.Reads) == 0 {
				t.Errorf("METADATA custom.kinds %v and custom.reads %v must not be empty", r.Kinds, r.Reads)
			}
			if len(r.References) == 0 {
				t.Error("METADATA custom.references lists no documentation URL")
			}
			for _, ref := range r.References {
				if !isWebURL(ref) {
					t.Errorf("reference %q is not an http(s) URL; references are published in docs/rules.md", ref)
				}
			}
			wantFile := builtinPrefix + "aws/"
			if !strings.HasPrefix(rm.file, wantFile) || path.Base(rm.file) != strings.ToLower(r.ID)+".rego" {
				t.Errorf("rule file %s should be aws/<service>/%s.rego", rm.file, strings.ToLower(r.ID))
			}
			if want := "data.rampart.rules." + strings.ReplaceAll(r.Name, "-", "_"); rm.pkg.String() != want {
				t.Errorf("package %v, want %s", rm.pkg, want)
			}
			testFile := strings.TrimSuffix(strings.TrimPrefix(rm.file, builtinPrefix), ".rego") + "_test.rego"
			if b, err := fs.ReadFile(policies.FS, testFile); err != nil || !bytes.Contains(b, []byte("test_")) {
				t.Errorf("no Rego unit tests in %s (%v)", testFile, err)
			}
			checkFixtures(t, r.ID, hasCloudFormation(t, r.Kinds))
		})
	}
}

// hasCloudFormation reports whether one of the kinds has a CloudFormation
// native type: a rule whose kinds have none (the account password policy)
// can have no CloudFormation fixtures.
func hasCloudFormation(t *testing.T, names []string) bool {
	t.Helper()
	reg, err := kinds.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		k := reg.Kind(name)
		if k == nil {
			return true
		}
		for _, n := range k.Native {
			if n.Framework == "cloudformation" {
				return true
			}
		}
	}
	return false
}

// isWebURL reports whether ref is an absolute http or https URL with a
// host: what a reader of docs/rules.md can follow.
func isWebURL(ref string) bool {
	u, err := url.Parse(ref)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" && !strings.ContainsAny(ref, " \t")
}

func TestIsWebURL(t *testing.T) {
	for ref, want := range map[string]bool{
		"https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html": true,
		"http://example.com/x#y":  true,
		"seed 000 #9":             false,
		"docs.aws.amazon.com/vpc": false,
		"https://":                false,
		"ftp://example.com/file":  false,
		"https://example.com/a b": false,
	} {
		if got := isWebURL(ref); got != want {
			t.Errorf("isWebURL(%q) = %v, want %v", ref, got, want)
		}
	}
}

// checkFixtures requires a failing and a passing template for each
// framework, and an expectation of the rule in each failing one.
func checkFixtures(t *testing.T, id string, cloudFormation bool) {
	t.Helper()
	dir := filepath.Join(fixturesDir, id)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Errorf("fixtures: %v", err)
		return
	}
	var expectJSON map[string][]struct {
		Rule      string `json:"rule"`
		Line      int    `json:"line"`
		Undecided bool   `json:"undecided"`
	}
	if b, err := os.ReadFile(filepath.Join(dir, "expect.json")); err == nil {
		if err := json.Unmarshal(b, &expectJSON); err != nil {
			t.Errorf("%s/expect.json: %v", dir, err)
		}
	}
	have := map[string]bool{}
	for _, e := range entries {
		name := e.Name()
		var kind string
		switch {
		case e.IsDir() && strings.HasPrefix(name, "tf-fail"):
			kind = "tf-fail"
		case e.IsDir() && strings.HasPrefix(name, "tf-pass"):
			kind = "tf-pass"
		case !e.IsDir() && strings.HasPrefix(name, "cfn-fail"):
			kind = "cfn-fail"
		case !e.IsDir() && strings.HasPrefix(name, "cfn-pass"):
			kind = "cfn-pass"
		default:
			continue
		}
		have[kind] = true
		expected := 0
		for _, x := range expectJSON[name] {
			if x.Rule == id && !x.Undecided {
				expected++
			}
		}
		_ = filepath.WalkDir(filepath.Join(dir, name), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for _, line := range strings.Split(string(b), "\n") {
				if m := expectPattern.FindStringSubmatch(line); m != nil && strings.Contains(m[1], id) {
					expected++
				}
			}
			return nil
		})
		if strings.HasSuffix(kind, "fail") && expected == 0 {
			t.Errorf("%s/%s expects no %s finding", dir, name, id)
		}
		if strings.HasSuffix(kind, "pass") && expected != 0 {
			t.Errorf("%s/%s is a passing fixture but expects %d finding(s)", dir, name, expected)
		}
	}
	for _, k := range []string{"cfn-fail", "cfn-pass", "tf-fail", "tf-pass"} {
		if !have[k] && (cloudFormation || !strings.HasPrefix(k, "cfn-")) {
			t.Errorf("%s has no %s fixture", dir, k)
		}
	}
}

// TestRulesDoc keeps docs/rules.md in step with the METADATA; run
// `go test ./analyzer/engine -run TestRulesDoc -update` after changing a rule.
func TestRulesDoc(t *testing.T) {
	rules, _ := builtinRules(t)
	metas := make([]result.Rule, len(rules))
	for i, rm := range rules {
		metas[i] = rm.meta
	}
	want := RulesMarkdown(metas)
	if *update {
		if err := os.WriteFile(rulesDoc, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(rulesDoc)
	if err != nil {
		t.Fatalf("%v (generate it with -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is out of date: run go test ./analyzer/engine -run TestRulesDoc -update", rulesDoc)
	}
}

func ExampleRulesMarkdown() {
	doc := RulesMarkdown([]result.Rule{{ID: "X-1", Name: "x-one", Severity: result.SeverityLow, Title: "Example", Description: "What it checks.", Remediation: "Fix it.", Kinds: []string{"aws.s3.bucket"}}})
	fmt.Println(strings.Contains(string(doc), "| [X-1](#x-1) | x-one | LOW | Example |"))
	// Output: true
}
