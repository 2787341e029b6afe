package cloudformation

import "testing"

func TestSchemaTable(t *testing.T) {
	idx := loadSchema()
	if n := len(idx.resources); n < 1200 {
		t.Errorf("table has %d resource types, want the ~1260 of goformation v7.14.9", n)
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
		{"AWS::Serverless::Function", "Policies", "", false},
		{"AWS::Serverless::Function", "LoggingConfig", "", false}, // from the SAM supplement
		{"AWS::Serverless::HttpApi", "AccessLogSettings", "", false},
	}
	for _, tc := range cases {
		ts := idx.resources[tc.typ]
		if ts == nil {
			t.Errorf("%s missing", tc.typ)
			continue
		}
		ps, ok := ts.props[tc.prop]
		if !ok || ps.nested != tc.nested || ps.isMap != tc.isMap {
			t.Errorf("%s.%s = %+v (present %v), want nested %q map %v", tc.typ, tc.prop, ps, ok, tc.nested, tc.isMap)
		}
		if tc.nested != "" && tc.nested != "Tag" && idx.types[tc.nested] == nil {
			t.Errorf("property type %s missing", tc.nested)
		}
	}
	if ps := idx.types["AWS::ApiGateway::UsagePlan.ApiStage"].props["Throttle"]; !ps.isMap || ps.nested != "AWS::ApiGateway::UsagePlan.ThrottleSettings" {
		t.Errorf("UsagePlan.ApiStage.Throttle = %+v, want a map of ThrottleSettings", ps)
	}
	if _, ok := idx.types["AWS::EC2::SecurityGroup.Ingress"].props["CidrIp"]; !ok {
		t.Error("AWS::EC2::SecurityGroup.Ingress has no CidrIp")
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
