package main

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"github.com/rampart-iac/rampart/analyzer/config"
	"github.com/rampart-iac/rampart/analyzer/report"
	"github.com/rampart-iac/rampart/analyzer/result"
	"github.com/rampart-iac/rampart/analyzer/terraform"
)

// severityValue is a pflag.Value that accepts only severity names, so a typo
// in --fail-on is a usage error naming the flag.
type severityValue struct{ sev result.Severity }

func (v *severityValue) String() string { return v.sev.String() }
func (v *severityValue) Type() string   { return "severity" }
func (v *severityValue) Set(s string) error {
	sev, err := result.ParseSeverity(s)
	if err != nil {
		return err
	}
	v.sev = sev
	return nil
}

// onUnknownValue accepts pass, warn or fail.
type onUnknownValue struct{ v config.OnUnknown }

func (v *onUnknownValue) String() string { return string(v.v) }
func (v *onUnknownValue) Type() string   { return "pass|warn|fail" }
func (v *onUnknownValue) Set(s string) error {
	o, err := config.ParseOnUnknown(s)
	if err != nil {
		return err
	}
	v.v = o
	return nil
}

// formatValue accepts the names in the report registry.
type formatValue struct{ name string }

func (v *formatValue) String() string { return v.name }
func (v *formatValue) Type() string   { return strings.Join(report.Names(), "|") }
func (v *formatValue) Set(s string) error {
	f, err := report.Lookup(s)
	if err != nil {
		return err
	}
	v.name = f.Name
	return nil
}

// formatHelp lists the formats.
func formatHelp() string {
	return "output format: " + strings.Join(report.Names(), "|")
}

// settingFlags are the flags that map onto settings, by flag name: their
// setting key (as in .rampart.yaml) and how to copy a changed flag into a
// layer. A command registers the subset it supports.
var settingFlags = map[string]struct {
	key string
	set func(fs *pflag.FlagSet, name string, l *config.Layer) error
}{
	"config":         {"config", func(fs *pflag.FlagSet, n string, l *config.Layer) error { return setString(fs, n, &l.Config) }},
	"format":         {"format", func(fs *pflag.FlagSet, n string, l *config.Layer) error { return setString(fs, n, &l.Format) }},
	"output":         {"output", func(fs *pflag.FlagSet, n string, l *config.Layer) error { return setString(fs, n, &l.Output) }},
	"root":           {"root", func(fs *pflag.FlagSet, n string, l *config.Layer) error { return setString(fs, n, &l.Root) }},
	"fail-on":        {"fail_on", setFailOn},
	"on-unknown":     {"on_unknown", setOnUnknown},
	"exclude":        {"exclude", func(fs *pflag.FlagSet, n string, l *config.Layer) error { return setList(fs, n, &l.Exclude) }},
	"policy-dir":     {"policy_dirs", func(fs *pflag.FlagSet, n string, l *config.Layer) error { return setList(fs, n, &l.PolicyDirs) }},
	"rule":           {"rules", func(fs *pflag.FlagSet, n string, l *config.Layer) error { return setList(fs, n, &l.Rules) }},
	"skip-rule":      {"skip_rules", func(fs *pflag.FlagSet, n string, l *config.Layer) error { return setList(fs, n, &l.SkipRules) }},
	"profile":        {"profiles", func(fs *pflag.FlagSet, n string, l *config.Layer) error { return setList(fs, n, &l.Profiles) }},
	"var":            {"vars", setVarArgs},
	"var-file":       {"var_files", setVarArgs},
	"cfn-param":      {"cfn_params", func(fs *pflag.FlagSet, n string, l *config.Layer) error { return setKV(fs, n, &l.CFNParams) }},
	"cfn-param-file": {"cfn_param_files", func(fs *pflag.FlagSet, n string, l *config.Layer) error { return setList(fs, n, &l.CFNParamFiles) }},
	"no-color":       {"no_color", func(fs *pflag.FlagSet, n string, l *config.Layer) error { return setBool(fs, n, &l.NoColor) }},
	"verbose":        {"verbose", func(fs *pflag.FlagSet, n string, l *config.Layer) error { return setBool(fs, n, &l.Verbose) }},
	"baseline":       {"baseline", func(fs *pflag.FlagSet, n string, l *config.Layer) error { return setString(fs, n, &l.Baseline) }},
}

// flagLayer turns the flags given on the command line (not their defaults)
// into the highest-precedence settings layer.
func flagLayer(fs *pflag.FlagSet) (config.Layer, error) {
	l := config.Layer{Name: "flags", Sources: map[string]string{}}
	var err error
	fs.Visit(func(f *pflag.Flag) { // Visit walks only the flags that were set
		sf, ok := settingFlags[f.Name]
		if !ok || err != nil {
			return
		}
		if e := sf.set(fs, f.Name, &l); e != nil {
			err = usagef("--%s: %w", f.Name, e)
			return
		}
		l.Sources[sf.key] = "--" + f.Name
	})
	if err != nil {
		return l, err
	}
	if err := l.Validate(); err != nil {
		return l, usageError{err}
	}
	return l, nil
}

func setString(fs *pflag.FlagSet, name string, dst **string) error {
	v := fs.Lookup(name).Value.String()
	*dst = &v
	return nil
}

func setFailOn(fs *pflag.FlagSet, name string, l *config.Layer) error {
	sev := fs.Lookup(name).Value.(*severityValue).sev
	l.FailOn = &sev
	return nil
}

func setOnUnknown(fs *pflag.FlagSet, name string, l *config.Layer) error {
	o := fs.Lookup(name).Value.(*onUnknownValue).v
	l.OnUnknown = &o
	return nil
}

func setBool(fs *pflag.FlagSet, name string, dst **bool) error {
	b, err := fs.GetBool(name)
	if err != nil {
		return err
	}
	*dst = &b
	return nil
}

// setList reads a repeatable flag, declared as a string array (values kept
// whole: paths and globs may hold commas) or a string slice (comma-split:
// rule IDs and profile names).
func setList(fs *pflag.FlagSet, name string, dst *[]string) error {
	f := fs.Lookup(name)
	sv, ok := f.Value.(pflag.SliceValue)
	if !ok {
		return fmt.Errorf("flag --%s is not a list", name)
	}
	list := []string{}
	for _, item := range sv.GetSlice() {
		if item = strings.TrimSpace(item); item != "" {
			list = append(list, item)
		}
	}
	*dst = list
	return nil
}

func setKV(fs *pflag.FlagSet, name string, dst *map[string]string) error {
	var items []string
	if err := setList(fs, name, &items); err != nil {
		return err
	}
	m, err := config.ParseKeyValues(items)
	if err != nil {
		return err
	}
	*dst = m
	return nil
}

// varArgs is the one ordered list behind --var and --var-file: terraform
// applies -var and -var-file in command-line order, the later winning, so
// their interleaving matters and two separate lists would lose it.
type varArgs struct {
	items []varArgItem
}

type varArgItem struct {
	file bool
	raw  string
}

// varArgFlag is the pflag.Value of --var (file false) or --var-file (file
// true); both append to the same varArgs.
type varArgFlag struct {
	args *varArgs
	file bool
}

func (f varArgFlag) Set(s string) error {
	f.args.items = append(f.args.items, varArgItem{file: f.file, raw: s})
	return nil
}

func (f varArgFlag) Type() string { return "stringArray" }

// String is empty when the flag was not given, so that help shows no
// default for it.
func (f varArgFlag) String() string {
	items := f.GetSlice()
	if len(items) == 0 {
		return ""
	}
	return "[" + strings.Join(items, ",") + "]"
}

// GetSlice lists this flag's own values, in order.
func (f varArgFlag) GetSlice() []string {
	var out []string
	for _, it := range f.args.items {
		if it.file == f.file {
			out = append(out, it.raw)
		}
	}
	return out
}

func (f varArgFlag) Append(s string) error { return f.Set(s) }

func (f varArgFlag) Replace(vals []string) error {
	kept := f.args.items[:0:0]
	for _, it := range f.args.items {
		if it.file != f.file {
			kept = append(kept, it)
		}
	}
	f.args.items = kept
	for _, v := range vals {
		if err := f.Set(v); err != nil {
			return err
		}
	}
	return nil
}

// addVarFlags registers --var and --var-file over one ordered list.
func addVarFlags(f *pflag.FlagSet) {
	args := &varArgs{}
	f.Var(varArgFlag{args: args}, "var", "Terraform variable `k=v` (repeatable; with --var-file, a later one wins, as in terraform)")
	f.Var(varArgFlag{args: args, file: true}, "var-file", "Terraform variables `FILE` (repeatable)")
}

// setVarArgs copies --var and --var-file into the layer: the assignments,
// the files, and both in command-line order. A --var or --var-file
// registered as a plain list (no shared order) keeps the layer's default
// order, files before assignments.
func setVarArgs(fs *pflag.FlagSet, name string, l *config.Layer) error {
	if name == "var" {
		if err := setKV(fs, name, &l.Vars); err != nil {
			return err
		}
	} else if err := setList(fs, name, &l.VarFiles); err != nil {
		return err
	}
	f, ok := fs.Lookup(name).Value.(varArgFlag)
	if !ok {
		return nil
	}
	order := []config.VarArg{}
	for _, it := range f.args.items {
		raw := strings.TrimSpace(it.raw)
		switch {
		case raw == "":
		case it.file:
			order = append(order, config.VarArg{File: raw})
		default:
			k, v, err := config.ParseKeyValue(raw)
			if err != nil {
				return err
			}
			order = append(order, config.VarArg{Name: k, Value: v})
		}
	}
	l.VarOrder = order
	return nil
}

// terraformVarArgs hands the resolved variable arguments to the Terraform
// front-end.
func terraformVarArgs(args []config.VarArg) []terraform.VarArg {
	out := make([]terraform.VarArg, len(args))
	for i, a := range args {
		out[i] = terraform.VarArg{Name: a.Name, Value: a.Value, File: a.File, Via: a.Via}
	}
	return out
}
