package terraform

import (
	"slices"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// TestAnnotateTakesEachNodesOwnMarks: annotate reads at each node the
// marks of that node only, and the nested ones where it reaches them: a
// sensitive element is sensitive and its unmarked siblings and parent
// are not; a marked unknown keeps the resource attribute it stands for;
// a marked null is a sensitive null; an open resource object nested in
// an unmarked value is the resource as a whole.
func TestAnnotateTakesEachNodesOwnMarks(t *testing.T) {
	ref := identMark{Resource: "aws_vpc.main", Attr: "id"}
	open := openMark{Resource: "aws_s3_bucket.b", Names: "bucket"}
	v := cty.ObjectVal(map[string]cty.Value{
		"secret":  cty.StringVal("s3cr3t").Mark(sensitiveMark),
		"nested":  cty.ObjectVal(map[string]cty.Value{"deep": cty.StringVal("d").Mark(sensitiveMark), "plain": cty.StringVal("p")}),
		"plain":   cty.StringVal("p"),
		"vpc":     cty.UnknownVal(cty.String).Mark(ref),
		"nothing": cty.NullVal(cty.String).Mark(sensitiveMark),
		"list":    cty.TupleVal([]cty.Value{cty.StringVal("a"), cty.NumberIntVal(1).Mark(sensitiveMark)}),
		"bucket":  cty.ObjectVal(map[string]cty.Value{"bucket": cty.StringVal("b")}).Mark(open),
	})
	out := annotate(v, nil, graph.Location{File: "main.tf"}, nil, "")
	sensitive := map[string]bool{}
	out.Walk(func(p graph.Path, n *graph.Value) bool {
		sensitive[p.String()] = n.Sensitive
		return true
	})
	for path, want := range map[string]bool{
		"": false, "secret": true, "nested": false, "nested.deep": true, "nested.plain": false,
		"plain": false, "vpc": false, "nothing": true, "list": false, "list[0]": false, "list[1]": true,
	} {
		if got, ok := sensitive[path]; !ok || got != want {
			t.Errorf("%q sensitive: %v (present %v), want %v", path, got, ok, want)
		}
	}
	if vpc := out.Get("vpc"); vpc.Kind != graph.KindUnknown || vpc.Ref == nil || *vpc.Ref != graph.Ref(ref) {
		t.Errorf("vpc = %+v, want an Unknown standing for %v", vpc, ref)
	}
	if n := out.Get("nothing"); n.Kind != graph.KindNull {
		t.Errorf("nothing = %+v, want a null", n)
	}
	if b := out.Get("bucket"); b.Kind != graph.KindUnknown || b.Ref == nil || b.Ref.Resource != open.Resource {
		t.Errorf("bucket = %+v, want the resource %s as a whole", b, open.Resource)
	}
}

// TestHopsOfKeepsFirstOccurrences: hopsOf lists each hop once, in the
// order first met, for traces under and past the number it looks
// through one by one.
func TestHopsOfKeepsFirstOccurrences(t *testing.T) {
	for _, n := range []int{1, maxScannedHops - 1, maxScannedHops, maxScannedHops + 1, 3 * maxScannedHops} {
		var inputs []input
		var want graph.Trace
		for i := range n {
			at := graph.Location{File: "main.tf", StartLine: i + 1, EndLine: i + 1}
			sh := graph.String("x", at)
			sh.Trace = append(graph.Trace(nil), want...) // every hop before it again
			inputs = append(inputs, input{sh: sh})
			want = append(want, graph.Hop{Location: at})
		}
		inputs = append(inputs, inputs...) // and every input twice
		if got := hopsOf(inputs); !slices.Equal(got, want) {
			t.Errorf("%d hops: got %v, want %v", n, got, want)
		}
	}
}
