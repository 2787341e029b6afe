package analyzer

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// mergeInstances turns the results of every evaluation of a shared module
// or nested stack into one result per place, listing every instance that
// produces it: a child module called from several roots (every example of
// a public module calls "../.."), called twice in one root, or with count
// or for_each, yields the same statement about the same line once per
// instance, and the user should read one finding at that line.
//
// Results are the same when they agree on the rule, the blamed location and
// attribute, the resource block (its address inside its module, without
// instance keys), the severity, and the message or reason once each
// instance's own address and its modules' addresses are set aside.
// Different callers passing different values stay separate results at the
// same line.
func mergeInstances(fs []result.Finding, us []result.Undecided, ps []result.Check) ([]result.Finding, []result.Undecided, []result.Check) {
	type findingKey struct {
		rule, fingerprint, attr, block, msg string
		loc                                 graph.Location
		sev                                 result.Severity
		suppressed                          bool
	}
	fs = merge(fs,
		func(f result.Finding) findingKey {
			in := first(f.Instances)
			return findingKey{f.RuleID, f.Fingerprint, f.Path, in.BlockAddress(),
				maskInstance(f.Message, f.Resource.ID, in), f.Location, f.Severity, f.Suppressed}
		},
		func(f result.Finding) []result.Instance { return f.Instances },
		func(f *result.Finding, in []result.Instance) { f.Instances = in })

	type undecidedKey struct {
		rule, attr, block, reason string
		loc                       graph.Location
		sev                       result.Severity
	}
	us = merge(us,
		func(u result.Undecided) undecidedKey {
			in := first(u.Instances)
			return undecidedKey{u.RuleID, u.Path, in.BlockAddress(), maskInstance(u.Reason, u.Resource.ID, in), u.Location, u.Severity}
		},
		func(u result.Undecided) []result.Instance { return u.Instances },
		func(u *result.Undecided, in []result.Instance) { u.Instances = in })

	type checkKey struct {
		rule, typ, block string
		loc              graph.Location
	}
	ps = merge(ps,
		func(p result.Check) checkKey {
			return checkKey{p.RuleID, p.Resource.Type, first(p.Instances).BlockAddress(), p.Location}
		},
		func(p result.Check) []result.Instance { return p.Instances },
		func(p *result.Check, in []result.Instance) { p.Instances = in })
	return fs, us, ps
}

// merge groups xs by key. A group's result is that of its first instance,
// listing the instances of all; the groups keep the order of xs (the
// engine's, by location) at their first instance's result.
func merge[T any, K comparable](xs []T, key func(T) K, instances func(T) []result.Instance, setInstances func(*T, []result.Instance)) []T {
	groups := map[K][]int{}
	var order []K
	for i, x := range xs {
		k := key(x)
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], i)
	}
	type merged struct {
		at int // index in xs of the result that speaks for the group
		x  T
	}
	out := make([]merged, 0, len(order))
	for _, k := range order {
		g := groups[k]
		// The result whose first instance sorts first speaks for the group.
		lead := g[0]
		var all []result.Instance
		for _, i := range g {
			if compareInstances(first(instances(xs[i])), first(instances(xs[lead]))) < 0 {
				lead = i
			}
			all = append(all, instances(xs[i])...)
		}
		slices.SortStableFunc(all, compareInstances)
		all = slices.CompactFunc(all, func(a, b result.Instance) bool { return compareInstances(a, b) == 0 })
		m := merged{at: lead, x: xs[lead]}
		setInstances(&m.x, all)
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b merged) int { return cmp.Compare(a.at, b.at) })
	res := make([]T, len(out))
	for i, m := range out {
		res[i] = m.x
	}
	return res
}

// compareInstances orders instances by root, module and resource, in byte
// order.
func compareInstances(a, b result.Instance) int {
	return cmp.Or(
		cmp.Compare(a.Root, b.Root),
		cmp.Compare(a.Module, b.Module),
		cmp.Compare(a.Resource, b.Resource),
	)
}

func first(ins []result.Instance) result.Instance {
	if len(ins) == 0 {
		return result.Instance{}
	}
	return ins[0]
}

// maskInstance replaces what names one instance in a result's text, the
// resource's full address and the address of its module and of each module
// above it, so that the same statement made by two instances compares
// equal ("security group module.a.aws_security_group.this allows ..." and
// "... module.b...", "computed attribute module.eks.aws_x.y.id" and
// "... module.cluster..." from a module one level further down).
func maskInstance(text, resourceID string, in result.Instance) string {
	if resourceID == "" {
		return text
	}
	text = strings.ReplaceAll(text, resourceID, "\x00resource\x00")
	sep := "."
	if !strings.HasPrefix(in.Module, "module.") {
		sep = "/" // a nested stack path
	}
	steps := in.ModuleSteps()
	for depth := len(steps); depth > 0; depth-- {
		prefix := strings.Join(steps[:depth], sep) + sep
		text = strings.ReplaceAll(text, prefix, "\x00module"+strconv.Itoa(depth)+"\x00")
	}
	return text
}
