package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/rampart-iac/rampart/analyzer/result"
)

// RuleFormats are the formats WriteRules accepts.
func RuleFormats() []string { return []string{"text", "json", "markdown"} }

// WriteRules renders the rule catalogue, sorted by ID: format "text" is an
// aligned table (ID, NAME, SEVERITY, TITLE, and PROFILE when any rule has
// one), "json" is {"version": 1, "rules": [...]}, "markdown" a table for
// a wiki or a README.
func WriteRules(w io.Writer, rules []result.Rule, format string) error {
	rules = sortedRules(rules)
	switch strings.ToLower(format) {
	case "text":
		return rulesTable(w, rules)
	case "json":
		return rulesJSON(w, rules)
	case "markdown":
		return rulesMarkdown(w, rules)
	}
	return fmt.Errorf("unknown rules format %q (supported: %s)", format, strings.Join(RuleFormats(), ", "))
}

func rulesTable(w io.Writer, rules []result.Rule) error {
	withProfile := false
	for _, r := range rules {
		withProfile = withProfile || r.Profile != ""
	}
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	header := "ID\tNAME\tSEVERITY\tTITLE"
	if withProfile {
		header += "\tPROFILE"
	}
	fmt.Fprintln(tw, header)
	for _, r := range rules {
		row := []string{Escape(r.ID), Escape(r.Name), r.Severity.String(), Escape(listedTitle(r))}
		if withProfile {
			row = append(row, Escape(r.Profile))
		}
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("writing rules: %w", err)
	}
	// tabwriter pads an empty last cell; drop the trailing blanks.
	var out strings.Builder
	for _, line := range strings.SplitAfter(buf.String(), "\n") {
		out.WriteString(strings.TrimRight(line, " \n"))
		if strings.HasSuffix(line, "\n") {
			out.WriteByte('\n')
		}
	}
	if _, err := io.WriteString(w, out.String()); err != nil {
		return fmt.Errorf("writing rules: %w", err)
	}
	return nil
}

type jsonRule struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Severity    string   `json:"severity"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Remediation string   `json:"remediation"`
	References  []string `json:"references"`
	Equivalents []string `json:"equivalents,omitempty"`
	Kinds       []string `json:"kinds"`
	Profile     string   `json:"profile"`
	// Scope is "account" for a rule judged once over the whole scan.
	Scope   string `json:"scope,omitempty"`
	Builtin bool   `json:"builtin"`
	// Inactive says why the rule does not run with the configuration
	// ("inactive while required_tags is empty").
	Inactive string `json:"inactive,omitempty"`
	// Parameters are the rule_config settings the rule reads.
	Parameters []result.Parameter `json:"parameters,omitempty"`
}

func rulesJSON(w io.Writer, rules []result.Rule) error {
	doc := struct {
		Version int        `json:"version"`
		Rules   []jsonRule `json:"rules"`
	}{Version: JSONVersion, Rules: []jsonRule{}}
	for _, r := range rules {
		doc.Rules = append(doc.Rules, jsonRule{
			ID: r.ID, Name: r.Name, Severity: r.Severity.String(), Title: r.Title,
			Description: r.Description, Remediation: r.Remediation,
			References: append([]string{}, r.References...), Equivalents: r.Equivalents, Kinds: append([]string{}, r.Kinds...),
			Profile: r.Profile, Scope: r.Scope, Builtin: r.Builtin, Parameters: r.Parameters, Inactive: r.Inactive,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("writing rules: %w", err)
	}
	return nil
}

// WriteExplain renders one rule for `rampart explain`: heading, title,
// description, remediation, references, the checks of other tools it
// maps to, its parameters and a failing and a passing example.
func WriteExplain(w io.Writer, r result.Rule) error {
	return WriteExplainSettings(w, r, nil)
}

// ParameterSetting is a rule parameter's value set in the configuration,
// and where (".rampart.yaml:12").
type ParameterSetting struct {
	Value  any
	Source string
}

// WriteExplainSettings is WriteExplain saying, for each parameter the
// configuration sets, the value in force and where it is set.
func WriteExplainSettings(w io.Writer, r result.Rule, settings map[string]ParameterSetting) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s  %s  (%s)\n", Escape(r.ID), Escape(r.Name), r.Severity)
	if r.Title != "" {
		fmt.Fprintf(&b, "%s\n", Escape(r.Title))
	}
	section := func(title, body string) {
		if body = strings.TrimSpace(body); body != "" {
			fmt.Fprintf(&b, "\n%s:\n%s\n", title, indent(body, "  "))
		}
	}
	section("Description", r.Description)
	section("Remediation", r.Remediation)
	if len(r.References) > 0 {
		fmt.Fprintf(&b, "\nReferences:\n")
		for _, ref := range r.References {
			fmt.Fprintf(&b, "  - %s\n", Escape(ref))
		}
	}
	if len(r.Equivalents) > 0 {
		fmt.Fprintf(&b, "\nEquivalent checks in other tools:\n")
		for _, e := range r.Equivalents {
			fmt.Fprintf(&b, "  - %s\n", Escape(e))
		}
	}
	explainParameters(&b, r.Parameters, settings)
	explainExamples(&b, r.Examples)
	var facts []string
	if len(r.Kinds) > 0 {
		facts = append(facts, "Applies to: "+Escape(strings.Join(r.Kinds, ", ")))
	}
	if r.Profile != "" {
		facts = append(facts, "Profile: "+Escape(r.Profile)+" (enable with --profile "+Escape(r.Profile)+")")
	}
	if r.Scope == "account" {
		facts = append(facts, "Scope: account (judged once over the whole scan, whatever units it is split into)")
	}
	if !r.Builtin {
		facts = append(facts, "Source: --policy-dir")
	}
	if r.Inactive != "" {
		facts = append(facts, "Status: "+Escape(r.Inactive)+" (set it in rule_config to enable the rule)")
	}
	if len(facts) > 0 {
		fmt.Fprintf(&b, "\n%s\n", strings.Join(facts, "\n"))
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("writing rule: %w", err)
	}
	return nil
}

// explainParameters lists the rule_config settings a rule reads, with
// their type, default and meaning.
func explainParameters(b *strings.Builder, params []result.Parameter, settings map[string]ParameterSetting) {
	if len(params) == 0 {
		return
	}
	b.WriteString("\nParameters (set them under rule_config: in .rampart.yaml):\n")
	for _, p := range params {
		fmt.Fprintf(b, "  %s (%s, default %s)\n", Escape(p.Name), Escape(p.Type), Escape(ParameterValue(p.Default)))
		if set, ok := settings[p.Name]; ok {
			fmt.Fprintf(b, "      set to %s at %s\n", Escape(ParameterValue(set.Value)), Escape(set.Source))
		}
		if d := strings.TrimSpace(p.Description); d != "" {
			b.WriteString(indent(wrap(d, 70), "      ") + "\n")
		}
	}
}

// explainExamples shows the excerpts of the rule's fixtures.
func explainExamples(b *strings.Builder, examples []result.Example) {
	for _, ex := range examples {
		title := "Passing example"
		if ex.Fails {
			title = "Failing example"
		}
		fmt.Fprintf(b, "\n%s (%s):\n", title, Escape(ex.File))
		for _, l := range strings.Split(strings.TrimRight(ex.Text, "\n"), "\n") {
			if strings.TrimSpace(l) == "" {
				b.WriteString("\n")
				continue
			}
			b.WriteString("    " + Escape(l) + "\n")
		}
	}
}

// ParameterValue renders a parameter value as JSON: [22, 3389], "x", 3.
func ParameterValue(v any) string {
	if items, ok := v.([]any); ok {
		parts := make([]string, len(items))
		for i, it := range items {
			parts[i] = ParameterValue(it)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	out, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(out)
}

// wrap breaks s into lines of at most width characters, at spaces.
func wrap(s string, width int) string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return strings.Join(append(lines, line), "\n")
}

// indent escapes each line of s and prefixes it: descriptions in Rego
// metadata are multi-line, and their newlines are kept while any other
// control character is escaped.
func indent(s, prefix string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = prefix + Escape(strings.TrimRight(l, " \r"))
	}
	return strings.Join(lines, "\n")
}

// rulesMarkdown renders the catalogue as a Markdown table, the profile
// column only when a rule has one.
func rulesMarkdown(w io.Writer, rules []result.Rule) error {
	withProfile := false
	for _, r := range rules {
		withProfile = withProfile || r.Profile != ""
	}
	var b strings.Builder
	b.WriteString("| ID | Name | Severity | Title |")
	sep := "|:--|:--|:--|:--|"
	if withProfile {
		b.WriteString(" Profile |")
		sep += ":--|"
	}
	b.WriteString("\n" + sep + "\n")
	for _, r := range rules {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |", mdEscape(r.ID), mdCodeCell(r.Name), r.Severity, mdEscape(listedTitle(r)))
		if withProfile {
			fmt.Fprintf(&b, " %s |", mdEscape(r.Profile))
		}
		b.WriteString("\n")
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("writing rules: %w", err)
	}
	return nil
}

// listedTitle is the rule's title in a listing, saying when the rule does
// not run with the configuration it was loaded with.
func listedTitle(r result.Rule) string {
	if r.Inactive != "" {
		return r.Title + " (" + r.Inactive + ")"
	}
	return r.Title
}
