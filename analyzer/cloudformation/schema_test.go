package cloudformation

import (
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

func TestSchemaTable(t *testing.T) {
	idx := loadSchema()
	if n := len(resourceNames(idx)); n < 1600 {
		t.Errorf("table has %d resource types, want the ~1620 of the provider schemas and SAM", n)
	}
	cases := []struct {
		typ, prop, nested string
		isMap             bool
	}{
		{"AWS::RDS::DBInstance", "StorageEncrypted", "", false},
		{"AWS::EC2::SecurityGroup", "SecurityGroupIngress", "AWS::EC2::SecurityGroup.Ingress", false},
		{"AWS::EC2::SecurityGroup", "Tags", "Tag", false},
		{"AWS::S3::Bucket", "BucketEncryption", "AWS::S3::Bucket.BucketEncryption", false},
		{"AWS::ApiGateway::UsagePlan", "Throttle", "AWS::ApiGateway::UsagePlan.ThrottleSettings", false},
		// Added to CloudFormation after goformation v7.14.9.
		{"AWS::EC2::Instance", "MetadataOptions", "AWS::EC2::Instance.MetadataOptions", false},
		{"AWS::Events::EventBus", "Description", "", false},
		{"AWS::ApiGateway::DomainNameV2", "SecurityPolicy", "", false},
		// The SAM specification.
		{"AWS::Serverless::Application", "NotificationARNs", "", false},
		{"AWS::Serverless::Function", "Policies", "", false},
		{"AWS::Serverless::Function", "LoggingConfig", "", false},
		{"AWS::Serverless::Function", "DurableConfig", "", false},
		{"AWS::Serverless::Function", "Events", "AWS::Serverless::Function.Events", true},
		{"AWS::Serverless::HttpApi", "AccessLogSettings", "", false},
		{"AWS::Serverless::GraphQLApi", "SchemaUri", "", false},
		// A type retired from the provider registry, kept from goformation.
		{"AWS::NimbleStudio::StudioComponent", "StudioId", "", false},
	}
	for _, tc := range cases {
		ts := idx.resource(tc.typ)
		if ts == nil {
			t.Errorf("%s missing", tc.typ)
			continue
		}
		ps, ok := ts.props[tc.prop]
		if !ok || ps.nested != tc.nested || ps.isMap != tc.isMap {
			t.Errorf("%s.%s = %+v (present %v), want nested %q map %v", tc.typ, tc.prop, ps, ok, tc.nested, tc.isMap)
		}
		if tc.nested != "" && idx.propertyType(tc.nested) == nil {
			t.Errorf("property type %s missing", tc.nested)
		}
	}
	if ps := idx.propertyType("AWS::ApiGateway::UsagePlan.ApiStage").props["Throttle"]; !ps.isMap || ps.nested != "AWS::ApiGateway::UsagePlan.ThrottleSettings" {
		t.Errorf("UsagePlan.ApiStage.Throttle = %+v, want a map of ThrottleSettings", ps)
	}
	if _, ok := idx.propertyType("AWS::EC2::SecurityGroup.Ingress").props["CidrIp"]; !ok {
		t.Error("AWS::EC2::SecurityGroup.Ingress has no CidrIp")
	}
	if !idx.resource("AWS::CloudFormation::CustomResource").open {
		t.Error("AWS::CloudFormation::CustomResource takes any property, want it open")
	}
	if idx.resource("AWS::Foo::Bar") != nil || idx.propertyType("AWS::S3::Bucket.NoSuchType") != nil {
		t.Error("unknown types must look up as nil")
	}
}

// TestSchemaTableSorted: the table's lines are sorted by kind and type
// name, which the lookup's binary search needs, and every line is found
// by its kind and name, here and in the table written with CRLF line ends.
func TestSchemaTableSorted(t *testing.T) {
	for _, text := range []string{schemaText, strings.ReplaceAll(schemaText, "\n", "\r\n")} {
		idx := &schemaIndex{text: text}
		prev, types := "", 0
		for line := range strings.Lines(text) {
			line = strings.TrimRight(line, "\r\n")
			if line == "" || line[0] == '#' {
				continue
			}
			kind, rest, _ := strings.Cut(line, " ")
			name, props, _ := strings.Cut(rest, " ")
			if key := kind + " " + name; key <= prev {
				t.Fatalf("%q comes after %q", key, prev)
			} else {
				prev = key
			}
			if got, ok := idx.line(kind, name); !ok || got != props {
				t.Fatalf("line(%s, %s) = %q, %v; want %q", kind, name, got, ok, props)
			}
			types++
		}
		if types < 10000 {
			t.Errorf("%d types in the table, want the ~10,400 generated", types)
		}
		for _, missing := range [][2]string{{"R", "AWS::Foo::Bar"}, {"P", "AWS::S3::Bucket"}, {"R", "AWS::S3::Bucket.BucketEncryption"}, {"R", ""}, {"P", "zzz"}} {
			if got, ok := idx.line(missing[0], missing[1]); ok {
				t.Errorf("line(%s, %s) = %q, want none", missing[0], missing[1], got)
			}
		}
	}
}

// TestSchemaHeader keeps schemaVersion, which messages quote, in step with
// the sources the generator recorded in the table.
func TestSchemaHeader(t *testing.T) {
	want := "# Sources: " + schemaVersion
	for line := range strings.Lines(schemaText) {
		if strings.HasPrefix(line, "# Sources:") {
			if got := strings.TrimSpace(line); got != want {
				t.Errorf("table header %q, want %q", got, want)
			}
			return
		}
	}
	t.Errorf("table has no %q header line", want)
}

func TestParseTypeLine(t *testing.T) {
	ts := parseTypeLine("AWS::X::Y.Outer", "* Inner=.Inner List=Tag Map~.Value Plain")
	if !ts.open {
		t.Error("* not read as open")
	}
	want := map[string]propSchema{
		"Inner": {nested: "AWS::X::Y.Inner"},
		"List":  {nested: "Tag"},
		"Map":   {nested: "AWS::X::Y.Value", isMap: true},
		"Plain": {},
	}
	if len(ts.props) != len(want) {
		t.Errorf("props = %+v, want %+v", ts.props, want)
	}
	for k, w := range want {
		if got, ok := ts.props[k]; !ok || got != w {
			t.Errorf("%s = %+v, want %+v", k, got, w)
		}
	}
	if strings.Join(ts.names, " ") != "Inner List Map Plain" {
		t.Errorf("names = %v, want sorted property names", ts.names)
	}
}

// TestSchemaDiagnostics checks a template of properties and types added to
// CloudFormation and SAM since goformation v7.14.9: only the two real
// mistakes cfn-lint also reports (E3002) warn. The unknown type, close to
// no known one, is a note: far more likely newer than the table than a typo.
func TestSchemaDiagnostics(t *testing.T) {
	u := parseFixture(t, "schema/current.yaml", Options{})
	type warning struct {
		line          int
		summary, path string
	}
	want := []warning{
		{54, `"BurstLimt" is not a property of AWS::ApiGateway::UsagePlan.ThrottleSettings; did you mean BurstLimit?`,
			"ApiStages[0].Throttle./pets/GET.BurstLimt"},
		{67, `"BucketEncryptoin" is not a property of AWS::S3::Bucket; did you mean BucketEncryption?`, "BucketEncryptoin"},
	}
	var got []warning
	for _, d := range u.Diagnostics {
		if d.Severity == graph.SeverityWarning && (strings.Contains(d.Summary, "is not a property of") || strings.Contains(d.Summary, "unknown resource type")) {
			got = append(got, warning{d.Location.StartLine, d.Summary, d.Path.String()})
		}
	}
	if len(got) != len(want) {
		t.Fatalf("schema warnings:\n%v\nwant:\n%v", got, want)
	}
	for i := range want {
		if got[i].line != want[i].line || !strings.HasPrefix(got[i].summary, want[i].summary) || got[i].path != want[i].path {
			t.Errorf("warning %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

// TestSchemaCfnLintIgnores: a template or resource that tells cfn-lint to
// skip E3006 (unknown type) or E3002 (unknown property) gets no such
// warning from rampart either; others in the template still do.
func TestSchemaCfnLintIgnores(t *testing.T) {
	u := parseFixture(t, "schema/cfn-lint-ignore.yaml", Options{})
	var got []string
	for _, d := range u.Diagnostics {
		if d.Severity == graph.SeverityWarning {
			got = append(got, d.Summary)
		}
	}
	want := `"BucketNme" is not a property of AWS::S3::Bucket; did you mean BucketName?`
	if len(got) != 1 || got[0] != want {
		t.Errorf("warnings %q, want only %q", got, want)
	}
}

func TestSuggest(t *testing.T) {
	names := []string{"StorageEncrypted", "StorageType", "KmsKeyId", "Engine"}
	cases := map[string]string{
		"StorageEncypted":  "StorageEncrypted",
		"storageencrypted": "StorageEncrypted",
		"KMSKeyId":         "KmsKeyId",
		"Engin":            "Engine",
		"Completely":       "",
	}
	for in, want := range cases {
		if got := suggest(in, names); got != want {
			t.Errorf("suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsCustomType(t *testing.T) {
	cases := map[string]bool{
		"Custom::Thing":               true,
		"MyOrg::Network::Vpc":         true,
		"MyOrg::Network::Vpc::MODULE": true,
		"AWS::Foo::Bar":               false,
		"Alexa::ASK::Skill":           false,
		"NotAType":                    false,
		"Org::::Type":                 false,
		"AWS::CloudFormation::Stack":  false,
	}
	for in, want := range cases {
		if got := isCustomType(in); got != want {
			t.Errorf("isCustomType(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestSchemaSilentUnderMacro: a template that names a macro transform is
// the macro's input, so its types, properties and resource attributes are
// the macro's business; only the note that the transform is not applied
// remains.
func TestSchemaSilentUnderMacro(t *testing.T) {
	u := parseFixture(t, "schema/macro.yaml", Options{})
	var notes int
	for _, d := range u.Diagnostics {
		switch {
		case d.Severity == graph.SeverityNote && strings.Contains(d.Summary, `transform "Count" is not applied`):
			notes++
		default:
			t.Errorf("unexpected diagnostic: %s %s", d.Severity, d.Error())
		}
	}
	if notes != 1 {
		t.Errorf("got %d transform notes, want 1", notes)
	}
}
