package engine

import (
	"encoding/json"
	"fmt"
	"math"
	"net"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/agext/levenshtein"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-iac/rampart/analyzer/result"
)

// Rule parameters are declared once and listed by the rules that read
// them. The built-in ones are rules of package rampart.lib.config written
// NAME := param("NAME", DEFAULT), each with a METADATA block holding its
// description and custom.type: the Rego default is the documented one
// because it is the same text. A user policy, which cannot add to that
// package, declares its own in its METADATA custom.parameters as a map
// {name, type, default, description}. A rule lists the parameters it reads
// in custom.parameters by name.

// configPackage is the package that declares the built-in parameters.
var configPackage = ast.MustParseRef("data.rampart.lib.config")

// paramDecl is a declared parameter and where it is declared.
type paramDecl struct {
	result.Parameter
	where string
}

// paramEntry is one entry of a rule's METADATA custom.parameters: a name,
// or a declaration when decl is set.
type paramEntry struct {
	name string
	decl *paramDecl
}

// readParamEntries reads custom.parameters of a rule's METADATA.
func readParamEntries(v any, where string) ([]paramEntry, error) {
	if v == nil {
		return nil, nil
	}
	items, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("%s: METADATA custom.parameters must be a list of parameter names or {name, type, default, description} maps", where)
	}
	out := make([]paramEntry, 0, len(items))
	for _, it := range items {
		switch it := it.(type) {
		case string:
			out = append(out, paramEntry{name: strings.TrimSpace(it)})
		case map[string]any:
			d, err := inlineDecl(it, where)
			if err != nil {
				return nil, err
			}
			out = append(out, paramEntry{name: d.Name, decl: d})
		default:
			return nil, fmt.Errorf("%s: METADATA custom.parameters: %v is neither a name nor a {name, type, default, description} map", where, it)
		}
	}
	return out, nil
}

// inlineDecl reads a parameter declared in a rule's METADATA.
func inlineDecl(m map[string]any, where string) (*paramDecl, error) {
	for k := range m {
		if !slices.Contains([]string{"name", "type", "default", "description", inactiveWhenEmptyKey}, k) {
			return nil, fmt.Errorf("%s: METADATA custom.parameters: unknown key %q (a declaration has name, type, default and description, and may have %s)", where, k, inactiveWhenEmptyKey)
		}
	}
	name, _ := m["name"].(string)
	typ, _ := m["type"].(string)
	desc, _ := m["description"].(string)
	def, hasDefault := m["default"]
	if name == "" || typ == "" || desc == "" || !hasDefault {
		return nil, fmt.Errorf("%s: METADATA custom.parameters: a declaration needs a name, a type, a default and a description", where)
	}
	d, err := newDecl(name, typ, def, strings.TrimSpace(desc), where)
	if err != nil {
		return nil, err
	}
	return d, d.setInactiveWhenEmpty(m[inactiveWhenEmptyKey])
}

// newDecl checks a declaration: a known type, and a default of that type.
func newDecl(name, typ string, def any, desc, where string) (*paramDecl, error) {
	t, err := parseParamType(typ)
	if err != nil {
		return nil, fmt.Errorf("%s: parameter %s: %w", where, name, err)
	}
	if err := t.check(def); err != nil {
		return nil, fmt.Errorf("%s: parameter %s: the default %s: %w", where, name, renderValue(def), err)
	}
	return &paramDecl{Parameter: result.Parameter{Name: name, Type: t.String(), Default: def, Description: desc}, where: where}, nil
}

// configDecls reads the parameters declared in package rampart.lib.config:
// every rule there with a METADATA custom.type.
func configDecls(mods map[string]*ast.Module) ([]*paramDecl, error) {
	var out []*paramDecl
	for _, name := range sortedNames(mods) {
		m := mods[name]
		if !m.Package.Path.Equal(configPackage) {
			continue
		}
		consts := groundConstants(m)
		for _, r := range m.Rules {
			a := typeAnnotation(r)
			if a == nil {
				continue
			}
			where := fmt.Sprintf("%s:%d", name, r.Location.Row)
			d, err := configDecl(r, a, consts, where)
			if err != nil {
				return nil, err
			}
			out = append(out, d)
		}
	}
	return out, nil
}

// typeAnnotation is the rule's METADATA block that carries custom.type.
func typeAnnotation(r *ast.Rule) *ast.Annotations {
	for _, a := range r.Annotations {
		if _, ok := a.Custom["type"]; ok {
			return a
		}
	}
	return nil
}

// configDecl reads NAME := param("NAME", DEFAULT), DEFAULT a literal or a
// constant of the same package.
func configDecl(r *ast.Rule, a *ast.Annotations, consts map[string]ast.Value, where string) (*paramDecl, error) {
	name := r.Head.Ref().String()
	form := fmt.Errorf("%s: parameter %s must be written %s := param(%q, DEFAULT)", where, name, name, name)
	if len(r.Head.Ref()) != 1 || r.Head.Value == nil || len(r.Head.Args) > 0 || r.Body.String() != "true" {
		return nil, form
	}
	call, ok := r.Head.Value.Value.(ast.Call)
	if !ok || len(call) != 3 || call[0].String() != "param" {
		return nil, form
	}
	if s, ok := call[1].Value.(ast.String); !ok || string(s) != name {
		return nil, form
	}
	def := call[2].Value
	if v, ok := def.(ast.Var); ok {
		def = consts[string(v)]
	}
	if _, isRef := def.(ast.Ref); isRef || def == nil || !def.IsGround() {
		return nil, fmt.Errorf("%s: parameter %s: the default must be a literal or a constant of this package", where, name)
	}
	val, err := ast.JSON(def)
	if err != nil {
		return nil, fmt.Errorf("%s: parameter %s: %w", where, name, err)
	}
	typ, _ := a.Custom["type"].(string)
	d, err := newDecl(name, typ, normalizeNumbers(val), strings.TrimSpace(a.Description), where)
	if err != nil {
		return nil, err
	}
	return d, d.setInactiveWhenEmpty(a.Custom[inactiveWhenEmptyKey])
}

// groundConstants maps the module's rules NAME := <literal> to their value.
func groundConstants(m *ast.Module) map[string]ast.Value {
	out := map[string]ast.Value{}
	for _, r := range m.Rules {
		if r.Head.Value != nil && r.Head.Value.IsGround() && len(r.Head.Args) == 0 && len(r.Head.Ref()) == 1 {
			out[r.Head.Ref().String()] = r.Head.Value.Value
		}
	}
	return out
}

func sortedNames(mods map[string]*ast.Module) []string {
	names := make([]string, 0, len(mods))
	for n := range mods {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// declaredParameters gathers every declared parameter, from rampart.lib.config
// and from rules' METADATA; a name declared twice is an error.
func declaredParameters(mods map[string]*ast.Module, rules []*ruleModule) (map[string]*paramDecl, error) {
	decls, err := configDecls(mods)
	if err != nil {
		return nil, err
	}
	for _, rm := range rules {
		for _, e := range rm.params {
			if e.decl != nil {
				decls = append(decls, e.decl)
			}
		}
	}
	out := make(map[string]*paramDecl, len(decls))
	for _, d := range decls {
		if prev, dup := out[d.Name]; dup {
			return nil, fmt.Errorf("%s: parameter %s is already declared at %s", d.where, d.Name, prev.where)
		}
		out[d.Name] = d
	}
	return out, nil
}

// resolveParameters fills each rule's Parameters from the declarations.
func resolveParameters(mods map[string]*ast.Module, rules []*ruleModule) error {
	decls, err := declaredParameters(mods, rules)
	if err != nil {
		return err
	}
	for _, rm := range rules {
		rm.meta.Parameters = nil
		for _, e := range rm.params {
			d, ok := decls[e.name]
			if !ok {
				return fmt.Errorf("%s:%d: METADATA custom.parameters: no parameter %q is declared (the built-in ones are in policies/lib/config.rego; a policy declares its own as {name, type, default, description})", rm.file, rm.line, e.name)
			}
			rm.meta.Parameters = append(rm.meta.Parameters, d.Parameter)
		}
	}
	return nil
}

// ParameterError is a rule_config setting that no loaded rule declares, or
// whose value has the wrong type. Name is the setting's key.
type ParameterError struct {
	Name string
	Err  error
}

func (e *ParameterError) Error() string { return fmt.Sprintf("rule_config: %s: %v", e.Name, e.Err) }
func (e *ParameterError) Unwrap() error { return e.Err }

// checkRuleConfig validates the user's rule parameters against the
// declarations, in name order so the first error is stable.
func checkRuleConfig(decls map[string]*paramDecl, cfg map[string]any) error {
	names := make([]string, 0, len(cfg))
	for n := range cfg {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		d, ok := decls[n]
		if !ok {
			msg := "no rule reads this parameter"
			if s := closestParameter(n, decls); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			} else {
				msg += " (rampart explain RULE lists a rule's parameters)"
			}
			return &ParameterError{Name: n, Err: fmt.Errorf("%s", msg)}
		}
		t, _ := parseParamType(d.Type)
		if err := t.check(cfg[n]); err != nil {
			return &ParameterError{Name: n, Err: fmt.Errorf("%s is not a %s: %w", renderValue(cfg[n]), d.Type, err)}
		}
	}
	return nil
}

func closestParameter(name string, decls map[string]*paramDecl) string {
	best, bestDist := "", 4
	for _, k := range sortedKeys(decls) {
		if d := levenshtein.Distance(name, k, nil); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// paramType is a parameter's type: an element type, or a list of one.
type paramType struct {
	elem string
	list bool
}

var elemTypes = []string{"string", "regex", "boolean", "integer", "port", "cidr", "port_range"}

func parseParamType(s string) (paramType, error) {
	s = strings.TrimSpace(s)
	t := paramType{elem: s}
	if inner, ok := strings.CutPrefix(s, "list("); ok && strings.HasSuffix(inner, ")") {
		t = paramType{elem: strings.TrimSuffix(inner, ")"), list: true}
	}
	if !slices.Contains(elemTypes, t.elem) {
		return paramType{}, fmt.Errorf("unknown type %q (types: %s, or list(T) of one of them)", s, strings.Join(elemTypes, ", "))
	}
	return t, nil
}

func (t paramType) String() string {
	if t.list {
		return "list(" + t.elem + ")"
	}
	return t.elem
}

// check reports why v, as YAML or JSON decodes it, is not of type t.
func (t paramType) check(v any) error {
	if !t.list {
		return checkElem(t.elem, v)
	}
	items, ok := v.([]any)
	if !ok {
		return fmt.Errorf("a list is expected")
	}
	for i, it := range items {
		if err := checkElem(t.elem, it); err != nil {
			return fmt.Errorf("item %d (%s): %w", i+1, renderValue(it), err)
		}
	}
	return nil
}

func checkElem(elem string, v any) error {
	switch elem {
	case "string":
		if _, ok := v.(string); !ok {
			return fmt.Errorf("a string is expected")
		}
	case "regex":
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("a regular expression (a string) is expected")
		}
		if _, err := regexp.Compile(s); err != nil {
			return fmt.Errorf("not a valid RE2 regular expression: %w", err)
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			return fmt.Errorf("true or false is expected")
		}
	case "integer":
		if _, ok := integer(v); !ok {
			return fmt.Errorf("a whole number is expected")
		}
	case "port":
		return checkPort(v)
	case "cidr":
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("a CIDR block (a string such as 10.0.0.0/8) is expected")
		}
		if _, _, err := net.ParseCIDR(s); err != nil {
			return fmt.Errorf("not a CIDR block such as 10.0.0.0/8 or 2001:db8::/32")
		}
	case "port_range":
		return checkPortRange(v)
	}
	return nil
}

func checkPort(v any) error {
	n, ok := integer(v)
	if !ok || n < 0 || n > 65535 {
		return fmt.Errorf("a port, a whole number from 0 to 65535, is expected")
	}
	return nil
}

// checkPortRange accepts what the policies' parse_range reads: "from-to",
// "port", a port, or [from, to].
func checkPortRange(v any) error {
	bad := fmt.Errorf(`a port range, "from-to" or [from, to] with ports from 0 to 65535 and from <= to, is expected`)
	var from, to any
	switch v := v.(type) {
	case string:
		a, b, isRange := strings.Cut(strings.TrimSpace(v), "-")
		if !isRange {
			b = a
		}
		x, err1 := strconv.Atoi(a)
		y, err2 := strconv.Atoi(b)
		if err1 != nil || err2 != nil {
			return bad
		}
		from, to = x, y
	case []any:
		if len(v) != 2 {
			return bad
		}
		from, to = v[0], v[1]
	default:
		from, to = v, v
	}
	if checkPort(from) != nil || checkPort(to) != nil {
		return bad
	}
	if x, _ := integer(from); x > mustInteger(to) {
		return bad
	}
	return nil
}

// integer returns v as a whole number, whichever way a decoder gave it.
func integer(v any) (int64, bool) {
	switch n := v.(type) {
	case int:
		return int64(n), true
	case int64:
		return n, true
	case uint64:
		return int64(n), n <= math.MaxInt64
	case float64:
		return int64(n), n == math.Trunc(n) && math.Abs(n) < 1<<53
	case json.Number:
		i, err := n.Int64()
		return i, err == nil
	}
	return 0, false
}

// mustInteger is integer for a value already checked to be one.
func mustInteger(v any) int64 {
	n, _ := integer(v)
	return n
}

// normalizeNumbers turns the json.Number values ast.JSON returns into
// int64 or float64, so a default renders and compares as a number.
func normalizeNumbers(v any) any {
	switch v := v.(type) {
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return i
		}
		f, _ := v.Float64()
		return f
	case []any:
		out := make([]any, len(v))
		for i, it := range v {
			out[i] = normalizeNumbers(it)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, it := range v {
			out[k] = normalizeNumbers(it)
		}
		return out
	}
	return v
}

// renderValue writes a parameter value as JSON, a list with a space after
// each comma, for messages and docs/rules.md.
func renderValue(v any) string {
	if items, ok := v.([]any); ok {
		parts := make([]string, len(items))
		for i, it := range items {
			parts[i] = renderValue(it)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
