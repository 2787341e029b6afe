package terraform_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/terraform"
)

// The differential suite compares rampart with what Terraform itself plans
// for the same configuration. testdata/terraform/differential/regen.go
// wrote the goldens with the terraform binary; this test needs none.
const differential = "../../testdata/terraform/differential"

// verdict is how rampart's value compares with Terraform's.
type verdict int

const (
	// agree: the same value and type, both Unknown, or both an error.
	agree verdict = iota
	// imprecise: rampart has Unknown where Terraform knows the value,
	// which is allowed (rampart has no providers and no state).
	imprecise
	// disagree: a known value that differs from Terraform's, a known value
	// where Terraform's is Unknown, or an error on one side only.
	disagree
)

func (v verdict) String() string {
	return [...]string{"agree", "imprecise", "disagree"}[v]
}

// outcome is one case's verdict and, unless it agrees, why.
type outcome struct {
	verdict verdict
	why     string
}

func (o outcome) worse(p outcome) outcome {
	if p.verdict > o.verdict {
		return p
	}
	return o
}

// goldenFile is what regen.go writes for a case.
type goldenFile struct {
	Errors    []string                   `json:"errors"`
	Outputs   map[string]*goldenOutput   `json:"outputs"`
	Resources map[string]*goldenResource `json:"resources"`
}

type goldenOutput struct {
	Type      json.RawMessage `json:"type"`
	Value     json.RawMessage `json:"value"`
	Unknown   json.RawMessage `json:"unknown"`
	Sensitive bool            `json:"sensitive"`
	Error     string          `json:"error"`
}

type goldenResource struct {
	Input        json.RawMessage `json:"input"`
	InputUnknown json.RawMessage `json:"input_unknown"`
}

func readGolden(t *testing.T, name string) *goldenFile {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(differential, "goldens", name+".json"))
	if err != nil {
		t.Fatalf("read golden: %v", err)
	}
	var g goldenFile
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatalf("decode golden %s: %v", name, err)
	}
	return &g
}

// decodeJSON decodes a golden fragment keeping numbers exact; an absent
// fragment is nil.
func decodeJSON(raw json.RawMessage) (any, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	err := d.Decode(&v)
	return v, err
}

// expectedDisagreements reads expected.txt: the cases known to disagree
// because of work in progress elsewhere, each with the reason.
func expectedDisagreements(t *testing.T) map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(differential, "expected.txt"))
	if err != nil {
		t.Fatalf("read expected.txt: %v", err)
	}
	out := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, reason, _ := strings.Cut(line, " ")
		if strings.TrimSpace(reason) == "" {
			t.Errorf("expected.txt: %s has no reason", name)
		}
		out[name] = strings.TrimSpace(reason)
	}
	return out
}

// tally counts outcomes and holds the expected disagreements to, so the
// list of them never goes stale.
type tally struct {
	expected map[string]string
	seen     map[string]bool
	counts   map[string]int
}

func newTally(expected map[string]string) *tally {
	return &tally{expected: expected, seen: map[string]bool{}, counts: map[string]int{}}
}

func (ta *tally) record(t *testing.T, name string, o outcome) {
	t.Helper()
	ta.seen[name] = true
	reason, listed := ta.expected[name]
	switch {
	case listed && o.verdict == disagree:
		ta.counts["expected"]++
	case listed:
		t.Errorf("%s is listed in expected.txt (%s) but now %ss with terraform: remove it from the list", name, reason, o.verdict)
	case o.verdict == disagree:
		ta.counts["disagree"]++
		t.Errorf("%s: %s", name, o.why)
	default:
		ta.counts[o.verdict.String()]++
		if o.verdict == imprecise {
			t.Logf("%s: imprecise: %s", name, o.why)
		}
	}
}

func (ta *tally) summary(t *testing.T, what string) {
	t.Helper()
	total := 0
	for _, n := range ta.counts {
		total += n
	}
	t.Logf("%s: %d total, %d agree, %d rampart Unknown where terraform knows, %d expected disagreements, %d disagreements",
		what, total, ta.counts["agree"], ta.counts["imprecise"], ta.counts["expected"], ta.counts["disagree"])
}

func (ta *tally) checkListed(t *testing.T, prefix string) {
	t.Helper()
	for name := range ta.expected {
		if strings.HasPrefix(name, prefix) && !ta.seen[name] {
			t.Errorf("expected.txt lists %s, which is no case", name)
		}
	}
}

// TestDifferentialFunctions evaluates every output of the functions case
// (one expression each) and compares it with the value, type, Unknown or
// error terraform plan gave.
func TestDifferentialFunctions(t *testing.T) {
	dir := filepath.Join(differential, "functions")
	g := readGolden(t, "functions")
	unit, outs := terraform.LoadRootOutputs(context.Background(), dir, terraform.Options{})
	blocks := outputBlocks(t, filepath.Join(dir, "main.tf"))
	errs := map[string]string{}
	for _, d := range unit.Diagnostics {
		if d.Severity != graph.SeverityError {
			continue
		}
		name := blockOf(blocks, d.Location)
		if name == "" {
			t.Errorf("error outside any output: %s", d.Error())
			continue
		}
		if _, ok := errs[name]; !ok {
			errs[name] = d.Summary
		}
	}
	ta := newTally(expectedDisagreements(t))
	bothFail, sameSummary := 0, 0
	names := make([]string, 0, len(g.Outputs))
	for name := range g.Outputs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		out, ok := outs[name]
		if !ok {
			t.Errorf("rampart has no output %s", name)
			continue
		}
		ta.record(t, "functions/"+name, compareOutput(g.Outputs[name], out, errs[name]))
		if g.Outputs[name].Error != "" && errs[name] != "" {
			bothFail++
			if g.Outputs[name].Error == errs[name] {
				sameSummary++
			} else {
				t.Logf("%s: both refuse, terraform says %q, rampart %q", name, g.Outputs[name].Error, errs[name])
			}
		}
	}
	if len(outs) != len(g.Outputs) {
		t.Errorf("rampart has %d outputs, the golden %d: run regen.go", len(outs), len(g.Outputs))
	}
	ta.checkListed(t, "functions/")
	ta.summary(t, "expressions")
	// Only failing at all is required; the wording is reported.
	t.Logf("expressions both refuse: %d, with terraform's summary: %d", bothFail, sameSummary)
}

// outputBlocks maps each output of a file to its line range.
func outputBlocks(t *testing.T, path string) map[string]hcl.Range {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	out := map[string]hcl.Range{}
	for _, b := range f.Body.(*hclsyntax.Body).Blocks {
		if b.Type == "output" && len(b.Labels) == 1 {
			out[b.Labels[0]] = b.Range()
		}
	}
	return out
}

func blockOf(blocks map[string]hcl.Range, l graph.Location) string {
	if filepath.Base(l.File) != "main.tf" {
		return ""
	}
	for name, r := range blocks {
		if l.StartLine >= r.Start.Line && l.StartLine <= r.End.Line {
			return name
		}
	}
	return ""
}

// compareOutput compares one output; rampartErr is the summary of the
// error rampart reported for it, if any.
func compareOutput(g *goldenOutput, out terraform.OutputValue, rampartErr string) outcome {
	switch {
	case g.Error != "" && rampartErr != "":
		return outcome{}
	case g.Error != "":
		return outcome{disagree, fmt.Sprintf("terraform fails (%s), rampart gives %#v", g.Error, out.Value)}
	case rampartErr != "":
		return outcome{disagree, fmt.Sprintf("rampart fails (%s), terraform gives %s", rampartErr, g.Value)}
	}
	after, err := decodeJSON(g.Value)
	if err != nil {
		return outcome{disagree, "bad golden value: " + err.Error()}
	}
	unknown, err := decodeJSON(g.Unknown)
	if err != nil {
		return outcome{disagree, "bad golden unknown: " + err.Error()}
	}
	o := compareCty(after, unknown, out.Value, "")
	// Terraform's plan gives every null output the type "dynamic": its
	// type does not survive the plan file, so there is none to compare.
	if o.verdict == agree && len(g.Type) > 0 && after != nil {
		o = compareType(g.Type, out.Value.Type())
	}
	if o.verdict != disagree && g.Sensitive != out.Sensitive {
		o = outcome{disagree, fmt.Sprintf("terraform sensitive=%t, rampart sensitive=%t", g.Sensitive, out.Sensitive)}
	}
	return o
}

func compareType(want json.RawMessage, got cty.Type) outcome {
	gotJSON, err := ctyjson.MarshalType(got)
	if err != nil {
		return outcome{disagree, err.Error()}
	}
	w, _ := decodeJSON(want)
	g, _ := decodeJSON(gotJSON)
	if !reflect.DeepEqual(w, g) {
		return outcome{disagree, fmt.Sprintf("type: terraform %s, rampart %s", want, gotJSON)}
	}
	return outcome{}
}

// compareCty walks a rampart value beside Terraform's rendering of it:
// after is the value with Unknowns left out, unknown says (true) where
// they were, in the shape Terraform's plan gives "after_unknown".
func compareCty(after, unknown any, v cty.Value, path string) outcome {
	if unknown == true {
		if !v.IsKnown() {
			return outcome{}
		}
		return outcome{disagree, fmt.Sprintf("%s: rampart knows %#v, terraform does not", pathOr(path), v)}
	}
	if !v.IsKnown() {
		return outcome{imprecise, fmt.Sprintf("%s: rampart Unknown, terraform %s", pathOr(path), render(after))}
	}
	if v.IsNull() {
		if after != nil {
			return outcome{disagree, fmt.Sprintf("%s: rampart null, terraform %s", pathOr(path), render(after))}
		}
		return outcome{}
	}
	ty := v.Type()
	switch {
	case ty.IsListType() || ty.IsSetType() || ty.IsTupleType():
		items, ok := after.([]any)
		if !ok || len(items) != v.LengthInt() {
			return outcome{disagree, fmt.Sprintf("%s: rampart %#v, terraform %s", pathOr(path), v, render(after))}
		}
		unk, _ := unknown.([]any)
		var o outcome
		i := 0
		for it := v.ElementIterator(); it.Next(); i++ {
			_, ev := it.Element()
			var u any
			if unk != nil {
				u = unk[i]
			}
			o = o.worse(compareCty(items[i], u, ev, fmt.Sprintf("%s[%d]", path, i)))
		}
		return o
	case ty.IsMapType() || ty.IsObjectType():
		fields, ok := after.(map[string]any)
		if !ok {
			return outcome{disagree, fmt.Sprintf("%s: rampart %#v, terraform %s", pathOr(path), v, render(after))}
		}
		unk, _ := unknown.(map[string]any)
		var o outcome
		n := 0
		for it := v.ElementIterator(); it.Next(); n++ {
			k, ev := it.Element()
			key := k.AsString()
			a, inAfter := fields[key]
			u, inUnknown := unk[key]
			if !inAfter && u != true {
				if inUnknown || ev.IsKnown() {
					return outcome{disagree, fmt.Sprintf("%s: rampart has key %q, terraform does not", pathOr(path), key)}
				}
			}
			o = o.worse(compareCty(a, u, ev, path+"."+key))
		}
		for key := range fields {
			if !v.Type().IsObjectType() && !v.HasIndex(cty.StringVal(key)).True() ||
				v.Type().IsObjectType() && !v.Type().HasAttribute(key) {
				return outcome{disagree, fmt.Sprintf("%s: terraform has key %q, rampart does not", pathOr(path), key)}
			}
		}
		return o
	}
	if ty == cty.Number {
		// The same text, or the same number: -0 is 0 (the plan file
		// keeps no sign of zero).
		n, ok := after.(json.Number)
		if b, err := ctyjson.Marshal(v, ty); ok && err == nil && string(b) == string(n) {
			return outcome{}
		}
		want, _, err := big.ParseFloat(string(n), 10, 512, big.ToNearestEven)
		if !ok || err != nil || want.Cmp(v.AsBigFloat()) != 0 {
			return outcome{disagree, fmt.Sprintf("%s: rampart %s, terraform %s", pathOr(path), v.AsBigFloat().Text('g', -1), render(after))}
		}
		return outcome{}
	}
	b, err := ctyjson.Marshal(v, ty)
	if err != nil {
		return outcome{disagree, fmt.Sprintf("%s: %v", pathOr(path), err)}
	}
	got, _ := decodeJSON(b)
	if !reflect.DeepEqual(got, after) {
		return outcome{disagree, fmt.Sprintf("%s: rampart %s, terraform %s", pathOr(path), b, render(after))}
	}
	return outcome{}
}

func pathOr(p string) string {
	if p == "" {
		return "value"
	}
	return p
}

func render(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// TestDifferentialConfigs loads every configuration case as a root module
// and compares its outputs and terraform_data inputs, and whether it fails
// at all, with terraform plan's.
func TestDifferentialConfigs(t *testing.T) {
	entries, err := os.ReadDir(filepath.Join(differential, "configs"))
	if err != nil {
		t.Fatal(err)
	}
	ta := newTally(expectedDisagreements(t))
	bothFail, sameSummary := 0, 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join(differential, "configs", e.Name())
		g := readGolden(t, e.Name())
		opts := caseOptions(t, dir)
		unit, outs := terraform.LoadRootOutputs(context.Background(), dir, opts)
		ta.record(t, "configs/"+e.Name(), compareConfig(g, unit, outs))
		if len(g.Errors) > 0 && unit.Diagnostics.HasErrors() {
			bothFail++
			if sharesSummary(g.Errors, unit.Diagnostics) {
				sameSummary++
			} else {
				t.Logf("%s: both refuse, terraform says %q", e.Name(), g.Errors)
			}
		}
	}
	ta.checkListed(t, "configs/")
	ta.summary(t, "configurations")
	t.Logf("configurations both refuse: %d, with one of terraform's summaries: %d", bothFail, sameSummary)
}

// caseOptions reads a case's args.txt, the terraform plan arguments
// regen.go passed: -var=k=v, -var-file=f and "env NAME=value".
func caseOptions(t *testing.T, dir string) terraform.Options {
	t.Helper()
	var opts terraform.Options
	b, err := os.ReadFile(filepath.Join(dir, "args.txt"))
	if os.IsNotExist(err) {
		return opts
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "env "):
			opts.Env = append(opts.Env, strings.TrimPrefix(line, "env "))
		case strings.HasPrefix(line, "-var-file="):
			opts.Args = append(opts.Args, terraform.VarArg{File: filepath.Join(dir, strings.TrimPrefix(line, "-var-file="))})
		case strings.HasPrefix(line, "-var="):
			k, v, _ := strings.Cut(strings.TrimPrefix(line, "-var="), "=")
			opts.Args = append(opts.Args, terraform.VarArg{Name: k, Value: v})
		default:
			t.Fatalf("%s/args.txt: unknown line %q", dir, line)
		}
	}
	return opts
}

// sharesSummary reports whether one of rampart's errors has the summary of
// one of terraform's.
func sharesSummary(want []string, diags graph.Diagnostics) bool {
	for _, d := range diags {
		if d.Severity == graph.SeverityError && slices.Contains(want, d.Summary) {
			return true
		}
	}
	return false
}

func compareConfig(g *goldenFile, unit *graph.Unit, outs map[string]terraform.OutputValue) outcome {
	var rampartErrs []string
	for _, d := range unit.Diagnostics {
		if d.Severity == graph.SeverityError {
			rampartErrs = append(rampartErrs, d.Error())
		}
	}
	switch {
	case len(g.Errors) > 0 && len(rampartErrs) > 0:
		return outcome{}
	case len(g.Errors) > 0:
		return outcome{disagree, fmt.Sprintf("terraform fails (%s), rampart does not", strings.Join(g.Errors, "; "))}
	case len(rampartErrs) > 0:
		return outcome{disagree, fmt.Sprintf("rampart fails, terraform does not: %s", strings.Join(rampartErrs, "; "))}
	}
	var o outcome
	names := make([]string, 0, len(g.Outputs))
	for name := range g.Outputs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		out, ok := outs[name]
		if !ok {
			return outcome{disagree, "rampart has no output " + name}
		}
		p := compareOutput(g.Outputs[name], out, "")
		if p.verdict != agree {
			p.why = "output " + name + ": " + p.why
		}
		o = o.worse(p)
	}
	return o.worse(compareResources(g.Resources, unit))
}

// compareResources compares the terraform_data instances and their input.
func compareResources(want map[string]*goldenResource, unit *graph.Unit) outcome {
	got := map[string]*graph.Resource{}
	representative := false
	for _, r := range unit.Resources {
		if r.Type == "terraform_data" {
			got[r.ID] = r
			representative = representative || r.Representative
		}
	}
	if len(got) != len(want) || !sameKeys(got, want) {
		v := disagree
		if representative {
			v = imprecise
		}
		return outcome{v, fmt.Sprintf("terraform_data instances: rampart %v, terraform %v", sortedKeys(got), sortedKeys(want))}
	}
	var o outcome
	for _, addr := range sortedKeys(want) {
		after, err := decodeJSON(want[addr].Input)
		if err != nil {
			return outcome{disagree, err.Error()}
		}
		unknown, err := decodeJSON(want[addr].InputUnknown)
		if err != nil {
			return outcome{disagree, err.Error()}
		}
		o = o.worse(compareGraph(after, unknown, got[addr].Attrs.Get("input"), addr+".input"))
	}
	return o
}

func sameKeys[A, B any](a map[string]A, b map[string]B) bool {
	for k := range a {
		if _, ok := b[k]; !ok {
			return false
		}
	}
	return true
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// compareGraph is compareCty for a resource attribute, which rampart gives
// as a graph.Value: types are not compared (rampart's values have none
// finer than list and map), values are.
func compareGraph(after, unknown any, v *graph.Value, path string) outcome {
	if unknown == true {
		if v.IsUnknown() {
			return outcome{}
		}
		return outcome{disagree, fmt.Sprintf("%s: rampart knows %#v, terraform does not", path, v)}
	}
	if v.IsUnknown() {
		return outcome{imprecise, fmt.Sprintf("%s: rampart Unknown (%s), terraform %s", path, v.Reason, render(after))}
	}
	mismatch := outcome{disagree, fmt.Sprintf("%s: rampart %#v, terraform %s", path, v, render(after))}
	switch {
	case v.IsNull():
		if after != nil {
			return mismatch
		}
		return outcome{}
	case v.Kind == graph.KindList:
		items, ok := after.([]any)
		if !ok || len(items) != len(v.List) {
			return mismatch
		}
		unk, _ := unknown.([]any)
		var o outcome
		for i, e := range v.List {
			var u any
			if unk != nil {
				u = unk[i]
			}
			o = o.worse(compareGraph(items[i], u, e, fmt.Sprintf("%s[%d]", path, i)))
		}
		return o
	case v.Kind == graph.KindMap:
		fields, ok := after.(map[string]any)
		if !ok {
			return mismatch
		}
		unk, _ := unknown.(map[string]any)
		var o outcome
		for _, k := range v.Keys {
			a, inAfter := fields[k]
			if !inAfter && unk[k] != true {
				return mismatch
			}
			o = o.worse(compareGraph(a, unk[k], v.Fields[k], path+"."+k))
		}
		for k := range fields {
			if _, ok := v.Fields[k]; !ok {
				return mismatch
			}
		}
		return o
	case v.Kind == graph.KindNumber:
		n, ok := after.(json.Number)
		if !ok {
			return mismatch
		}
		want, _, err := big.ParseFloat(n.String(), 10, 512, big.ToNearestEven)
		if err != nil {
			return mismatch
		}
		if f, _ := want.Float64(); f != v.Number {
			return mismatch
		}
		return outcome{}
	case v.Kind == graph.KindString:
		if s, ok := after.(string); !ok || s != v.Str {
			return mismatch
		}
		return outcome{}
	case v.Kind == graph.KindBool:
		if b, ok := after.(bool); !ok || b != v.Bool {
			return mismatch
		}
		return outcome{}
	}
	return mismatch
}
