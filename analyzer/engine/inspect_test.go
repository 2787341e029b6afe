package engine

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// inspectUnit is a template with a security group whose VPC is an unset
// parameter, an ingress rule folded into the group, and a bucket no
// canonical kind covers.
func inspectUnit() (*graph.Unit, []*graph.Canonical) {
	sgAttrs := graph.Map(at(3))
	sgAttrs.Set("GroupDescription", graph.String("web", at(5)))
	sgAttrs.Set("VpcId", graph.Unknown("parameter VpcId has no value", at(6)))
	sg := &graph.Resource{ID: "WebSG", Type: "AWS::EC2::SecurityGroup", Source: graph.SourceCloudFormation,
		Loc: graph.Location{File: stackFile, StartLine: 3, EndLine: 6}, Attrs: sgAttrs}

	ruleAttrs := graph.Map(at(7))
	ruleAttrs.Set("GroupId", graph.UnknownRef("WebSG", "GroupId", "attribute GroupId of WebSG is known after deployment", at(9)))
	rule := &graph.Resource{ID: "Ingress", Type: "AWS::EC2::SecurityGroupIngress", Source: graph.SourceCloudFormation,
		Loc: graph.Location{File: stackFile, StartLine: 7, EndLine: 12}, Attrs: ruleAttrs}

	bucketAttrs := graph.Map(at(13))
	tags := graph.List([]*graph.Value{graph.Unknown("pseudo parameter AWS::StackName", at(15))}, at(15))
	bucketAttrs.Set("Tags", tags)
	bucket := &graph.Resource{ID: "Logs", Type: "AWS::S3::Bucket", Source: graph.SourceCloudFormation,
		Loc: graph.Location{File: stackFile, StartLine: 13}, Attrs: bucketAttrs}

	props := graph.Map(at(3))
	props.Set("vpc_id", graph.Unknown("parameter VpcId has no value", at(6)))
	props.Set("ingress", graph.List([]*graph.Value{sgRule(10, "tcp", 22, 22, graph.String("10.0.0.0/8", at(11)))}, at(3)))
	canon := &graph.Canonical{Kind: "aws.ec2.security_group", UID: stackFile + "#WebSG", ID: "WebSG",
		Native: sg, Props: props, Parts: []string{"Ingress"}}
	u := &graph.Unit{Source: graph.SourceCloudFormation, Path: stackFile, Files: []string{stackFile},
		Resources: []*graph.Resource{sg, rule, bucket}}
	return u, []*graph.Canonical{canon}
}

// TestInspectResourcesArePolicyInput checks that inspect shows every native
// resource, and a canonical one exactly as the policy input holds it.
func TestInspectResourcesArePolicyInput(t *testing.T) {
	u, canon := inspectUnit()
	got, err := InspectResources([]*graph.Unit{u}, canon)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range got {
		ids = append(ids, r.(map[string]any)["id"].(string))
	}
	if want := []string{"WebSG", "Ingress", "Logs"}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("resources = %v, want every native resource %v", ids, want)
	}

	in, err := buildInput(context.Background(), canon, nil)
	if err != nil {
		t.Fatal(err)
	}
	policyView, err := ast.JSON(in.(ast.Object).Get(ast.StringTerm("resources")).Value.(ast.Object).Get(ast.StringTerm(stackFile + "#WebSG")).Value)
	if err != nil {
		t.Fatal(err)
	}
	sg := got[0].(map[string]any)
	unknowns := sg["unknowns"]
	delete(sg, "unknowns")
	if !reflect.DeepEqual(sg, policyView) {
		t.Errorf("inspected WebSG differs from the policy input:\n got %v\nwant %v", sg, policyView)
	}
	if loc := sg["location"]; !reflect.DeepEqual(loc, map[string]any{"file": stackFile, "start_line": json.Number("3"), "end_line": json.Number("6")}) {
		t.Errorf("location = %v", loc)
	}

	tests := []struct {
		res  int
		want string // the unknowns as JSON
	}{
		{0, `[{"path":["native","VpcId"],"reason":"parameter VpcId has no value"},` +
			`{"path":["properties","vpc_id"],"reason":"parameter VpcId has no value"}]`},
		{1, `[{"path":["native","GroupId"],"reason":"attribute GroupId of WebSG is known after deployment"}]`},
		{2, `[{"path":["native","Tags",0],"reason":"pseudo parameter AWS::StackName"}]`},
	}
	for _, tc := range tests {
		r := got[tc.res].(map[string]any)
		u := r["unknowns"]
		if tc.res == 0 {
			u = unknowns
		}
		b, _ := json.Marshal(u)
		if string(b) != tc.want {
			t.Errorf("%s unknowns = %s, want %s", r["id"], b, tc.want)
		}
		if tc.res > 0 && (r["kind"] != nil || r["properties"] != nil || len(r["refs"].([]any)) != 0) {
			t.Errorf("%s without a canonical kind: kind %v, properties %v, refs %v; want null, null, []", r["id"], r["kind"], r["properties"], r["refs"])
		}
	}
}

// TestInspectMasksSensitiveValues checks that a value declared secret (a
// NoEcho parameter, a Terraform sensitive variable) is shown masked in
// both the native attributes and the canonical properties of an
// inspection, and that values which are not secret stay as written.
func TestInspectMasksSensitiveValues(t *testing.T) {
	const password = "correct-horse-battery-staple"
	secret := graph.String(password, at(4))
	secret.Sensitive = true
	attrs := graph.Map(at(3))
	attrs.Set("MasterUserPassword", secret)
	attrs.Set("Engine", graph.String("postgres", at(5)))
	db := &graph.Resource{ID: "DB", Type: "AWS::RDS::DBInstance", Source: graph.SourceCloudFormation,
		Loc: graph.Location{File: stackFile, StartLine: 3, EndLine: 5}, Attrs: attrs}
	props := graph.Map(at(3))
	props.Set("master_password", secret)
	canon := &graph.Canonical{Kind: "aws.rds.db_instance", UID: stackFile + "#DB", ID: "DB", Native: db, Props: props}
	other := &graph.Resource{ID: "Other", Type: "AWS::RDS::DBInstance", Source: graph.SourceCloudFormation,
		Loc: graph.Location{File: stackFile, StartLine: 7}, Attrs: attrs}
	u := &graph.Unit{Source: graph.SourceCloudFormation, Path: stackFile, Resources: []*graph.Resource{db, other}}

	got, err := InspectResources([]*graph.Unit{u}, []*graph.Canonical{canon})
	if err != nil {
		t.Fatal(err)
	}
	text, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(text), password) {
		t.Fatalf("inspection shows the secret: %s", text)
	}
	for _, want := range []string{`"MasterUserPassword":"corr…aple"`, `"master_password":"corr…aple"`, `"Engine":"postgres"`} {
		if !strings.Contains(string(text), want) {
			t.Errorf("inspection lacks %s: %s", want, text)
		}
	}
	if attrs.Get("MasterUserPassword").Str != password {
		t.Error("masking changed the resource itself, which the policy input reads")
	}
}
