package cloudformation

import (
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

var (
	errorSev = graph.SeverityError
	warnSev  = graph.SeverityWarning
	noteSev  = graph.SeverityNote
)

type parseCase struct {
	name      string
	file      string
	opts      Options
	resources []string          // every resource ID in order; nil skips
	locs      map[string]string // resource ID -> "start-end" lines
	values    []valueCheck
	edges     []string // exact set; nil skips
	diags     []diagCheck
}

func runParseCases(t *testing.T, cases []parseCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			u := parseFixture(t, tc.file, tc.opts)
			if tc.resources != nil {
				if got := strings.Join(resourceIDs(u), " "); got != strings.Join(tc.resources, " ") {
					t.Errorf("resources = %s, want %s", got, strings.Join(tc.resources, " "))
				}
			}
			for id, want := range tc.locs {
				r := u.Resource(id)
				if r == nil {
					t.Errorf("no resource %s", id)
					continue
				}
				if got := locString(r.Loc, false); got != want {
					t.Errorf("%s location = %s, want %s", id, got, want)
				}
				if r.Source != graph.SourceCloudFormation || r.Attrs == nil || r.Attrs.Kind != graph.KindMap {
					t.Errorf("%s: source %q, attrs %v", id, r.Source, r.Attrs)
				}
			}
			checkValues(t, u, tc.values)
			checkEdges(t, u, tc.edges)
			checkDiags(t, u, tc.file, tc.diags)
		})
	}
}

func TestParseParametersAndIntrinsics(t *testing.T) {
	runParseCases(t, []parseCase{
		{
			name:      "defaults",
			file:      "basic.yaml",
			resources: []string{"Vpc", "WebSG", "Db"},
			locs:      map[string]string{"Vpc": "25-28", "WebSG": "29-42", "Db": "46-54"},
			values: []valueCheck{
				{at: "WebSG:SecurityGroupIngress[0].CidrIp", want: `"0.0.0.0/0"`, lines: "38:19-38:35", trace: []string{"default of parameter AllowedCidr"}, ref: "none"},
				{at: "WebSG:SecurityGroupIngress[0].FromPort", want: `"22"`, lines: "36-36", trace: []string{}},
				{at: "WebSG:SecurityGroupIngress[0].ToPort", want: `22`, lines: "37-37", trace: []string{"Mappings RegionMap/dev/Port"}},
				{at: "WebSG:SecurityGroupIngress[1].CidrIp", want: "absent"},
				{at: "WebSG:SecurityGroupIngress[1].FromPort", want: "443"},
				{at: "WebSG:GroupDescription", want: "(unknown)", lines: "32-32", reason: "pseudo parameter AWS::Region", trace: []string{"default of parameter Env"}},
				{at: "WebSG:VpcId", want: "(unknown Vpc)", ref: "Vpc.", reason: "Ref to resource Vpc"},
				{at: "Db:MasterUserPassword", want: "(unknown)", sensitive: true, reason: "NoEcho parameter DbPassword has no value", trace: []string{"NoEcho parameter DbPassword"}},
				{at: "Db:DBSubnetGroupName", want: `"subnet-2"`, lines: "54-54", trace: []string{"default of parameter Subnets"}},
				{at: "Db:VPCSecurityGroups[0]", want: "(unknown WebSG.GroupId)", ref: "WebSG.GroupId", lines: "53-53"},
				{at: "Vpc", want: `{CidrBlock: "10.0.0.0/16"}`},
			},
			edges: []string{
				"WebSG -ref-> Vpc @VpcId 33",
				"Db -depends_on-> WebSG @ 48",
				"Db -getatt-> WebSG.GroupId @VPCSecurityGroups[0] 53",
			},
			diags: []diagCheck{{sev: warnSev, line: 51, contains: "did you mean StorageEncrypted?", resource: "Db", path: "StorageEncypted"}},
		},
		{
			name:      "command-line overrides win",
			file:      "basic.yaml",
			opts:      Options{Params: map[string]string{"Env": "prod", "AllowedCidr": "198.51.100.0/24", "AWS::Region": "eu-west-1"}},
			resources: []string{"Vpc", "WebSG", "ProdBucket", "Db"},
			values: []valueCheck{
				{at: "WebSG:SecurityGroupIngress[0].CidrIp", want: `"198.51.100.0/24"`, lines: "38-38", trace: []string{"--cfn-param AllowedCidr"}},
				{at: "WebSG:SecurityGroupIngress[1].CidrIp", want: `"10.0.0.0/8"`, lines: "42-42"},
				{at: "WebSG:SecurityGroupIngress[0].ToPort", want: "(unknown)", reason: "Fn::FindInMap key not found"},
				{at: "WebSG:GroupDescription", want: `"web prod in eu-west-1"`, trace: []string{"--cfn-param Env", "--cfn-param AWS::Region"}},
				{at: "ProdBucket", want: "{}"},
			},
			diags: []diagCheck{
				{sev: warnSev, line: 51, contains: "StorageEncypted", resource: "Db", path: "StorageEncypted"},
				{sev: errorSev, line: 37, contains: "mapping RegionMap has no key prod"},
			},
		},
		{
			name: "override outside AllowedValues",
			file: "basic.yaml",
			opts: Options{Params: map[string]string{"Env": "staging"}},
			diags: []diagCheck{
				{sev: warnSev, line: 51, contains: "StorageEncypted", resource: "Db", path: "StorageEncypted"},
				{sev: errorSev, line: 7, contains: `value "staging" for parameter Env is not one of its AllowedValues`},
				{sev: errorSev, line: 37, contains: "mapping RegionMap has no key staging"},
			},
		},
		{
			name: "parameter file, CLI form",
			file: "basic.yaml",
			opts: Options{ParamFiles: []string{fixtures + "params-cli.json"}},
			values: []valueCheck{
				{at: "WebSG:SecurityGroupIngress[0].CidrIp", want: `"10.0.0.0/8"`, lines: "38-38", trace: []string{"parameter file " + fixtures + "params-cli.json (parameter AllowedCidr)"}},
				{at: "WebSG:SecurityGroupIngress[1].CidrIp", want: `"10.0.0.0/8"`},
			},
			diags: []diagCheck{
				{sev: warnSev, line: 51, contains: "StorageEncypted", resource: "Db", path: "StorageEncypted"},
				{sev: errorSev, line: 37, contains: "mapping RegionMap has no key prod"},
			},
		},
		{
			name: "parameter file, CodePipeline form, NoEcho value",
			file: "basic.yaml",
			opts: Options{ParamFiles: []string{fixtures + "params-pipeline.json"}},
			values: []valueCheck{
				{at: "WebSG:SecurityGroupIngress[0].CidrIp", want: `"172.16.0.0/12"`, trace: []string{"params-pipeline.json"}},
				{at: "Db:MasterUserPassword", want: `"hunter2"`, lines: "50-50", sensitive: true, trace: []string{"NoEcho parameter DbPassword"}},
			},
			diags: []diagCheck{{sev: warnSev, line: 51, contains: "StorageEncypted", resource: "Db", path: "StorageEncypted"}},
		},
		{
			name: "later parameter files and the command line take precedence",
			file: "basic.yaml",
			opts: Options{
				ParamFiles: []string{fixtures + "params-pipeline.json", fixtures + "params-cli.json"},
				Params:     map[string]string{"Env": "dev"},
			},
			values: []valueCheck{
				{at: "WebSG:SecurityGroupIngress[0].CidrIp", want: `"10.0.0.0/8"`, trace: []string{"params-cli.json"}},
				{at: "WebSG:SecurityGroupIngress[1].CidrIp", want: "absent"},
				{at: "Db:MasterUserPassword", want: `"hunter2"`, sensitive: true},
			},
			diags: []diagCheck{{sev: warnSev, line: 51, contains: "StorageEncypted", resource: "Db", path: "StorageEncypted"}},
		},
		{
			name: "malformed parameter file",
			file: "basic.yaml",
			opts: Options{ParamFiles: []string{fixtures + "params-bad.json", fixtures + "no-such-params.json"}},
			diags: []diagCheck{
				{sev: warnSev, line: 51, contains: "StorageEncypted", resource: "Db", path: "StorageEncypted"},
				{sev: errorSev, file: "params-bad.json", line: 1, contains: "parameter file must be"},
				{sev: errorSev, file: "no-such-params.json", line: 0, contains: "cannot read parameter file"},
			},
		},
		{
			name:      "every intrinsic function",
			file:      "intrinsics.yaml",
			resources: []string{"Vpc", "Subnet", "Server"},
			values: []valueCheck{
				{at: "Subnet:CidrBlock", want: `"10.0.0.0/24"`, lines: "26-26"},
				{at: "Subnet:CidrList", want: `["10.0.0.0/28", "10.0.0.16/28"]`},
				{at: "Subnet:AvailabilityZone", want: "(unknown)", reason: "Fn::GetAZs", ref: "none"},
				{at: "Subnet:Tags[0].Value", want: `"app-prod-net"`, lines: "30-30", trace: []string{"default of parameter Env"}},
				{at: "Subnet:Tags[1].Value", want: `"b"`},
				{at: "Subnet:Tags[2].Value", want: "(unknown)", ref: "none", reason: "Fn::Join with an unknown part: Ref to resource Vpc"},
				{at: "Subnet:Tags[3].Value", want: `"${Literal}-prod"`},
				{at: "Subnet:Tags[4].Value", want: "(unknown)", ref: "none", reason: "attribute CidrBlock of resource Vpc", trace: []string{"default of parameter Env", "Fn::Sub variable Name"}},
				{at: "Subnet:Tags[5].Value", want: "(unknown Vpc)", ref: "Vpc."},
				{at: "Subnet:Tags[6].Value", want: "3"},
				{at: "Subnet:Tags[7].Value", want: `"{\"a\":1,\"b\":[\"x\"]}"`},
				{at: "Subnet:Tags[8].Value", want: "(unknown)", reason: `Fn::ImportValue "shared-vpc"`},
				{at: "Subnet:Tags[9].Value", want: `"aGVsbG8="`},
				{at: "Subnet:Tags[10].Value", want: `"t3.micro"`},
				{at: "Subnet:Tags[11].Value", want: `"m5.large"`, lines: "54-54", trace: []string{"Mappings Sizes/prod/Instance"}},
				{at: "Subnet:Tags[12].Value", want: "(unknown Vpc.DefaultSecurityGroup)", ref: "Vpc.DefaultSecurityGroup"},
				{at: "Subnet:Tags[13].Value", want: "(unknown)", reason: "dynamic reference {{resolve:ssm:/app/name}}"},
				{at: "Subnet:Tags[14].Value", want: "(unknown)", reason: "dynamic reference {{resolve:secretsmanager:", sensitive: true},
				{at: "Subnet:Tags[15].Value", want: "(unknown)", reason: "dynamic reference {{resolve:ssm-secure:", sensitive: true},
				{at: "Subnet:Tags[16].Value", want: `"443"`, trace: []string{"default of parameter Ports"}},
				{at: "Server:ImageId", want: "(unknown)", lines: "69-69", reason: `parameter Ami is the value of SSM parameter "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64"`, trace: []string{"default of parameter Ami"}},
			},
			edges: []string{
				"Subnet -ref-> Vpc @VpcId 25",
				"Subnet -ref-> Vpc @Tags[2].Value 34",
				"Subnet -getatt-> Vpc.CidrBlock @Tags[4].Value 38",
				"Subnet -ref-> Vpc @Tags[5].Value 42",
				"Subnet -getatt-> Vpc.DefaultSecurityGroup @Tags[12].Value 56",
			},
			diags: []diagCheck{{sev: warnSev, line: 65, contains: `"CidrList" is not a property of AWS::EC2::Subnet`, resource: "Subnet", path: "CidrList"}},
		},
	})
}

func TestParseResourceAttributes(t *testing.T) {
	runParseCases(t, []parseCase{{
		name:      "meta, typos, references to resources not created",
		file:      "attributes.yaml",
		resources: []string{"Topic", "Sub"},
		locs:      map[string]string{"Topic": "13-24"},
		values: []valueCheck{
			{at: "Topic", want: "{}", lines: "13-24"},
			{at: "Sub:TopicArn", want: "(unknown Topic)", ref: "Topic."},
			{at: "Sub:Endpoint", want: "(unknown)", ref: "none", reason: "resource Queue is not created"},
			{at: "Sub:Protocol", want: `"sqs"`},
		},
		edges: []string{"Sub -ref-> Topic @TopicArn 28"},
		diags: []diagCheck{
			{sev: warnSev, line: 8, contains: `unknown top-level section "Resourcez"`},
			{sev: warnSev, line: 23, contains: `resource Topic: unknown resource attribute "Propertis"`},
			{sev: warnSev, line: 15, contains: "DependsOn names resource Queue, which is not created"},
			{sev: warnSev, line: 29, contains: "reference to resource Queue, which is not created"},
		},
	}})
	u := parseFixture(t, "attributes.yaml", Options{})
	meta := u.Resource("Topic").Meta
	for key, want := range map[string]string{
		"DependsOn":           `["Queue"]`,
		"DeletionPolicy":      `"Retain"`,
		"UpdateReplacePolicy": `"Snapshot"`,
		"Metadata":            `{rampart: {ignore: [{id: "AWS-SNS-001", reason: {Ref: "NotResolvedHere"}}]}}`,
	} {
		if got := meta[key].GoString(); got != want {
			t.Errorf("Meta[%s] = %s, want %s", key, got, want)
		}
	}
	if got := meta["DeletionPolicy"]; len(got.Trace) != 1 || got.Trace[0].Note != "default of parameter Policy" {
		t.Errorf("DeletionPolicy trace = %v", got.Trace)
	}
}

func TestParseParameterConstraints(t *testing.T) {
	runParseCases(t, []parseCase{
		{
			name:      "defaults outside MinLength and MaxValue; Fn::ForEach in Conditions",
			file:      "constraints.yaml",
			resources: []string{},
			diags: []diagCheck{
				{sev: errorSev, line: 8, contains: `value "ab" for parameter Name is shorter than its MinLength 3`},
				{sev: errorSev, line: 13, contains: `value "70000" for parameter Port is above its MaxValue 65535`},
			},
		},
		{
			name:      "overrides inside the constraints",
			file:      "constraints.yaml",
			opts:      Options{Params: map[string]string{"Name": "prod", "Port": "443"}},
			resources: []string{"Topic"},
			values: []valueCheck{
				{at: "Topic:TopicName", want: `"prod"`, trace: []string{"--cfn-param Name"}},
				{at: "Topic:DisplayName", want: `"443"`, lines: "29-29"},
			},
		},
		{
			name:      "a Number default becomes a string when referenced",
			file:      "constraints.yaml",
			opts:      Options{Params: map[string]string{"Name": "prod"}},
			resources: []string{"Topic"},
			values:    []valueCheck{{at: "Topic:DisplayName", want: `"70000"`, lines: "29-29", trace: []string{"default of parameter Port"}}},
			diags:     []diagCheck{{sev: errorSev, line: 13, contains: "is above its MaxValue 65535"}},
		},
		{
			name: "AllowedPattern checked where Go reads it as Java does",
			file: "patterns.yaml",
			diags: []diagCheck{
				{sev: errorSev, line: 10, contains: `value "Prod1" for parameter Env does not match its AllowedPattern "[a-z]+"`},
			},
		},
		{
			name:      "an override that matches the AllowedPattern",
			file:      "patterns.yaml",
			opts:      Options{Params: map[string]string{"Env": "prod"}},
			resources: []string{"Topic"},
			values:    []valueCheck{{at: "Topic:TopicName", want: `"prod"`}, {at: "Topic:DisplayName", want: `"0.0.0.0/0"`}},
		},
		{
			name: "override too long",
			file: "constraints.yaml",
			opts: Options{Params: map[string]string{"Name": "much-too-long", "Port": "0"}},
			diags: []diagCheck{
				{sev: errorSev, line: 4, contains: "is longer than its MaxLength 8"},
				{sev: errorSev, line: 9, contains: "is below its MinValue 1"},
			},
		},
	})
}

func TestParseSyntax(t *testing.T) {
	jsonValues := func(cidrLines, descLines string) []valueCheck {
		return []valueCheck{
			{at: "WebSG:SecurityGroupIngress[0].CidrIp", want: `"0.0.0.0/0"`, lines: cidrLines, trace: []string{"default of parameter AllowedCidr"}},
			{at: "WebSG:SecurityGroupIngress[0].FromPort", want: `"22"`},
			{at: "WebSG:SecurityGroupIngress[0].ToPort", want: "22"},
			{at: "WebSG:GroupDescription", want: `"café 😀"`, lines: descLines},
			{at: "WebSG:VpcId", want: "(unknown)", reason: `Fn::ImportValue "vpc"`},
			{at: "Bucket:BucketName", want: "(unknown)", reason: "pseudo parameter AWS::AccountId"},
			{at: "Bucket:VersioningConfiguration.Status", want: `"Enabled"`},
		}
	}
	runParseCases(t, []parseCase{
		{
			name:      "YAML block, flow, anchors, merge keys, multi-line strings",
			file:      "yaml-styles.yaml",
			resources: []string{"FlowSG", "AnchorSG", "AliasSG", "Policy"},
			locs:      map[string]string{"FlowSG": "4-6", "AnchorSG": "7-18", "AliasSG": "19-24", "Policy": "25-39"},
			values: []valueCheck{
				{at: "FlowSG:SecurityGroupIngress[0].CidrIp", want: `"0.0.0.0/0"`, lines: "6:123-6:132"},
				{at: "FlowSG:SecurityGroupIngress[0]", want: `{IpProtocol: "tcp", FromPort: 80, ToPort: 80, CidrIp: "0.0.0.0/0"}`, lines: "6:71-6:133"},
				{at: "FlowSG:SecurityGroupIngress", want: `[{IpProtocol: "tcp", FromPort: 80, ToPort: 80, CidrIp: "0.0.0.0/0"}]`, lines: "6:70-6:134"},
				{at: "AnchorSG:SecurityGroupIngress[0].CidrIp", want: `"10.0.0.0/8"`, lines: "16:19-16:29", trace: []string{}},
				{at: "AnchorSG:SecurityGroupIngress[1].CidrIp", want: `"192.168.0.0/16"`, lines: "18:19-18:33", trace: []string{}},
				{at: "AnchorSG:SecurityGroupIngress[1].FromPort", want: "22", lines: "17:15-17:19", trace: []string{"YAML anchor &ssh"}},
				{at: "AnchorSG:SecurityGroupIngress[1]", want: `{CidrIp: "192.168.0.0/16", IpProtocol: "tcp", FromPort: 22, ToPort: 22}`, lines: "17-18"},
				{at: "AliasSG:GroupDescription", want: `"shared description"`, lines: "22:25-22:30", trace: []string{"YAML anchor &desc"}},
				{at: "AliasSG:SecurityGroupIngress[0].CidrIp", want: `"10.0.0.0/8"`, lines: "24-24", trace: []string{"YAML anchor &ssh"}},
				{at: "Policy:Description", want: `"folded text over two lines\n"`, lines: "28:20-30:23"},
				{at: "Policy:PolicyDocument", want: `"{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": []\n}\n"`, lines: "31:23-35:10"},
				{at: "Policy:Path", want: `"/a b/"`, lines: "36:13-37:12"},
				{at: "Policy:ManagedPolicyName", want: `"plain words continued here"`, lines: "38:26-39:23"},
			},
		},
		{
			name:      "JSON pretty",
			file:      "pretty.json",
			resources: []string{"WebSG", "Bucket"},
			locs:      map[string]string{"WebSG": "10-28", "Bucket": "29-50"},
			values:    jsonValues("19:23-21:14", "13:29-13:53"),
			edges:     []string{"Bucket -depends_on-> WebSG @ 32"},
		},
		{
			name:      "JSON minified",
			file:      "minified.json",
			resources: []string{"WebSG", "Bucket"},
			locs:      map[string]string{"WebSG": "1-1", "Bucket": "1-1"},
			values:    jsonValues("1-1", "1:199-1:223"),
			edges:     []string{"Bucket -depends_on-> WebSG @ 1"},
		},
		{
			name:      "JSON with tabs in a .template file",
			file:      "tabs.template",
			resources: []string{"WebSG", "Bucket"},
			locs:      map[string]string{"WebSG": "10-28"},
			values:    jsonValues("19:17-21:8", "13:25-13:49"),
		},
	})
}

func TestParseConditions(t *testing.T) {
	runParseCases(t, []parseCase{
		{
			name:      "condition on a parameter without value: both branches",
			file:      "conditions.yaml",
			resources: []string{"Logs", "Always", "Merged"},
			values: []valueCheck{
				{at: "Merged:BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm", want: `"aws:kms"`, lines: "42-42"},
				{at: "Merged:BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID", want: "(unknown)", lines: "43-43", reason: "depends on condition IsProd"},
				{at: "Merged:Tags", want: "(unknown)", lines: "44-44", reason: "(absent on one branch)"},
				{at: "Logs:BucketName", want: "(unknown)", lines: "21-21", reason: "depends on condition IsProd, which is unknown: condition IsProd depends on an unknown value (parameter Env has no value"},
				{at: "Logs:VersioningConfiguration.Status", want: `"Enabled"`},
				{at: "Logs:AccessControl", want: `"Private"`},
				{at: "Logs:ObjectLockEnabled", want: "absent"},
				{at: "Always:TopicName", want: "(unknown)", reason: "condition ProdInEurope"},
				{at: "Always:DisplayName", want: "absent"},
			},
		},
		{
			name:      "known condition true",
			file:      "conditions.yaml",
			opts:      Options{Params: map[string]string{"Env": "prod"}},
			resources: []string{"Logs", "Always", "Merged"},
			values: []valueCheck{
				{at: "Merged:Tags[0].Value", want: `"prod"`},
				{at: "Logs:BucketName", want: `"prod-logs"`, lines: "21-21", trace: []string{"Fn::If condition IsProd is true (decided by parameter Env)"}},
				{at: "Always:TopicName", want: `"a"`, trace: []string{"Fn::If condition ProdInEurope is true (decided by parameter Env, parameter Region)"}},
			},
		},
		{
			name:      "known condition false",
			file:      "conditions.yaml",
			opts:      Options{Params: map[string]string{"Env": "dev"}},
			resources: []string{"Always", "Merged"},
			values: []valueCheck{
				{at: "Always:TopicName", want: "absent"},
				{at: "Merged:Tags", want: "absent"},
				{at: "Merged:BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID", want: `"dev-key"`, lines: "49-49"},
			},
		},
		{
			name:      "every condition known",
			file:      "conditions.yaml",
			opts:      Options{Params: map[string]string{"Env": "prod", "Region": "us-east-1"}},
			resources: []string{"Logs", "NeverCreated", "Always", "Merged"},
			values: []valueCheck{
				{at: "Logs:ObjectLockEnabled", want: "true", lines: "25-25"},
				{at: "Logs:AccessControl", want: `"PublicRead"`, trace: []string{"Fn::If condition InEurope is false (decided by parameter Region)"}},
				{at: "Logs:ObjectLockEnabled", want: "true", trace: []string{"Fn::If condition NotEurope is true (decided by parameter Region)"}},
				{at: "Always:TopicName", want: "absent"},
			},
		},
	})
	u := parseFixture(t, "conditions.yaml", Options{})
	logs, always := u.Resource("Logs"), u.Resource("Always")
	if v := logs.Meta["ConditionUnknown"]; v == nil || !v.Bool {
		t.Errorf("Logs Meta ConditionUnknown = %v, want true", v)
	}
	if v := logs.Meta["Condition"]; v.GoString() != `"IsProd"` || v.Loc.StartLine != 19 {
		t.Errorf("Logs Meta Condition = %s at %d", v.GoString(), v.Loc.StartLine)
	}
	if _, ok := always.Meta["ConditionUnknown"]; ok {
		t.Errorf("Always: Or with a known true operand must be known")
	}
}

func TestParseForEach(t *testing.T) {
	runParseCases(t, []parseCase{{
		name:      "resources, properties and outputs",
		file:      "foreach.yaml",
		resources: []string{"logsBucket", "dataBucket", "Topic"},
		locs:      map[string]string{"logsBucket": "11-17", "dataBucket": "11-17"},
		values: []valueCheck{
			{at: "logsBucket:BucketName", want: `"app-logs"`, lines: "14-14"},
			{at: "dataBucket:BucketName", want: `"app-data"`},
			{at: "dataBucket:Tags[0].Value", want: `"data"`, lines: "17-17", trace: []string{`Fn::ForEach::Buckets Name = "data"`}},
			{at: "Topic:Tags", want: `{Tagab: {Key: "a-b"}, Tagc: {Key: "c"}}`},
		},
	}, {
		name:      "collection from the command line",
		file:      "foreach.yaml",
		opts:      Options{Params: map[string]string{"Names": "one"}},
		resources: []string{"oneBucket", "Topic"},
	}, {
		// A loop over an unknown collection keeps one representative copy,
		// as Terraform does for a count it does not know.
		name:      "unknown collection: a representative copy",
		file:      "foreach-unknown.yaml",
		resources: []string{"Permission*", "ordersQueue", "*Queue", "Consumer"},
		locs:      map[string]string{"Permission*": "12-20", "*Queue": "24-28"},
		values: []valueCheck{
			{at: "Permission*:Principal", want: "(unknown)", lines: "17-17", reason: "Fn::ForEach::Permissions: the collection is unknown (parameter AccountIds (a list) has no value)"},
			{at: "Permission*:SourceAccount", want: "(unknown)", lines: "18-18", reason: "the collection is unknown"},
			{at: "Permission*:SourceArn", want: "(unknown)", ref: "none"},
			{at: "Permission*:EventSourceToken", want: "(unknown)", reason: "the collection is unknown"},
			{at: "Permission*:Action", want: `"lambda:InvokeFunction"`, lines: "15-15"},
			{at: "ordersQueue:QueueName", want: `"orders-queue"`},
			{at: "*Queue:QueueName", want: "(unknown)", reason: "Fn::ForEach::Queues: the collection is unknown (parameter Extra has no value"},
			{at: "*Queue:MessageRetentionPeriod", want: "60"},
			{at: "Consumer:TopicName", want: "(unknown Permission*.Arn)", ref: "Permission*.Arn"},
			{at: "Consumer:DisplayName", want: "(unknown ordersQueue)", ref: "ordersQueue."},
		},
		edges: []string{
			"Consumer -depends_on-> Permission* @ 31",
			"Consumer -getatt-> Permission*.Arn @TopicName 33",
			"Consumer -ref-> ordersQueue @DisplayName 34",
		},
	}})
	runParseCases(t, []parseCase{{
		// Names of resources and conditions in the representative copy
		// name the representative ones.
		name:      "unknown collection: names inside the representative copy",
		file:      "foreach-unknown-names.yaml",
		resources: []string{"*Bucket", "*Key"},
		values: []valueCheck{
			{at: "*Bucket:BucketName", want: "(unknown)", reason: "depends on condition Is*"},
			{at: "*Bucket:LoggingConfiguration.DestinationBucketName", want: "(unknown *Key)", ref: "*Key."},
			{at: "*Bucket:LoggingConfiguration.LogFilePrefix", want: "(unknown)", reason: "the collection is unknown"},
			{at: "*Key:Description", want: "(unknown *Bucket.Arn)"},
		},
		edges: []string{
			"*Bucket -depends_on-> *Key @ 19",
			"*Bucket -ref-> *Key @LoggingConfiguration.DestinationBucketName 23",
			"*Key -getatt-> *Bucket.Arn @Description 28",
		},
	}})
	// SAM expands the representative function into *WorkerRole too.
	sam := parseFixture(t, "foreach-unknown-sam.yaml", Options{})
	if ids := strings.Join(resourceIDs(sam), " "); ids != "*WorkerRole *Worker" {
		t.Errorf("resources = %s, want *WorkerRole *Worker", ids)
	}
	for _, r := range sam.Resources {
		if !r.Representative {
			t.Errorf("%s: not Representative", r.ID)
		}
	}
	if r := parseFixture(t, "foreach-unknown-names.yaml", Options{}).Resource("*Bucket"); r == nil || r.Meta["ConditionUnknown"] == nil {
		t.Errorf("*Bucket: want a resource whose condition Is* is unknown, got %+v", r)
	}
	u := parseFixture(t, "foreach-unknown.yaml", Options{})
	for _, r := range u.Resources {
		if want := strings.Contains(r.ID, "*"); r.Representative != want {
			t.Errorf("%s: Representative = %v, want %v", r.ID, r.Representative, want)
		}
	}
}

func TestParseNestedStacks(t *testing.T) {
	child := fixtures + "nested/stacks/network.yaml"
	runParseCases(t, []parseCase{
		{
			name:      "local child with parameters and outputs",
			file:      "nested/parent.yaml",
			resources: []string{"NetworkStack", "NetworkStack/WebSG", "App", "Packaged", "Vpc", "Bad"},
			locs:      map[string]string{"NetworkStack/WebSG": "11-23", "NetworkStack": "7-14"},
			values: []valueCheck{
				{at: "NetworkStack/WebSG:SecurityGroupIngress[0].CidrIp", want: `"203.0.113.0/24"`, lines: "20-20",
					trace: []string{"default of parameter AdminCidr", "parameter Cidr of nested stack NetworkStack"}},
				{at: "NetworkStack/WebSG:VpcId", want: "(unknown Vpc)", ref: "Vpc.", lines: "15-15", trace: []string{"parameter VpcId of nested stack NetworkStack"}},
				{at: "NetworkStack/WebSG:Tags[0].Value", want: `"not-a-secret-literal"`, sensitive: true,
					trace: []string{"parameter Token of nested stack NetworkStack (NoEcho parameter Token)"}},
				{at: "App:SecurityGroupIds[0]", want: "(unknown NetworkStack/WebSG.GroupId)", ref: "NetworkStack/WebSG.GroupId", lines: "20-20",
					trace: []string{"output WebSGId of nested stack NetworkStack"}},
				{at: "App:SubnetId", want: `"203.0.113.0/24"`, lines: "21-21",
					trace: []string{"default of parameter AdminCidr", "parameter Cidr of nested stack NetworkStack", "output Cidr of nested stack NetworkStack"}},
				{at: "Packaged:TemplateURL", want: `"https://s3.amazonaws.com/bucket/network.template"`},
				{at: "Bad:TopicName", want: "(unknown)", reason: "output Nope of nested stack NetworkStack is not defined"},
			},
			edges: []string{
				"NetworkStack -ref-> Vpc @Parameters.VpcId 13",
				"NetworkStack/WebSG -ref-> Vpc @VpcId 15",
				"App -getatt-> NetworkStack.Outputs.WebSGId @SecurityGroupIds[0] 20",
				"App -getatt-> NetworkStack/WebSG.GroupId @SecurityGroupIds[0] 20",
				"App -getatt-> NetworkStack.Outputs.Cidr @SubnetId 21",
				"Bad -getatt-> NetworkStack.Outputs.Nope @TopicName 33",
			},
			diags: []diagCheck{
				{sev: noteSev, line: 25, contains: "template https://s3.amazonaws.com/bucket/network.template is remote"},
				{sev: errorSev, line: 33, contains: "nested stack NetworkStack has no output Nope"},
			},
		},
		{
			name:      "missing, outside the root, cycle",
			file:      "nested/bad-parent.yaml",
			resources: []string{"Missing", "Outside", "Loop", "Loop/Back"},
			diags: []diagCheck{
				{sev: errorSev, line: 6, contains: "nested stack Missing: cannot read template stacks/missing.yaml"},
				{sev: errorSev, line: 10, contains: "nested stack Outside: template ../../outside.yaml is outside the scan root"},
				{sev: errorSev, file: "nested/stacks/cycle.yaml", line: 6, contains: "template ../bad-parent.yaml includes itself"},
			},
		},
	})
	u := parseFixture(t, "nested/parent.yaml", Options{})
	if got := u.Resource("NetworkStack/WebSG").Loc.File; got != child {
		t.Errorf("child resource file = %q, want %q", got, child)
	}
	if len(u.Files) != 2 || u.Files[1] != child {
		t.Errorf("Files = %q, want the parent and %s", u.Files, child)
	}
}

// The tags of a nested stack resource reach every taggable resource of the
// nested stack, and the stacks below it; a resource's own tag wins.
func TestParseNestedStackTags(t *testing.T) {
	child := fixtures + "nested/stacks/tags-child.yaml"
	runParseCases(t, []parseCase{{
		name:      "stack tags propagate",
		file:      "nested/tags-parent.yaml",
		resources: []string{"AppStack", "AppStack/WebSG", "AppStack/Logs", "AppStack/Setting", "AppStack/Invoke", "AppStack/Inner", "AppStack/Inner/Jobs"},
		values: []valueCheck{
			{at: "AppStack/WebSG:Tags", want: `[{Key: "env", Value: "child"}, {Key: "team", Value: "web"}]`},
			{at: "AppStack/WebSG:Tags[0].Value", want: `"child"`, lines: "9-9", trace: []string{}},
			{at: "AppStack/WebSG:Tags[1].Value", want: `"web"`, lines: "13-13", trace: []string{"tag of nested stack AppStack"}},
			{at: "AppStack/Logs:Tags", want: `[{Key: "team", Value: "web"}, {Key: "env", Value: "prod"}]`, lines: "12-15"},
			{at: "AppStack/Logs:Tags[1].Value", want: `"prod"`, lines: "15-15", trace: []string{"default of parameter Env", "tag of nested stack AppStack"}},
			{at: "AppStack/Setting:Tags", want: `{team: "platform", env: "prod"}`},
			{at: "AppStack/Invoke:Tags", want: "absent"},
			{at: "AppStack/Inner:Tags", want: `[{Key: "layer", Value: "inner"}, {Key: "team", Value: "web"}, {Key: "env", Value: "prod"}]`},
			{at: "AppStack/Inner/Jobs:Tags", want: `[{Key: "layer", Value: "inner"}, {Key: "team", Value: "web"}, {Key: "env", Value: "prod"}]`},
			{at: "AppStack/Inner/Jobs:Tags[1].Value", want: `"web"`, lines: "13-13", trace: []string{"tag of nested stack AppStack", "tag of nested stack AppStack/Inner"}},
		},
	}})
	u := parseFixture(t, "nested/tags-parent.yaml", Options{})
	if got := u.Resource("AppStack/Logs").Attrs.Get("Tags").Index(0).Loc.File; got != fixtures+"nested/tags-parent.yaml" {
		t.Errorf("a propagated tag is located in %s, want the parent", got)
	}
	if got := u.Resource("AppStack/WebSG").Attrs.Get("Tags").Index(0).Loc.File; got != child {
		t.Errorf("an own tag is located in %s, want the child", got)
	}
}

func TestParseSAM(t *testing.T) {
	runParseCases(t, []parseCase{{
		name: "functions, APIs, table, layer, state machine, connector",
		file: "sam.yaml",
		resources: []string{
			"ApiFunctionRole", "ApiFunction", "ApiFunctionUrl", "ApiFunctionUrlPublicPermissions", "ApiFunctionURLInvokeAllowPublicAccess",
			"ServerlessRestApi", "ServerlessRestApiDeployment", "ServerlessRestApiProdStage", "ApiFunctionGetItemsPermissionProd",
			"ServerlessHttpApi", "ServerlessHttpApiApiGatewayDefaultStage", "ApiFunctionPostItemsPermission",
			"Table", "Layer", "FlowRole", "Flow", "Alarm",
		},
		locs: map[string]string{"ApiFunction": "11-40", "ApiFunctionRole": "11-40", "ServerlessRestApi": "11-40", "Table": "41-45"},
		values: []valueCheck{
			{at: "ApiFunction:Runtime", want: `"python3.12"`, lines: "5-5"},
			{at: "ApiFunction:Timeout", want: "10"},
			{at: "ApiFunction:Environment.Variables", want: `{STAGE: "prod", TABLE: (unknown Table)}`},
			{at: "ApiFunction:Code", want: `{S3Bucket: "my-bucket", S3Key: "code.zip"}`},
			{at: "ApiFunction:TracingConfig.Mode", want: `"Active"`, lines: "16-16"},
			{at: "ApiFunction:Role", want: "(unknown ApiFunctionRole.Arn)", ref: "ApiFunctionRole.Arn", lines: "11-40"},
			{at: "ApiFunctionRole:AssumeRolePolicyDocument.Statement[0].Principal.Service[0]", want: `"lambda.amazonaws.com"`},
			{at: "ApiFunctionRole:Policies[0].PolicyDocument.Statement[0].Action", want: `"s3:*"`, lines: "21-21"},
			{at: "ApiFunctionRole:Policies[0].PolicyName", want: `"ApiFunctionRolePolicy1"`},
			{at: "ApiFunctionRole:Policies[1].PolicyName", want: `"ApiFunctionRolePolicy2"`, lines: "23-23"},
			{at: "ApiFunctionRole:Policies[1].PolicyDocument.Statement[0].Action[0]", want: `"s3:GetObject"`, lines: "23-23"},
			{at: "ApiFunctionRole:ManagedPolicyArns[2]", want: "(unknown)", lines: "18-18", reason: "AWS::Partition"},
			{at: "ApiFunctionUrl:AuthType", want: `"NONE"`},
			{at: "ApiFunctionUrlPublicPermissions:Principal", want: `"*"`},
			{at: "ApiFunctionURLInvokeAllowPublicAccess", want: `{Action: "lambda:InvokeFunction", FunctionName: (unknown ApiFunction), Principal: "*", InvokedViaFunctionUrl: true}`},
			{at: "ServerlessRestApiProdStage:StageName", want: `"Prod"`},
			{at: "ServerlessHttpApiApiGatewayDefaultStage:StageName", want: `"$default"`},
			{at: "Table", want: `{AttributeDefinitions: [{AttributeName: "id", AttributeType: "S"}], KeySchema: [{AttributeName: "id", KeyType: "HASH"}], BillingMode: "PAY_PER_REQUEST", SSESpecification: {SSEEnabled: true}}`},
			{at: "Layer:Content", want: `{S3Bucket: "my-bucket", S3Key: "layer.zip"}`},
			{at: "Flow:RoleArn", want: "(unknown FlowRole.Arn)"},
			{at: "FlowRole:AssumeRolePolicyDocument.Statement[0].Principal.Service[0]", want: `"states.amazonaws.com"`},
			{at: "Alarm:AlarmActions[0]", want: "(unknown ApiFunction.Alias)", ref: "ApiFunction.Alias", lines: "64-64"},
			{at: "Alarm:Dimensions[0].Value", want: "(unknown ServerlessRestApiProdStage)", ref: "ServerlessRestApiProdStage."},
		},
		diags: []diagCheck{
			{sev: noteSev, line: 71, contains: "SAM connector Link is not expanded"},
		},
	}})
	u := parseFixture(t, "sam.yaml", Options{})
	if got := u.Resource("ApiFunction").Type; got != "AWS::Lambda::Function" {
		t.Errorf("ApiFunction type = %s", got)
	}
	if got := u.Resource("Layer").Meta["DeletionPolicy"].GoString(); got != `"Retain"` {
		t.Errorf("Layer DeletionPolicy = %s", got)
	}
}

// AutoPublishAlias and DeploymentPreference generate what samtranslator
// 1.110 generates (version IDs without SAM's hash).
func TestParseSAMAliases(t *testing.T) {
	runParseCases(t, []parseCase{{
		name: "AutoPublishAlias, DeploymentPreference, referenceable properties",
		file: "sam-alias.yaml",
		resources: []string{
			"ProcessorRole", "Processor", "ProcessorVersion", "ServerlessDeploymentApplication", "CodeDeployServiceRole",
			"ProcessorDeploymentGroup", "ProcessorAliaslive", "ProcessorJobs",
			"Reporter", "ReporterVersion", "ReporterAliasprod",
			"CheckFunction", "ErrorsAlarm", "Jobs", "Caller",
		},
		values: []valueCheck{
			{at: "ProcessorVersion:FunctionName", want: "(unknown Processor)"},
			{at: "ProcessorAliaslive:Name", want: `"live"`, lines: "14:25-14:29"},
			{at: "ProcessorAliaslive:FunctionVersion", want: "(unknown ProcessorVersion.Version)"},
			{at: "ProcessorDeploymentGroup:DeploymentConfigName", want: `"CodeDeployDefault.LambdaCanary10Percent5Minutes"`, lines: "16-16"},
			{at: "ProcessorDeploymentGroup:ServiceRoleArn", want: "(unknown CodeDeployServiceRole.Arn)"},
			{at: "ProcessorDeploymentGroup:AlarmConfiguration.Alarms[0].Name", want: "(unknown ErrorsAlarm)", lines: "18-18"},
			{at: "ProcessorDeploymentGroup:ApplicationName", want: "(unknown ServerlessDeploymentApplication)"},
			{at: "CodeDeployServiceRole:AssumeRolePolicyDocument.Statement[0].Principal.Service[0]", want: `"codedeploy.amazonaws.com"`},
			{at: "ProcessorJobs:FunctionName", want: "(unknown ProcessorAliaslive)", ref: "ProcessorAliaslive."},
			{at: "ReporterAliasprod:Name", want: `"prod"`},
			{at: "Caller:DisplayName", want: "(unknown ProcessorAliaslive)", ref: "ProcessorAliaslive.", lines: "47-47"},
			{at: "Caller:TopicName", want: "(unknown ProcessorVersion)", ref: "ProcessorVersion."},
			{at: "Caller:Tags[0].Value", want: "(unknown ReporterAliasprod)", ref: "ReporterAliasprod."},
		},
	}})
	u := parseFixture(t, "sam-alias.yaml", Options{})
	alias := u.Resource("ProcessorAliaslive")
	update := alias.Meta["UpdatePolicy"]
	if update == nil || update.GoString() != `{CodeDeployLambdaAliasUpdate: {ApplicationName: {Ref: "ServerlessDeploymentApplication"}, DeploymentGroupName: {Ref: "ProcessorDeploymentGroup"}, BeforeAllowTrafficHook: {Ref: "CheckFunction"}}}` {
		t.Errorf("alias UpdatePolicy = %v", update)
	}
	if got := u.Resource("ProcessorVersion").Meta["DeletionPolicy"].GoString(); got != `"Retain"` {
		t.Errorf("version DeletionPolicy = %s", got)
	}
	if u.Resource("ReporterDeploymentGroup") != nil || u.Resource("ReporterAliasprod").Meta["UpdatePolicy"] != nil {
		t.Errorf("a disabled DeploymentPreference generated CodeDeploy resources")
	}
}

func TestParseSAMEvents(t *testing.T) {
	runParseCases(t, []parseCase{{
		name: "event sources, explicit APIs, given role, inline code",
		file: "sam-events.yaml",
		resources: []string{
			"Worker", "WorkerQueue", "WorkerNightly", "WorkerNightlyPermission", "WorkerTopic", "WorkerTopicPermission",
			"WorkerUploadPermission", "WorkerCallPermissionv1",
			"VpcRole", "Vpc", "PublicApi", "PublicApiDeployment", "PublicApiv1Stage", "Http", "HttpliveStage",
			"Jobs", "Alerts", "Uploads", "Tagged",
			"Scheduled", "ScheduledHourlyRole", "ScheduledHourly", "ScheduledChanges", "ScheduledChangesPermission",
			"Beta", "BetaDeployment", "BetaStage2817521297", "Dynamic", "DynamicStage", "Broker", "BrokerOrders",
			"Workflow", "WorkflowChangedRole", "WorkflowChanged", "WorkflowStartRole",
			"Secured", "SecuredTokenAuthorizerPermission", "SecuredDeployment", "SecuredprodStage",
			"SecuredHttp", "SecuredHttpLambdaAuthorizerPermission", "SecuredHttpApiGatewayDefaultStage",
		},
		values: []valueCheck{
			{at: "Worker:Role", want: `"arn:aws:iam::123456789012:role/worker"`, lines: "13-13"},
			{at: "Worker:Code.ZipFile", want: `"exports.handler = async () => {}"`, lines: "12-12"},
			{at: "WorkerQueue", want: "{FunctionName: (unknown Worker), EventSourceArn: (unknown Jobs.Arn), BatchSize: 5}"},
			{at: "WorkerNightly:ScheduleExpression", want: `"rate(1 day)"`, lines: "26-26"},
			{at: "WorkerNightly:Targets[0].Arn", want: "(unknown Worker.Arn)"},
			{at: "WorkerTopic:TopicArn", want: "(unknown Alerts)", ref: "Alerts."},
			{at: "VpcRole:ManagedPolicyArns[1]", want: "(unknown)", reason: "AWS::Partition"},
			{at: "VpcRole:ManagedPolicyArns[2]", want: `"arn:aws:iam::aws:policy/ReadOnlyAccess"`, lines: "51-51"},
			{at: "Vpc:Code", want: `{S3Bucket: "code", S3Key: "vpc.zip"}`},
			{at: "PublicApi:EndpointConfiguration", want: `{Types: ["REGIONAL"]}`},
			{at: "PublicApiv1Stage:TracingEnabled", want: "true", lines: "5-5"},
			{at: "PublicApiv1Stage:MethodSettings[0].LoggingLevel", want: `"INFO"`},
			{at: "HttpliveStage:AccessLogSettings.Format", want: `"$context.requestId"`},
			{at: "Tagged:AttributeDefinitions", want: `[{AttributeName: "pk", AttributeType: "N"}]`},
			{at: "Tagged:BillingMode", want: "absent"},
			{at: "Tagged:ProvisionedThroughput.ReadCapacityUnits", want: "1", lines: "81-81"},
			{at: "Tagged:Tags", want: `[{Key: "team", Value: "web"}, {Key: "cost", Value: "42"}]`},
			{at: "Tagged:Tags[1].Key", want: `"cost"`, lines: "85-85"},
			{at: "WorkerNightlyPermission", want: `{Action: "lambda:InvokeFunction", FunctionName: (unknown Worker), Principal: "events.amazonaws.com", SourceArn: (unknown WorkerNightly.Arn)}`},
			{at: "WorkerTopicPermission:Principal", want: `"sns.amazonaws.com"`},
			{at: "WorkerUploadPermission:SourceAccount", want: "(unknown)", reason: "AWS::AccountId"},
			{at: "ScheduledHourly:Target", want: `{Arn: (unknown Scheduled.Arn), RoleArn: (unknown ScheduledHourlyRole.Arn)}`},
			{at: "ScheduledHourly:FlexibleTimeWindow", want: `{Mode: "OFF"}`},
			{at: "ScheduledHourlyRole:Policies[0].PolicyDocument.Statement[0].Resource", want: "(unknown Scheduled.Arn)"},
			{at: "ScheduledChanges:State", want: `"DISABLED"`, lines: "103-103"},
			{at: "ScheduledChanges:EventPattern.source[0]", want: `"aws.ec2"`},
			{at: "BetaStage2817521297:StageName", want: `"v1-beta"`},
			{at: "DynamicStage:StageName", want: "(unknown)", reason: "AWS::Region"},
			{at: "BrokerOrders:EventSourceArn", want: `"arn:aws:mq:eu-west-1:123456789012:broker:orders:b-1"`, lines: "123-123"},
			{at: "BrokerOrders:Queues", want: `["orders"]`},
			{at: "WorkflowChanged:Targets[0]", want: `{Arn: (unknown Workflow), Id: "WorkflowChangedStepFunctionsTarget", RoleArn: (unknown WorkflowChangedRole.Arn)}`},
			{at: "WorkflowChangedRole:Policies[0].PolicyDocument.Statement[0]", want: `{Action: "states:StartExecution", Effect: "Allow", Resource: (unknown Workflow)}`},
			{at: "WorkflowStartRole:AssumeRolePolicyDocument.Statement[0].Principal.Service[0]", want: `"apigateway.amazonaws.com"`},
			{at: "SecuredTokenAuthorizerPermission", want: `{Action: "lambda:InvokeFunction", FunctionName: (unknown Broker.Arn), Principal: "apigateway.amazonaws.com", SourceArn: (unknown)}`},
			{at: "SecuredHttpLambdaAuthorizerPermission:FunctionName", want: "(unknown Broker.Arn)", lines: "165-165"},
		},
		edges: []string{
			"WorkerQueue -ref-> Worker @FunctionName 19",
			"WorkerQueue -getatt-> Jobs.Arn @EventSourceArn 21",
			"WorkerNightly -getatt-> Worker.Arn @Targets[0].Arn 24",
			"WorkerNightlyPermission -getatt-> WorkerNightly.Arn @SourceArn 24",
			"WorkerNightlyPermission -ref-> Worker @FunctionName 24",
			"WorkerTopic -getatt-> Worker.Arn @Endpoint 28",
			"WorkerTopic -ref-> Alerts @TopicArn 30",
			"WorkerTopicPermission -ref-> Alerts @SourceArn 30",
			"WorkerTopicPermission -ref-> Worker @FunctionName 28",
			"WorkerUploadPermission -ref-> Worker @FunctionName 32",
			"ScheduledHourlyRole -getatt-> Scheduled.Arn @Policies[0].PolicyDocument.Statement[0].Resource 95",
			"ScheduledHourly -getatt-> Scheduled.Arn @Target.Arn 95",
			"ScheduledHourly -getatt-> ScheduledHourlyRole.Arn @Target.RoleArn 95",
			"ScheduledChanges -getatt-> Scheduled.Arn @Targets[0].Arn 99",
			"ScheduledChangesPermission -getatt-> ScheduledChanges.Arn @SourceArn 99",
			"ScheduledChangesPermission -ref-> Scheduled @FunctionName 99",
			"BetaDeployment -ref-> Beta @RestApiId 104",
			"BetaStage2817521297 -ref-> Beta @RestApiId 104",
			"BetaStage2817521297 -ref-> BetaDeployment @DeploymentId 104",
			"DynamicStage -ref-> Dynamic @ApiId 108",
			"BrokerOrders -ref-> Broker @FunctionName 121",
			"WorkflowChangedRole -ref-> Workflow @Policies[0].PolicyDocument.Statement[0].Resource 139",
			"WorkflowChanged -ref-> Workflow @Targets[0].Arn 139",
			"WorkflowChanged -getatt-> WorkflowChangedRole.Arn @Targets[0].RoleArn 139",
			"WorkflowStartRole -ref-> Workflow @Policies[0].PolicyDocument.Statement[0].Resource 144",
			"SecuredDeployment -ref-> Secured @RestApiId 149",
			"SecuredHttpApiGatewayDefaultStage -ref-> SecuredHttp @ApiId 159",
			"SecuredHttpLambdaAuthorizerPermission -getatt-> Broker.Arn @FunctionName 165",
			"SecuredHttpLambdaAuthorizerPermission -ref-> SecuredHttp @SourceArn 165",
			"SecuredTokenAuthorizerPermission -getatt-> Broker.Arn @FunctionName 156",
			"SecuredTokenAuthorizerPermission -ref-> Secured @SourceArn 156",
			"SecuredprodStage -ref-> Secured @RestApiId 149",
			"SecuredprodStage -ref-> SecuredDeployment @DeploymentId 149",
			"WorkerCallPermissionv1 -ref-> Worker @FunctionName 37",
			"WorkerCallPermissionv1 -ref-> PublicApi @SourceArn 39",
			"Vpc -getatt-> VpcRole.Arn @Role 42",
			"PublicApiDeployment -ref-> PublicApi @RestApiId 52",
			"PublicApiv1Stage -ref-> PublicApi @RestApiId 52",
			"PublicApiv1Stage -ref-> PublicApiDeployment @DeploymentId 52",
			"HttpliveStage -ref-> Http @ApiId 61",
		},
	}})
}

func TestParseBadInput(t *testing.T) {
	runParseCases(t, []parseCase{
		{name: "invalid YAML", file: "bad/invalid.yaml", resources: []string{},
			diags: []diagCheck{{sev: errorSev, line: 5, contains: "invalid YAML"}}},
		{name: "invalid JSON", file: "bad/invalid.json", resources: []string{},
			diags: []diagCheck{{sev: errorSev, line: 4, contains: "invalid JSON: invalid character '}'"}}},
		{name: "duplicate keys", file: "bad/duplicate-keys.yaml",
			values: []valueCheck{{at: "Bucket:BucketName", want: `"b"`, lines: "7:19-7:20"}},
			diags:  []diagCheck{{sev: errorSev, line: 7, contains: `duplicate mapping key "BucketName" (first defined at line 6)`}}},
		{name: "unknown intrinsic", file: "bad/unknown-fn.yaml",
			values: []valueCheck{{at: "Bucket:BucketName", want: "(unknown)", reason: "unknown intrinsic function Fn::Foo"}},
			diags: []diagCheck{
				{sev: errorSev, line: 6, contains: "unknown intrinsic function Fn::Foo"},
				{sev: errorSev, line: 9, contains: "unknown intrinsic function Fn::Bar"},
			}},
		{name: "references to missing names", file: "bad/missing-ref.yaml", edges: []string{},
			diags: []diagCheck{
				{sev: errorSev, line: 5, contains: `DependsOn names resource "Ghost"`},
				{sev: errorSev, line: 7, contains: `Ref to "NoSuchParam": no parameter or resource`},
				{sev: errorSev, line: 10, contains: `Fn::GetAtt to "NoSuchResource": no resource`},
				{sev: errorSev, line: 12, contains: `Fn::Sub to "Missing"`},
			}},
		{name: "circular conditions", file: "bad/circular-conditions.yaml",
			diags: []diagCheck{{sev: errorSev, line: 3, contains: "condition A refers to itself (circular conditions)"}}},
		{name: "billion laughs", file: "bad/billion-laughs.yaml", resources: []string{},
			diags: []diagCheck{{sev: errorSev, line: 7, contains: "YAML aliases expand to more than 100000 values"}}},
		{name: "schema", file: "bad/schema.yaml",
			resources: []string{"Db", "SG", "Typo", "Newer", "Custom", "Module", "Weird", "LegacyCustom", "NotCustom"},
			diags: []diagCheck{
				{sev: warnSev, line: 6, contains: `"StorageEncypted" is not a property of AWS::RDS::DBInstance; did you mean StorageEncrypted?`, resource: "Db", path: "StorageEncypted"},
				{sev: warnSev, line: 13, contains: `"CidrIP" is not a property of AWS::EC2::SecurityGroup.Ingress; did you mean CidrIp?`, resource: "SG", path: "SecurityGroupIngress[0].CidrIP"},
				{sev: warnSev, line: 15, contains: "unknown resource type AWS::S3::Buckett; did you mean AWS::S3::Bucket?", resource: "Typo"},
				{sev: noteSev, line: 17, contains: "resource type AWS::Foo::Bar is newer than rampart's schema table", resource: "Newer"},
				{sev: warnSev, line: 25, contains: "unknown resource type NotAType", resource: "Weird"},
				// cfn-lint accepts Version on custom resources only (E3001 elsewhere).
				{sev: warnSev, line: 33, contains: `resource NotCustom: unknown resource attribute "Version"`},
			}},
	})
}

// TestParseDeterministic parses every fixture twice: resources, edges and
// diagnostics must come out in the same order (reports and baselines rely
// on it).
func TestParseDeterministic(t *testing.T) {
	for _, f := range []string{"basic.yaml", "intrinsics.yaml", "conditions.yaml", "sam.yaml", "foreach.yaml",
		"nested/parent.yaml", "nested/bad-parent.yaml", "bad/schema.yaml", "bad/missing-ref.yaml"} {
		render := func() string {
			u := parseFixture(t, f, Options{})
			var b strings.Builder
			for _, r := range u.Resources {
				b.WriteString(r.ID + " " + r.Attrs.GoString() + "\n")
			}
			for _, e := range u.Edges {
				b.WriteString(edgeString(e) + "\n")
			}
			for _, d := range u.Diagnostics {
				b.WriteString(d.Error() + "\n")
			}
			return b.String()
		}
		first := render()
		for range 3 {
			if again := render(); again != first {
				t.Errorf("%s: output differs between runs:\n%s\n---\n%s", f, first, again)
				break
			}
		}
	}
}
