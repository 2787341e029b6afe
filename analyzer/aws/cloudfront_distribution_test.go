package aws

import (
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// TestDistributionNormalization covers the distribution kind: behaviours
// in order, the certificate and its security policy with their defaults,
// and logging, standard or v2, with what makes each Unknown.
func TestDistributionNormalization(t *testing.T) {
	unknown := graph.Unknown("a variable with no value", graph.Location{File: "t", StartLine: 99})
	behavior := func(policy any) map[string]any {
		return map[string]any{"target_origin_id": "o", "viewer_protocol_policy": policy}
	}
	cfnDist := func(config map[string]any) map[string]any {
		config["DefaultCacheBehavior"] = map[string]any{"TargetOriginId": "o", "ViewerProtocolPolicy": "redirect-to-https"}
		return map[string]any{"DistributionConfig": config}
	}
	dynamicBehavior := val(7, map[string]any{"path_pattern": "/x/*", "viewer_protocol_policy": "https-only"})
	dynamicBehavior.Representative = true
	maybeSource := res(tf, "aws_cloudwatch_log_delivery_source", "aws_cloudwatch_log_delivery_source.m", 60, map[string]any{
		"resource_arn": ref("aws_cloudfront_distribution.maybe", "arn"),
	})
	maybeSource.Representative = true
	resources := []*graph.Resource{
		res(tf, "aws_cloudfront_distribution", "aws_cloudfront_distribution.a", 1, map[string]any{
			"default_cache_behavior": []any{behavior("Allow-All")},
			"ordered_cache_behavior": []any{map[string]any{"path_pattern": "/api/*", "viewer_protocol_policy": unknown}},
			"viewer_certificate":     []any{map[string]any{"acm_certificate_arn": "arn:aws:acm:us-east-1:1:certificate/1"}},
		}),
		res(tf, "aws_cloudfront_distribution", "aws_cloudfront_distribution.b", 10, map[string]any{
			"default_cache_behavior": []any{behavior("https-only")},
			"ordered_cache_behavior": []any{dynamicBehavior},
			"viewer_certificate": []any{map[string]any{
				"cloudfront_default_certificate": false, "iam_certificate_id": "ASCA1", "minimum_protocol_version": "TLSv9_2099",
			}},
			"logging_config": []any{map[string]any{"bucket": unknown}},
		}),
		res(tf, "aws_cloudfront_distribution", "aws_cloudfront_distribution.v2", 20, map[string]any{
			"viewer_certificate": []any{map[string]any{"cloudfront_default_certificate": unknown}},
		}),
		res(tf, "aws_cloudwatch_log_delivery_source", "aws_cloudwatch_log_delivery_source.v2", 30, map[string]any{
			"resource_arn": ref("aws_cloudfront_distribution.v2", "arn"),
		}),
		res(tf, "aws_cloudfront_distribution", "aws_cloudfront_distribution.maybe", 50, map[string]any{}),
		maybeSource,
		res(cfn, "AWS::CloudFront::Distribution", "NoCertificate", 70, cfnDist(map[string]any{})),
		res(cfn, "AWS::CloudFront::Distribution", "OwnCertificate", 80, cfnDist(map[string]any{
			"ViewerCertificate": map[string]any{"AcmCertificateArn": "arn:aws:acm:us-east-1:1:certificate/1", "MinimumProtocolVersion": "TLSv1.2_2021"},
			"CacheBehaviors":    unknown,
		})),
	}
	want := map[string]map[string]string{
		"aws_cloudfront_distribution.a": {
			"cache_behaviors[0].path_pattern": `"*"`, "cache_behaviors[0].viewer_protocol_policy": `"allow-all"`,
			"cache_behaviors[1].path_pattern": `"/api/*"`, "cache_behaviors[1].viewer_protocol_policy": "(unknown)",
			"default_certificate": "false", "minimum_protocol_version": `"TLSv1"`, "logging": "false",
		},
		"aws_cloudfront_distribution.b": {
			"cache_behaviors": "(unknown)", "default_certificate": "false",
			"minimum_protocol_version": "(unknown)", "logging": "true",
		},
		"aws_cloudfront_distribution.v2": {
			"cache_behaviors": "[]", "default_certificate": "(unknown)", "minimum_protocol_version": "(unknown)", "logging": "true",
		},
		"aws_cloudfront_distribution.maybe": {"default_certificate": "true", "logging": "(unknown)"},
		"NoCertificate": {
			"cache_behaviors[0].viewer_protocol_policy": `"redirect-to-https"`,
			"default_certificate":                       "true", "minimum_protocol_version": `"TLSv1"`, "logging": "false",
		},
		"OwnCertificate": {
			"cache_behaviors": "(unknown)", "default_certificate": "false", "minimum_protocol_version": `"TLSv1.2_2021"`,
		},
	}
	out, _ := Normalize(t.Context(), &graph.Unit{Path: "u", Resources: resources})
	got := map[string]*graph.Canonical{}
	for _, c := range out {
		if c.Kind == kindDistribution {
			got[c.ID] = c
		}
	}
	for id, props := range want {
		c := got[id]
		if c == nil {
			t.Fatalf("no distribution %s", id)
		}
		for path, w := range props {
			if g := c.Props.At(parse(t, path)).GoString(); g != w {
				t.Errorf("%s %s = %s, want %s", id, path, g, w)
			}
		}
	}
}
