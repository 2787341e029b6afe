package config

import (
	"fmt"
	"strings"
)

// OnUnknown says what undecided results (a rule that could not decide because
// a value it reads is Unknown until deploy time) do to a run.
type OnUnknown string

const (
	// OnUnknownPass: undecided results are counted but never fail the run.
	OnUnknownPass OnUnknown = "pass"
	// OnUnknownWarn: undecided results are listed prominently; exit code unchanged.
	OnUnknownWarn OnUnknown = "warn"
	// OnUnknownFail: any undecided result fails the run (exit 1).
	OnUnknownFail OnUnknown = "fail"
)

// ParseOnUnknown parses pass, warn or fail (any case).
func ParseOnUnknown(s string) (OnUnknown, error) {
	switch v := OnUnknown(strings.ToLower(strings.TrimSpace(s))); v {
	case OnUnknownPass, OnUnknownWarn, OnUnknownFail:
		return v, nil
	}
	return "", fmt.Errorf("invalid on_unknown value %q (want pass, warn or fail)", s)
}

// ParseKeyValues turns "key=value" items into a map. The value may itself
// contain '='; the key may not be empty. A later item overrides an earlier one
// with the same key, as repeated --var flags do in Terraform.
func ParseKeyValues(items []string) (map[string]string, error) {
	if items == nil {
		return nil, nil
	}
	out := make(map[string]string, len(items))
	for _, item := range items {
		k, v, err := ParseKeyValue(item)
		if err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, nil
}

// ParseKeyValue splits one key=value item; the value may contain "=".
func ParseKeyValue(item string) (key, value string, err error) {
	k, v, ok := strings.Cut(item, "=")
	k = strings.TrimSpace(k)
	if !ok || k == "" {
		return "", "", fmt.Errorf("%q is not of the form key=value", item)
	}
	return k, v, nil
}

// SplitList splits a comma-separated environment value into its non-empty,
// trimmed items.
func SplitList(s string) []string {
	var out []string
	for _, item := range strings.Split(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}
