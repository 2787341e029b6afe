package analyzer

import (
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/secrets"
)

// maskSecrets masks every credential-shaped text in what a result says
// (messages, traces, reasons, diagnostics), whatever wrote it: AWS-SEC-001
// masks what it reports, but a custom rule's message or a front-end's
// diagnostic quoting a parameter value may repeat a secret, and no report
// format may show one in full. Source excerpts are masked by the report.
func maskSecrets(res *Result) {
	for i := range res.Findings {
		f := &res.Findings[i]
		f.Message = secrets.Mask(f.Message)
		maskTrace(f.Trace)
		for j := range f.Instances {
			maskTrace(f.Instances[j].Trace)
		}
	}
	for i := range res.Undecided {
		u := &res.Undecided[i]
		u.Reason = secrets.Mask(u.Reason)
		for j := range u.Instances {
			maskTrace(u.Instances[j].Trace)
		}
	}
	maskDiagnostics(res.Errors)
	maskDiagnostics(res.Warnings)
}

func maskTrace(t graph.Trace) {
	for i := range t {
		t[i].Note = secrets.Mask(t[i].Note)
	}
}

func maskDiagnostics(ds []graph.Diagnostic) {
	for i := range ds {
		ds[i].Summary = secrets.Mask(ds[i].Summary)
		ds[i].Detail = secrets.Mask(ds[i].Detail)
	}
}
