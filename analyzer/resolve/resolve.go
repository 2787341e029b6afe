// Package resolve finds what a reference between native resources names:
// the resource IDs a front-end writes in a graph.Ref, with or without a
// Terraform instance key. The normalizers (analyzer/aws) resolve references
// to native resources and the engine to canonical resources; both go
// through one Index, so a reference resolves the same way in both places.
package resolve

import "strings"

// Index maps resource IDs to targets of type T. The zero Index is not
// usable; create one with New.
type Index[T any] struct {
	byID map[string]T
	// byBase maps a Terraform address without its instance key
	// (aws_security_group.web) to its instances, for references written
	// without an index.
	byBase map[string][]T
}

// New returns an empty index.
func New[T any]() *Index[T] {
	return &Index[T]{byID: map[string]T{}, byBase: map[string][]T{}}
}

// Add records t under id, replacing what id named before, and as one of
// the instances of id's base address.
func (ix *Index[T]) Add(id string, t T) {
	ix.byID[id] = t
	base := BaseAddress(id)
	ix.byBase[base] = append(ix.byBase[base], t)
}

// Alias records t under id unless id already names something: a native
// resource folded into a canonical one (a rule resource into its group)
// resolves to its owner, but never shadows a resource of its own.
func (ix *Index[T]) Alias(id string, t T) {
	if _, taken := ix.byID[id]; !taken {
		ix.byID[id] = t
	}
}

// Resolve returns what id names: the target recorded under id itself, or,
// for a Terraform reference written without an instance key, the one
// instance of that resource. ok is false when id names nothing, or an
// address with several instances (which one is meant is not known).
func (ix *Index[T]) Resolve(id string) (t T, ok bool) {
	if t, ok := ix.byID[id]; ok {
		return t, true
	}
	if inst := ix.byBase[BaseAddress(id)]; len(inst) == 1 {
		return inst[0], true
	}
	return t, false
}

// BaseAddress strips a trailing Terraform instance key:
// aws_security_group.web[0] and aws_security_group.web["a"] become
// aws_security_group.web. Other IDs (CloudFormation logical IDs) are
// returned unchanged.
func BaseAddress(id string) string {
	if !strings.HasSuffix(id, "]") {
		return id
	}
	depth := 0
	for i := len(id) - 1; i >= 0; i-- {
		switch id[i] {
		case ']':
			depth++
		case '[':
			if depth--; depth == 0 {
				return id[:i]
			}
		}
	}
	return id
}
