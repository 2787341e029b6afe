package config

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/agext/levenshtein"
	"github.com/bmatcuk/doublestar/v4"
	"go.yaml.in/yaml/v3"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
	"github.com/rampart-iac/rampart/internal/safefs"
)

// maxFileSize bounds the configuration file; anything larger is not a
// hand-written configuration and is refused rather than parsed.
const maxFileSize = 1 << 20

// Config is the content of one .rampart.yaml file, validated. Unset scalar
// values are zero; unset lists and maps are nil.
type Config struct {
	// Path is the file the configuration was read from.
	Path string

	Format string
	// FailOn is zero when the file does not set it.
	FailOn result.Severity
	// Output is resolved against the file's directory.
	Output  string
	Exclude []string
	// PolicyDirs, VarFiles and CFNParamFiles are resolved against the file's
	// directory.
	PolicyDirs []string
	// Rules, when set, runs only these rules (IDs or names).
	Rules     []string
	SkipRules []string
	Profiles  []string
	// OnUnknown is "" when the file does not set it.
	OnUnknown     OnUnknown
	Vars          map[string]string
	VarFiles      []string
	CFNParams     map[string]string
	CFNParamFiles []string
	// RuleConfig holds rule parameters, passed to policies as input.config.
	RuleConfig map[string]any
	// Baseline is the baseline file of known findings, resolved against
	// the file's directory; "" when the file does not set it.
	Baseline string

	// Ignore lists suppressions. They are parsed and validated here so a
	// mistake is reported at its line; matching them to findings is the
	// suppression stage's job (analyzer/suppress).
	Ignore []Ignore
	// RequireSuppressionReason is nil when the file does not set it (the
	// default is true).
	RequireSuppressionReason *bool

	// lines maps each top-level key present in the file to its line.
	lines map[string]int
}

// Ignore is one `ignore:` entry: a suppression written in the config file.
type Ignore struct {
	// ID is the rule ID or name to suppress.
	ID string
	// Path is an optional glob (slash-separated, `**` crossing
	// directories) of the files the entry applies to, relative to the
	// configuration file's directory like every path in it.
	Path string
	// Resource is an optional resource ID (CFN logical ID, Terraform address).
	Resource string
	Reason   string
	// Until is the last day the entry suppresses; zero means no expiry.
	Until time.Time
	// Location is where the entry is written, for diagnostics about it.
	Location graph.Location
}

// Line returns the line of a top-level key in the file, or 0 when the key is
// not present.
func (c *Config) Line(key string) int { return c.lines[key] }

// Source describes where a top-level key's value was written, "file:line".
func (c *Config) Source(key string) string {
	return graph.Location{File: c.Path, StartLine: c.lines[key]}.String()
}

// fileSchema is the YAML shape of the file. Its yaml tags are also the list
// of keys the strict check accepts.
type fileSchema struct {
	Format                   string            `yaml:"format"`
	FailOn                   string            `yaml:"fail_on"`
	Output                   string            `yaml:"output"`
	Exclude                  []string          `yaml:"exclude"`
	PolicyDirs               []string          `yaml:"policy_dirs"`
	Rules                    []string          `yaml:"rules"`
	SkipRules                []string          `yaml:"skip_rules"`
	Profiles                 []string          `yaml:"profiles"`
	OnUnknown                string            `yaml:"on_unknown"`
	Vars                     map[string]string `yaml:"vars"`
	VarFiles                 []string          `yaml:"var_files"`
	CFNParams                map[string]string `yaml:"cfn_params"`
	CFNParamFiles            []string          `yaml:"cfn_param_files"`
	RuleConfig               map[string]any    `yaml:"rule_config"`
	Baseline                 string            `yaml:"baseline"`
	Ignore                   []ignoreSchema    `yaml:"ignore"`
	RequireSuppressionReason *bool             `yaml:"require_suppression_reason"`
}

type ignoreSchema struct {
	ID       string `yaml:"id"`
	Path     string `yaml:"path"`
	Resource string `yaml:"resource"`
	Reason   string `yaml:"reason"`
	Until    string `yaml:"until"`
}

var (
	topLevelKeys = schemaKeys(reflect.TypeFor[fileSchema]())
	ignoreKeys   = schemaKeys(reflect.TypeFor[ignoreSchema]())
)

// Keys lists the top-level keys the file accepts, sorted.
func Keys() []string { return slices.Clone(topLevelKeys) }

// IgnoreKeys lists the keys of an `ignore:` entry, sorted.
func IgnoreKeys() []string { return slices.Clone(ignoreKeys) }

// schemaKeys lists the yaml keys of a struct type.
func schemaKeys(t reflect.Type) []string {
	keys := make([]string, 0, t.NumField())
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		keys = append(keys, name)
	}
	sort.Strings(keys)
	return keys
}

// Load reads and validates the configuration file at path.
func Load(path string) (*Config, error) {
	// A regular file only, bounded, and one whose links stay inside its
	// repository: its text can reach an error message.
	data, err := safefs.ReadFile(path, repositoryOf(filepath.Dir(path)), maxFileSize)
	if errors.Is(err, safefs.ErrTooLarge) {
		return nil, fmt.Errorf("config %s: larger than %d bytes", path, maxFileSize)
	}
	if err != nil {
		return nil, fmt.Errorf("reading config: %w", err)
	}
	return Parse(path, data)
}

// Parse validates the configuration text data read from the file path.
// Relative paths in it are resolved against path's directory.
func Parse(path string, data []byte) (*Config, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(path, err)
	}
	c := &Config{Path: path, lines: map[string]int{}}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return c, nil // an empty file configures nothing
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return c, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: the configuration must be a mapping of keys to values", path, root.Line)
	}
	if err := checkKeys(path, root, topLevelKeys, "", c.lines); err != nil {
		return nil, err
	}
	recordParameterLines(root, c.lines)
	if ig := mappingValue(root, "ignore"); ig != nil && ig.Kind == yaml.SequenceNode {
		for _, entry := range ig.Content {
			if entry.Kind != yaml.MappingNode {
				return nil, fmt.Errorf("%s:%d: each ignore entry must be a mapping with id, reason and optional path, resource, until", path, entry.Line)
			}
			if err := checkKeys(path, entry, ignoreKeys, "ignore entry ", nil); err != nil {
				return nil, err
			}
		}
	}
	var raw fileSchema
	if err := root.Decode(&raw); err != nil {
		return nil, yamlError(path, err)
	}
	if err := c.fill(&raw, root); err != nil {
		return nil, err
	}
	if err := c.confine(); err != nil {
		return nil, err
	}
	return c, nil
}

// fill validates the decoded values and copies them into c.
func (c *Config) fill(raw *fileSchema, root *yaml.Node) error {
	dir := filepath.Dir(c.Path)
	at := func(key string) string { return c.Source(key) }

	c.Format = strings.TrimSpace(raw.Format)
	if _, set := c.lines["format"]; set && c.Format == "" {
		return fmt.Errorf("%s: format must not be empty", at("format"))
	}
	if raw.FailOn != "" {
		sev, err := result.ParseSeverity(raw.FailOn)
		if err != nil {
			return fmt.Errorf("%s: fail_on: %w", at("fail_on"), err)
		}
		c.FailOn = sev
	}
	if raw.OnUnknown != "" {
		v, err := ParseOnUnknown(raw.OnUnknown)
		if err != nil {
			return fmt.Errorf("%s: %w", at("on_unknown"), err)
		}
		c.OnUnknown = v
	}
	if raw.Output != "" {
		c.Output = resolvePath(dir, raw.Output)
	}
	if raw.Baseline != "" {
		c.Baseline = resolvePath(dir, raw.Baseline)
	}
	c.Exclude = raw.Exclude
	c.PolicyDirs = resolvePaths(dir, raw.PolicyDirs)
	c.VarFiles = resolvePaths(dir, raw.VarFiles)
	c.CFNParamFiles = resolvePaths(dir, raw.CFNParamFiles)
	c.Rules = raw.Rules
	c.SkipRules = raw.SkipRules
	c.Profiles = raw.Profiles
	c.Vars = raw.Vars
	c.CFNParams = raw.CFNParams
	c.RuleConfig = raw.RuleConfig
	c.RequireSuppressionReason = raw.RequireSuppressionReason
	for _, key := range []string{"rules", "skip_rules", "profiles"} {
		if line := emptyItem(mappingValue(root, key)); line > 0 {
			return fmt.Errorf("%s:%d: %s: empty list item", c.Path, line, key)
		}
	}

	var entries []*yaml.Node
	if ig := mappingValue(root, "ignore"); ig != nil {
		entries = ig.Content
	}
	for i, r := range raw.Ignore {
		ig, err := c.ignoreEntry(r, entries[i])
		if err != nil {
			return err
		}
		c.Ignore = append(c.Ignore, ig)
	}
	// What flags and the environment may set is checked as for them.
	return c.Layer().Validate()
}

func (c *Config) ignoreEntry(r ignoreSchema, node *yaml.Node) (Ignore, error) {
	loc := graph.Location{File: c.Path, StartLine: node.Line, StartCol: node.Column}
	where := graph.Location{File: c.Path, StartLine: node.Line}.String()
	ig := Ignore{
		ID:       strings.TrimSpace(r.ID),
		Path:     r.Path,
		Resource: r.Resource,
		Reason:   strings.TrimSpace(r.Reason),
		Location: loc,
	}
	if ig.ID == "" {
		return Ignore{}, fmt.Errorf("%s: ignore entry needs an id (a rule ID or name)", where)
	}
	if ig.Path != "" && !doublestar.ValidatePattern(ig.Path) {
		return Ignore{}, fmt.Errorf("%s: ignore path %q: syntax error in pattern", where, ig.Path)
	}
	if r.Until != "" {
		t, err := time.Parse(time.DateOnly, strings.TrimSpace(r.Until))
		if err != nil {
			return Ignore{}, fmt.Errorf("%s: ignore until %q is not a date of the form YYYY-MM-DD", where, r.Until)
		}
		ig.Until = t
	}
	return ig, nil
}

// checkKeys rejects keys of the mapping m that are not in known, and records
// the line of each key in lines when lines is not nil.
func checkKeys(file string, m *yaml.Node, known []string, what string, lines map[string]int) error {
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if k.Kind != yaml.ScalarNode {
			return fmt.Errorf("%s:%d: %skeys must be plain names", file, k.Line, what)
		}
		if what == "" && k.Value == "root" {
			return fmt.Errorf("%s:%d: root cannot be set in a configuration file: a file inside the repository must not widen the boundary rampart reads in; use --root or RAMPART_ROOT", file, k.Line)
		}
		if !contains(known, k.Value) {
			msg := fmt.Sprintf("%s:%d: unknown %skey %q", file, k.Line, what, k.Value)
			if s := closest(k.Value, known); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			} else {
				msg += fmt.Sprintf(" (known keys: %s)", strings.Join(known, ", "))
			}
			return errors.New(msg)
		}
		if lines != nil {
			if prev, dup := lines[k.Value]; dup {
				return fmt.Errorf("%s:%d: key %q already set at line %d", file, k.Line, k.Value, prev)
			}
			lines[k.Value] = k.Line
		}
	}
	return nil
}

// recordParameterLines records the line of each rule_config parameter as
// "rule_config.<name>", so an error about one (an unknown name, a value of
// the wrong type: the engine checks them against the rules) names its line.
func recordParameterLines(root *yaml.Node, lines map[string]int) {
	rc := mappingValue(root, "rule_config")
	if rc == nil || rc.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(rc.Content); i += 2 {
		lines[ParameterKey(rc.Content[i].Value)] = rc.Content[i].Line
	}
}

// ParameterKey is the Sources key of the rule parameter name: where the
// file sets it.
func ParameterKey(name string) string { return "rule_config." + name }

// emptyItem returns the line of the first blank entry in a list of rule IDs
// or profile names, or 0: a blank `rules:` item would otherwise silently
// select nothing.
func emptyItem(list *yaml.Node) int {
	if list == nil || list.Kind != yaml.SequenceNode {
		return 0
	}
	for _, item := range list.Content {
		if item.Kind == yaml.ScalarNode && strings.TrimSpace(item.Value) == "" {
			return item.Line
		}
	}
	return 0
}

// mappingValue returns the value node of key in mapping m, or nil.
func mappingValue(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// closest suggests the known key nearest to a misspelled one, when it is near
// enough to be a plausible typo.
func closest(key string, known []string) string {
	best, bestDist := "", 3
	for _, k := range known {
		if d := levenshtein.Distance(key, k, nil); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func resolvePath(dir, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(dir, filepath.FromSlash(p))
}

func resolvePaths(dir string, ps []string) []string {
	if ps == nil {
		return nil
	}
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = resolvePath(dir, p)
	}
	return out
}

// yamlLine matches the "line N: " yaml.v3 puts in its messages.
var yamlLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:yaml: )?line (\d+): `) })

// yamlError rewrites a yaml.v3 error into "file:line: message" lines.
func yamlError(file string, err error) error {
	var te *yaml.TypeError
	msgs := []string{strings.TrimPrefix(err.Error(), "yaml: ")}
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	for i, m := range msgs {
		if sub := yamlLine().FindStringSubmatch(m); sub != nil {
			msgs[i] = fmt.Sprintf("%s:%s: %s", file, sub[1], m[len(sub[0]):])
		} else {
			msgs[i] = fmt.Sprintf("%s: %s", file, m)
		}
	}
	return errors.New(strings.Join(msgs, "\n"))
}
