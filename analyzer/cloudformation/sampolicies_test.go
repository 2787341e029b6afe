package cloudformation

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/cloudformation/samtemplates"
	"github.com/rampart-iac/rampart/analyzer/graph"
)

// TestParseSAMPolicyTemplates: policy templates in a function's or state
// machine's Policies become inline policies of the generated role, named
// and ordered as samtranslator 1.110 names them (checked against its
// output for this fixture), located at the template's name, with the
// parameter values evaluated where they are written.
func TestParseSAMPolicyTemplates(t *testing.T) {
	const partition = "WorkerRole:Policies[%d].PolicyDocument.Statement[0].%s"
	runParseCases(t, []parseCase{{
		name: "templates with references, parameters, no parameters, Fn::If, state machine",
		file: "sam-policy-templates.yaml",
		opts: Options{Params: map[string]string{"AWS::Partition": "aws", "AWS::Region": "eu-west-1", "AWS::AccountId": "111122223333"}},
		resources: []string{
			"Bucket", "Table", "Secret", "WorkerRole", "Worker", "FlowRole", "Flow",
		},
		values: []valueCheck{
			{at: "WorkerRole:ManagedPolicyArns", want: `["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess"]`},
			{at: "WorkerRole:Policies[0].PolicyName", want: `"WorkerRolePolicy1"`, lines: "31-31"},
			{at: fmt.Sprintf(partition, 0, "Action"), want: `["s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation", "s3:GetObjectVersion", "s3:GetLifecycleConfiguration"]`, lines: "31-31"},
			{at: fmt.Sprintf(partition, 0, "Effect"), want: `"Allow"`, lines: "31-31"},
			{at: fmt.Sprintf(partition, 0, "Resource[1]"), want: "(unknown)", lines: "31-31", reason: "resource Bucket"},
			{at: "WorkerRole:Policies[1].PolicyName", want: `"WorkerRolePolicy2"`, lines: "33-33"},
			{at: fmt.Sprintf(partition, 1, "Action[9]"), want: `"dynamodb:ConditionCheckItem"`},
			{at: fmt.Sprintf(partition, 1, "Resource[1]"), want: "(unknown)", reason: "resource Table"},
			{at: "WorkerRole:Policies[2]", want: `{PolicyName: "WorkerRolePolicy3", PolicyDocument: {Statement: [{Action: ["cloudwatch:PutMetricData"], Effect: "Allow", Resource: "*"}]}}`, lines: "35-35"},
			{at: fmt.Sprintf(partition, 3, "Resource"), want: "(unknown Secret)", ref: "Secret.", lines: "36-36"},
			{at: "WorkerRole:Policies[4].PolicyName", want: `"WorkerRolePolicy5"`},
			{at: fmt.Sprintf(partition, 4, "Resource"), want: `["arn:aws:s3:::reports-archive", "arn:aws:s3:::reports-archive/*"]`, lines: "38-38"},
			{at: fmt.Sprintf(partition, 4, "Resource[0]"), want: `"arn:aws:s3:::reports-archive"`, trace: []string{"--cfn-param AWS::Partition", "default of parameter Reports", "Fn::Sub variable bucketName"}},
			{at: "WorkerRole:Policies[5]", want: "(unknown)", reason: "IsProd"},
			{at: "FlowRole:Policies[0].PolicyName", want: `"FlowRolePolicy0"`, lines: "55-55"},
			{at: "FlowRole:Policies[0].PolicyDocument.Statement[0].Resource", want: "(unknown)", reason: "resource Worker"},
		},
		diags: []diagCheck{
			{sev: noteSev, line: 40, contains: "Region is not a parameter of policy template S3WritePolicy (parameters BucketName); the transform ignores it"},
		},
	}})
}

// TestSAMPolicyTemplatesMeta: the generated role records which inline
// policy came from which template, for the normalizer (AWS-IAM-009 leaves
// them out); a role without templates records nothing.
func TestSAMPolicyTemplatesMeta(t *testing.T) {
	u := parseFixture(t, "sam-policy-templates.yaml", Options{Params: map[string]string{"Stage": "prod"}})
	got := u.Resource("WorkerRole").Meta[graph.MetaSAMPolicyTemplates]
	want := `{WorkerRolePolicy1: "S3ReadPolicy", WorkerRolePolicy2: "DynamoDBCrudPolicy", WorkerRolePolicy3: "CloudWatchPutMetricPolicy", WorkerRolePolicy4: "AWSSecretsManagerGetSecretValuePolicy", WorkerRolePolicy5: "S3WritePolicy", WorkerRolePolicy6: "SQSPollerPolicy"}`
	if got.GoString() != want {
		t.Errorf("WorkerRole Meta[%s] = %s, want %s", graph.MetaSAMPolicyTemplates, got.GoString(), want)
	}
	if got := got.Get("WorkerRolePolicy1").Loc.StartLine; got != 31 {
		t.Errorf("S3ReadPolicy is recorded at line %d, want 31", got)
	}
	if m := parseFixture(t, "sam.yaml", Options{}).Resource("FlowRole").Meta[graph.MetaSAMPolicyTemplates]; m != nil {
		t.Errorf("FlowRole, without templates, records %s", m.GoString())
	}
}

// TestSAMPolicyTemplateIf: an Fn::If over policy templates becomes an
// Fn::If over inline policies, each branch expanded; a known condition
// picks its branch.
func TestSAMPolicyTemplateIf(t *testing.T) {
	u := parseFixture(t, "sam-policy-templates.yaml", Options{Params: map[string]string{"Stage": "prod", "AWS::Partition": "aws", "AWS::Region": "eu-west-1", "AWS::AccountId": "111122223333"}})
	checkValues(t, u, []valueCheck{
		{at: "WorkerRole:Policies[5].PolicyName", want: `"WorkerRolePolicy6"`, lines: "43-43"},
		{at: "WorkerRole:Policies[5].PolicyDocument.Statement[0].Resource", want: `"arn:aws:sqs:eu-west-1:111122223333:jobs"`},
	})
	u = parseFixture(t, "sam-policy-templates.yaml", Options{Params: map[string]string{"Stage": "dev"}})
	if n := len(u.Resource("WorkerRole").Attrs.Get("Policies").List); n != 5 {
		t.Errorf("with the condition false, WorkerRole has %d inline policies, want 5", n)
	}
}

// TestSAMPolicyEntries: what the transform rejects in Policies is an error
// at the entry, with samtranslator 1.110's reasons (each case was run
// through cfn-lint 1.51, which reports the transform's error); what it
// accepts is silent.
func TestSAMPolicyEntries(t *testing.T) {
	const head = "Transform: AWS::Serverless-2016-10-31\nConditions:\n  C: !Equals [a, b]\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.h\n      Runtime: python3.12\n      InlineCode: x\n      Policies:\n"
	cases := []struct {
		name, policies string
		want           []string // line: message part
	}{
		{"managed name, ARN, document, template", "        - AmazonS3ReadOnlyAccess\n        - arn:aws:iam::aws:policy/ReadOnlyAccess\n        - Statement: []\n        - SQSPollerPolicy: {QueueName: q}\n", nil},
		{"template with no parameters", "        - VPCAccessPolicy: {}\n", nil},
		{"single entry, not a list", "        SQSPollerPolicy: {QueueName: q}\n", nil},
		{"missing parameter", "        - S3ReadPolicy: {}\n", []string{"12: policy template S3ReadPolicy has no value for parameter BucketName"}},
		{"missing parameters", "        - DynamoDBStreamReadPolicy: {TableName: t}\n", []string{"12: policy template DynamoDBStreamReadPolicy has no value for parameter StreamName"}},
		{"parameter names are case-sensitive", "        - S3ReadPolicy: {bucketName: b}\n", []string{"12: policy template S3ReadPolicy has no value for parameter BucketName"}},
		{"an intrinsic function for the values", "        - S3ReadPolicy: !If [C, {BucketName: a}, {BucketName: b}]\n", []string{"12: policy template S3ReadPolicy has no value for parameter BucketName"}},
		{"values not a map", "        - S3ReadPolicy: my-bucket\n", []string{"12: policy template S3ReadPolicy needs a map of parameter values (parameters BucketName), got a string"}},
		{"no values", "        - CloudWatchPutMetricPolicy:\n", []string{"12: policy template CloudWatchPutMetricPolicy needs a map of parameter values (it has none: {}), got null"}},
		{"unknown template", "        - S3ReedPolicy: {BucketName: b}\n", []string{"12: F Policies entry 0 is not valid: S3ReedPolicy is not a policy template of SAM translator 1.110.0; did you mean S3ReadPolicy?"}},
		{"unknown template, index", "        - AWSLambdaExecute\n        - MyCustomPolicy: {}\n", []string{"13: F Policies entry 1 is not valid: MyCustomPolicy is not a policy template"}},
		{"map of two keys", "        - S3ReadPolicy: {BucketName: b}\n          SQSPollerPolicy: {QueueName: q}\n", []string{"12: F Policies entry 0 is not valid: it must be a policy name, ARN, policy document or policy template"}},
		{"a number", "        - 12\n", []string{"12: F Policies entry 0 is not valid"}},
		{"Fn::If of templates", "        - !If [C, {S3ReadPolicy: {BucketName: a}}, {SQSPollerPolicy: {QueueName: q}}]\n", nil},
		{"Fn::If of a template and a managed policy", "        - !If [C, {S3ReadPolicy: {BucketName: a}}, AmazonS3ReadOnlyAccess]\n", []string{"12: different policy types within the same Fn::If are not supported"}},
		{"Fn::If branch missing a parameter", "        - !If [C, {S3ReadPolicy: {}}, !Ref AWS::NoValue]\n", []string{"12: policy template S3ReadPolicy has no value for parameter BucketName"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			u := Parse(context.Background(), "t.yaml", []byte(head+tc.policies), Options{})
			var got []string
			for _, d := range u.Diagnostics {
				if d.Severity == graph.SeverityError {
					got = append(got, fmt.Sprintf("%d: %s", d.Location.StartLine, d.Summary))
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("errors = %q, want %q", got, tc.want)
			}
			for i, w := range tc.want {
				line, msg, _ := strings.Cut(w, ": ")
				if !strings.HasPrefix(got[i], line+": ") || !strings.Contains(got[i], msg) {
					t.Errorf("error %d = %q, want %q", i, got[i], w)
				}
			}
		})
	}
}

// TestSAMPolicyIfKinds: an Fn::If over managed policy names turns each name
// into its ARN, and an Fn::If over documents is an inline policy (not a
// managed policy ARN), as the transform sorts them.
func TestSAMPolicyIfKinds(t *testing.T) {
	const src = `Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage: {Type: String}
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  F:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.h
      Runtime: python3.12
      InlineCode: x
      Policies:
        - !If [IsProd, AmazonS3ReadOnlyAccess, !Ref AWS::NoValue]
        - !If
          - IsProd
          - Statement: [{Effect: Allow, Action: sqs:SendMessage, Resource: "*"}]
          - !Ref AWS::NoValue
`
	u := Parse(context.Background(), "t.yaml", []byte(src), Options{Params: map[string]string{"Stage": "prod", "AWS::Partition": "aws"}})
	if u.Diagnostics.HasErrors() {
		t.Fatalf("diagnostics: %v", u.Diagnostics)
	}
	checkValues(t, u, []valueCheck{
		{at: "FRole:ManagedPolicyArns", want: `["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]`},
		{at: "FRole:Policies", want: `[{PolicyName: "FRolePolicy1", PolicyDocument: {Statement: [{Effect: "Allow", Action: "sqs:SendMessage", Resource: "*"}]}}]`},
	})
	u = Parse(context.Background(), "t.yaml", []byte(src), Options{Params: map[string]string{"Stage": "dev", "AWS::Partition": "aws"}})
	checkValues(t, u, []valueCheck{
		{at: "FRole:ManagedPolicyArns", want: `["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]`},
		{at: "FRole:Policies", want: "[]"},
	})
}

// TestSAMVersionsAgree: the policy templates and the SAM part of the schema
// table come from the same samtranslator release, so what the schema
// accepts and what the templates expand are the same transform's.
func TestSAMVersionsAgree(t *testing.T) {
	if want := "SAM translator " + samtemplates.SAMTranslatorVersion; !strings.Contains(schemaVersion, want) {
		t.Errorf("schema table sources %q, policy templates from %s: regenerate both from one samtranslator", schemaVersion, want)
	}
}
