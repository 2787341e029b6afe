package forbudget

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

func parse(t *testing.T, src string) hclsyntax.Expression {
	t.Helper()
	expr, diags := hclsyntax.ParseExpression([]byte(src), "x.tf", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return expr
}

func TestBound(t *testing.T) {
	ctx := &hcl.EvalContext{Variables: map[string]cty.Value{
		"r": cty.TupleVal([]cty.Value{cty.NumberIntVal(0), cty.NumberIntVal(1), cty.NumberIntVal(2)}),
		"k": cty.StringVal("v"),
	}}
	tests := []struct {
		name  string
		src   string
		limit int
		used  int  // iterations counted, when not spent
		spent bool // the budget ran out
	}{
		{"tuple", `[for a in r : a]`, 10, 3, false},
		// Each outer value is a tuple of 3: it counts 3 more.
		{"nested in the value", `[for a in r : [for b in r : b]]`, 100, 3 + 9 + 3*3, false},
		// hcl checks the condition once before iterating, with unknown
		// iteration variables: 1 + 3 more for the condition's loop.
		{"nested in the key and condition", `{for a in r : "${[for b in r : b][a]}" => a if [for c in r : c][a] >= 0}`, 100, (1 + 3) + 3 + 9 + 9, false},
		{"template", `"%{for a in r}%{for b in r}${b}%{endfor}%{endfor}"`, 100, 3 + 9, false},
		{"value size counts", `[for a in r : [0, 1, 2, 3]]`, 100, 3 + 3*4, false},
		{"over the limit", `[for a in r : [for b in r : [for c in r : 1]]]`, 20, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expr := parse(t, tt.src)
			want, _ := expr.Value(ctx)
			m := NewMeter(tt.limit)
			Bound(expr, m)
			Bound(expr, m) // twice changes nothing
			got, diags := expr.Value(ctx)
			if !tt.spent && m.Used() != tt.used {
				t.Errorf("used %d, want %d", m.Used(), tt.used)
			}
			rng, spent := m.Spent()
			if spent != tt.spent {
				t.Fatalf("spent %v, want %v", spent, tt.spent)
			}
			if !spent {
				if diags.HasErrors() || !got.RawEquals(want) {
					t.Errorf("bounded value %#v (%v), want %#v", got, diags, want)
				}
				return
			}
			if len(diags) != 1 || diags[0].Summary != Summary || rng.Start.Line != 1 || *diags[0].Subject != rng {
				t.Errorf("diagnostics %v at %v: want one %q at the loop", diags, rng, Summary)
			}
			m.Reset()
			if _, spent := m.Spent(); spent || m.Used() != 0 {
				t.Errorf("after Reset: used %d, spent %v", m.Used(), spent)
			}
		})
	}
}

// A wrapped body still shows the references in it to walks: the
// evaluation context is built from Variables().
func TestBoundKeepsVariables(t *testing.T) {
	expr := parse(t, `[for a in var.l : local.x if var.y]`)
	Bound(expr, NewMeter(10))
	var names []string
	for _, tr := range expr.Variables() {
		names = append(names, tr.RootName()+"."+tr.SimpleSplit().Rel[0].(hcl.TraverseAttr).Name)
	}
	want := "[var.l local.x var.y]"
	if got := fmtList(names); got != want {
		t.Errorf("variables %s, want %s", got, want)
	}
}

func fmtList(s []string) string {
	out := "["
	for i, n := range s {
		if i > 0 {
			out += " "
		}
		out += n
	}
	return out + "]"
}

// TestMeterCountsConcurrentUse: module directories are parsed in
// parallel and the configuration reader evaluates literal defaults while
// it parses, so one meter may count on several goroutines at once; no
// iteration is lost.
func TestMeterCountsConcurrentUse(t *testing.T) {
	const goroutines, each = 4, 200_000
	m := NewMeter(goroutines * each)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for range each {
				m.take(1, hcl.Range{})
			}
		}()
	}
	close(start)
	wg.Wait()
	if got := m.Used(); got != goroutines*each {
		t.Errorf("used %d, want %d", got, goroutines*each)
	}
	if _, spent := m.Spent(); spent {
		t.Errorf("spent with exactly the budget used")
	}
}

// TestProvidedMeter: one bounded tree evaluated in two contexts at once
// draws on each context's own Meter, and on the one given to Bound when
// the context provides none.
func TestProvidedMeter(t *testing.T) {
	r := cty.TupleVal([]cty.Value{cty.NumberIntVal(0), cty.NumberIntVal(1), cty.NumberIntVal(2)})
	expr := parse(t, `[for a in r : [for b in r : b]]`)
	const perEvaluation = 3 + 9 + 3*3
	fallback := NewMeter(1000)
	Bound(expr, fallback)

	const evaluations = 8
	meters := make([]*Meter, evaluations)
	var wg sync.WaitGroup
	for i := range meters {
		meters[i] = NewMeter(1000)
		funcs := map[string]function.Function{}
		Provide(funcs, meters[i])
		ctx := &hcl.EvalContext{Variables: map[string]cty.Value{"r": r}, Functions: funcs}
		wg.Go(func() {
			if _, diags := expr.Value(ctx); diags.HasErrors() {
				t.Error(diags)
			}
		})
	}
	wg.Wait()
	for i, m := range meters {
		if m.Used() != perEvaluation {
			t.Errorf("evaluation %d used %d, want %d", i, m.Used(), perEvaluation)
		}
	}
	if fallback.Used() != 0 {
		t.Errorf("the fallback meter used %d with every context providing one", fallback.Used())
	}
	if _, diags := expr.Value(&hcl.EvalContext{Variables: map[string]cty.Value{"r": r}}); diags.HasErrors() {
		t.Fatal(diags)
	}
	if fallback.Used() != perEvaluation {
		t.Errorf("the fallback meter used %d, want %d", fallback.Used(), perEvaluation)
	}
	if Provided(nil) != nil || Provided(&hcl.EvalContext{}) != nil {
		t.Error("a context without a meter provides one")
	}
}

// holdsFor reports whether the file parsed from src has a for expression,
// which is what Bound looks for (a %{for} directive parses to one too).
func holdsFor(t testing.TB, src []byte) (found, parsed bool) {
	f, diags := hclsyntax.ParseConfig(src, "t.tf", hcl.InitialPos)
	if f == nil || diags.HasErrors() {
		return false, false
	}
	_ = hclsyntax.VisitAll(f.Body.(*hclsyntax.Body), func(n hclsyntax.Node) hcl.Diagnostics {
		if _, ok := n.(*hclsyntax.ForExpr); ok {
			found = true
		}
		return nil
	})
	return found, true
}

// TestMayHoldFor: the word for where a for expression or directive may
// start is found, through white space and comments; names holding it and
// prose are not.
func TestMayHoldFor(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want bool
	}{
		{"a = [for x in var.l : x]\n", true},
		{"a = {for k, v in var.m : k => v}\n", true},
		{"a = [\n  for x in var.l : x\n]\n", true},
		{"a = [ # the list\n  for x in var.l : x\n]\n", true},
		{"a = [ // the list\n  for x in var.l : x\n]\n", true},
		{"a = [ /* the list */ for x in var.l : x]\n", true},
		{"a = [/**/for x in var.l : x]\n", true},
		{"a = [for\tx in var.l : x]\n", true},
		{"a = \"%{for x in var.l}${x}%{endfor}\"\n", true},
		{"a = \"%{~ for x in var.l ~}${x}%{ endfor }\"\n", true},
		{"a = <<EOT\n%{ for x in var.l }\n${x}\n%{ endfor }\nEOT\n", true},
		{"a = \"${join(\",\", [for x in var.l : upper(x)])}\"\n", true},
		{"variable \"tags\" {\n  description = \"Map of tags for the bucket\"\n}\n", false},
		{"resource \"a\" \"b\" {\n  for_each = var.m\n  format = format(\"%s\", each.key)\n}\n", false},
		{"platform = \"linux\"\nforce = true\n", false},
		{"# Set to true for public access\npublic = true\n", false},
		{"", false},
	} {
		if got := MayHoldFor([]byte(tc.src)); got != tc.want {
			t.Errorf("MayHoldFor(%q) = %t, want %t", tc.src, got, tc.want)
		}
		if found, parsed := holdsFor(t, []byte(tc.src)); parsed && found != tc.want {
			t.Errorf("%q: the parse holds a for expression: %t; the case expects %t", tc.src, found, tc.want)
		}
	}
}

// TestMayHoldForOverTestdata: no file of testdata that parses to a for
// expression is reported free of one.
func TestMayHoldForOverTestdata(t *testing.T) {
	n, with, skipped := 0, 0, 0
	_ = filepath.WalkDir(filepath.Join("..", "..", "..", "testdata"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".tf") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		n++
		found, _ := holdsFor(t, src)
		if found {
			with++
		}
		if !MayHoldFor(src) {
			skipped++
			if found {
				t.Errorf("%s holds a for expression that MayHoldFor misses", p)
			}
		}
		return nil
	})
	if n < 100 || with < 10 || skipped < 10 {
		t.Fatalf("%d files, %d with a for expression, %d found free of one: too few to tell", n, with, skipped)
	}
}

// FuzzMayHoldFor: a source that parses to a for expression is never
// reported free of one.
func FuzzMayHoldFor(f *testing.F) {
	for _, s := range []string{
		"a = [for x in y : x]\n", "a = [ # c\n for x in y : x]\n", "a = {/*c*/for k, v in m : k => v}\n",
		"a = \"%{~for x in y}${x}%{endfor}\"\n", "b = \"for the record\"\nfor_each = {}\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if found, _ := holdsFor(t, []byte(src)); found && !MayHoldFor([]byte(src)) {
			t.Errorf("MayHoldFor misses the for expression of %q", src)
		}
	})
}
