package config

import (
	"reflect"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/result"
)

func TestEnvLayer(t *testing.T) {
	env := []string{
		"PATH=/usr/bin",
		"RAMPART_FORMAT=json",
		"RAMPART_FAIL_ON=critical",
		"RAMPART_RULE=AWS-SG-002, s3-bucket-encryption,",
		"RAMPART_SKIP_RULE=AWS-IAM-001",
		"RAMPART_VAR=region=eu-west-1,tags=a=b",
		"RAMPART_ON_UNKNOWN=FAIL",
		"RAMPART_NO_COLOR=1",
		"RAMPART_OUTPUT=",
	}
	l, err := EnvLayer(env)
	if err != nil {
		t.Fatal(err)
	}
	if l.Format == nil || *l.Format != "json" {
		t.Errorf("Format = %v", l.Format)
	}
	if l.FailOn == nil || *l.FailOn != result.SeverityCritical {
		t.Errorf("FailOn = %v", l.FailOn)
	}
	if want := []string{"AWS-SG-002", "s3-bucket-encryption"}; !reflect.DeepEqual(l.Rules, want) {
		t.Errorf("Rules = %q, want %q", l.Rules, want)
	}
	if want := map[string]string{"region": "eu-west-1", "tags": "a=b"}; !reflect.DeepEqual(l.Vars, want) {
		t.Errorf("Vars = %v, want %v", l.Vars, want)
	}
	if l.OnUnknown == nil || *l.OnUnknown != OnUnknownFail {
		t.Errorf("OnUnknown = %v", l.OnUnknown)
	}
	if l.NoColor == nil || !*l.NoColor {
		t.Errorf("NoColor = %v", l.NoColor)
	}
	if l.Output != nil {
		t.Errorf("empty RAMPART_OUTPUT set Output to %q; empty means unset", *l.Output)
	}
	if l.Sources["fail_on"] != "RAMPART_FAIL_ON" {
		t.Errorf("Sources = %v", l.Sources)
	}
}

func TestEnvLayerErrors(t *testing.T) {
	tests := []struct{ env, want string }{
		{"RAMPART_FAIL_ON=severe", `environment variable RAMPART_FAIL_ON: unknown severity "severe"`},
		{"RAMPART_ON_UNKNOWN=skip", `environment variable RAMPART_ON_UNKNOWN: invalid on_unknown value "skip"`},
		{"RAMPART_VAR=region", `environment variable RAMPART_VAR: "region" is not of the form key=value`},
		{"RAMPART_CFN_PARAM==x", `environment variable RAMPART_CFN_PARAM: "=x" is not of the form key=value`},
		{"RAMPART_VERBOSE=loud", `environment variable RAMPART_VERBOSE: "loud" is not a boolean`},
	}
	for _, tt := range tests {
		t.Run(tt.env, func(t *testing.T) {
			_, err := EnvLayer([]string{tt.env})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestEnvCoversEveryFileKey(t *testing.T) {
	// Every scalar and list setting of the file has an environment variable;
	// only the structured, file-only keys do not.
	fileOnly := map[string]bool{"rule_config": true, "ignore": true, "require_suppression_reason": true}
	keys := map[string]bool{}
	for _, e := range envVars {
		keys[e.key] = true
	}
	for _, k := range topLevelKeys {
		if !fileOnly[k] && !keys[k] {
			t.Errorf("config key %q has no RAMPART_* environment variable", k)
		}
	}
}

func TestUnknownEnv(t *testing.T) {
	got := UnknownEnv([]string{"RAMPART_FAILON=HIGH", "RAMPART_FORMAT=json", "RAMPART_TOTALLY_ELSE=1", "HOME=/root"})
	want := []string{"RAMPART_FAILON (did you mean RAMPART_FAIL_ON?)", "RAMPART_TOTALLY_ELSE"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("UnknownEnv = %q, want %q", got, want)
	}
}
