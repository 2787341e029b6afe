package engine

import (
	"context"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/result"
)

func TestInactiveReason(t *testing.T) {
	tags := result.Parameter{Name: "required_tags", Type: "list(string)", Default: []any{}, InactiveWhenEmpty: true}
	other := result.Parameter{Name: "admin_ports", Type: "list(port)", Default: []any{}}
	cases := []struct {
		name   string
		params []result.Parameter
		cfg    map[string]any
		want   string
	}{
		{"empty default, not set", []result.Parameter{tags}, nil, "inactive while required_tags is empty"},
		{"set to an empty list", []result.Parameter{tags}, map[string]any{"required_tags": []any{}}, "inactive while required_tags is empty"},
		{"set", []result.Parameter{tags}, map[string]any{"required_tags": []any{"Owner"}}, ""},
		{"an empty parameter without the mark", []result.Parameter{other}, nil, ""},
		{"no parameters", nil, nil, ""},
	}
	for _, tc := range cases {
		if got := inactiveReason(tc.params, tc.cfg); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestRequiredTagsActivatesTagRule: AWS-TAG-001 is listed but not enabled
// while required_tags is empty, and its kind is then not wanted; setting
// the parameter enables it.
func TestRequiredTagsActivatesTagRule(t *testing.T) {
	const id, kind = "AWS-TAG-001", "aws.tagging.resource"
	enabled := func(e *Engine) bool {
		for _, r := range e.Rules() {
			if r.ID == id {
				return true
			}
		}
		return false
	}
	off, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if enabled(off) || off.Wants(kind) {
		t.Errorf("without required_tags, %s is enabled (%v) or %s wanted (%v)", id, enabled(off), kind, off.Wants(kind))
	}
	for _, r := range off.AllRules() {
		if r.ID == id && r.Inactive != "inactive while required_tags is empty" {
			t.Errorf("%s lists as inactive %q", id, r.Inactive)
		}
	}
	on, err := New(context.Background(), Options{Config: map[string]any{"required_tags": []any{"Owner"}}})
	if err != nil {
		t.Fatal(err)
	}
	if !enabled(on) || !on.Wants(kind) {
		t.Errorf("with required_tags, %s is enabled: %v, %s wanted: %v", id, enabled(on), kind, on.Wants(kind))
	}
}

func TestInactiveWhenEmptyDeclaration(t *testing.T) {
	cases := []struct {
		name string
		decl map[string]any
		want string
	}{
		{"a list", map[string]any{"name": "acme_tags", "type": "list(string)", "default": []any{}, "description": "d", "inactive_when_empty": true}, ""},
		{"not a boolean", map[string]any{"name": "acme_tags", "type": "list(string)", "default": []any{}, "description": "d", "inactive_when_empty": "yes"}, "must be true or false"},
		{"an integer cannot be empty", map[string]any{"name": "acme_max", "type": "integer", "default": 3, "description": "d", "inactive_when_empty": true}, "needs a list or string parameter"},
	}
	for _, tc := range cases {
		d, err := inlineDecl(tc.decl, "p.rego:1")
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want == "" && !d.InactiveWhenEmpty:
			t.Errorf("%s: not marked inactive_when_empty", tc.name)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}
