package terraform

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/terraform-linters/tflint-plugin-sdk/terraform/lang/marks"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

var sensitiveMark = marks.Sensitive

// rootValue is a value given for a root module variable. Values from the
// command line and the environment stay raw strings until the variable's
// declared type says how to read them, as in Terraform.
type rootValue struct {
	expr hcl.Expression // from a tfvars file
	raw  *string        // from --var or TF_VAR_*
	name string         // variable name, for a raw value's pseudo file name
	note string
	rng  hcl.Range // the tfvars attribute, for diagnostics
}

// loadRootValues collects variable values in Terraform's order of
// precedence, later sources replacing earlier ones: TF_VAR_* environment
// variables, terraform.tfvars, terraform.tfvars.json, *.auto.tfvars and
// *.auto.tfvars.json in lexical order, --var-file files in order, then
// --var.
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
	var files []string
	for _, name := range []string{"terraform.tfvars", "terraform.tfvars.json"} {
		p := filepath.Join(ev.rootDir, name)
		if _, err := os.Stat(p); err == nil {
			files = append(files, p)
		}
	}
	if entries, err := os.ReadDir(ev.rootDir); err == nil {
		var auto []string
		for _, e := range entries {
			n := e.Name()
			if !e.IsDir() && (strings.HasSuffix(n, ".auto.tfvars") || strings.HasSuffix(n, ".auto.tfvars.json")) {
				auto = append(auto, n)
			}
		}
		sort.Strings(auto)
		for _, n := range auto {
			files = append(files, filepath.Join(ev.rootDir, n))
		}
	}
	files = append(files, ev.opts.VarFiles...)
	for _, f := range files {
		ev.readVarFile(f, vals)
	}
	names := make([]string, 0, len(ev.opts.Vars))
	for n := range ev.opts.Vars {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		raw := ev.opts.Vars[n]
		vals[n] = &rootValue{raw: &raw, name: n, note: fmt.Sprintf("variable %s set by --var", n)}
	}
	ev.rootVals = vals
}

func (ev *evaluator) readVarFile(path string, vals map[string]*rootValue) {
	ev.addFile(path)
	f, diags := parseFile(ev.loader.parser, path)
	ev.addHCL(diags)
	if f == nil || f.Body == nil {
		return
	}
	attrs, diags := f.Body.JustAttributes()
	ev.addHCL(diags)
	for name, a := range attrs {
		vals[name] = &rootValue{expr: a.Expr, name: name, rng: a.NameRange,
			note: fmt.Sprintf("variable %s set in %s", name, filepath.Base(path))}
	}
}

// rootValue reads a root variable's given value. tfvars values are
// literals; a raw string is parsed as an HCL expression only when the
// variable's type is not primitive, as terraform -var does.
func (ev *evaluator) rootValue(vc *variableConfig, rv *rootValue) (cty.Value, *graph.Value) {
	lit := &scope{ev: ev}
	if rv.expr != nil {
		return lit.eval(rv.expr)
	}
	if !vc.hasType || vc.typ.IsPrimitiveType() {
		return cty.StringVal(*rv.raw), graph.String(*rv.raw, graph.Location{})
	}
	expr, diags := hclsyntax.ParseExpression([]byte(*rv.raw), rv.note, hcl.InitialPos)
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
	if vc.defaults != nil && val.IsKnown() && !val.IsNull() {
		// Defaults walk the value's elements, which cty refuses to do
		// through marks: apply them to the unmarked value.
		raw, pvm := val.UnmarkDeepWithPaths()
		val = vc.defaults.Apply(raw).MarkWithPaths(pvm)
	}
	conv, err := convert.Convert(val, vc.typ)
	if err != nil {
		ev.errorAt(sh.Loc, "Invalid value for input variable",
			fmt.Sprintf("the value for variable %q is not compatible with its type %s: %s", vc.name, vc.typ.FriendlyName(), err))
		return cty.UnknownVal(vc.typ), graph.Unknown("invalid value for variable "+vc.name, sh.Loc)
	}
	out := annotate(conv, sh, sh.Loc, sh.Trace, "")
	if vc.sensitive {
		conv = conv.Mark(sensitiveMark)
		markSensitive(out)
	}
	return conv, out
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
