package engine

import (
	"fmt"
	"sort"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-iac/rampart/policies"
)

var (
	inputResources = ast.MustParseRef("input.resources")
	inputByKind    = ast.MustParseRef("input.by_kind")
)

// quadraticPatterns reports policy patterns whose cost grows with the square
// of the scan's size, in compiled modules (references are fully qualified
// there, so a package-local `helper[x]` reads data.<pkg>.helper[x]):
//
//   - `not helper[x]` where helper is a partial (multi-value) rule of the
//     module's own package: OPA re-evaluates the whole partial set for every
//     x, and with a set built from input that is O(n²). A complete rule
//     (`helper := {x | ...}`) is computed once and indexed.
//   - any use of input.resources other than a lookup by a known uid:
//     iterating it makes every rule touch every resource; rules read
//     input.by_kind[<kind>] (data.rampart.lib.resources).
//   - iterating input.by_kind over all kinds, which is the same thing.
func quadraticPatterns(c *ast.Compiler) []string {
	var out []string
	for name, m := range c.Modules {
		partial := map[string]bool{}
		for _, r := range m.Rules {
			if isPartial(r) {
				partial[m.Package.Path.Extend(r.Head.Ref().GroundPrefix()[:1]).String()] = true
			}
		}
		report := func(loc *ast.Location, format string, args ...any) {
			where := name
			if loc != nil {
				where = fmt.Sprintf("%s:%d", loc.File, loc.Row)
			}
			out = append(out, where+": "+fmt.Sprintf(format, args...))
		}
		ast.WalkExprs(m, func(e *ast.Expr) bool {
			if e.Negated {
				ast.WalkRefs(e, func(ref ast.Ref) bool {
					for n := len(ref) - 1; n >= 2; n-- {
						if partial[ref[:n].String()] {
							report(e.Location, "`not %v` looks up a partial rule of its own package; make %v a complete rule (:= {x | ...})", ref, ref[:n])
							break
						}
					}
					return false
				})
			}
			return false
		})
		for _, r := range m.Rules {
			for rule := r; rule != nil; rule = rule.Else {
				bound := ast.NewVarSet()
				for _, arg := range rule.Head.Args {
					bound.Update(arg.Vars())
				}
				checkInputRefs(rule.Body, bound, report)
			}
		}
	}
	sort.Strings(out)
	return out
}

// checkInputRefs walks a body in evaluation order (compiled bodies are
// ordered so every variable is bound before it is used) and reports
// references into input.resources whose key is not bound yet: that is an
// iteration, while input.resources[uid] with uid already known is a lookup.
func checkInputRefs(body ast.Body, bound ast.VarSet, report func(*ast.Location, string, ...any)) {
	keyFree := func(t *ast.Term) bool {
		if t.IsGround() {
			return false
		}
		for v := range t.Vars() {
			if !bound.Contains(v) {
				return true
			}
		}
		return false
	}
	for _, expr := range body {
		ast.NewGenericVisitor(func(x any) bool {
			switch x := x.(type) {
			case *ast.ArrayComprehension:
				checkInputRefs(x.Body, bound.Copy(), report)
				return true
			case *ast.SetComprehension:
				checkInputRefs(x.Body, bound.Copy(), report)
				return true
			case *ast.ObjectComprehension:
				checkInputRefs(x.Body, bound.Copy(), report)
				return true
			case *ast.Every:
				checkInputRefs(x.Body, bound.Copy(), report)
				return true
			case ast.Ref:
				n := len(inputResources)
				switch {
				case x.HasPrefix(inputResources) && (len(x) == n || keyFree(x[n])):
					report(refLocation(x), "%v scans every resource; iterate input.by_kind[<kind>] (data.rampart.lib.resources)", x)
				case x.HasPrefix(inputByKind) && len(x) > len(inputByKind) && keyFree(x[len(inputByKind)]):
					report(refLocation(x), "%v iterates every kind; name the kind", x)
				}
			}
			return false
		}).Walk(expr)
		bound.Update(expr.Vars(ast.VarVisitorParams{SkipClosures: true}))
	}
}

func refLocation(ref ast.Ref) *ast.Location {
	if len(ref) > 0 {
		return ref[0].Location
	}
	return nil
}

// isPartial reports whether a rule defines one member of a multi-value
// document: `x contains v if`, or a partial object `x[k] := v if` whose key
// is computed.
func isPartial(r *ast.Rule) bool {
	if r.Head.RuleKind() == ast.MultiValue {
		return true
	}
	ref := r.Head.Ref()
	return len(ref) > 1 && !ref[len(ref)-1].IsGround()
}

func compileSources(t *testing.T, srcs []source) *ast.Compiler {
	t.Helper()
	mods, err := parse(srcs)
	if err != nil {
		t.Fatal(err)
	}
	c, err := compile(mods)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestNoQuadraticPatterns(t *testing.T) {
	srcs, err := readFS(policies.FS, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, problem := range quadraticPatterns(compileSources(t, srcs)) {
		t.Error(problem)
	}
}

// TestQuadraticPatternDetector proves the check above can fail.
func TestQuadraticPatternDetector(t *testing.T) {
	cases := []struct {
		name string
		src  string
		bad  bool
	}{
		{"negated partial set lookup", `package p
open_groups contains sg.uid if {
	some sg in input.by_kind["aws.ec2.security_group"]
	sg.properties.ingress != []
}
deny contains sg.uid if {
	some sg in input.by_kind["aws.ec2.security_group"]
	not open_groups[sg.uid]
}`, true},
		{"negated partial object lookup", `package p
by_id[sg.id] := sg if {
	some sg in input.by_kind["aws.ec2.security_group"]
}
deny contains sg.uid if {
	some sg in input.by_kind["aws.ec2.instance"]
	not by_id[sg.id]
}`, true},
		{"iterate input.resources", `package p
deny contains r.uid if {
	some r in input.resources
	r.kind == "aws.ec2.security_group"
}`, true},
		{"iterate input.resources by key", `package p
deny contains uid if {
	input.resources[uid].kind == "aws.s3.bucket"
}`, true},
		{"iterate input.resources in a comprehension", `package p
n := count([r | some r in input.resources; r.kind == "x"])
deny contains 1 if n > 1`, true},
		{"count input.resources", `package p
deny contains 1 if count(input.resources) > 1`, true},
		{"iterate every kind", `package p
deny contains r.uid if {
	some r in input.by_kind[_]
}`, true},
		{"complete set lookup is fine", `package p
open_groups := {sg.uid | some sg in input.by_kind["aws.ec2.security_group"]}
deny contains sg.uid if {
	some sg in input.by_kind["aws.ec2.security_group"]
	not open_groups[sg.uid]
}`, false},
		{"lookup by a known uid is fine", `package p
deny contains r.uid if {
	some sg in input.by_kind["aws.ec2.security_group"]
	some ref in sg.refs
	r := input.resources[ref.resource]
	r.kind == "aws.ec2.vpc"
}`, false},
		{"lookup by a literal uid is fine", `package p
deny contains 1 if input.resources["a#b"].kind == "x"`, false},
		{"negated function call is fine", `package p
public(c) if c == "0.0.0.0/0"
deny contains c if {
	some r in input.by_kind["aws.ec2.security_group"]
	some rule in r.properties.ingress
	some c in rule.cidrs
	not public(c)
}`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := compileSources(t, []source{{name: "p.rego", text: tc.src}})
			problems := quadraticPatterns(c)
			if tc.bad != (len(problems) > 0) {
				t.Errorf("bad = %v, problems = %q", tc.bad, problems)
			}
		})
	}
}
