package cloudformation

import (
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

func TestInheritedTags(t *testing.T) {
	loc := graph.Location{File: "parent.yaml", StartLine: 3, EndLine: 3}
	tag := func(k *graph.Value, v string) *graph.Value {
		m := graph.Map(loc)
		m.Set("Key", k)
		m.Set("Value", graph.String(v, loc))
		return m
	}
	serverlessTags := graph.Map(loc)
	serverlessTags.Set("team", graph.String("web", loc))
	cases := []struct {
		name string
		tags *graph.Value
		want string
	}{
		{"none", nil, ""},
		{"CloudFormation stack: a list", graph.List([]*graph.Value{tag(graph.String("team", loc), "web"), tag(graph.String("env", loc), "prod")}, loc), "team=web env=prod"},
		{"an unknown key could be any tag", graph.List([]*graph.Value{tag(graph.Unknown("param", loc), "x"), tag(graph.String("env", loc), "prod")}, loc), "? env=prod"},
		{"SAM application: a map", serverlessTags, "team=web"},
		{"unknown tags could be any tags", graph.Unknown("condition", loc), "?"},
	}
	for _, tc := range cases {
		var got []string
		for _, st := range inheritedTags(tc.tags) {
			if st.unknown != nil {
				got = append(got, "?")
				continue
			}
			s, _ := st.value.AsString()
			got = append(got, st.key+"="+s)
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, strings.Join(got, " "), tc.want)
		}
	}
}

// TestTagsShape: which types take tags, and how, comes from the schema
// table.
func TestTagsShape(t *testing.T) {
	cases := []struct {
		typ  string
		want TagShape
	}{
		{"AWS::S3::Bucket", TagsList},
		{"AWS::EC2::SecurityGroup", TagsList},
		{"AWS::AutoScaling::AutoScalingGroup", TagsList}, // TagProperty: Key, Value, PropagateAtLaunch
		{"AWS::SSM::Parameter", TagsMap},
		{"AWS::Serverless::Function", TagsMap},
		{"AWS::S3::BucketPolicy", TagsNone},
		{"AWS::EC2::SecurityGroupIngress", TagsNone},
		{"AWS::CloudFront::AnycastIpList", TagsNone}, // {Items: [...]}, not a list
		{"Custom::Thing", TagsNone},
	}
	for _, tc := range cases {
		if got := TagsShape(tc.typ); got != tc.want {
			t.Errorf("TagsShape(%s) = %d, want %d", tc.typ, got, tc.want)
		}
	}
}
