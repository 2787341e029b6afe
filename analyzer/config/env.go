package config

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/result"
)

// EnvPrefix starts every environment variable rampart reads.
const EnvPrefix = "RAMPART_"

// envVar binds one environment variable to the setting it fills. Variables
// are named after the flags (--fail-on is RAMPART_FAIL_ON); list values are
// comma-separated.
type envVar struct {
	name string
	key  string // setting key, as in the file
	set  func(l *Layer, v string) error
}

var envVars = []envVar{
	{"RAMPART_CONFIG", "config", func(l *Layer, v string) error { l.Config = &v; return nil }},
	{"RAMPART_FORMAT", "format", func(l *Layer, v string) error { l.Format = &v; return nil }},
	{"RAMPART_OUTPUT", "output", func(l *Layer, v string) error { l.Output = &v; return nil }},
	{"RAMPART_ROOT", "root", func(l *Layer, v string) error { l.Root = &v; return nil }},
	{"RAMPART_BASELINE", "baseline", func(l *Layer, v string) error { l.Baseline = &v; return nil }},
	{"RAMPART_FAIL_ON", "fail_on", func(l *Layer, v string) error {
		sev, err := result.ParseSeverity(v)
		l.FailOn = &sev
		return err
	}},
	{"RAMPART_ON_UNKNOWN", "on_unknown", func(l *Layer, v string) error {
		o, err := ParseOnUnknown(v)
		l.OnUnknown = &o
		return err
	}},
	{"RAMPART_EXCLUDE", "exclude", func(l *Layer, v string) error { l.Exclude = SplitList(v); return nil }},
	{"RAMPART_POLICY_DIR", "policy_dirs", func(l *Layer, v string) error { l.PolicyDirs = SplitList(v); return nil }},
	{"RAMPART_RULE", "rules", func(l *Layer, v string) error { l.Rules = SplitList(v); return nil }},
	{"RAMPART_SKIP_RULE", "skip_rules", func(l *Layer, v string) error { l.SkipRules = SplitList(v); return nil }},
	{"RAMPART_PROFILE", "profiles", func(l *Layer, v string) error { l.Profiles = SplitList(v); return nil }},
	{"RAMPART_VAR", "vars", func(l *Layer, v string) (err error) { l.Vars, err = ParseKeyValues(SplitList(v)); return err }},
	{"RAMPART_VAR_FILE", "var_files", func(l *Layer, v string) error { l.VarFiles = SplitList(v); return nil }},
	{"RAMPART_CFN_PARAM", "cfn_params", func(l *Layer, v string) (err error) {
		l.CFNParams, err = ParseKeyValues(SplitList(v))
		return err
	}},
	{"RAMPART_CFN_PARAM_FILE", "cfn_param_files", func(l *Layer, v string) error { l.CFNParamFiles = SplitList(v); return nil }},
	{"RAMPART_NO_COLOR", "no_color", func(l *Layer, v string) error { return setBool(&l.NoColor, v) }},
	{"RAMPART_VERBOSE", "verbose", func(l *Layer, v string) error { return setBool(&l.Verbose, v) }},
}

func setBool(dst **bool, v string) error {
	b, err := strconv.ParseBool(strings.TrimSpace(v))
	if err != nil {
		return fmt.Errorf("%q is not a boolean (want true or false)", v)
	}
	*dst = &b
	return nil
}

// EnvNames lists the environment variables EnvLayer reads.
func EnvNames() []string {
	names := make([]string, len(envVars))
	for i, e := range envVars {
		names[i] = e.name
	}
	return names
}

// EnvLayer reads the RAMPART_* variables from environ (os.Environ's form,
// "NAME=value"). A variable set to the empty string counts as unset, so
// `RAMPART_FORMAT= rampart scan` behaves like not setting it.
func EnvLayer(environ []string) (Layer, error) {
	env := envMap(environ)
	l := Layer{Name: "environment", Sources: map[string]string{}}
	for _, e := range envVars {
		v, ok := env[e.name]
		if !ok || strings.TrimSpace(v) == "" {
			continue
		}
		if err := e.set(&l, v); err != nil {
			return Layer{}, fmt.Errorf("environment variable %s: %w", e.name, err)
		}
		l.Sources[e.key] = e.name
	}
	if err := l.Validate(); err != nil {
		return Layer{}, err
	}
	return l, nil
}

// UnknownEnv returns the RAMPART_* variables in environ that rampart does not
// read, each with a suggestion when one is close: a misspelled variable would
// otherwise be ignored without a word.
func UnknownEnv(environ []string) []string {
	known := EnvNames()
	var out []string
	for name := range envMap(environ) {
		if !strings.HasPrefix(name, EnvPrefix) || contains(known, name) {
			continue
		}
		msg := name
		if s := closest(name, known); s != "" {
			msg += fmt.Sprintf(" (did you mean %s?)", s)
		}
		out = append(out, msg)
	}
	sort.Strings(out)
	return out
}

func envMap(environ []string) map[string]string {
	m := make(map[string]string, len(environ))
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok {
			m[k] = v
		}
	}
	return m
}
