package config

import (
	"reflect"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/result"
)

func ptr[T any](v T) *T { return &v }

func TestResolvePrecedence(t *testing.T) {
	file, err := Parse("/repo/.rampart.yaml", []byte(`format: json
fail_on: MEDIUM
exclude: [vendor/**]
rules: [AWS-SG-001]
vars: {region: eu-west-1, env: dev}
rule_config: {max_ingress_rules: 5}
on_unknown: warn
`))
	if err != nil {
		t.Fatal(err)
	}
	fileLayer := file.Layer()

	tests := []struct {
		name  string
		flags Layer
		env   Layer
		check func(t *testing.T, s Settings)
	}{
		{
			name: "file only",
			check: func(t *testing.T, s Settings) {
				want(t, "Format", s.Format, "json")
				want(t, "FailOn", s.FailOn, result.SeverityMedium)
				want(t, "Exclude", s.Exclude, []string{"vendor/**"})
				want(t, "OnUnknown", s.OnUnknown, OnUnknownWarn)
				want(t, "source of fail_on", s.Source("fail_on"), "/repo/.rampart.yaml:2")
				want(t, "RuleConfig", s.RuleConfig, map[string]any{"max_ingress_rules": 5})
			},
		},
		{
			name: "env over file",
			env:  Layer{Name: "environment", FailOn: ptr(result.SeverityHigh), Rules: []string{"AWS-S3-001", "AWS-S3-002"}, Sources: map[string]string{"fail_on": "RAMPART_FAIL_ON"}},
			check: func(t *testing.T, s Settings) {
				want(t, "FailOn", s.FailOn, result.SeverityHigh)
				want(t, "Rules (a list replaces)", s.Rules, []string{"AWS-S3-001", "AWS-S3-002"})
				want(t, "Format (untouched)", s.Format, "json")
				want(t, "source of fail_on", s.Source("fail_on"), "RAMPART_FAIL_ON")
				want(t, "source of rules", s.Source("rules"), "environment")
			},
		},
		{
			name:  "flag over env over file",
			flags: Layer{Name: "flags", FailOn: ptr(result.SeverityCritical), Sources: map[string]string{"fail_on": "--fail-on"}},
			env:   Layer{Name: "environment", FailOn: ptr(result.SeverityHigh), Format: ptr("text")},
			check: func(t *testing.T, s Settings) {
				want(t, "FailOn", s.FailOn, result.SeverityCritical)
				want(t, "Format", s.Format, "text")
				want(t, "source of fail_on", s.Source("fail_on"), "--fail-on")
			},
		},
		{
			name:  "maps merge key by key",
			flags: Layer{Vars: map[string]string{"env": "prod"}},
			env:   Layer{Vars: map[string]string{"region": "us-east-1", "team": "net"}},
			check: func(t *testing.T, s Settings) {
				want(t, "Vars", s.Vars, map[string]string{"region": "us-east-1", "env": "prod", "team": "net"})
			},
		},
		{
			name:  "an empty list from a flag still replaces",
			flags: Layer{Exclude: []string{}},
			check: func(t *testing.T, s Settings) {
				want(t, "Exclude", s.Exclude, []string{})
			},
		},
		{
			name:  "booleans",
			flags: Layer{Verbose: ptr(true)},
			env:   Layer{NoColor: ptr(true), Verbose: ptr(false)},
			check: func(t *testing.T, s Settings) {
				want(t, "Verbose", s.Verbose, true)
				want(t, "NoColor", s.NoColor, true)
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.check(t, Resolve(tt.flags, tt.env, fileLayer))
		})
	}
}

func TestResolveDefaults(t *testing.T) {
	s := Resolve()
	want(t, "Format", s.Format, "text")
	want(t, "FailOn", s.FailOn, result.SeverityLow)
	want(t, "OnUnknown", s.OnUnknown, OnUnknownPass)
	want(t, "RequireSuppressionReason", s.RequireSuppressionReason, true)
	want(t, "source", s.Source("format"), "default")
}

func TestResolveDoesNotAlias(t *testing.T) {
	l := Layer{Rules: []string{"A"}, Vars: map[string]string{"k": "v"}}
	s := Resolve(l)
	s.Rules[0] = "B"
	s.Vars["k"] = "w"
	if l.Rules[0] != "A" || l.Vars["k"] != "v" {
		t.Error("Resolve returned settings sharing storage with its layer")
	}
}

func want[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %#v, want %#v", what, got, want)
	}
}

func TestResolveVarArgsOrder(t *testing.T) {
	file := Layer{Name: "/repo/.rampart.yaml", Vars: map[string]string{"b": "file", "a": "file"}, VarFiles: []string{"file.tfvars"},
		Sources: map[string]string{"vars": "/repo/.rampart.yaml:4"}}
	env := Layer{Name: "environment", Vars: map[string]string{"a": "env"}, Sources: map[string]string{"vars": "RAMPART_VAR"}}
	tests := []struct {
		name   string
		layers []Layer // highest first
		want   []VarArg
	}{
		{
			// Without an order of its own a layer gives its files, then
			// its vars by name; lower layers come first.
			name:   "env over file",
			layers: []Layer{{}, env, file},
			want: []VarArg{{File: "file.tfvars"}, {Name: "a", Value: "file", Via: "/repo/.rampart.yaml:4"},
				{Name: "b", Value: "file", Via: "/repo/.rampart.yaml:4"}, {Name: "a", Value: "env", Via: "RAMPART_VAR"}},
		},
		{
			// The command line keeps its interleaving, and its var files
			// replace the file's list.
			name: "flags keep their order",
			layers: []Layer{{Vars: map[string]string{"a": "cli"}, VarFiles: []string{"x.tfvars", "y.tfvars"},
				VarOrder: []VarArg{{File: "x.tfvars"}, {Name: "a", Value: "cli"}, {File: "y.tfvars"}}}, env, file},
			want: []VarArg{{Name: "a", Value: "file", Via: "/repo/.rampart.yaml:4"}, {Name: "b", Value: "file", Via: "/repo/.rampart.yaml:4"},
				{Name: "a", Value: "env", Via: "RAMPART_VAR"}, {File: "x.tfvars"}, {Name: "a", Value: "cli"}, {File: "y.tfvars"}},
		},
		{
			name:   "environment files replace the file's",
			layers: []Layer{{}, {Name: "environment", VarFiles: []string{"env.tfvars"}}, file},
			want: []VarArg{{Name: "a", Value: "file", Via: "/repo/.rampart.yaml:4"}, {Name: "b", Value: "file", Via: "/repo/.rampart.yaml:4"},
				{File: "env.tfvars"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want(t, "VarArgs", Resolve(tt.layers...).VarArgs, tt.want)
		})
	}
}
