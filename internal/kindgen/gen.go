package kindgen

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"text/template"

	"go.yaml.in/yaml/v3"

	"github.com/rampart-iac/rampart/analyzer/aws/kinds"
)

// Paths of the generated files, relative to the repository root.
const (
	modelDoc    = "docs/model.md"
	regoTesting = "policies/lib/testing_test.rego"
	inputSchema = "analyzer/engine/schema/input.json"
)

// The hand-written parts of the generated files.
var (
	//go:embed model.md.tmpl
	modelTemplate string
	//go:embed testing_test.rego.tmpl
	regoTemplate string
)

// file is one generated file.
type file struct {
	path string
	data []byte
}

// generate renders every generated file from the registry.
func generate(reg *kinds.Registry) ([]file, error) {
	doc, err := render("model.md", modelTemplate, reg)
	if err != nil {
		return nil, err
	}
	rego, err := render("testing_test.rego", regoTemplate, reg)
	if err != nil {
		return nil, err
	}
	schema, err := schemaJSON(reg)
	if err != nil {
		return nil, err
	}
	return []file{{modelDoc, doc}, {regoTesting, rego}, {inputSchema, schema}}, nil
}

func render(name, text string, reg *kinds.Registry) ([]byte, error) {
	t, err := template.New(name).Funcs(template.FuncMap{
		"defaultCell": defaultCell,
		"nativeCell":  nativeCell,
		"cell":        cell,
		"yaml":        yamlText,
		"regoDefaults": func(k *kinds.Kind) (string, error) {
			return regoDefaults(k)
		},
		"regoObjects": regoObjects,
		"derives":     derives,
		"trim":        strings.TrimSpace,
	}).Parse(text)
	if err != nil {
		return nil, fmt.Errorf("template %s: %w", name, err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, reg); err != nil {
		return nil, fmt.Errorf("template %s: %w", name, err)
	}
	return b.Bytes(), nil
}

// defaultCell renders a property's default for a table: the literal,
// linked to the documentation that states it.
func defaultCell(p kinds.Property) string {
	switch {
	case p.Derived:
		return "derived"
	case !p.HasDefault:
		return "—"
	}
	lit := "null (Unknown)"
	if p.Default != nil {
		b, _ := json.Marshal(p.Default)
		lit = string(b)
	}
	return fmt.Sprintf("[`%s`](%s)", lit, p.Source)
}

func nativeCell(n kinds.Native) string {
	fw := map[string]string{"cloudformation": "CloudFormation", "terraform": "Terraform"}[n.Framework]
	s := fmt.Sprintf("| `%s` | %s | %s", n.Type, fw, n.Role)
	if n.Notes != "" {
		s += ": " + n.Notes
	}
	return s + " |"
}

func cell(s string) string {
	return strings.ReplaceAll(strings.Join(strings.Fields(s), " "), "|", `\|`)
}

func yamlText(v any) (string, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimRight(b.String(), "\n"), nil
}

// regoDefaults renders a kind's <rego>_defaults object: the properties of
// its test-default example, without derived properties (the builders
// compute them) and with lists of nested objects empty (tests add the
// objects they are about).
func regoDefaults(k *kinds.Kind) (string, error) {
	ex := k.TestDefault()
	out := map[string]any{}
	for _, p := range k.Properties {
		if p.Derived {
			continue
		}
		v := ex.Properties[p.Name]
		if p.T().Base == kinds.List && p.T().Elem.Base == kinds.ObjectBase {
			v = []any{}
		}
		out[p.Name] = v
	}
	return regoObject(out, k.Properties)
}

// regoObject renders an object in the registry's property order, one
// property a line.
func regoObject(m map[string]any, order []kinds.Property) (string, error) {
	var b strings.Builder
	b.WriteString("{\n")
	for _, p := range order {
		v, ok := m[p.Name]
		if !ok {
			continue
		}
		lit, err := regoLiteral(v)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, "\t%q: %s,\n", p.Name, lit)
	}
	b.WriteString("}")
	return b.String(), nil
}

// regoLiteral renders plain data as a Rego term (JSON, keys sorted).
func regoLiteral(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	s := string(b)
	s = strings.ReplaceAll(s, `":`, `": `)
	s = strings.ReplaceAll(s, `,"`, `, "`)
	return s, nil
}

// regoObject is a nested object type that has a Rego test builder, with
// its defaults: the first such object in the kind's test-default example.
type regoObjectDefaults struct {
	Rego     string
	Defaults string
}

func regoObjects(k *kinds.Kind) ([]regoObjectDefaults, error) {
	var out []regoObjectDefaults
	for i := range k.Objects {
		o := &k.Objects[i]
		if o.Rego == "" {
			continue
		}
		v := firstObject(k, k.TestDefault().Properties, k.Properties, o.Name)
		if v == nil {
			return nil, fmt.Errorf("kind %s: the test-default example holds no %s, so %s_defaults has no value", k.Name, o.Name, o.Rego)
		}
		lit, err := regoObject(v, o.Properties)
		if err != nil {
			return nil, err
		}
		out = append(out, regoObjectDefaults{Rego: o.Rego, Defaults: lit})
	}
	return out, nil
}

// firstObject finds the first value of object type name among props.
func firstObject(k *kinds.Kind, props map[string]any, declared []kinds.Property, name string) map[string]any {
	for _, p := range declared {
		t := p.T()
		for t.Base == kinds.List || t.Base == kinds.Map {
			t = t.Elem
		}
		if t.Base != kinds.ObjectBase {
			continue
		}
		var candidates []any
		switch v := props[p.Name].(type) {
		case []any:
			candidates = v
		case map[string]any:
			switch p.T().Base {
			case kinds.ObjectBase:
				candidates = []any{v}
			case kinds.Map:
				for _, key := range slices.Sorted(maps.Keys(v)) {
					candidates = append(candidates, v[key])
				}
			}
		}
		for _, c := range candidates {
			m, ok := c.(map[string]any)
			if !ok {
				continue
			}
			if t.Object == name {
				return m
			}
			if found := firstObject(k, m, k.Object(t.Object).Properties, name); found != nil {
				return found
			}
		}
	}
	return nil
}

// derives reports whether a kind has derived properties, which its Rego
// builder computes with the hand-written <rego>_derived(p).
func derives(k *kinds.Kind) bool {
	for _, p := range k.Properties {
		if p.Derived {
			return true
		}
	}
	return false
}

// sortedKeys returns m's keys in order.
func sortedKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
