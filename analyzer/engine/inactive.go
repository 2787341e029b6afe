package engine

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/result"
)

// A parameter declared with inactive_when_empty: true (required_tags) asks
// for something only once it is set: while its value is empty, a rule that
// reads it has nothing to check, so it is not enabled. It is then never
// compiled or evaluated, the canonical kinds only it names are not built
// (Wants), and rampart rules and explain say why it does not run.

// inactiveWhenEmptyKey is the declaration's key (custom.inactive_when_empty
// in policies/lib/config.rego, or in a custom.parameters declaration).
const inactiveWhenEmptyKey = "inactive_when_empty"

// setInactiveWhenEmpty reads the declaration's inactive_when_empty (absent
// means false).
func (d *paramDecl) setInactiveWhenEmpty(v any) error {
	if v == nil {
		return nil
	}
	b, ok := v.(bool)
	if !ok {
		return fmt.Errorf("%s: parameter %s: %s must be true or false, not %v", d.where, d.Name, inactiveWhenEmptyKey, v)
	}
	if b && !strings.HasPrefix(d.Type, "list(") && d.Type != "string" && d.Type != "regex" {
		return fmt.Errorf("%s: parameter %s: %s needs a list or string parameter, not %s", d.where, d.Name, inactiveWhenEmptyKey, d.Type)
	}
	d.InactiveWhenEmpty = b
	return nil
}

// inactiveReason says why a rule reading params does not run with the
// user's rule_config cfg: a parameter marked inactive_when_empty whose
// value (the setting, or else the default) is empty. "" when it runs.
func inactiveReason(params []result.Parameter, cfg map[string]any) string {
	var empty []string
	for _, p := range params {
		if !p.InactiveWhenEmpty {
			continue
		}
		v, set := cfg[p.Name]
		if !set {
			v = p.Default
		}
		if isEmptyValue(v) {
			empty = append(empty, p.Name)
		}
	}
	if len(empty) == 0 {
		return ""
	}
	return "inactive while " + strings.Join(empty, " and ") + " is empty"
}

func isEmptyValue(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	case []string:
		return len(x) == 0
	}
	return false
}

// Wants reports whether an enabled rule names kind in its custom.kinds:
// the scan builds a kind that is built on demand (aws.OnDemandKinds) only
// then.
func (e *Engine) Wants(kind string) bool {
	for _, rm := range e.enabled {
		if slices.Contains(rm.meta.Kinds, kind) {
			return true
		}
	}
	return false
}
