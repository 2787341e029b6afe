package analyzer

import (
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// TestMaskSecretsHidesDeclaredSecrets checks that a value a template
// declares secret is masked in every text a result carries, whatever its
// shape (it is not credential-shaped), that credential-shaped text is
// masked too, and that short sensitive values do not mask ordinary words.
func TestMaskSecretsHidesDeclaredSecrets(t *testing.T) {
	secret := graph.String("wordpress-admin-pass", graph.Location{})
	secret.Sensitive = true
	short := graph.String("yes", graph.Location{})
	short.Sensitive = true
	attrs := graph.Map(graph.Location{})
	attrs.Set("MasterUserPassword", secret)
	attrs.Set("Flag", short)
	units := []*graph.Unit{{
		Resources: []*graph.Resource{{ID: "DB", Attrs: attrs}},
		Values:    []graph.TemplateValue{{Holder: "variable.pw", Value: secret}},
	}}
	res := &Result{
		Findings: []result.Finding{{
			Message: "password wordpress-admin-pass is weak; yes, key AKIAIOSFODNN7REALKEY too",
			Trace:   graph.Trace{{Note: "default wordpress-admin-pass of parameter DbPassword"}},
		}},
		Undecided: []result.Undecided{{Reason: "parameter value wordpress-admin-pass"}},
		Warnings:  []graph.Diagnostic{{Summary: "s", Detail: "value wordpress-admin-pass"}},
	}
	maskSecrets(res, units)
	texts := map[string]string{
		"message": res.Findings[0].Message,
		"trace":   res.Findings[0].Trace[0].Note,
		"reason":  res.Undecided[0].Reason,
		"warning": res.Warnings[0].Detail,
	}
	for where, text := range texts {
		if strings.Contains(text, "wordpress-admin-pass") || strings.Contains(text, "AKIAIOSFODNN7REALKEY") {
			t.Errorf("%s shows a secret: %q", where, text)
		}
		if !strings.Contains(text, "word…pass") {
			t.Errorf("%s lacks the masked form: %q", where, text)
		}
	}
	if !strings.Contains(res.Findings[0].Message, "yes, key") {
		t.Errorf("a short sensitive value masked an ordinary word: %q", res.Findings[0].Message)
	}
}
