package analyzer

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rampart-iac/rampart/analyzer/engine"
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// filler sets every field it reaches, so that a field added to a result
// type and not to the packing fails the round trip.
type filler struct {
	t       *testing.T
	n       int
	strings []string // when set, strings are taken from it in turn
}

func (f *filler) fill(v reflect.Value) {
	f.n++
	switch v.Kind() {
	case reflect.String:
		if len(f.strings) > 0 {
			v.SetString(f.strings[f.n%len(f.strings)])
		} else {
			v.SetString(fmt.Sprintf("s%d", f.n))
		}
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(f.n * (1 - 2*(f.n%2)))) // negative ones too
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		f.fill(v.Elem())
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range v.Len() {
			f.fill(v.Index(i))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				f.fill(v.Field(i))
			}
		}
	default:
		f.t.Fatalf("the packing does not know %s values: teach packOutput and this test", v.Type())
	}
}

func filledOutput(t *testing.T, strings ...string) *engine.Output {
	out := &engine.Output{}
	(&filler{t: t, strings: strings}).fill(reflect.ValueOf(out).Elem())
	return out
}

func TestPackedOutputRoundTrip(t *testing.T) {
	hop := graph.Hop{Location: graph.Location{File: "a.tf", StartLine: 3}, Note: "default of variable cidr"}
	tests := []struct {
		name string
		out  *engine.Output
	}{
		{"every field set", filledOutput(t)},
		{"strings repeated", filledOutput(t, "", "main.tf", "AWS-SG-001", "module.vpc")},
		{"nothing", &engine.Output{}},
		{"empty, not nil", &engine.Output{Findings: []result.Finding{}, Undecided: []result.Undecided{}, Passed: []result.Check{}}},
		{"empty parts", &engine.Output{
			Findings: []result.Finding{
				{RuleID: "AWS-SG-001", Trace: graph.Trace{}, Notes: []string{}, Instances: []result.Instance{}},
				{RuleID: "AWS-SG-001", Trace: graph.Trace{hop}, Instances: []result.Instance{{Root: ".", Trace: graph.Trace{}}}},
			},
			Undecided: []result.Undecided{{Instances: []result.Instance{}}, {}},
			Passed:    []result.Check{{Instances: []result.Instance{{Trace: graph.Trace{hop, hop}}}}},
		}},
		{"non-ASCII and large numbers", &engine.Output{Findings: []result.Finding{{
			Message:  "Sicherheitsgruppe „web“ offen: 0.0.0.0/0 🔓",
			Location: graph.Location{File: "ü/main.tf", StartLine: 1 << 40, EndLine: -1},
		}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := cloneOutput(t, tt.out)
			got := packOutput(tt.out).unpack()
			// cmp tells nil from empty slices, as the reports do.
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("unpacked results differ (-packed +unpacked):\n%s", diff)
			}
		})
	}
}

// cloneOutput is a deep copy made without the packing, so that a packing
// that changed its input cannot pass.
func cloneOutput(t *testing.T, out *engine.Output) *engine.Output {
	t.Helper()
	var clone func(v reflect.Value) reflect.Value
	clone = func(v reflect.Value) reflect.Value {
		c := reflect.New(v.Type()).Elem()
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				c.Set(clone(v.Elem()).Addr())
			}
		case reflect.Slice:
			if !v.IsNil() {
				c.Set(reflect.MakeSlice(v.Type(), v.Len(), v.Len()))
				for i := range v.Len() {
					c.Index(i).Set(clone(v.Index(i)))
				}
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					c.Field(i).Set(clone(v.Field(i)))
				}
			}
		default:
			c.Set(v)
		}
		return c
	}
	return clone(reflect.ValueOf(out).Elem()).Addr().Interface().(*engine.Output)
}

// A string is written once per batch: the block of many findings of one
// rule in one file holds the rule's remediation once.
func TestPackedOutputWritesAStringOnce(t *testing.T) {
	remediation := string(make([]byte, 1000))
	out := &engine.Output{}
	for i := range 100 {
		out.Findings = append(out.Findings, result.Finding{
			RuleID: "AWS-SG-001", Remediation: remediation,
			Location: graph.Location{File: "modules/sg/main.tf", StartLine: i + 1},
		})
	}
	if n := len(packOutput(out).data); n > 1000+100*40 {
		t.Errorf("packed 100 findings sharing a 1000-byte remediation into %d bytes", n)
	}
}

// Packed declarations unpack to what declaration keeps of a resource
// without rampart Metadata.
func TestPackedDeclarations(t *testing.T) {
	loc := graph.Location{File: "modules/sg/main.tf", StartLine: 12, StartCol: 1, EndLine: 30, EndCol: 2}
	cs := []*graph.Canonical{
		{Kind: "aws.ec2.security_group", UID: "examples/complete#module.sg.aws_security_group.this[0]", ID: "aws_security_group.this[0]",
			Native: &graph.Resource{ID: "aws_security_group.this[0]", Type: "aws_security_group", Loc: loc},
			Props:  &graph.Value{Kind: graph.KindMap}, Parts: []string{"aws_security_group_rule.ingress[0]"}},
		{Kind: "aws.ec2.security_group", UID: "examples/complete#module.sg.aws_security_group.this_name_prefix[0]",
			Native: &graph.Resource{ID: "aws_security_group.this_name_prefix[0]", Loc: loc}},
		{Kind: "aws.s3.bucket", UID: "template.yaml#Bucket", Native: &graph.Resource{ID: "Bucket"}},
	}
	var want []*graph.Canonical
	for _, c := range cs {
		want = append(want, declaration(c))
	}
	if diff := cmp.Diff(want, unpackDeclarations(packDeclarations(cs))); diff != "" {
		t.Errorf("unpacked declarations differ (-declaration +unpacked):\n%s", diff)
	}
	if got := unpackDeclarations(packDeclarations(nil)); len(got) != 0 {
		t.Errorf("no declarations unpacked to %d", len(got))
	}
}

// A batch's results are kept packed once it is evaluated, and the scan
// reads them back whole; the declarations of its resources with a
// finding are packed too.
func TestEvaluatedBatchIsKeptPacked(t *testing.T) {
	res := &graph.Canonical{Kind: "aws.ec2.security_group", UID: ".#aws_security_group.web", ID: "aws_security_group.web",
		Native: &graph.Resource{ID: "aws_security_group.web", Loc: graph.Location{File: "main.tf", StartLine: 1, EndLine: 9}}}
	want := filledOutput(t)
	want.Findings[0].Resource.ID = res.ID // suppress.ResourceUID finds res
	want.Findings[0].Instances = []result.Instance{{Root: "."}}
	evaluate := func(context.Context, []*graph.Canonical, graph.Diagnostics) (*engine.Output, error) {
		return cloneOutput(t, want), nil
	}
	for _, omitPassed := range []bool{false, true} {
		s := &streamer{evaluator: evaluate, decls: newDeclarations(false), omitPassed: omitPassed, results: make([][]evaluated, 1)}
		s.evaluate(batchJob{index: 0, units: []unitResources{{unit: &graph.Unit{Path: "."}, canon: []*graph.Canonical{res}}}})
		r := s.results[0][0]
		if r.out != nil || r.packed == nil {
			t.Fatalf("omitPassed %v: the batch's results are kept unpacked", omitPassed)
		}
		wantHere := cloneOutput(t, want)
		if omitPassed {
			wantHere.Passed = nil
		}
		if diff := cmp.Diff(wantHere, r.output()); diff != "" {
			t.Errorf("omitPassed %v: results read back differ (-evaluated +kept):\n%s", omitPassed, diff)
		}
		if diff := cmp.Diff([]*graph.Canonical{declaration(res)}, s.decls.resources()); diff != "" {
			t.Errorf("omitPassed %v: declarations kept differ (-want +kept):\n%s", omitPassed, diff)
		}
	}
}
