package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/rampart-iac/rampart/analyzer/aws/kinds"
)

// ruleName is the form of a rule name: kebab-case.
var ruleName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`) })

func (a *app) policyNewCommand() *cobra.Command {
	var kind, id, dir string
	cmd := &cobra.Command{
		Use:   "new NAME --kind KIND",
		Short: "Scaffold a custom rule, its unit tests and its fixtures",
		Long: `Writes a rule NAME over the canonical kind KIND that asks every resource of
the kind for an Owner tag, with Rego unit tests and a failing and a passing
CloudFormation template and Terraform module, into DIR (default policies):

  DIR/<name>.rego, DIR/<name>_test.rego
  DIR/fixtures/<ID>/{cfn-fail.yaml,cfn-pass.yaml,tf-fail/main.tf,tf-pass/main.tf}

They pass "rampart policy test DIR --fixtures DIR/fixtures" as written; edit
the rule, its tests and its fixtures together. Existing files are never
overwritten.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := args[0]
			if !ruleName().MatchString(name) {
				return usagef("rule name %q: use kebab-case, such as acme-bucket-owner", name)
			}
			reg, err := kinds.Default()
			if err != nil {
				return err
			}
			k := reg.Kind(kind)
			if k == nil {
				return usagef("--kind %q is not a canonical kind (known: %s)", kind, strings.Join(reg.Names(), ", "))
			}
			if id == "" {
				id = strings.ToUpper(name)
			}
			files := scaffold(k, name, id)
			if err := writeNew(dir, files); err != nil {
				return err
			}
			paths := make([]string, 0, len(files))
			for p := range files {
				paths = append(paths, filepath.Join(dir, p))
			}
			sort.Strings(paths)
			for _, p := range paths {
				fmt.Fprintf(a.stdout, "wrote %s\n", p)
			}
			fmt.Fprintf(a.stdout, "next: rampart policy test %s --fixtures %s\n", dir, filepath.Join(dir, "fixtures"))
			return nil
		},
	}
	cmd.Flags().StringVar(&kind, "kind", "", "the canonical kind the rule examines (rampart inspect shows a template's kinds)")
	cmd.Flags().StringVar(&id, "id", "", "the rule ID (default: NAME in upper case); use your own prefix, such as ACME-001")
	cmd.Flags().StringVar(&dir, "dir", "policies", "the policy directory to write into")
	_ = cmd.MarkFlagRequired("kind")
	return cmd
}

// writeNew writes files under dir, refusing to replace any existing one:
// a scaffold must never destroy a rule someone wrote.
func writeNew(dir string, files map[string]string) error {
	for p := range files {
		if _, err := os.Lstat(filepath.Join(dir, p)); !errors.Is(err, fs.ErrNotExist) {
			return usagef("%s exists: choose another NAME or --dir", filepath.Join(dir, p))
		}
	}
	for p, text := range files {
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return fmt.Errorf("policy new: %w", err)
		}
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			return fmt.Errorf("policy new: %w", err)
		}
	}
	return nil
}

// scaffold returns the files of a new rule by path under the policy
// directory.
func scaffold(k *kinds.Kind, name, id string) map[string]string {
	pkg := strings.ReplaceAll(name, "-", "_")
	r := strings.NewReplacer("{{ID}}", id, "{{NAME}}", name, "{{KIND}}", k.Name, "{{PKG}}", pkg, "{{REGO}}", k.Rego)
	files := map[string]string{
		pkg + ".rego":      r.Replace(ruleTemplate),
		pkg + "_test.rego": r.Replace(testTemplate),
	}
	fixtures := "fixtures/" + id + "/"
	if typ := ownerType(k, "cloudformation"); typ != "" {
		files[fixtures+"cfn-fail.yaml"] = cfnFixture(typ, k, id, false)
		files[fixtures+"cfn-pass.yaml"] = cfnFixture(typ, k, id, true)
	}
	if typ := ownerType(k, "terraform"); typ != "" {
		files[fixtures+"tf-fail/main.tf"] = tfFixture(typ, k, id, false)
		files[fixtures+"tf-pass/main.tf"] = tfFixture(typ, k, id, true)
	}
	return files
}

func ownerType(k *kinds.Kind, framework string) string {
	for _, n := range k.Native {
		if n.Framework == framework && n.Role == "owner" {
			return n.Type
		}
	}
	return ""
}

// scalarAttrs are the scalar native attributes of the kind's first example
// of type typ: what a minimal resource of the type sets.
func scalarAttrs(k *kinds.Kind, typ string) [][2]any {
	for _, ex := range k.Examples {
		if ex.Type != typ {
			continue
		}
		var out [][2]any
		for key, v := range ex.Native {
			switch v.(type) {
			case string, int, float64, bool:
				if !strings.EqualFold(key, "tags") {
					out = append(out, [2]any{key, v})
				}
			}
		}
		sort.Slice(out, func(i, j int) bool { return out[i][0].(string) < out[j][0].(string) })
		return out
	}
	return nil
}

func cfnFixture(typ string, k *kinds.Kind, id string, pass bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "AWSTemplateFormatVersion: \"2010-09-09\"\nDescription: %s fixture of %s\nResources:\n", map[bool]string{true: "passing", false: "failing"}[pass], id)
	if pass {
		b.WriteString("  Owned:\n")
	} else {
		fmt.Fprintf(&b, "  Unowned:  # expect: %s\n", id)
	}
	fmt.Fprintf(&b, "    Type: %s\n    Properties:\n", typ)
	for _, kv := range scalarAttrs(k, typ) {
		fmt.Fprintf(&b, "      %s: %s\n", kv[0], yamlScalar(kv[1]))
	}
	b.WriteString("      Tags:\n")
	if pass {
		b.WriteString("        - Key: Owner\n          Value: platform-team\n")
	}
	b.WriteString("        - Key: Name\n          Value: example\n")
	return b.String()
}

func tfFixture(typ string, k *kinds.Kind, id string, pass bool) string {
	var b strings.Builder
	if pass {
		fmt.Fprintf(&b, "resource %q \"owned\" {\n", typ)
	} else {
		fmt.Fprintf(&b, "resource %q \"unowned\" { # expect: %s\n", typ, id)
	}
	for _, kv := range scalarAttrs(k, typ) {
		fmt.Fprintf(&b, "  %s = %s\n", kv[0], hclScalar(kv[1]))
	}
	b.WriteString("  tags = {\n")
	if pass {
		b.WriteString("    Owner = \"platform-team\"\n")
	}
	b.WriteString("    Name  = \"example\"\n  }\n}\n")
	return b.String()
}

func yamlScalar(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprint(v)
}

func hclScalar(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprint(v)
}

const ruleTemplate = `# METADATA
# title: {{KIND}} without an Owner tag
# description: |
#   Fires when a {{KIND}} carries no Owner tag: no Tags entry with Key Owner
#   (CloudFormation) and no Owner key in tags (Terraform). Tags that are not
#   known before deployment never fire.
# custom:
#   id: {{ID}}
#   name: {{NAME}}
#   severity: MEDIUM
#   remediation: Tag the resource with Owner = <the team that runs it>.
#   kinds:
#     - {{KIND}}
package custom.rules.{{PKG}}

import data.rampart.lib

deny contains f if {
	some r in lib.resources("{{KIND}}")
	not tags_unknown(r.native)
	not has_owner(r.native)
	f := lib.finding(r, [], sprintf("%v has no Owner tag", [r.id]))
}

# CloudFormation: Tags is a list of {Key, Value}.
has_owner(native) if {
	some tag in native.Tags
	tag.Key == "Owner"
}

# Terraform: tags is a map.
has_owner(native) if {
	is_object(native.tags)
	native.tags.Owner
}

# An unknown (null) tag list, map or key might hold an Owner tag.
tags_unknown(native) if is_null(native.Tags)

tags_unknown(native) if is_null(native.tags)

tags_unknown(native) if {
	some tag in native.Tags
	is_null(tag.Key)
}
`

const testTemplate = `package custom.rules.{{PKG}}_test

import data.custom.rules.{{PKG}} as rule
import data.rampart.lib.testing as t

with_native(native) := object.union(t.{{REGO}}({}), {"native": native})

test_cloudformation_without_owner if {
	count(rule.deny) == 1 with input as t.input_of([with_native({"Tags": [{"Key": "Name", "Value": "x"}]})])
}

test_terraform_without_tags if {
	count(rule.deny) == 1 with input as t.input_of([with_native({})])
}

test_owner_tag_passes if {
	count(rule.deny) == 0 with input as t.input_of([with_native({"Tags": [{"Key": "Owner", "Value": "team"}]})])
	count(rule.deny) == 0 with input as t.input_of([with_native({"tags": {"Owner": "team"}})])
}

test_unknown_tags_never_fire if {
	count(rule.deny) == 0 with input as t.input_of([with_native({"Tags": null})])
	count(rule.deny) == 0 with input as t.input_of([with_native({"tags": null})])
}
`
