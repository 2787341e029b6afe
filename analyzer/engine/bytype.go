package engine

import (
	"github.com/open-policy-agent/opa/v1/ast"
)

// byTypeRef is input.by_type: every resource of the scan by native type,
// including those no canonical kind covers.
var byTypeRef = ast.InputRootRef.Append(ast.StringTerm("by_type"))

// readsByType reports whether a module refers to input.by_type (or to the
// whole input, which holds it). Building the index costs every scan a
// second pass over the resources and the normalizer a canonical stand-in
// for each native resource without a kind, so only a policy that reads it
// pays. A test's `with input as` is not a read: tests build their own
// input.
func readsByType(m *ast.Module) bool {
	found := false
	for _, r := range m.Rules {
		ast.WalkRefs(r, func(ref ast.Ref) bool {
			if found || !ref.HasPrefix(ast.InputRootRef) {
				return found
			}
			ground := ref.GroundPrefix()
			found = ground.HasPrefix(byTypeRef) || byTypeRef.HasPrefix(ground)
			return found
		})
	}
	return found
}

// ReadsByType reports whether a selected rule or a user library reads
// input.by_type: the scan then gives the engine a NativeOnly stand-in for
// every native resource no canonical kind covers.
func (e *Engine) ReadsByType() bool { return e.readsByType }
