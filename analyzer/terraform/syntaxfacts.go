package terraform

import (
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
)

// exprFacts is what evaluation reads of an expression's syntax tree: its
// references, the attribute names it reads and the references it reads
// attribute by attribute. They are the same in every module instance and
// every root module that evaluates the expression, so the loader, which
// shares parsed modules between roots, computes each once instead of
// walking the tree at every evaluation.
type exprFacts struct {
	vars []hcl.Traversal
	// attrs (attrNamesOfExpr) and consumed (consumedTraversals) are
	// computed on first need, by whichever evaluation needs them first.
	attrsOnce, consumedOnce sync.Once
	attrs                   map[string]bool
	consumed                map[hcl.Range]bool
}

// facts returns the facts of expr, cached when expr belongs to a parsed
// configuration file. Expressions rewritten from JSON (jsonAsSyntax) are
// new at every evaluation, so caching them would only hold them.
func (l *loader) facts(expr hcl.Expression) *exprFacts {
	l.mu.Lock()
	f, ok := l.exprs[expr]
	l.mu.Unlock()
	if ok {
		return f
	}
	f = &exprFacts{vars: expr.Variables()}
	if !strings.HasSuffix(expr.Range().Filename, ".json") {
		l.mu.Lock()
		if l.exprs == nil {
			l.exprs = map[hcl.Expression]*exprFacts{}
		}
		if first, ok := l.exprs[expr]; ok {
			f = first // another evaluation computed them meanwhile
		} else {
			l.exprs[expr] = f
		}
		l.mu.Unlock()
	}
	return f
}

// variables is expr.Variables(), cached as facts are. The caller must not
// change the slice.
func (l *loader) variables(expr hcl.Expression) []hcl.Traversal {
	return l.facts(expr).vars
}

// attrNames is attrNamesOfExpr of expr, cached. The caller must not
// change the map.
func (f *exprFacts) attrNames(expr hcl.Expression) map[string]bool {
	f.attrsOnce.Do(func() { f.attrs = attrNamesOfExpr(expr, f.vars) })
	return f.attrs
}

// consumedRefs is consumedTraversals of expr, cached. The caller must not
// change the map.
func (f *exprFacts) consumedRefs(expr hcl.Expression) map[hcl.Range]bool {
	f.consumedOnce.Do(func() {
		f.consumed = consumedTraversals(expr)
		if f.consumed == nil {
			f.consumed = map[hcl.Range]bool{}
		}
	})
	return f.consumed
}
