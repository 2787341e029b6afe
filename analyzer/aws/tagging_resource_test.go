package aws

import (
	"context"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// TestTaggingResources: which resources take tags, and the tags they
// carry: default_tags where the provider applies them, unknowns where the
// keys cannot be known.
func TestTaggingResources(t *testing.T) {
	unknown := graph.Unknown("var.tags has no value", graph.Location{File: "t", StartLine: 50})
	withDefaults := func(r *graph.Resource, defaults *graph.Value) *graph.Resource {
		r.Meta = map[string]*graph.Value{"default_tags": defaults}
		return r
	}
	cases := []struct {
		name string
		r    *graph.Resource
		want string // the tags as GoString, "" for no aws.tagging.resource
		attr string
	}{
		{
			name: "own tags over default_tags",
			r: withDefaults(res(tf, "aws_s3_bucket", "aws_s3_bucket.b", 1, map[string]any{"tags": map[string]any{"Owner": "web"}}),
				val(40, map[string]any{"Environment": "prod", "Owner": "platform"})),
			want: `{Environment: "prod", Owner: "web"}`, attr: "tags",
		},
		{
			name: "default_tags alone",
			r:    withDefaults(res(tf, "aws_vpc", "aws_vpc.main", 1, map[string]any{}), val(40, map[string]any{"Environment": "prod"})),
			want: `{Environment: "prod"}`, attr: "tags",
		},
		{
			name: "the provider does not apply default_tags to an Auto Scaling group",
			r: withDefaults(res(tf, "aws_autoscaling_group", "aws_autoscaling_group.app", 1, map[string]any{
				"tag": []any{map[string]any{"key": "Owner", "value": "web", "propagate_at_launch": true}},
			}), val(40, map[string]any{"Environment": "prod"})),
			want: `{Owner: "web"}`, attr: "tag",
		},
		{
			name: "unknown default_tags",
			r:    withDefaults(res(tf, "aws_vpc", "aws_vpc.main", 1, map[string]any{}), unknown),
			want: "(unknown)", attr: "tags",
		},
		{
			name: "unknown tags",
			r:    res(tf, "aws_vpc", "aws_vpc.main", 1, map[string]any{"tags": unknown}),
			want: "(unknown)", attr: "tags",
		},
		{
			name: "an unknown value of a known key is set",
			r:    res(tf, "aws_vpc", "aws_vpc.main", 1, map[string]any{"tags": map[string]any{"Owner": unknown}}),
			want: `{Owner: (unknown)}`, attr: "tags",
		},
		{
			name: "a CloudFormation tag with an unknown key",
			r: res(cfn, "AWS::EC2::VPC", "Vpc", 1, map[string]any{"Tags": []any{
				map[string]any{"Key": unknown, "Value": "x"},
			}}),
			want: "(unknown)", attr: "Tags",
		},
		{
			name: "a CloudFormation map of tags",
			r:    res(cfn, "AWS::SSM::Parameter", "Param", 1, map[string]any{"Tags": map[string]any{"Owner": "web"}}),
			want: `{Owner: "web"}`, attr: "Tags",
		},
		{
			name: "no tags",
			r:    res(cfn, "AWS::SQS::Queue", "Jobs", 1, map[string]any{}),
			want: `{}`, attr: "Tags",
		},
		{name: "a bucket policy takes no tags", r: res(tf, "aws_s3_bucket_policy", "aws_s3_bucket_policy.p", 1, map[string]any{})},
		{name: "a security group rule takes no tags", r: res(tf, "aws_security_group_rule", "aws_security_group_rule.r", 1, map[string]any{})},
		{name: "an ingress resource takes no tags", r: res(cfn, "AWS::EC2::SecurityGroupIngress", "In", 1, map[string]any{})},
		{name: "a custom resource", r: res(cfn, "Custom::Thing", "Thing", 1, map[string]any{"Tags": []any{}})},
	}
	normalize := NormalizeWith(kindTagging)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cs, _ := normalize(context.Background(), &graph.Unit{Path: "u", Resources: []*graph.Resource{tc.r}})
			var got *graph.Canonical
			for _, c := range cs {
				if c.Kind == kindTagging {
					got = c
				}
			}
			switch {
			case tc.want == "" && got != nil:
				t.Fatalf("%s gives an aws.tagging.resource", tc.r.Type)
			case tc.want == "":
				return
			case got == nil:
				t.Fatalf("%s gives no aws.tagging.resource", tc.r.Type)
			}
			if s := got.Props.Get("tags").GoString(); s != tc.want {
				t.Errorf("tags = %s, want %s", s, tc.want)
			}
			if s, _ := got.Props.Get("tags_attribute").AsString(); s != tc.attr {
				t.Errorf("tags_attribute = %q, want %q", s, tc.attr)
			}
			if got.ID != tc.r.ID+taggingIDSuffix || got.UID != "u#"+tc.r.ID+taggingIDSuffix {
				t.Errorf("ID %s, UID %s: want the native ID with %s", got.ID, got.UID, taggingIDSuffix)
			}
		})
	}
}

// TestTaggingIsOnDemand: Normalize does not build aws.tagging.resource;
// NormalizeWith builds it when asked.
func TestTaggingIsOnDemand(t *testing.T) {
	u := &graph.Unit{Path: "u", Resources: []*graph.Resource{res(tf, "aws_vpc", "aws_vpc.main", 1, map[string]any{})}}
	count := func(cs []*graph.Canonical) int {
		n := 0
		for _, c := range cs {
			if c.Kind == kindTagging {
				n++
			}
		}
		return n
	}
	if got, _ := Normalize(context.Background(), u); count(got) != 0 {
		t.Errorf("Normalize builds %d aws.tagging.resource", count(got))
	}
	if got, _ := NormalizeWith(kindTagging)(context.Background(), u); count(got) != 1 {
		t.Errorf("NormalizeWith(%s) builds %d, want 1", kindTagging, count(got))
	}
	if got := OnDemandKinds(); len(got) != 1 || got[0] != kindTagging {
		t.Errorf("OnDemandKinds() = %v", got)
	}
}
