package terraform

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/rampart-iac/rampart/analyzer/terraform/forbudget"
	"github.com/rampart-iac/rampart/analyzer/terraform/nesting"
)

// parser parses configuration and variables files once per scan (hcl's
// parser caches them by name) and bounds the for expressions of every
// file it parses with the iteration budget of the root module being
// evaluated: one meter, reset for each root, since roots are evaluated
// one after the other and share the parsed files.
type parser struct {
	*hclparse.Parser
	iterations *forbudget.Meter
}

func newParser() *parser {
	return &parser{Parser: hclparse.NewParser(), iterations: forbudget.NewMeter(forbudget.MaxIterations)}
}

// parseSource parses a configuration or variables file read from path,
// native syntax or JSON by its name, after checking its nesting: hcl's
// parsers recurse once per level, and a deep enough file overflows the
// stack, which no recover catches. A JSON file's expressions are bounded
// when they are rewritten as native syntax (jsonAsSyntax).
func parseSource(p *parser, src []byte, path string) (*hcl.File, hcl.Diagnostics) {
	if strings.HasSuffix(path, ".json") {
		if diags := nesting.JSON(src, path); diags.HasErrors() {
			return nil, diags
		}
		return p.ParseJSON(src, path)
	}
	if diags := nesting.HCL(src, path, hcl.InitialPos, false); diags.HasErrors() {
		return nil, diags
	}
	f, diags := p.ParseHCL(src, path)
	if f != nil {
		if body, ok := f.Body.(*hclsyntax.Body); ok {
			forbudget.Bound(body, p.iterations)
		}
	}
	return f, diags
}

// parseExpression parses a variable value given as text (-var, TF_VAR_*,
// a configuration file), with the same nesting check and iteration budget.
func parseExpression(p *parser, src []byte, name string) (hclsyntax.Expression, hcl.Diagnostics) {
	if diags := nesting.HCL(src, name, hcl.InitialPos, false); diags.HasErrors() {
		return nil, diags
	}
	expr, diags := hclsyntax.ParseExpression(src, name, hcl.InitialPos)
	if !diags.HasErrors() {
		forbudget.Bound(expr, p.iterations)
	}
	return expr, diags
}
