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

// inputSchemas returns the schema set that types input for every policy:
// OPA's type checker then rejects, with file and line, a rule that reads a
// property its kind does not declare (sg.properties.decription), which
// would otherwise compile and never fire.
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
