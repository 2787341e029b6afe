package analyzer

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// rulesFixtures is where every rule keeps the templates that must fail and
// pass it, for CloudFormation and Terraform alike.
const rulesFixtures = "../testdata/rules"

// expectMarker finds "# expect: AWS-SG-002, AWS-SG-005" (or "// expect:")
// at the end of a line.
var expectMarker = regexp.MustCompile(`(?:#|//)\s*expect:\s*([A-Za-z0-9_, -]+?)\s*$`)

// TestRuleFixtures runs every fixture under testdata/rules/<ID>/ through the
// whole pipeline with only that rule enabled, and checks that every expected
// finding is reported at its exact line and that no other finding of the rule
// is. A Terraform fixture is a directory (a module); a CloudFormation fixture
// is a file. JSON templates list their expectations in expect.json.
func TestRuleFixtures(t *testing.T) {
	ruleDirs, err := os.ReadDir(rulesFixtures)
	if err != nil {
		t.Fatalf("reading fixtures: %v", err)
	}
	if len(ruleDirs) == 0 {
		t.Fatal("no rule fixtures found")
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
		for _, e := range entries {
			name := e.Name()
			if name == "expect.json" || strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".md") {
				continue
			}
			path := filepath.Join(dir, name)
			t.Run(ruleID+"/"+name, func(t *testing.T) {
				t.Parallel()
				want := expectations(t, path, ruleID, jsonExpect[name])
				res, err := Scan(context.Background(), Options{Paths: []string{path}, Rules: []string{ruleID}, Workers: 1})
				if err != nil {
					t.Fatalf("scan: %v", err)
				}
				for _, d := range res.Errors {
					t.Errorf("fixture does not parse: %s", d.Error())
				}
				var got []string
				for _, f := range res.Findings {
					if f.RuleID == ruleID {
						got = append(got, fmt.Sprintf("%s:%d", filepath.Clean(f.Location.File), f.Location.StartLine))
					}
				}
				sort.Strings(got)
				if strings.Join(got, " ") != strings.Join(want, " ") {
					t.Errorf("findings of %s\n got: %v\nwant: %v", ruleID, got, want)
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

// expectations collects "file:line" for every expect marker naming ruleID in
// the fixture (every file of a directory fixture).
func expectations(t *testing.T, path, ruleID string, fromJSON []jsonExpectation) []string {
	t.Helper()
	var out []string
	for _, e := range fromJSON {
		if e.Rule == ruleID {
			out = append(out, fmt.Sprintf("%s:%d", filepath.Clean(path), e.Line))
		}
	}
	err := filepath.WalkDir(path, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(b), "\n") {
			m := expectMarker.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			for _, id := range strings.Split(m[1], ",") {
				if strings.TrimSpace(id) == ruleID {
					out = append(out, fmt.Sprintf("%s:%d", filepath.Clean(p), i+1))
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

type jsonExpectation struct {
	Rule string `json:"rule"`
	Line int    `json:"line"`
}

func readExpectJSON(t *testing.T, dir string) map[string][]jsonExpectation {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "expect.json"))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var out map[string][]jsonExpectation
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("%s/expect.json: %v", dir, err)
	}
	return out
}
