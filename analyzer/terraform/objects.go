package terraform

import (
	"maps"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// terraformDataSchema is the attribute set of terraform_data, the one
// resource type whose schema Terraform itself defines.
var terraformDataSchema = []string{"id", "input", "output", "triggers_replace"}

// hasSchema reports whether rampart knows rc's full attribute set.
func hasSchema(rc *resourceConfig) bool {
	return !rc.data && rc.typ == "terraform_data"
}

// openMark marks the object standing for a whole resource instance whose
// attribute set rampart cannot know (no provider schemas): it holds the
// configured arguments and every attribute name the configurations read
// anywhere, the ones not configured Unknown. Functions that would answer
// from its key set (keys, length, merge, jsonencode, ...) answer Unknown
// instead of a wrong key set, and lookup of a key it lacks is Unknown
// standing for that attribute.
//
// cty passes a container's marks on to what is read from it, so
// each.value.tags carries the mark of each.value too; names, the
// object's sorted attribute names, tells the object itself from its
// parts.
type openMark struct {
	Resource string
	Names    string
}

// openResource returns the mark when v (marked or not) is an open
// resource object itself.
func openResource(v cty.Value) (openMark, bool) {
	inner, marks := v.Unmark()
	if len(marks) == 0 || !inner.Type().IsObjectType() {
		return openMark{}, false
	}
	names := objectNames(inner.Type())
	for m := range marks {
		if om, ok := m.(openMark); ok && om.Names == names {
			return om, true
		}
	}
	return openMark{}, false
}

func objectNames(ty cty.Type) string {
	names := make([]string, 0, len(ty.AttributeTypes()))
	for n := range ty.AttributeTypes() {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ",")
}

// containsOpen reports whether v or anything in it is an open resource
// object.
func containsOpen(v cty.Value) bool {
	if !v.ContainsMarked() {
		return false
	}
	if _, ok := openResource(v); ok {
		return true
	}
	inner, _ := v.Unmark()
	if !inner.IsKnown() || inner.IsNull() || !inner.CanIterateElements() {
		return false
	}
	for it := inner.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if containsOpen(e) {
			return true
		}
	}
	return false
}

// keySetFuncs answer from an object's key set; given an open resource
// object they are Unknown. The encoders (true) look for one anywhere in
// their arguments, the others only at the top: length of a list of
// resource objects is known.
var keySetFuncs = map[string]bool{
	"keys": false, "values": false, "length": false, "merge": false, "tomap": false,
	"jsonencode": true, "yamlencode": true,
}

// openAware wraps a function that answers from its arguments' key sets:
// with an open resource object among them (anywhere in them when deep)
// its result is Unknown, with the arguments' marks for edges.
func openAware(fn function.Function, deep bool) function.Function {
	anyOpen := func(args []cty.Value) bool {
		for _, a := range args {
			if _, ok := openResource(a); ok || (deep && containsOpen(a)) {
				return true
			}
		}
		return false
	}
	return function.New(&function.Spec{
		Description: fn.Description(),
		Params:      markedParams(fn.Params()),
		VarParam:    markedParam(fn.VarParam()),
		Type: func(args []cty.Value) (cty.Type, error) {
			if anyOpen(args) {
				return cty.DynamicPseudoType, nil
			}
			return fn.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if anyOpen(args) {
				return cty.DynamicVal.WithMarks(deepMarks(args)...), nil
			}
			return fn.Call(args)
		},
	})
}

// openLookup wraps lookup: a key an open resource object lacks may still
// be one of the resource's attributes, so it is Unknown standing for it
// rather than the default.
func openLookup(fn function.Function) function.Function {
	return function.New(&function.Spec{
		Description: fn.Description(),
		Params:      fn.Params(),
		VarParam:    fn.VarParam(),
		Type: func(args []cty.Value) (cty.Type, error) {
			if _, ok := missingOpenKey(args); ok {
				return cty.DynamicPseudoType, nil
			}
			return fn.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if id, ok := missingOpenKey(args); ok {
				_, marks := args[0].Unmark()
				return cty.DynamicVal.WithMarks(marks, cty.NewValueMarks(id)), nil
			}
			return fn.Call(args)
		},
	})
}

// missingOpenKey reports the attribute lookup(obj, key, ...) reads when
// obj is an open resource object without that key.
func missingOpenKey(args []cty.Value) (identMark, bool) {
	if len(args) < 2 {
		return identMark{}, false
	}
	om, ok := openResource(args[0])
	if !ok {
		return identMark{}, false
	}
	key, _ := args[1].Unmark()
	if !key.IsKnown() || key.IsNull() || key.Type() != cty.String {
		return identMark{}, false
	}
	obj, _ := args[0].Unmark()
	if obj.Type().HasAttribute(key.AsString()) {
		return identMark{}, false
	}
	return identMark{Resource: om.Resource, Attr: key.AsString()}, true
}

// deepMarks collects the marks in args, the content of an open resource
// object counting as one reference to the resource as a whole (not one
// per attribute name rampart gave it).
func deepMarks(args []cty.Value) []cty.ValueMarks {
	out := cty.ValueMarks{}
	for _, a := range args {
		collapsedMarks(a, out)
	}
	return []cty.ValueMarks{out}
}

func collapsedMarks(v cty.Value, out cty.ValueMarks) {
	if !v.ContainsMarked() {
		return
	}
	inner, marks := v.Unmark()
	for m := range marks {
		out[m] = struct{}{}
	}
	if om, ok := openResource(v); ok {
		out[refMark{Resource: om.Resource}] = struct{}{}
		return
	}
	if !inner.IsKnown() || inner.IsNull() || !inner.CanIterateElements() {
		return
	}
	for it := inner.ElementIterator(); it.Next(); {
		_, e := it.Element()
		collapsedMarks(e, out)
	}
}

// openPaths lists the paths in v (unmarked, with pvms its marks) that
// hold an open resource object, each with the resource.
func openPaths(v cty.Value, pvms []cty.PathValueMarks) map[string]openAt {
	var out map[string]openAt
	for _, pvm := range pvms {
		for m := range pvm.Marks {
			om, ok := m.(openMark)
			if !ok {
				continue
			}
			at, err := pvm.Path.Apply(v)
			if err != nil || !at.Type().IsObjectType() || objectNames(at.Type()) != om.Names {
				continue
			}
			if out == nil {
				out = map[string]openAt{}
			}
			out[pathKey(pvm.Path)] = openAt{path: pvm.Path, resource: om.Resource}
		}
	}
	return out
}

type openAt struct {
	path     cty.Path
	resource string
}

// insideOpen reports whether p lies strictly inside one of the open
// objects.
func insideOpen(p cty.Path, open map[string]openAt) bool {
	for i := len(p) - 1; i >= 0; i-- {
		if _, ok := open[pathKey(p[:i])]; ok {
			return true
		}
	}
	return false
}

func pathKey(p cty.Path) string {
	var b strings.Builder
	for _, step := range p {
		switch s := step.(type) {
		case cty.GetAttrStep:
			b.WriteString("." + s.Name)
		case cty.IndexStep:
			b.WriteString("[" + s.Key.GoString() + "]")
		}
	}
	return b.String()
}

// markedParams lets a wrapper see its arguments' marks; the wrapped
// function, called with them, handles them as it always does.
func markedParams(ps []function.Parameter) []function.Parameter {
	out := make([]function.Parameter, len(ps))
	for i := range ps {
		out[i] = *markedParam(&ps[i])
	}
	return out
}

func markedParam(p *function.Parameter) *function.Parameter {
	if p == nil {
		return nil
	}
	c := *p
	c.AllowMarked = true
	return &c
}

// vocabulary is every attribute name the configurations of this
// evaluation read anywhere (after a dot, or as a literal string index or
// lookup key): the attributes an expression may read from a whole
// resource object. It walks the module tree statically, as far as local
// sources and the module manifest reach, and reads native syntax only.
func (ev *evaluator) vocabulary() map[string]bool {
	if ev.vocab != nil {
		return ev.vocab
	}
	ev.vocab = map[string]bool{}
	seen := map[string]bool{}
	var walk func(cfg *moduleConfig, key string)
	walk = func(cfg *moduleConfig, key string) {
		if seen[cfg.dir] {
			return
		}
		seen[cfg.dir] = true
		maps.Copy(ev.vocab, cfg.names())
		for _, call := range cfg.calls {
			ck := call.name
			if key != "" {
				ck = key + "." + call.name
			}
			if dir, ok := ev.staticSource(cfg, call, ck); ok {
				walk(ev.loader.config(dir), ck)
			}
		}
	}
	walk(ev.loader.config(ev.rootDir), "")
	return ev.vocab
}

// staticSource is the directory of a module call, if rampart may read
// it, without the diagnostics resolveSource reports when evaluating.
func (ev *evaluator) staticSource(cfg *moduleConfig, call *moduleCall, key string) (string, bool) {
	dir := ev.manifest[key]
	if isLocalSource(call.source) {
		dir = filepath.Join(cfg.dir, call.source)
	}
	if dir == "" || !ev.inBoundary(dir) {
		return "", false
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return "", false
	}
	return dir, true
}

// collectNames adds the attribute names body's expressions read.
func collectNames(body *hclsyntax.Body, out map[string]bool) {
	addReadNames(body, out, true)
}

func literalString(e hclsyntax.Expression) (string, bool) {
	t, ok := e.(*hclsyntax.TemplateExpr)
	if !ok || !t.IsStringLiteral() {
		return "", false
	}
	v, diags := t.Value(nil)
	if diags.HasErrors() || v.Type() != cty.String {
		return "", false
	}
	return v.AsString(), true
}
