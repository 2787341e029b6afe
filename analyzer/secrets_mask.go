package analyzer

import (
	"sort"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/secrets"
)

// maskSecrets masks every credential-shaped text in what a result says
// (messages, traces, reasons, diagnostics), whatever wrote it: AWS-SEC-001
// masks what it reports, but a custom rule's message or a front-end's
// diagnostic quoting a parameter value may repeat a secret, and no report
// format may show one in full. Values the templates declare secret (a
// NoEcho parameter, a Terraform sensitive variable) are masked wherever
// they appear in that text, whatever their shape. Source excerpts are
// masked by the report.
func maskSecrets(res *Result, units []*graph.Unit) {
	maskDeclared(res, sensitiveStrings(units))
}

// maskDeclared is maskSecrets with the declared secrets already gathered
// (a streamed scan gathers them unit by unit).
func maskDeclared(res *Result, declared []string) {
	mask := newMasker(declared)
	for i := range res.Findings {
		f := &res.Findings[i]
		f.Message = mask(f.Message)
		maskTrace(f.Trace, mask)
		for j := range f.Instances {
			maskTrace(f.Instances[j].Trace, mask)
		}
	}
	for i := range res.Undecided {
		u := &res.Undecided[i]
		u.Reason = mask(u.Reason)
		for j := range u.Instances {
			maskTrace(u.Instances[j].Trace, mask)
		}
	}
	maskDiagnostics(res.Errors, mask)
	maskDiagnostics(res.Warnings, mask)
}

// newMasker returns the function that masks one text: the values the
// units declare sensitive first, then every credential-shaped token.
func newMasker(declared []string) func(string) string {
	if len(declared) == 0 {
		return secrets.Mask
	}
	pairs := make([]string, 0, 2*len(declared))
	for _, s := range declared {
		pairs = append(pairs, s, secrets.Masked(s))
	}
	replacer := strings.NewReplacer(pairs...)
	return func(text string) string { return secrets.Mask(replacer.Replace(text)) }
}

// minSensitiveLen is the shortest declared secret masked inside text: a
// shorter one ("1", "yes") would mask unrelated words of every message.
const minSensitiveLen = 4

// sensitiveStrings lists the distinct sensitive string values of the units'
// resources and template values, longest first, so that a secret that
// contains another is replaced whole.
func sensitiveStrings(units []*graph.Unit) []string {
	seen := map[string]bool{}
	collect := func(v *graph.Value) {
		v.Walk(func(_ graph.Path, e *graph.Value) bool {
			if e.Sensitive && e.Kind == graph.KindString && len(e.Str) >= minSensitiveLen {
				seen[e.Str] = true
			}
			return true
		})
	}
	for _, u := range units {
		for _, r := range u.Resources {
			collect(r.Attrs)
		}
		for _, tv := range u.Values {
			collect(tv.Value)
		}
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	sortSecrets(out)
	return out
}

// sortSecrets orders secrets longest first, so that a secret that contains
// another is replaced whole.
func sortSecrets(out []string) {
	sort.Slice(out, func(i, j int) bool {
		if len(out[i]) != len(out[j]) {
			return len(out[i]) > len(out[j])
		}
		return out[i] < out[j]
	})
}

func maskTrace(t graph.Trace, mask func(string) string) {
	for i := range t {
		t[i].Note = mask(t[i].Note)
	}
}

func maskDiagnostics(ds []graph.Diagnostic, mask func(string) string) {
	for i := range ds {
		ds[i].Summary = mask(ds[i].Summary)
		ds[i].Detail = mask(ds[i].Detail)
	}
}
