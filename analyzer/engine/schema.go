package engine

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/util"
)

// inputSchemaJSON is the JSON schema of the policy input, generated from the
// kind registry by internal/kindgen (docs/model.md, "Type checking").
//
//go:embed schema/input.json
var inputSchemaJSON []byte

// inputSchema decodes the schema once: OPA's compiler only reads it, so
// every compiler of the process shares one decoded copy.
var inputSchema = sync.OnceValues(func() (any, error) {
	var s any
	if err := util.UnmarshalJSON(inputSchemaJSON, &s); err != nil {
		return nil, fmt.Errorf("policy input schema: %w", err)
	}
	return s, nil
})

// compileChecked compiles like compile, and type-checks every module against
// the policy input's schema: OPA then rejects, with file and line, a rule
// that reads a property its kind does not declare (sg.properties.decription),
// which would otherwise compile and never fire.
//
// User policies (--policy-dir) and policy tests go through it. The embedded
// policies are compiled without the schema when a scan needs them: they
// cannot change after the build, TestBuiltinPoliciesTypeCheck checks them,
// and reading the schema costs every compile time that grows with the
// number of kinds (BenchmarkCompileSchema).
func compileChecked(mods map[string]*ast.Module) (*ast.Compiler, error) {
	c := newCompiler().WithSchemas(inputSchemas())
	c.Compile(mods)
	if c.Failed() {
		return nil, fmt.Errorf("compile policies: %w", explainASTErrors(c.Errors))
	}
	return c, nil
}

// inputSchemas returns the schema set that types input for every policy.
func inputSchemas() *ast.SchemaSet {
	s, err := inputSchema()
	if err != nil {
		// The schema is generated and embedded; TestInputSchemaParses
		// keeps it valid.
		panic(err)
	}
	set := ast.NewSchemaSet()
	set.Put(ast.SchemaRootRef, s)
	return set
}
