package engine

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/result"
	"github.com/rampart-iac/rampart/analyzer/secrets"
)

const examplesFile = "../../policies/examples.json"

// TestRuleExamples keeps policies/examples.json, the fixture excerpts
// rampart explain shows, in step with testdata/rules; run
// `go test ./analyzer/engine -run TestRuleExamples -update` after changing
// a fixture.
func TestRuleExamples(t *testing.T) {
	rules, _ := builtinRules(t)
	all := map[string][]result.Example{}
	for _, rm := range rules {
		ex, err := fixtureExamples(filepath.Join(fixturesDir, rm.meta.ID), rm.meta.ID)
		if err != nil {
			t.Fatalf("%s: %v", rm.meta.ID, err)
		}
		if len(ex) > 0 {
			all[rm.meta.ID] = ex
		}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(all); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(examplesFile, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(examplesFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, b.Bytes()) {
		t.Errorf("%s is out of date: run go test ./analyzer/engine -run TestRuleExamples -update", examplesFile)
	}
}

// TestExplainExamplesEmbedded checks that every built-in rule carries a
// failing and a passing example, and that the failing one shows the line
// the rule reports.
func TestExplainExamplesEmbedded(t *testing.T) {
	modules, _ := builtinRules(t)
	var metas []result.Rule
	for _, rm := range modules {
		if rm.meta.Examples != nil {
			t.Errorf("%s: examples read with the rule, which a scan does not show", rm.meta.ID)
		}
		metas = append(metas, rm.meta)
	}
	rules, err := WithExamples(metas)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rules {
		var fails, passes int
		for _, ex := range r.Examples {
			if ex.Fails {
				fails++
				if !strings.Contains(ex.Text, "<- "+r.ID) {
					t.Errorf("%s: the failing example does not mark the reported line:\n%s", r.ID, ex.Text)
				}
			} else {
				passes++
			}
			if expectMarker.MatchString(ex.Text) || strings.Contains(ex.Text, "undecided:") {
				t.Errorf("%s: an example keeps a fixture marker:\n%s", r.ID, ex.Text)
			}
			if secrets.Mask(ex.Text) != ex.Text {
				t.Errorf("%s: an example shows a credential unmasked:\n%s", r.ID, ex.Text)
			}
		}
		if fails != 1 || passes != 1 {
			t.Errorf("%s: %d failing and %d passing examples, want one each", r.ID, fails, passes)
		}
	}
}

var (
	expectMarker = regexp.MustCompile(`\s*(?:#|//)\s*expect:\s*([A-Za-z0-9_, -]+?)\s*$`)
	otherMarker  = regexp.MustCompile(`\s*(?:#|//)\s*undecided:\s*[A-Za-z0-9_, -]+?\s*$`)
	tfBlockStart = regexp.MustCompile(`^(resource|data|module|variable|locals|provider|output)\b.*\{\s*$`)
	cfnResource  = regexp.MustCompile(`^  [A-Za-z0-9]+:\s*$`)
)

// maxExampleLines bounds an excerpt; a longer block keeps its head, the
// lines around the reported one and its end.
const maxExampleLines = 24

// fixtureExamples picks a failing and a passing excerpt from a rule's
// fixtures: Terraform when there is one, else CloudFormation YAML. The
// failing excerpt is the block around the first line marked
// "# expect: ID", that line marked "# <- ID"; the passing one is the first
// block of the same resource type in a passing fixture.
func fixtureExamples(dir, id string) ([]result.Example, error) {
	for _, fw := range []struct{ fail, pass string }{{"tf-fail", "tf-pass"}, {"cfn-fail.yaml", "cfn-pass.yaml"}} {
		failFiles, err := fixtureFiles(dir, fw.fail)
		if err != nil {
			return nil, err
		}
		for _, ff := range failFiles {
			lines, err := readLines(filepath.Join(dir, ff))
			if err != nil {
				return nil, err
			}
			blk, ok := failingBlock(lines, id)
			if !ok {
				continue
			}
			out := []result.Example{excerpt(true, ff, lines, blk, id)}
			if pass, ok, err := passingExample(dir, fw.pass, blockType(lines, blk), id); err != nil {
				return nil, err
			} else if ok {
				out = append(out, pass)
			}
			return out, nil
		}
	}
	return nil, nil
}

// fixtureFiles lists the fixture name (a file) or the files of a directory
// fixture, main.tf first, as paths relative to dir.
func fixtureFiles(dir, name string) ([]string, error) {
	info, err := os.Stat(filepath.Join(dir, name))
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return []string{name}, nil
	}
	entries, err := os.ReadDir(filepath.Join(dir, name))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".tf") {
			out = append(out, name+"/"+e.Name())
		}
	}
	sort.Slice(out, func(i, j int) bool {
		mi, mj := strings.HasSuffix(out[i], "/main.tf"), strings.HasSuffix(out[j], "/main.tf")
		if mi != mj {
			return mi
		}
		return out[i] < out[j]
	})
	return out, nil
}

func readLines(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return strings.Split(strings.TrimRight(string(b), "\n"), "\n"), nil
}

// block is a range of lines, 0-based and inclusive, and the line an
// excerpt centres on.
type block struct{ start, end, focus int }

func marksRule(line, id string) bool {
	m := expectMarker.FindStringSubmatch(line)
	if m == nil {
		return false
	}
	for _, x := range strings.Split(m[1], ",") {
		if strings.TrimSpace(x) == id {
			return true
		}
	}
	return false
}

// failingBlock finds the block holding the first line marked for id.
func failingBlock(lines []string, id string) (block, bool) {
	for i, l := range lines {
		if marksRule(l, id) {
			b := enclosing(lines, i)
			b.focus = i
			return b, true
		}
	}
	return block{}, false
}

// enclosing is the top-level block around line i: a Terraform block, or
// a CloudFormation resource (a two-space key below Resources), with the
// comment lines just above it.
func enclosing(lines []string, i int) block {
	start := i
	for start > 0 && !isBlockStart(lines[start]) {
		start--
	}
	end := blockEnd(lines, start)
	for start > 0 && strings.HasPrefix(strings.TrimSpace(lines[start-1]), "#") {
		start--
	}
	return block{start: start, end: max(end, i), focus: i}
}

func isBlockStart(l string) bool {
	l = unmarked(l)
	return tfBlockStart.MatchString(l) || cfnResource.MatchString(l)
}

// unmarked is a fixture line without its expect or undecided marker.
func unmarked(l string) string {
	return otherMarker.ReplaceAllString(expectMarker.ReplaceAllString(l, ""), "")
}

func blockEnd(lines []string, start int) int {
	tf := tfBlockStart.MatchString(unmarked(lines[start]))
	for j := start + 1; j < len(lines); j++ {
		l := unmarked(lines[j])
		if tf && l == "}" {
			return j
		}
		if !tf && strings.TrimSpace(l) != "" && !strings.HasPrefix(l, "   ") {
			// The next resource or section: the block ended at the last
			// non-blank line before it.
			k := j - 1
			for k > start && strings.TrimSpace(lines[k]) == "" {
				k--
			}
			return k
		}
	}
	return len(lines) - 1
}

// blockType is what a passing example should match: the Terraform block
// header up to its name, or the CloudFormation resource's Type line.
func blockType(lines []string, b block) string {
	for _, l := range lines[b.start : b.end+1] {
		l = unmarked(l)
		if m := tfBlockStart.FindString(l); m != "" {
			fields := strings.Fields(l)
			if len(fields) >= 2 {
				return fields[0] + " " + fields[1]
			}
			return fields[0]
		}
		if t := strings.TrimSpace(l); strings.HasPrefix(t, "Type: AWS::") {
			return t
		}
	}
	return ""
}

// passingExample is the first block of typ in a passing fixture, or the
// first block when none has that type.
func passingExample(dir, name, typ, id string) (result.Example, bool, error) {
	files, err := fixtureFiles(dir, name)
	if err != nil {
		return result.Example{}, false, err
	}
	var fallback *result.Example
	for _, f := range files {
		lines, err := readLines(filepath.Join(dir, f))
		if err != nil {
			return result.Example{}, false, err
		}
		for i, l := range lines {
			if !isBlockStart(l) {
				continue
			}
			b := enclosing(lines, i)
			typed := blockType(lines, b)
			if !strings.HasPrefix(typed, "resource ") && !strings.HasPrefix(typed, "Type: AWS::") {
				continue // a variable, a parameter, an output: not a resource
			}
			ex := excerpt(false, f, lines, b, id)
			if typed == typ {
				return ex, true, nil
			}
			if fallback == nil {
				fallback = &ex
			}
		}
	}
	if fallback != nil {
		return *fallback, true, nil
	}
	return result.Example{}, false, nil
}

// excerpt renders a block: fixture markers removed, the lines the rule
// reports marked "# <- ID" in a failing example, and a long block cut to
// its head, the lines around the focus and its end.
func excerpt(fails bool, file string, lines []string, b block, id string) result.Example {
	keep := make([]bool, b.end-b.start+1)
	if len(keep) <= maxExampleLines {
		for i := range keep {
			keep[i] = true
		}
	} else {
		// The head when it reaches the focus, else the first lines and the
		// lines around the focus; the closing line always.
		head := maxExampleLines - 2
		if b.focus-b.start >= head {
			head = 4
		}
		for i := range keep {
			n := b.start + i
			keep[i] = i < head || n == b.end || (head == 4 && n >= b.focus-6 && n <= b.focus+6)
		}
	}
	var out []string
	skipped := false
	for i, ok := range keep {
		if !ok {
			skipped = true
			continue
		}
		if skipped {
			out = append(out, indentOf(lines[b.start+i])+"...")
			skipped = false
		}
		l := lines[b.start+i]
		marked := fails && marksRule(l, id)
		l = unmarked(l)
		if marked {
			l += " # <- " + id
		}
		out = append(out, strings.TrimRight(l, " \t"))
	}
	// A credential a fixture holds is shown masked, as in every report.
	secrets.MaskLines(out)
	return result.Example{Fails: fails, File: file, StartLine: b.start + 1, Text: strings.Join(out, "\n") + "\n"}
}

func indentOf(l string) string { return l[:len(l)-len(strings.TrimLeft(l, " \t"))] }
