package terraform

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/terraform-linters/tflint-plugin-sdk/terraform/lang/marks"
	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

var sensitiveMark = marks.Sensitive

// rootValue is a value given for a root module variable. Values from the
// command line and the environment stay raw strings until the variable's
// declared type says how to read them, as in Terraform.
type rootValue struct {
	expr hcl.Expression // from a tfvars file
	json bool           // expr is from a .tfvars.json file
	raw  *string        // from --var or TF_VAR_*
	name string         // variable name, for a raw value's pseudo file name
	note string
	rng  hcl.Range // the tfvars attribute, for diagnostics
}

// loadRootValues collects variable values in Terraform's order of
// precedence, later sources replacing earlier ones: TF_VAR_* environment
// variables, terraform.tfvars, terraform.tfvars.json, *.auto.tfvars and
// *.auto.tfvars.json in lexical order, then the -var and -var-file
// arguments in the order given.
func (ev *evaluator) loadRootValues() {
	vals := map[string]*rootValue{}
	for _, kv := range ev.opts.Env {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			continue
		}
		if name, ok := strings.CutPrefix(k, "TF_VAR_"); ok && name != "" {
			raw := v
			vals[name] = &rootValue{raw: &raw, name: name, note: fmt.Sprintf("variable %s set by %s", name, k)}
		}
	}
	for _, f := range autoVarFiles(ev.rootDir) {
		ev.readVarFile(f, ev.loader.root, vals)
	}
	for _, a := range ev.opts.Args {
		if a.Name == "" {
			// A --var-file is the user's, wherever it is (a configuration
			// file's var_files are confined when it is read); it is still
			// read only if it is a bounded regular file.
			ev.readVarFile(a.File, "", vals)
			continue
		}
		raw, via := a.Value, a.Via
		if via == "" {
			via = "--var"
		}
		vals[a.Name] = &rootValue{raw: &raw, name: a.Name, note: fmt.Sprintf("variable %s set by %s", a.Name, via)}
	}
	ev.rootVals = vals
}

// autoVarFiles lists the variable files terraform reads by itself from the
// root module directory, in its order.
func autoVarFiles(dir string) []string {
	var files []string
	for _, name := range []string{"terraform.tfvars", "terraform.tfvars.json"} {
		p := filepath.Join(dir, name)
		if _, err := os.Stat(p); err == nil {
			files = append(files, p)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return files
	}
	var auto []string
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() && (strings.HasSuffix(n, ".auto.tfvars") || strings.HasSuffix(n, ".auto.tfvars.json")) {
			auto = append(auto, n)
		}
	}
	sort.Strings(auto)
	for _, n := range auto {
		files = append(files, filepath.Join(dir, n))
	}
	return files
}

func (ev *evaluator) readVarFile(path, root string, vals map[string]*rootValue) {
	ev.addFile(path)
	f, diags := parseFile(ev.vars, path, root)
	ev.addHCL(diags)
	if f == nil || f.Body == nil {
		return
	}
	attrs, diags := f.Body.JustAttributes()
	ev.addHCL(diags)
	json := strings.HasSuffix(path, ".json")
	for name, a := range attrs {
		vals[name] = &rootValue{expr: a.Expr, json: json, name: name, rng: a.NameRange,
			note: fmt.Sprintf("variable %s set in %s", name, filepath.Base(path))}
	}
}

// jsonLiteral reads a value of a .tfvars.json file as Terraform does: as
// plain JSON, where "${x}" is the text ${x}. hcl's JSON syntax reads
// strings as templates only when given an evaluation context, so the
// value comes from evaluating without one; the walk over arrays and
// objects only gives each element its own location.
func jsonLiteral(expr hcl.Expression) (cty.Value, *graph.Value, hcl.Diagnostics) {
	v, diags := expr.Value(nil)
	if diags.HasErrors() {
		return cty.DynamicVal, nil, diags
	}
	l := loc(expr.Range())
	return v, annotate(v, jsonShadow(expr, v), l, nil, ""), diags
}

// jsonShadow locates each element of a literal JSON value v read from expr.
func jsonShadow(expr hcl.Expression, v cty.Value) *graph.Value {
	l := loc(expr.Range())
	ty := v.Type()
	switch {
	case ty.IsTupleType():
		items, diags := hcl.ExprList(expr)
		if diags.HasErrors() || len(items) != v.LengthInt() {
			break
		}
		shadows := make([]*graph.Value, len(items))
		for i, it := range items {
			shadows[i] = jsonShadow(it, v.Index(cty.NumberIntVal(int64(i))))
		}
		return graph.List(shadows, l)
	case ty.IsObjectType():
		pairs, diags := hcl.ExprMap(expr)
		if diags.HasErrors() {
			break
		}
		m := graph.Map(l)
		for _, p := range pairs {
			k, diags := p.Key.Value(nil)
			if diags.HasErrors() || k.Type() != cty.String || k.IsNull() || !ty.HasAttribute(k.AsString()) {
				continue
			}
			m.Set(k.AsString(), jsonShadow(p.Value, v.GetAttr(k.AsString())))
		}
		return m
	}
	return fromCty(v, l, "")
}

// rootValue reads a root variable's given value. tfvars values are
// literals (.tfvars.json ones plain JSON); a raw string is parsed as an HCL expression only when the
// variable's type is not primitive, as terraform -var does.
func (ev *evaluator) rootValue(vc *variableConfig, rv *rootValue) (cty.Value, *graph.Value) {
	if rv.json {
		v, sh, diags := jsonLiteral(rv.expr)
		ev.addHCL(diags)
		if diags.HasErrors() {
			return v, graph.Unknown("invalid value for variable "+vc.name, loc(rv.expr.Range()))
		}
		return v, sh
	}
	if rv.expr != nil {
		// A native tfvars value is a literal: evaluated without variables
		// or functions, as terraform reads it.
		return (&scope{ev: ev}).eval(rv.expr)
	}
	if !vc.hasType || vc.typ.IsPrimitiveType() {
		return cty.StringVal(*rv.raw), graph.String(*rv.raw, graph.Location{})
	}
	expr, diags := parseExpression(ev.vars, []byte(*rv.raw), rv.note)
	if diags.HasErrors() {
		for _, d := range diags {
			ev.errorAt(graph.Location{}, "Invalid value for variable "+vc.name, fmt.Sprintf("%s: %s", rv.note, d.Detail))
		}
		return cty.DynamicVal, graph.Unknown("invalid value for variable "+vc.name, graph.Location{})
	}
	v, diags := expr.Value(nil)
	if diags.HasErrors() {
		for _, d := range diags {
			ev.errorAt(graph.Location{}, "Invalid value for variable "+vc.name, fmt.Sprintf("%s: %s", rv.note, d.Detail))
		}
		return cty.DynamicVal, graph.Unknown("invalid value for variable "+vc.name, graph.Location{})
	}
	// The value has no file position: its shadow sits nowhere and the
	// hop into the module records where it came from.
	return v, fromCty(v, graph.Location{}, "")
}

// finishVariable applies the declared type: optional attribute defaults,
// conversion, and the sensitive flag.
func (ev *evaluator) finishVariable(vc *variableConfig, val cty.Value, sh *graph.Value) (cty.Value, *graph.Value) {
	conv, out, err := finishValue(vc, val, sh)
	if err != nil {
		ev.invalidValue(vc, sh, err)
		return cty.UnknownVal(vc.typ), graph.Unknown("invalid value for variable "+vc.name, sh.Loc)
	}
	return conv, out
}

// checkVariable reports what finishVariable would about val, for a
// variable whose value is only validated, without building it.
func (ev *evaluator) checkVariable(vc *variableConfig, val cty.Value, sh *graph.Value) {
	if _, err := vc.convert(val); err != nil {
		ev.invalidValue(vc, sh, err)
	}
}

// invalidValue reports a value that does not convert to its variable's
// type. A value from the command line or the environment has no place in
// a file: terraform reports it at the variable's declaration.
func (ev *evaluator) invalidValue(vc *variableConfig, sh *graph.Value, err error) {
	at := sh.Loc
	if at.File == "" {
		at = loc(vc.declRange)
	}
	ev.errorAt(at, "Invalid value for input variable",
		fmt.Sprintf("the value for variable %q is not compatible with its type %s: %s", vc.name, vc.typ.FriendlyName(), err))
}

// finishValue converts a variable's value to its type and gives it its
// shadow, its optional() defaults' provenance and its marks.
func finishValue(vc *variableConfig, val cty.Value, sh *graph.Value) (cty.Value, *graph.Value, error) {
	conv, err := vc.convert(val)
	if err != nil {
		return cty.NilVal, nil, err
	}
	out := annotate(conv, sh, sh.Loc, sh.Trace, "")
	traceDefaults(out, sh, vc.optionals, "optional() default in the type of variable "+vc.name)
	if vc.sensitive {
		conv = conv.Mark(sensitiveMark)
		markSensitive(out)
	}
	if vc.ephemeral {
		conv = conv.Mark(ephemeralMark)
	}
	return conv, out, nil
}

// warnUndeclared reports tfvars values for variables the root module does
// not declare, as Terraform does: usually a typo that leaves the intended
// variable at its default. Command-line and environment values are not
// reported, since one --var serves every root of a scan.
func (ev *evaluator) warnUndeclared(cfg *moduleConfig) {
	names := make([]string, 0, len(ev.rootVals))
	for n, rv := range ev.rootVals {
		if rv.expr != nil && cfg.variables[n] == nil {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		ev.addDiag(graph.Diagnostic{
			Severity: graph.SeverityWarning,
			Summary:  "Value for undeclared variable",
			Detail:   fmt.Sprintf("a value is assigned to variable %q, which the root module does not declare", n),
			Location: loc(ev.rootVals[n].rng),
		})
	}
}
