package aws

import (
	"context"
	"maps"
	"reflect"
	"slices"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/aws/kinds"
	"github.com/rampart-iac/rampart/analyzer/graph"
)

// TestMappersMatchRegistry keeps the mappers and the kind registry
// (analyzer/aws/kinds) naming the same kinds: a mapper without an entry
// would produce properties nothing documents or type-checks, an entry
// without a mapper would document a kind no scan produces.
func TestMappersMatchRegistry(t *testing.T) {
	reg, err := kinds.Default()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := Kinds(), reg.Names(); !slices.Equal(got, want) {
		t.Errorf("mappers produce %v, the registry declares %v", got, want)
	}
}

// TestRegistryOwnersAreMapped: every native type an entry names as an
// owner gives a resource of that kind on its own, with no attribute set (so
// every declared default is written, too).
func TestRegistryOwnersAreMapped(t *testing.T) {
	reg, err := kinds.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range reg.Kinds() {
		for _, n := range k.Native {
			if n.Role != kinds.RoleOwner || n.IsPattern() {
				continue // a pattern's types are a table's, tested with it
			}
			ex := kinds.Example{Framework: n.Framework, Type: n.Type, ID: "R", Native: map[string]any{}}
			c := normalizeExample(t, k.Name, ex)
			if c == nil || c.Kind != k.Name {
				t.Errorf("%s %s alone gives no %s", n.Framework, n.Type, k.Name)
				continue
			}
			props, _ := c.Props.Interface().(map[string]any)
			if err := kinds.CheckProperties(props, k.Properties, k.Object); err != nil {
				t.Errorf("%s %s alone: %v", n.Framework, n.Type, err)
			}
		}
	}
}

// TestRegistryExamples runs every registry example through Normalize: the
// canonical properties are exactly the example's, and they conform to the
// entry (every property written is declared with that type, every declared
// property is written, nested objects included).
func TestRegistryExamples(t *testing.T) {
	reg, err := kinds.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range reg.Kinds() {
		for _, ex := range k.Examples {
			t.Run(k.Name+"/"+ex.Name, func(t *testing.T) {
				got := normalizeExample(t, k.Name, ex)
				if got == nil {
					t.Fatalf("Normalize gives no %s with ID %s", k.Name, ex.ID)
				}
				props, _ := got.Props.Interface().(map[string]any)
				if err := kinds.CheckProperties(props, k.Properties, k.Object); err != nil {
					t.Errorf("the mapper's properties do not conform to the registry: %v", err)
				}
				if !reflect.DeepEqual(props, ex.Properties) {
					t.Errorf("properties\n got %v\nwant %v", props, ex.Properties)
				}
			})
		}
	}
}

// TestRegistryChecksConformance proves the conformance check can fail: a
// property the mapper writes but the entry does not declare, a declared
// property the mapper does not write, and one of another type.
func TestRegistryChecksConformance(t *testing.T) {
	reg, err := kinds.Default()
	if err != nil {
		t.Fatal(err)
	}
	k := reg.Kind(kindSecurityGroup)
	ex := k.TestDefault()
	c := normalizeExample(t, k.Name, *ex)
	mutations := map[string]func(p *graph.Value){
		"undeclared": func(p *graph.Value) { p.Set("decription", graph.String("", p.Loc)) },
		"missing":    func(p *graph.Value) { p.Delete("vpc_id") },
		"wrong type": func(p *graph.Value) { p.Set("is_default", graph.String("no", p.Loc)) },
		"nested":     func(p *graph.Value) { p.Get("ingress").Index(0).Set("port", graph.Number(1, p.Loc)) },
	}
	for name, mutate := range mutations {
		p := c.Props.Copy()
		mutate(p)
		props, _ := p.Interface().(map[string]any)
		if err := kinds.CheckProperties(props, k.Properties, k.Object); err == nil {
			t.Errorf("%s: conformance check passes", name)
		}
	}
}

// normalizeExample maps one registry example, building the on-demand
// kinds too, and returns the canonical resource of the kind it gives.
func normalizeExample(t *testing.T, kind string, ex kinds.Example) *graph.Canonical {
	t.Helper()
	src := graph.SourceTerraform
	if ex.Framework == "cloudformation" {
		src = graph.SourceCloudFormation
	}
	loc := graph.Location{File: "example", StartLine: 1, EndLine: 20}
	r := &graph.Resource{ID: ex.ID, Type: ex.Type, Source: src, Loc: loc, Attrs: exampleValue(t, ex.Native, loc)}
	normalize := NormalizeWith(OnDemandKinds()...)
	cs, _ := normalize(context.Background(), &graph.Unit{Source: src, Path: "example", Resources: []*graph.Resource{r}})
	for _, c := range cs {
		if c.Native.ID == ex.ID && c.Kind == kind {
			return c
		}
	}
	return nil
}

// exampleValue converts a registry example's native attributes (YAML data)
// to a value tree located at loc.
func exampleValue(t *testing.T, v any, loc graph.Location) *graph.Value {
	switch x := v.(type) {
	case nil:
		return graph.Null(loc)
	case bool:
		return graph.Bool(x, loc)
	case float64:
		return graph.Number(x, loc)
	case string:
		return graph.String(x, loc)
	case []any:
		items := make([]*graph.Value, len(x))
		for i, e := range x {
			items[i] = exampleValue(t, e, loc)
		}
		return graph.List(items, loc)
	case map[string]any:
		m := graph.Map(loc)
		for _, k := range slices.Sorted(maps.Keys(x)) {
			m.Set(k, exampleValue(t, x[k], loc))
		}
		return m
	}
	t.Fatalf("registry example holds a %T", v)
	return nil
}
