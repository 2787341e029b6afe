package engine

import (
	"context"
	"errors"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-iac/rampart/analyzer/result"
)

// TestBuiltinParametersListed checks that every built-in rule lists in
// custom.parameters exactly the parameters of rampart.lib.config it reads,
// so rampart explain and docs/rules.md never miss one, and that every
// declared parameter is documented and read by some rule.
func TestBuiltinParametersListed(t *testing.T) {
	rules, mods := builtinRules(t)
	decls, err := configDecls(mods)
	if err != nil {
		t.Fatal(err)
	}
	declared := map[string]bool{}
	for _, d := range decls {
		declared[d.Name] = true
		if strings.TrimSpace(d.Description) == "" {
			t.Errorf("%s: parameter %s has no METADATA description", d.where, d.Name)
		}
	}
	used := map[string]bool{}
	for _, rm := range rules {
		reads := configReads(mods[rm.file])
		var listed []string
		for _, p := range rm.meta.Parameters {
			listed = append(listed, p.Name)
			used[p.Name] = true
		}
		for _, e := range rm.params {
			if e.decl != nil {
				t.Errorf("%s: built-in parameter %s is declared in the rule's METADATA; declare it in policies/lib/config.rego", rm.file, e.name)
			}
		}
		sort.Strings(listed)
		if !slices.Equal(listed, reads) {
			t.Errorf("%s (%s): METADATA custom.parameters lists %v, the rule reads %v", rm.file, rm.meta.ID, listed, reads)
		}
	}
	for name := range declared {
		if !used[name] {
			t.Errorf("parameter %s is declared but no rule lists it", name)
		}
	}
}

// configReads lists the parameters a module reads from rampart.lib.config:
// config.NAME, and config.param("NAME", ...) calls.
func configReads(m *ast.Module) []string {
	aliases := map[ast.Var]bool{}
	for _, imp := range m.Imports {
		ref, ok := imp.Path.Value.(ast.Ref)
		if !ok || !ref.Equal(configPackage) {
			continue
		}
		alias := imp.Alias
		if alias == "" {
			alias = ast.Var(ref[len(ref)-1].Value.(ast.String))
		}
		aliases[alias] = true
	}
	found := map[string]bool{}
	name := func(ref ast.Ref) (string, bool) {
		if len(ref) >= 2 {
			if v, ok := ref[0].Value.(ast.Var); ok && aliases[v] {
				s, ok := ref[1].Value.(ast.String)
				return string(s), ok
			}
		}
		if ref.HasPrefix(configPackage) && len(ref) > len(configPackage) {
			s, ok := ref[len(configPackage)].Value.(ast.String)
			return string(s), ok
		}
		return "", false
	}
	ast.WalkTerms(m, func(t *ast.Term) bool {
		switch v := t.Value.(type) {
		case ast.Call:
			if n, ok := name(v[0].Value.(ast.Ref)); ok && n == "param" && len(v) > 1 {
				if s, ok := v[1].Value.(ast.String); ok {
					found[string(s)] = true
				}
			}
		case ast.Ref:
			if n, ok := name(v); ok && n != "param" {
				found[n] = true
			}
		}
		return false
	})
	out := make([]string, 0, len(found))
	for n := range found {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func TestParamTypes(t *testing.T) {
	tests := []struct {
		typ  string
		v    any
		okay bool
	}{
		{"string", "x", true},
		{"string", 3, false},
		{"regex", `^[a-z]+$`, true},
		{"regex", `(`, false},
		{"boolean", true, true},
		{"boolean", "true", false},
		{"integer", 3, true},
		{"integer", 3.0, true},
		{"integer", 3.5, false},
		{"integer", "3", false},
		{"port", 65535, true},
		{"port", 65536, false},
		{"port", -1, false},
		{"cidr", "10.0.0.0/8", true},
		{"cidr", "2001:db8::/32", true},
		{"cidr", "10.0.0.1", false},
		{"port_range", "1024-2048", true},
		{"port_range", "8080", true},
		{"port_range", []any{1024, 2048}, true},
		{"port_range", 443, true},
		{"port_range", "2048-1024", false},
		{"port_range", "1024-70000", false},
		{"port_range", []any{1}, false},
		{"port_range", "a-b", false},
		{"list(port)", []any{22, 3389}, true},
		{"list(port)", []any{22, "ssh"}, false},
		{"list(port)", 22, false},
		{"list(string)", []any{}, true},
	}
	for _, tt := range tests {
		pt, err := parseParamType(tt.typ)
		if err != nil {
			t.Fatalf("%s: %v", tt.typ, err)
		}
		if err := pt.check(tt.v); (err == nil) != tt.okay {
			t.Errorf("%s check(%#v) = %v, want ok=%v", tt.typ, tt.v, err, tt.okay)
		}
	}
	for _, bad := range []string{"number", "list(list(port))", "list(port", ""} {
		if _, err := parseParamType(bad); err == nil {
			t.Errorf("type %q is accepted", bad)
		}
	}
}

func TestCheckRuleConfig(t *testing.T) {
	_, mods := builtinRules(t)
	decls, err := declaredParameters(mods, nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		cfg  map[string]any
		want string // "" for valid
	}{
		{nil, ""},
		{map[string]any{"admin_ports": []any{22, 2222}, "max_ingress_rules": 5, "allowed_port_ranges": []any{"1024-2048", []any{8000, 8100}}}, ""},
		{map[string]any{"admin_port": []any{22}}, `rule_config: admin_port: no rule reads this parameter; did you mean "admin_ports"?`},
		{map[string]any{"completely_unrelated_name": 1}, "rule_config: completely_unrelated_name: no rule reads this parameter (rampart explain RULE lists a rule's parameters)"},
		{map[string]any{"max_ingress_rules": "five"}, `rule_config: max_ingress_rules: "five" is not a integer: a whole number is expected`},
		{map[string]any{"admin_ports": []any{22, 70000}}, "rule_config: admin_ports: [22, 70000] is not a list(port): item 2 (70000): a port, a whole number from 0 to 65535, is expected"},
		{map[string]any{"security_group_name_pattern": "(["}, "rule_config: security_group_name_pattern:"},
	}
	for _, tt := range tests {
		err := checkRuleConfig(decls, tt.cfg)
		if tt.want == "" {
			if err != nil {
				t.Errorf("%v: %v", tt.cfg, err)
			}
			continue
		}
		var pe *ParameterError
		if !errors.As(err, &pe) || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%v: error %v, want %q", tt.cfg, err, tt.want)
		}
	}
}

// TestParameterDeclarations checks how a declaration in rampart.lib.config
// and one in a rule's METADATA are read, and what is refused.
func TestParameterDeclarations(t *testing.T) {
	parse := func(t *testing.T, text string) map[string]*ast.Module {
		t.Helper()
		m, err := ast.ParseModuleWithOpts("lib/config.rego", text, ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		if err != nil {
			t.Fatal(err)
		}
		return map[string]*ast.Module{"lib/config.rego": m}
	}
	const head = "package rampart.lib.config\n\nparam(name, fallback) := object.get(input, [\"config\", name], fallback)\n\n"
	const meta = "# METADATA\n# description: the limit\n# custom:\n#   type: integer\n"
	t.Run("literal and constant defaults", func(t *testing.T) {
		decls, err := configDecls(parse(t, head+"default_limit := 7\n\n"+meta+"limit := param(\"limit\", default_limit)\n\n"+strings.Replace(meta, "integer", "list(port)", 1)+"ports := param(\"ports\", [22])\n"))
		if err != nil {
			t.Fatal(err)
		}
		if len(decls) != 2 || decls[0].Name != "limit" || decls[0].Default != int64(7) || decls[0].Description != "the limit" || decls[1].Type != "list(port)" {
			t.Errorf("declarations = %+v %+v", decls[0], decls[1])
		}
	})
	for name, tt := range map[string]struct{ text, want string }{
		"name differs":      {meta + "limit := param(\"limits\", 3)\n", "must be written limit := param(\"limit\", DEFAULT)"},
		"not a param call":  {meta + "limit := 3\n", "must be written"},
		"default not known": {meta + "limit := param(\"limit\", input.x)\n", "the default must be a literal"},
		"wrong default":     {meta + "limit := param(\"limit\", \"three\")\n", "the default \"three\": a whole number is expected"},
		"unknown type":      {strings.Replace(meta, "integer", "number", 1) + "limit := param(\"limit\", 3)\n", "unknown type \"number\""},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := configDecls(parse(t, head+tt.text))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
	t.Run("rule METADATA", func(t *testing.T) {
		entries, err := readParamEntries([]any{"admin_ports", map[string]any{"name": "owner_domain", "type": "string", "default": "example.com", "description": "d"}}, "x.rego:1")
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 2 || entries[0].decl != nil || entries[1].decl == nil || entries[1].decl.Default != "example.com" {
			t.Errorf("entries = %+v", entries)
		}
		for _, bad := range []any{
			"admin_ports",
			[]any{map[string]any{"name": "x", "type": "string"}},
			[]any{map[string]any{"name": "x", "type": "string", "default": 3, "description": "d"}},
			[]any{map[string]any{"name": "x", "type": "string", "default": "a", "description": "d", "defualt": "b"}},
			[]any{7},
		} {
			if _, err := readParamEntries(bad, "x.rego:1"); err == nil {
				t.Errorf("%v is accepted", bad)
			}
		}
	})
}

// TestUserPolicyParameters checks that a user policy's own declaration is
// shown with its rule and accepted in rule_config, that a wrong type for it
// is refused, and that declaring a built-in parameter's name again is an
// error naming both places.
func TestUserPolicyParameters(t *testing.T) {
	e := newTestEngine(t, Options{PolicyDirs: []string{"testdata/custom"}, Config: map[string]any{"acme_owner_domain": "acme.test"}})
	var got []result.Parameter
	for _, r := range e.AllRules() {
		if r.ID == "ACME-001" {
			got = r.Parameters
		}
	}
	if len(got) != 1 || got[0].Name != "acme_owner_domain" || got[0].Default != "example.com" || got[0].Type != "string" {
		t.Errorf("ACME-001 parameters = %+v", got)
	}
	_, err := New(context.Background(), Options{PolicyDirs: []string{"testdata/custom"}, Config: map[string]any{"acme_owner_domain": 7}})
	var pe *ParameterError
	if !errors.As(err, &pe) || pe.Name != "acme_owner_domain" {
		t.Errorf("a number for a string parameter: %v", err)
	}

	dir := t.TempDir()
	writePolicy(t, dir, "dup.rego", strings.Replace(userRule("USER-009", "rampart.rules.dup", "deny contains 1 if false"), "reads: [vpc_id]", "reads: [vpc_id]\n#   parameters:\n#     - {name: admin_ports, type: list(port), default: [22], description: d}", 1))
	_, err = New(context.Background(), Options{PolicyDirs: []string{dir}})
	if err == nil || !strings.Contains(err.Error(), "parameter admin_ports is already declared at") {
		t.Errorf("a second declaration of admin_ports: %v", err)
	}
	writePolicy(t, dir, "dup.rego", strings.Replace(userRule("USER-009", "rampart.rules.dup", "deny contains 1 if false"), "reads: [vpc_id]", "reads: [vpc_id]\n#   parameters: [no_such_parameter]", 1))
	_, err = New(context.Background(), Options{PolicyDirs: []string{dir}})
	if err == nil || !strings.Contains(err.Error(), `no parameter "no_such_parameter" is declared`) {
		t.Errorf("an undeclared parameter: %v", err)
	}
}
