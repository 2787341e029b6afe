package terraform

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/rampart-iac/rampart/analyzer/terraform/nesting"
)

// parseSource parses a configuration or variables file read from path,
// native syntax or JSON by its name, after checking its nesting: hcl's
// parsers recurse once per level, and a deep enough file overflows the
// stack, which no recover catches.
func parseSource(p *hclparse.Parser, src []byte, path string) (*hcl.File, hcl.Diagnostics) {
	if strings.HasSuffix(path, ".json") {
		if diags := nesting.JSON(src, path); diags.HasErrors() {
			return nil, diags
		}
		return p.ParseJSON(src, path)
	}
	if diags := nesting.HCL(src, path, hcl.InitialPos, false); diags.HasErrors() {
		return nil, diags
	}
	return p.ParseHCL(src, path)
}

// parseExpression parses a variable value given as text (-var, TF_VAR_*,
// a configuration file), with the same nesting check.
func parseExpression(src []byte, name string) (hclsyntax.Expression, hcl.Diagnostics) {
	if diags := nesting.HCL(src, name, hcl.InitialPos, false); diags.HasErrors() {
		return nil, diags
	}
	return hclsyntax.ParseExpression(src, name, hcl.InitialPos)
}
