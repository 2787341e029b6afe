package main

import (
	"context"
	"encoding/json"
	"reflect"
	"sort"
	"testing"

	"github.com/rampart-iac/rampart/analyzer"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// TestConfigSchemaRuleParameters keeps the rule_config section of
// docs/rampart.schema.json in step with the built-in parameter
// declarations (policies/lib/config.rego): one property per parameter,
// with its description, default and the JSON Schema of its type, so an
// editor completes and checks them. Other names stay allowed: a
// --policy-dir policy may declare its own.
func TestConfigSchemaRuleParameters(t *testing.T) {
	rules, err := analyzer.Rules(context.Background(), analyzer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{}
	for _, r := range rules {
		for _, p := range r.Parameters {
			want[p.Name] = parameterSchema(p)
		}
	}
	_, raw := loadConfigSchema(t)
	rc := raw["properties"].(map[string]any)["rule_config"].(map[string]any)
	got, _ := rc["properties"].(map[string]any)
	// Compare as JSON values: numbers in the file are float64.
	norm := func(v any) any {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var out any
		if err := json.Unmarshal(b, &out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	names := make([]string, 0, len(want))
	for n := range want {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if !reflect.DeepEqual(norm(got[n]), norm(want[n])) {
			w, _ := json.Marshal(want[n])
			t.Errorf("docs/rampart.schema.json rule_config.properties.%s should be\n%s", n, w)
		}
	}
	for n := range got {
		if _, ok := want[n]; !ok {
			t.Errorf("docs/rampart.schema.json declares rule_config.%s, which no built-in rule reads", n)
		}
	}
	if rc["additionalProperties"] != true {
		t.Error("rule_config must allow other names: a --policy-dir policy declares its own parameters")
	}
}

// parameterSchema is the JSON Schema of a parameter's value.
func parameterSchema(p result.Parameter) map[string]any {
	s := typeSchema(p.Type)
	s["description"] = p.Description
	s["default"] = p.Default
	return s
}

func typeSchema(typ string) map[string]any {
	port := map[string]any{"type": "integer", "minimum": 0, "maximum": 65535}
	switch typ {
	case "string":
		return map[string]any{"type": "string"}
	case "regex":
		return map[string]any{"type": "string", "format": "regex"}
	case "boolean":
		return map[string]any{"type": "boolean"}
	case "integer":
		return map[string]any{"type": "integer"}
	case "port":
		return port
	case "cidr":
		return map[string]any{"type": "string", "pattern": `^[0-9A-Fa-f:.]+/[0-9]{1,3}$`}
	case "port_range":
		return map[string]any{"anyOf": []any{
			map[string]any{"type": "string", "pattern": `^\s*[0-9]{1,5}(-[0-9]{1,5})?\s*$`},
			port,
			map[string]any{"type": "array", "items": port, "minItems": 2, "maxItems": 2},
		}}
	}
	if len(typ) > 6 && typ[:5] == "list(" {
		return map[string]any{"type": "array", "items": typeSchema(typ[5 : len(typ)-1])}
	}
	return map[string]any{}
}

// TestConfigSchemaChecksRuleParameters checks that an editor using the
// schema flags what rampart refuses in a built-in parameter, and accepts
// a name it does not know (a --policy-dir policy's own).
func TestConfigSchemaChecksRuleParameters(t *testing.T) {
	schema, _ := loadConfigSchema(t)
	for doc, valid := range map[string]bool{
		`{"rule_config": {"admin_ports": [22, 2222], "allowed_port_ranges": ["1024-2048", [8000, 8100]], "bastion_cidrs": ["10.0.0.0/8"]}}`: true,
		`{"rule_config": {"acme_owner_domain": "acme.test"}}`:                                                                               true,
		`{"rule_config": {"admin_ports": [70000]}}`:                                                                                         false,
		`{"rule_config": {"max_ingress_rules": "five"}}`:                                                                                    false,
		`{"rule_config": {"allowed_port_ranges": ["ssh"]}}`:                                                                                 false,
	} {
		var v any
		if err := json.Unmarshal([]byte(doc), &v); err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(v); (err == nil) != valid {
			t.Errorf("%s: valid = %v, want %v (%v)", doc, err == nil, valid, err)
		}
	}
}
