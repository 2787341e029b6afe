package config

import "testing"

// TestParameterSources checks that the line of each rule_config parameter
// reaches the resolved settings, so an error about one can name its line.
func TestParameterSources(t *testing.T) {
	c, err := Parse("/repo/.rampart.yaml", []byte("fail_on: HIGH\nrule_config:\n  max_ingress_rules: 5\n  admin_ports: [22]\n"))
	if err != nil {
		t.Fatal(err)
	}
	s := Resolve(Layer{Name: "flags"}, c.Layer())
	for key, want := range map[string]string{
		ParameterKey("max_ingress_rules"): "/repo/.rampart.yaml:3",
		ParameterKey("admin_ports"):       "/repo/.rampart.yaml:4",
		"rule_config":                     "/repo/.rampart.yaml:2",
		ParameterKey("absent"):            "default",
	} {
		if got := s.Source(key); got != want {
			t.Errorf("Source(%q) = %q, want %q", key, got, want)
		}
	}
}
