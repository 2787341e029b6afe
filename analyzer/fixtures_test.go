package analyzer

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/engine"
)

// rulesFixtures is where every rule keeps the templates that must fail and
// pass it, for CloudFormation and Terraform alike.
const rulesFixtures = "../testdata/rules"

// Markers at the end of a fixture line: "# expect: AWS-SG-002, AWS-SG-005"
// (or "// expect:") where a finding must be reported, "# undecided:
// AWS-SG-002" where an undecided result must be.
var (
	expectMarker    = regexp.MustCompile(`(?:#|//)\s*expect:\s*([A-Za-z0-9_, -]+?)\s*$`)
	undecidedMarker = regexp.MustCompile(`(?:#|//)\s*undecided:\s*([A-Za-z0-9_, -]+?)\s*$`)
)

// TestRuleFixtures runs every fixture under testdata/rules/<ID>/ through the
// whole pipeline and checks, for that rule, that every expected finding and
// every expected undecided result is reported at its exact line and that no
// other one is: a fixture that leaves the rule undecided says so, so a
// normalizer that made everything Unknown fails here. A Terraform fixture
// is a directory (a module); a CloudFormation fixture is a file. JSON
// templates list their expectations in expect.json, and rule parameters
// the fixtures need go in rule_config.json. One engine serves every
// fixture: building one per fixture would compile the catalog each time.
func TestRuleFixtures(t *testing.T) {
	ruleDirs, err := os.ReadDir(rulesFixtures)
	if err != nil {
		t.Fatalf("reading fixtures: %v", err)
	}
	if len(ruleDirs) == 0 {
		t.Fatal("no rule fixtures found")
	}
	eng, err := engine.New(context.Background(), engine.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	profiled := map[string]bool{}
	for _, r := range eng.AllRules() {
		profiled[r.ID] = r.Profile != ""
	}
	for _, rd := range ruleDirs {
		if !rd.IsDir() {
			continue
		}
		ruleID := rd.Name()
		dir := filepath.Join(rulesFixtures, ruleID)
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		jsonExpect := readExpectJSON(t, dir)
		ruleEng := eng
		if cfg := readRuleConfig(t, dir); cfg != nil || profiled[ruleID] {
			// Parameters are the engine's: this rule's fixtures get an
			// engine of their own, with only this rule compiled. So does
			// a rule of an opt-in profile, which runs when named.
			ruleEng, err = engine.New(context.Background(), engine.Options{Workers: 1, Rules: []string{ruleID}, Config: cfg})
			if err != nil {
				t.Fatal(err)
			}
		}
		for _, e := range entries {
			name := e.Name()
			if name == "expect.json" || name == ruleConfigFile || strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".md") {
				continue
			}
			path := filepath.Join(dir, name)
			t.Run(ruleID+"/"+name, func(t *testing.T) {
				t.Parallel()
				want := expectations(t, path, ruleID, expectMarker, jsonExpect[name], false)
				wantUndecided := expectations(t, path, ruleID, undecidedMarker, jsonExpect[name], true)
				res, err := Scan(context.Background(), Options{Paths: []string{path}, Engine: ruleEng, Workers: 1})
				if err != nil {
					t.Fatalf("scan: %v", err)
				}
				for _, d := range res.Errors {
					t.Errorf("fixture does not parse: %s", d.Error())
				}
				got, gotUndecided := ruleResultLines(res, ruleID)
				sort.Strings(got)
				sort.Strings(gotUndecided)
				if strings.Join(got, " ") != strings.Join(want, " ") {
					t.Errorf("findings of %s\n got: %v\nwant: %v", ruleID, got, want)
				}
				if strings.Join(gotUndecided, " ") != strings.Join(wantUndecided, " ") {
					t.Errorf("undecided results of %s (mark each with # undecided: %s)\n got: %v\nwant: %v", ruleID, ruleID, gotUndecided, wantUndecided)
				}
				if strings.Contains(name, "fail") && len(want) == 0 {
					t.Errorf("a failing fixture expects no finding")
				}
				if strings.Contains(name, "pass") && len(want) != 0 {
					t.Errorf("a passing fixture expects findings")
				}
			})
		}
	}
}

// expectations collects "file:line" for every marker naming ruleID in the
// fixture (every file of a directory fixture), and for the expect.json
// entries of the same sort (undecided or not): the reading `rampart policy
// test --fixtures` does for custom rules.
func expectations(t *testing.T, path, ruleID string, marker *regexp.Regexp, fromJSON []fixtureExpectation, undecided bool) []string {
	t.Helper()
	out, err := fixtureMarkers(path, ruleID, marker, fromJSON, undecided)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func readExpectJSON(t *testing.T, dir string) map[string][]fixtureExpectation {
	t.Helper()
	out, err := readFixtureJSON[map[string][]fixtureExpectation](filepath.Join(dir, fixtureExpectFile))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestFixtureMarkers pins how expectations are read: each marker sort and
// each expect.json entry counts for its own rule and its own sort only.
func TestFixtureMarkers(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "cfn-pass.yaml")
	text := "a: 1  # expect: AWS-SG-001, AWS-SG-002\nb: 2  # undecided: AWS-SG-001\nc: 3 // undecided: AWS-SG-002\n"
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	fromJSON := []fixtureExpectation{{Rule: "AWS-SG-001", Line: 7}, {Rule: "AWS-SG-001", Line: 9, Undecided: true}}
	tests := []struct {
		rule      string
		undecided bool
		want      []string
	}{
		{"AWS-SG-001", false, []string{file + ":1", file + ":7"}},
		{"AWS-SG-001", true, []string{file + ":2", file + ":9"}},
		{"AWS-SG-002", false, []string{file + ":1"}},
		{"AWS-SG-002", true, []string{file + ":3"}},
		{"AWS-SG-003", true, nil},
	}
	for _, tt := range tests {
		marker := expectMarker
		if tt.undecided {
			marker = undecidedMarker
		}
		got := expectations(t, file, tt.rule, marker, fromJSON, tt.undecided)
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%s undecided=%v: got %v, want %v", tt.rule, tt.undecided, got, tt.want)
		}
	}
}

// ruleConfigFile, in a rule's fixture directory, holds the rule_config
// its fixtures are scanned with (a rule that is inactive without
// parameters, such as AWS-EC2-004).
const ruleConfigFile = "rule_config.json"

func readRuleConfig(t *testing.T, dir string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, ruleConfigFile))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("%s/%s: %v", dir, ruleConfigFile, err)
	}
	return out
}
