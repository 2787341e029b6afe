package main

import (
	"strings"
	"testing"
)

// TestE2ERuleConfigValidated checks that a rule_config parameter no rule
// declares, or a value of the wrong type, stops scan, rules and config
// validate with exit code 2 at the parameter's line of the file, and that
// a valid one is accepted.
func TestE2ERuleConfigValidated(t *testing.T) {
	tests := []struct {
		name, config, want string
	}{
		{"misspelled", "fail_on: HIGH\nrule_config:\n  max_ingress_rules: 5\n  admin_port: [22]\n", `.rampart.yaml:4: rule_config: admin_port: no rule reads this parameter; did you mean "admin_ports"?`},
		{"wrong type", "rule_config:\n  admin_ports: [22, ssh]\n", `.rampart.yaml:2: rule_config: admin_ports: [22, "ssh"] is not a list(port): item 2 ("ssh")`},
		{"bad regex", "rule_config:\n  security_group_name_pattern: \"([a-z]\"\n", `.rampart.yaml:2: rule_config: security_group_name_pattern: "([a-z]" is not a regex`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := fixture(t, map[string]string{"stack.yaml": cleanTemplate, ".rampart.yaml": tt.config})
			for _, args := range [][]string{{"scan", "stack.yaml"}, {"rules"}, {"config", "validate"}} {
				r := rampart(t, dir, nil, args...)
				r.wantCode(t, 2)
				if !strings.Contains(r.stderr, tt.want) {
					t.Errorf("rampart %s: stderr does not say %q:\n%s", strings.Join(args, " "), tt.want, r.stderr)
				}
			}
		})
	}
	dir := fixture(t, map[string]string{"stack.yaml": cleanTemplate, ".rampart.yaml": "rule_config:\n  admin_ports: [22, 2222]\n  allowed_port_ranges: [\"1024-2048\", [8000, 8100]]\n"})
	rampart(t, dir, nil, "scan", "stack.yaml").wantCode(t, 0)
	rampart(t, dir, nil, "config", "validate").wantCode(t, 0)
	// explain says which value is in force, and where it is set.
	r := rampart(t, dir, nil, "explain", "AWS-SG-002")
	r.wantCode(t, 0)
	if want := "  admin_ports (list(port), default [22, 3389])\n      set to [22, 2222] at "; !strings.Contains(r.stdout, want) || !strings.Contains(r.stdout, ".rampart.yaml:2\n") {
		t.Errorf("explain does not show the configured value and its line:\n%s", r.stdout)
	}
}

// TestE2EExplainOutsideRepository checks what explain shows from a
// directory with no repository files: the parameters, the checks of other
// tools and the examples come with the binary, and no internal catalog
// number is printed.
func TestE2EExplainOutsideRepository(t *testing.T) {
	dir := fixture(t, nil)
	r := rampart(t, dir, nil, "explain", "AWS-SG-002")
	r.wantCode(t, 0)
	for _, want := range []string{
		"Parameters (set them under rule_config: in .rampart.yaml):\n  admin_ports (list(port), default [22, 3389])",
		"Equivalent checks in other tools:\n  - checkov:CKV_AWS_24",
		"Failing example (",
		"# <- AWS-SG-002",
		"Passing example (",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("explain lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(strings.ToLower(r.stdout), "seed") {
		t.Errorf("explain prints an internal seed number:\n%s", r.stdout)
	}
}
