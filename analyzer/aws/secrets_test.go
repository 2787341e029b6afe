package aws

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/cloudformation"
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/terraform"
)

// canonicalOf normalizes a unit and returns its canonical resources by
// kind and ID.
func canonicalOf(t *testing.T, u *graph.Unit) map[string]*graph.Canonical {
	t.Helper()
	if u.Diagnostics.HasErrors() {
		t.Fatalf("diagnostics: %v", u.Diagnostics)
	}
	cs, _ := Normalize(context.Background(), u)
	out := map[string]*graph.Canonical{}
	for _, c := range cs {
		out[c.Kind+" "+c.ID] = c
	}
	return out
}

func loadSecretsTerraform(t *testing.T) map[string]*graph.Canonical {
	t.Helper()
	units := terraform.LoadModules(context.Background(), []string{"testdata/secrets/tf"}, terraform.Options{Root: "testdata"})
	if len(units) != 1 {
		t.Fatalf("units = %d", len(units))
	}
	return canonicalOf(t, units[0])
}

func loadSecretsCloudFormation(t *testing.T) map[string]*graph.Canonical {
	t.Helper()
	src, err := os.ReadFile("testdata/secrets/cfn.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return canonicalOf(t, cloudformation.Parse(context.Background(), "testdata/secrets/cfn.yaml", src, cloudformation.Options{}))
}

// sourceText is a password source as "source @line", or "(unknown)".
func sourceText(v *graph.Value) string {
	if v.IsUnknown() {
		return "(unknown) " + v.Reason
	}
	return v.Str + " @" + itoa(v.Loc.StartLine)
}

func TestPasswordSourcesTerraform(t *testing.T) {
	cs := loadSecretsTerraform(t)
	want := map[string]string{
		"aws.rds.db_instance aws_db_instance.default":                               "variable_default @27",
		"aws.rds.db_instance aws_db_instance.given":                                 "variable @31",
		"aws.rds.db_instance aws_db_instance.file":                                  "variable_file @35",
		"aws.rds.db_instance aws_db_instance.random":                                "random_password @39",
		"aws.rds.db_instance aws_db_instance.secret":                                "secrets_manager @43",
		"aws.rds.db_instance aws_db_instance.literal":                               "literal @47",
		"aws.rds.db_instance aws_db_instance.local":                                 "literal @51",
		"aws.rds.db_instance aws_db_instance.managed":                               "managed @55",
		"aws.rds.db_instance aws_db_instance.replica":                               "none @58",
		"aws.redshift.cluster aws_redshift_cluster.dw":                              "managed @63",
		"aws.elasticache.replication_group aws_elasticache_replication_group.cache": "random_password @68",
		"aws.rds.db_instance aws_db_instance.via_secret":                            "secrets_manager @108",
		"aws.rds.db_instance aws_db_instance.decoded":                               "secrets_manager @112",
		"aws.rds.db_cluster module.db.aws_rds_cluster.this":                         "literal @7",
	}
	checkSources(t, cs, want)
}

func TestPasswordSourcesCloudFormation(t *testing.T) {
	cs := loadSecretsCloudFormation(t)
	want := map[string]string{
		"aws.rds.db_instance Plain":               "parameter @26",
		"aws.rds.db_cluster Hidden":               "no_echo_parameter @30",
		"aws.docdb.cluster HiddenDefault":         "no_echo_default @34",
		"aws.redshift.cluster FromSSM":            "ssm @38",
		"aws.rds.db_instance Dynamic":             "secrets_manager @42",
		"aws.rds.db_cluster Managed":              "managed @46",
		"aws.elasticache.replication_group Cache": "literal @51",
	}
	checkSources(t, cs, want)
}

// An empty default sets no password; a dynamic reference built with
// Fn::Join or Fn::Sub is one; a condition that is not known may choose a
// literal, so the source is not known.
func TestPasswordSourcesCloudFormationEdges(t *testing.T) {
	src, err := os.ReadFile("testdata/secrets/cfn-more.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cs := canonicalOf(t, cloudformation.Parse(context.Background(), "testdata/secrets/cfn-more.yaml", src, cloudformation.Options{}))
	want := map[string]string{
		"aws.rds.db_instance Empty":  "none @16",
		"aws.rds.db_instance Joined": "secrets_manager @20",
		"aws.rds.db_instance Subbed": "secrets_manager @24",
		"aws.rds.db_instance Either": "(unknown) depends on condition IsProd, which is unknown: condition IsProd depends on an unknown value (parameter Environment has no value (no Default, no --cfn-param))",
	}
	checkSources(t, cs, want)
}

func checkSources(t *testing.T, cs map[string]*graph.Canonical, want map[string]string) {
	t.Helper()
	for id, w := range want {
		c := cs[id]
		if c == nil {
			t.Errorf("%s: not mapped", id)
			continue
		}
		prop := "master_password_source"
		if c.Kind == kindElastiCacheReplicationGroup {
			prop = "auth_token_source"
		}
		if got := sourceText(c.Props.Get(prop)); got != w {
			t.Errorf("%s: %s = %q, want %q", id, prop, got, w)
		}
	}
}

// stringsOf renders a unit's template strings as path → "key @line value".
func stringsOf(t *testing.T, cs map[string]*graph.Canonical) map[string]string {
	t.Helper()
	c := cs[kindTemplateStrings+" template"]
	if c == nil {
		t.Fatal("no aws.template.strings resource")
	}
	out := map[string]string{}
	strs := c.Props.Get("strings")
	for _, k := range strs.Keys {
		e := strs.Fields[k]
		v := e.Get("value")
		out[k] = e.Get("key").Str + " @" + itoa(v.Loc.StartLine) + " " + strings.TrimSpace(v.Str)
	}
	return out
}

func TestTemplateStringsTerraform(t *testing.T) {
	got := stringsOf(t, loadSecretsTerraform(t))
	want := map[string]string{
		"provider.aws.access_key":                           "access_key @78 AKIAJ7QWERTY12345678",
		"provider.aws.secret_key":                           "secret_key @79 je7MtGbClwBF/2Zp9Utk/h3yCo8nvbQWERTYKEY1",
		"output.key":                                        "key @99 AKIAJ7QWERTY11111111",
		"module.db.variable.password.default":               "password @3 AKIAJ7QWERTY22222222",
		"aws_instance.web.user_data_base64(base64-decoded)": "user_data_base64 @84 #!/bin/bash\nexport AWS_ACCESS_KEY_ID=AKIAJ7QWERTY87654321",
		"aws_ecs_task_definition.app.container_definitions[0].environment[0].value": "AWS_SECRET_ACCESS_KEY @92 je7MtGbClwBF/2Zp9Utk/h3yCo8nvbQWERTYKEY2",
		"aws_ecs_task_definition.app.container_definitions[0].environment[1].value": "IMAGE_DIGEST @93 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12",
	}
	compareStrings(t, got, want)
}

func TestTemplateStringsCloudFormation(t *testing.T) {
	got := stringsOf(t, loadSecretsCloudFormation(t))
	want := map[string]string{
		"Parameters.SecretKey.Default":                   "SecretKey @17 je7MtGbClwBF/2Zp9Utk/h3yCo8nvbQWERTYKEY3",
		"Mappings.Keys.prod.Id":                          "Id @21 AKIAJ7QWERTY33333333",
		"Fn.Environment.Variables.AWS_SECRET_ACCESS_KEY": "AWS_SECRET_ACCESS_KEY @57 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",
		"Fn.Environment.Variables.BUILD_SHA":             "BUILD_SHA @58 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12",
		"Host.UserData(base64-decoded)":                  "UserData @64 #!/bin/bash\necho AKIAJ7QWERTY44444444",
	}
	compareStrings(t, got, want)
}

func compareStrings(t *testing.T, got, want map[string]string) {
	t.Helper()
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %q, want %q", k, got[k], w)
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected string %s = %q", k, g)
		}
	}
}

// A unit without a credential-shaped string has no template strings
// resource, so resource counts do not change for it.
func TestTemplateStringsOnlyWhenPresent(t *testing.T) {
	loc := graph.Location{File: "main.tf", StartLine: 1}
	attrs := graph.Map(loc)
	attrs.Set("ami", graph.String("ami-0123456789abcdef0", loc))
	u := &graph.Unit{Source: graph.SourceTerraform, Path: ".", Resources: []*graph.Resource{{ID: "aws_instance.web", Type: "aws_instance", Source: graph.SourceTerraform, Loc: loc, Attrs: attrs}}}
	for _, c := range canonicalOfNoCheck(u) {
		if c.Kind == kindTemplateStrings {
			t.Errorf("a unit without credentials has %s", c.Kind)
		}
	}
}

func canonicalOfNoCheck(u *graph.Unit) []*graph.Canonical {
	cs, _ := Normalize(context.Background(), u)
	return cs
}
