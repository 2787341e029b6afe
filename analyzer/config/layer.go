package config

import (
	"maps"
	"slices"

	"github.com/rampart-iac/rampart/analyzer/result"
)

// Layer is one source of settings. A nil field is unset and leaves the layer
// below in force. Lists replace the list of a lower layer as a whole; maps
// (vars, cfn_params) are merged key by key, the higher layer winning per key.
type Layer struct {
	// Name describes the layer ("flags", "environment", the file's path);
	// it is the source of a value Sources does not name more precisely.
	Name string

	Config        *string
	Format        *string
	FailOn        *result.Severity
	Output        *string
	Root          *string // the boundary (--root); never set by the file layer, which must not widen it
	Exclude       []string
	PolicyDirs    []string
	Rules         []string
	SkipRules     []string
	Profiles      []string
	OnUnknown     *OnUnknown
	Vars          map[string]string
	VarFiles      []string
	CFNParams     map[string]string
	CFNParamFiles []string
	NoColor       *bool
	Verbose       *bool
	// Baseline is the baseline file of known findings (--baseline).
	Baseline *string

	// VarOrder, when set, is the order of this layer's Vars and VarFiles
	// (the command line, where --var and --var-file interleave). Without
	// it the layer's var files come first, then its vars by name.
	VarOrder []VarArg

	// Set only by the file layer.
	RuleConfig               map[string]any
	Ignore                   []Ignore
	RequireSuppressionReason *bool

	// Sources names where each set value came from, by setting key (the
	// file's key names: "format", "fail_on", "policy_dirs", ...): a flag
	// ("--fail-on"), an environment variable ("RAMPART_FAIL_ON") or a file
	// position (".rampart.yaml:3").
	Sources map[string]string
}

// Settings are the resolved values a command runs with.
type Settings struct {
	// ConfigFile is the configuration file in use ("" for none).
	ConfigFile    string
	Format        string
	FailOn        result.Severity
	Output        string
	Root          string // the boundary; "" for the repository root of each scanned path
	Exclude       []string
	PolicyDirs    []string
	Rules         []string
	SkipRules     []string
	Profiles      []string
	OnUnknown     OnUnknown
	Vars          map[string]string
	VarFiles      []string
	CFNParams     map[string]string
	CFNParamFiles []string
	NoColor       bool
	Verbose       bool
	Baseline      string
	// VarArgs are Vars and VarFiles in the order the Terraform front-end
	// applies them, a later one replacing what an earlier one set (see
	// Resolve).
	VarArgs []VarArg

	RuleConfig map[string]any
	// Ignore entries are the file's suppressions.
	Ignore                   []Ignore
	RequireSuppressionReason bool

	// Sources names where each setting came from; a key not present took
	// its default.
	Sources map[string]string
}

// Defaults are the settings when no layer sets anything.
func Defaults() Settings {
	return Settings{
		Format:                   "text",
		FailOn:                   result.SeverityLow,
		OnUnknown:                OnUnknownPass,
		RequireSuppressionReason: true,
		Sources:                  map[string]string{},
	}
}

// Source returns where the setting key came from, or "default".
func (s Settings) Source(key string) string {
	if src, ok := s.Sources[key]; ok {
		return src
	}
	return "default"
}

// Resolve folds layers, highest precedence first (flags, environment, file),
// over the defaults.
func Resolve(layers ...Layer) Settings {
	s := Defaults()
	// Apply from the lowest layer up so each higher one overwrites.
	for i := len(layers) - 1; i >= 0; i-- {
		l := layers[i]
		src := func(key string) {
			if from, ok := l.Sources[key]; ok {
				s.Sources[key] = from
			} else {
				s.Sources[key] = l.Name
			}
		}
		setScalar(&s.ConfigFile, l.Config, "config", src)
		setScalar(&s.Format, l.Format, "format", src)
		setScalar(&s.FailOn, l.FailOn, "fail_on", src)
		setScalar(&s.Output, l.Output, "output", src)
		setScalar(&s.Root, l.Root, "root", src)
		setScalar(&s.OnUnknown, l.OnUnknown, "on_unknown", src)
		setScalar(&s.NoColor, l.NoColor, "no_color", src)
		setScalar(&s.Verbose, l.Verbose, "verbose", src)
		setScalar(&s.Baseline, l.Baseline, "baseline", src)
		setScalar(&s.RequireSuppressionReason, l.RequireSuppressionReason, "require_suppression_reason", src)
		setList(&s.Exclude, l.Exclude, "exclude", src)
		setList(&s.PolicyDirs, l.PolicyDirs, "policy_dirs", src)
		setList(&s.Rules, l.Rules, "rules", src)
		setList(&s.SkipRules, l.SkipRules, "skip_rules", src)
		setList(&s.Profiles, l.Profiles, "profiles", src)
		setList(&s.VarFiles, l.VarFiles, "var_files", src)
		setList(&s.CFNParamFiles, l.CFNParamFiles, "cfn_param_files", src)
		setList(&s.Ignore, l.Ignore, "ignore", src)
		mergeMap(&s.Vars, l.Vars, "vars", src)
		mergeMap(&s.CFNParams, l.CFNParams, "cfn_params", src)
		if l.RuleConfig != nil {
			s.RuleConfig = maps.Clone(l.RuleConfig)
			src("rule_config")
			for name := range l.RuleConfig {
				if from, ok := l.Sources[ParameterKey(name)]; ok {
					s.Sources[ParameterKey(name)] = from
				}
			}
		}
	}
	s.VarArgs = orderVarArgs(layers)
	return s
}

// VarArg is one Terraform variable assignment (Name=Value) or one
// variable file (File, Name empty).
type VarArg struct {
	Name, Value string
	File        string
	// Via is where an assignment came from when that is not the command
	// line: "RAMPART_VAR" or the configuration file's position of vars.
	Via string
}

// orderVarArgs puts the Terraform variable arguments of all layers
// (highest first) in the order they apply: the lowest layer's first, so a
// higher layer wins whether it sets a variable by an assignment or in a
// variable file. A layer's var files are left out when a higher layer sets
// var files, as a list replaces the lists below it.
func orderVarArgs(layers []Layer) []VarArg {
	filesFrom := -1
	for i, l := range layers {
		if l.VarFiles != nil {
			filesFrom = i
			break
		}
	}
	var out []VarArg
	for i := len(layers) - 1; i >= 0; i-- {
		for _, a := range layers[i].varArgs() {
			if a.Name == "" && i != filesFrom {
				continue
			}
			out = append(out, a)
		}
	}
	return out
}

// varArgs is the layer's vars and var files in its own order.
func (l Layer) varArgs() []VarArg {
	if l.VarOrder != nil {
		return slices.Clone(l.VarOrder)
	}
	out := make([]VarArg, 0, len(l.VarFiles)+len(l.Vars))
	for _, f := range l.VarFiles {
		out = append(out, VarArg{File: f})
	}
	via := l.Name
	if src, ok := l.Sources["vars"]; ok {
		via = src
	}
	for _, name := range slices.Sorted(maps.Keys(l.Vars)) {
		out = append(out, VarArg{Name: name, Value: l.Vars[name], Via: via})
	}
	return out
}

func setScalar[T any](dst *T, v *T, key string, src func(string)) {
	if v != nil {
		*dst = *v
		src(key)
	}
}

func setList[T any](dst *[]T, v []T, key string, src func(string)) {
	if v != nil {
		*dst = slices.Clone(v)
		src(key)
	}
}

func mergeMap(dst *map[string]string, v map[string]string, key string, src func(string)) {
	if v == nil {
		return
	}
	if *dst == nil {
		*dst = make(map[string]string, len(v))
	}
	maps.Copy(*dst, v)
	src(key)
}

// Layer converts the file into the lowest-precedence settings layer.
func (c *Config) Layer() Layer {
	l := Layer{
		Exclude:                  c.Exclude,
		PolicyDirs:               c.PolicyDirs,
		Rules:                    c.Rules,
		SkipRules:                c.SkipRules,
		Profiles:                 c.Profiles,
		Vars:                     c.Vars,
		VarFiles:                 c.VarFiles,
		CFNParams:                c.CFNParams,
		CFNParamFiles:            c.CFNParamFiles,
		RuleConfig:               c.RuleConfig,
		Ignore:                   c.Ignore,
		RequireSuppressionReason: c.RequireSuppressionReason,
		Name:                     c.Path,
		Sources:                  map[string]string{},
	}
	if c.Format != "" {
		l.Format = &c.Format
	}
	if c.FailOn != 0 {
		l.FailOn = &c.FailOn
	}
	if c.Output != "" {
		l.Output = &c.Output
	}
	if c.OnUnknown != "" {
		l.OnUnknown = &c.OnUnknown
	}
	if c.Baseline != "" {
		l.Baseline = &c.Baseline
	}
	for key := range c.lines {
		l.Sources[key] = c.Source(key)
	}
	return l
}
