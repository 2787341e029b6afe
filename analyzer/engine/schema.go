package engine

import (
	_ "embed"
	"fmt"
	"maps"
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
// User rules a scan runs and policy tests go through it. The embedded
// policies are compiled without the schema when a scan needs them: they
// cannot change after the build, TestBuiltinPoliciesTypeCheck checks them,
// and reading the schema costs every compile time that grows with the
// number of kinds (BenchmarkCompileSchema).
func compileChecked(mods map[string]*ast.Module) (*ast.Compiler, error) {
	return compileWith(mods, inputSchemas())
}

// compileUser compiles user policy modules as compileChecked does, against
// the input schema narrowed to the kinds the modules name (narrowSchema):
// OPA types a resource of lib.resources(kind) as the union of every kind
// the schema has and builds that union again at each call, so 200 rules
// checked against all kinds cost a one-file scan more than every built-in
// rule (BenchmarkCompileNarrowed). A module may reach a kind it does not
// name (a kind computed at evaluation); the narrowed schema then rejects
// what the full one accepts, so a failed compile is done again against
// the full schema, whose answer stands. So is a set of modules that names
// no kind: OPA types an object schema without properties as an object of
// anything, which would accept a misspelled kind.
func compileUser(mods map[string]*ast.Module) (*ast.Compiler, error) {
	kinds := namedKinds(mods)
	if len(kinds) == 0 {
		return compileChecked(mods)
	}
	narrowed, err := narrowSchema(kinds)
	if err != nil {
		return nil, err
	}
	if c, err := compileWith(mods, schemaSet(narrowed)); err == nil {
		return c, nil
	}
	return compileChecked(mods)
}

func compileWith(mods map[string]*ast.Module, schemas *ast.SchemaSet) (*ast.Compiler, error) {
	c := newCompiler().WithSchemas(schemas)
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
	return schemaSet(s)
}

func schemaSet(s any) *ast.SchemaSet {
	set := ast.NewSchemaSet()
	set.Put(ast.SchemaRootRef, s)
	return set
}

// narrowSchema returns the input schema with only the given kinds under
// input.by_kind.
func narrowSchema(kinds map[string]bool) (any, error) {
	parts, err := inputSchemaParts()
	if err != nil {
		return nil, err
	}
	kept := make(map[string]any, len(kinds))
	for k := range kinds {
		if t, ok := parts.kinds[k]; ok {
			kept[k] = t
		}
	}
	byKind := maps.Clone(parts.byKind)
	byKind["properties"] = kept
	props := maps.Clone(parts.props)
	props["by_kind"] = byKind
	out := maps.Clone(parts.root)
	out["properties"] = props
	return out, nil
}

// schemaParts are the decoded input schema's objects narrowSchema
// replaces, each shared with the schema: never modified.
type schemaParts struct {
	root, props   map[string]any // the schema and its properties
	byKind, kinds map[string]any // input.by_kind and its properties, one per kind
}

// inputSchemaParts finds input.by_kind in the decoded input schema.
var inputSchemaParts = sync.OnceValues(func() (schemaParts, error) {
	full, err := inputSchema()
	if err != nil {
		return schemaParts{}, err
	}
	var p schemaParts
	if p.root, p.props, err = schemaProperties(full); err != nil {
		return schemaParts{}, err
	}
	if p.byKind, p.kinds, err = schemaProperties(p.props["by_kind"]); err != nil {
		return schemaParts{}, fmt.Errorf("input.by_kind: %w", err)
	}
	return p, nil
})

// schemaProperties returns a decoded JSON schema object and its properties.
func schemaProperties(schema any) (object, props map[string]any, err error) {
	object, ok := schema.(map[string]any)
	if !ok {
		return nil, nil, fmt.Errorf("policy input schema: %T is not an object", schema)
	}
	props, ok = object["properties"].(map[string]any)
	if !ok {
		return nil, nil, fmt.Errorf("policy input schema: no properties")
	}
	return object, props, nil
}

// namedKinds returns the kinds the modules name in a string
// (lib.resources("aws.s3.bucket"), input.by_kind["aws.s3.bucket"]).
func namedKinds(mods map[string]*ast.Module) map[string]bool {
	parts, err := inputSchemaParts()
	if err != nil {
		return nil // compileWith reports the schema's error
	}
	out := map[string]bool{}
	for _, m := range mods {
		ast.WalkTerms(m, func(t *ast.Term) bool {
			if s, ok := t.Value.(ast.String); ok && parts.kinds[string(s)] != nil {
				out[string(s)] = true
			}
			return false
		})
	}
	return out
}
