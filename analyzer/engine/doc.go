package engine

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/result"
)

// RulesMarkdown renders the rule catalogue (docs/rules.md and `rampart rules
// --format markdown`): a summary table, then one section per rule with its
// description, remediation, kinds, parameters it reads and references.
func RulesMarkdown(rules []result.Rule) []byte {
	var b bytes.Buffer
	b.WriteString("# Rules\n\n")
	b.WriteString("<!-- Generated from the policies' METADATA by `go test ./analyzer/engine -run TestRulesDoc -update`. Do not edit. -->\n\n")
	b.WriteString("Every rule is written once against the canonical model (docs/model.md) and applies to\n")
	b.WriteString("CloudFormation and Terraform alike. Rules with a profile run only when it is enabled\n")
	b.WriteString("(`--profile`).\n\n")
	b.WriteString("| ID | name | severity | title |\n|---|---|---|---|\n")
	for _, r := range rules {
		fmt.Fprintf(&b, "| [%s](#%s) | %s | %s | %s |\n", r.ID, anchor(r.ID), r.Name, r.Severity, cell(r.Title))
	}
	for _, r := range rules {
		fmt.Fprintf(&b, "\n## %s\n\n", r.ID)
		fmt.Fprintf(&b, "**%s** · `%s` · %s", r.Title, r.Name, r.Severity)
		if r.Profile != "" {
			fmt.Fprintf(&b, " · profile `%s`", r.Profile)
		}
		b.WriteString("\n\n")
		b.WriteString(strings.TrimSpace(r.Description) + "\n\n")
		if r.Remediation != "" {
			b.WriteString("**Remediation.** " + oneParagraph(r.Remediation) + "\n\n")
		}
		if len(r.Kinds) > 0 {
			b.WriteString("**Resources:** " + codeList(r.Kinds) + "  \n")
		}
		if len(r.Reads) > 0 {
			b.WriteString("**Reads:** " + codeList(r.Reads) + "\n")
		}
		if len(r.Parameters) > 0 {
			b.WriteString("\n**Parameters** (`rule_config:` in `.rampart.yaml`):\n\n| parameter | type | default | meaning |\n|---|---|---|---|\n")
			for _, p := range r.Parameters {
				fmt.Fprintf(&b, "| `%s` | %s | `%s` | %s |\n", p.Name, p.Type, cell(renderValue(p.Default)), cell(oneParagraph(p.Description)))
			}
		}
		if len(r.Equivalents) > 0 {
			b.WriteString("\n**Equivalent checks:** " + codeList(r.Equivalents) + "\n")
		}
		if len(r.References) > 0 {
			b.WriteString("\n**References:**\n\n")
			for _, ref := range r.References {
				if strings.HasPrefix(ref, "https://") {
					fmt.Fprintf(&b, "- <%s>\n", ref)
				} else {
					fmt.Fprintf(&b, "- %s\n", ref)
				}
			}
		}
	}
	return b.Bytes()
}

func anchor(id string) string { return strings.ToLower(id) }

func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

func oneParagraph(s string) string { return strings.Join(strings.Fields(s), " ") }

func codeList(items []string) string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = "`" + it + "`"
	}
	return strings.Join(out, ", ")
}
