package aws

import (
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// Canonical kind aws.cloudfront.distribution: a CloudFront distribution's
// cache behaviours (how viewers may connect), its viewer certificate and
// security policy, and whether it writes access logs: standard logging in
// the distribution, or logging v2 through a CloudWatch Logs delivery
// source that names it.
const kindDistribution = "aws.cloudfront.distribution"

var (
	distributionTypes   = []string{"AWS::CloudFront::Distribution", "aws_cloudfront_distribution"}
	deliverySourceTypes = []string{"AWS::Logs::DeliverySource", "aws_cloudwatch_log_delivery_source"}
)

// cloudFrontPolicies are CloudFront's viewer security policies, oldest
// first (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html).
// A MinimumProtocolVersion not listed is Unknown: neither old nor fine.
var cloudFrontPolicies = []string{
	"SSLv3", "TLSv1", "TLSv1_2016", "TLSv1.1_2016", "TLSv1.2_2018", "TLSv1.2_2019",
	"TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025",
}

// defaultCloudFrontPolicy is the security policy of a distribution that
// names none, and the one its default *.cloudfront.net certificate
// always uses.
const defaultCloudFrontPolicy = "TLSv1"

type distributionMapper struct{}

func (distributionMapper) kind() string { return kindDistribution }

// distributionKeys names a framework's distribution arguments.
type distributionKeys struct {
	defaultBehavior, behaviors, pathPattern, viewerPolicy string
	certificate, acm, iam, defaultCert, minimumVersion    string
	logging, bucket                                       string
}

var (
	cfnDistributionKeys = distributionKeys{"DefaultCacheBehavior", "CacheBehaviors", "PathPattern", "ViewerProtocolPolicy",
		"ViewerCertificate", "AcmCertificateArn", "IamCertificateId", "CloudFrontDefaultCertificate", "MinimumProtocolVersion",
		"Logging", "Bucket"}
	tfDistributionKeys = distributionKeys{"default_cache_behavior", "ordered_cache_behavior", "path_pattern", "viewer_protocol_policy",
		"viewer_certificate", "acm_certificate_arn", "iam_certificate_id", "cloudfront_default_certificate", "minimum_protocol_version",
		"logging_config", "bucket"}
)

func (distributionMapper) normalize(idx *unitIndex) []*graph.Canonical {
	var out []*graph.Canonical
	for _, r := range idx.ofTypes(distributionTypes...) {
		if idx.stopped() {
			return out
		}
		keys, config := tfDistributionKeys, r.Attrs
		if r.Source == graph.SourceCloudFormation {
			keys, config = cfnDistributionKeys, nestedBlock(attr(r, "DistributionConfig"))
		}
		if config == nil {
			config = graph.Unknown("the distribution has no configuration", r.Loc)
		}
		p := props(r)
		p.Set("cache_behaviors", cacheBehaviors(r, config, keys))
		defaultCert, minimum := viewerCertificate(r, nestedBlock(field(config, keys.certificate)), keys)
		p.Set("default_certificate", defaultCert)
		p.Set("minimum_protocol_version", minimum)
		p.Set("logging", distributionLogging(idx, r, nestedBlock(field(config, keys.logging)), keys.bucket))
		out = append(out, &graph.Canonical{ID: r.ID, Native: r, Props: p})
	}
	return out
}

// cacheBehaviors lists the default cache behaviour (path pattern "*")
// and then the ordered ones.
func cacheBehaviors(r *graph.Resource, config *graph.Value, keys distributionKeys) *graph.Value {
	b := &listBuilder{loc: r.Loc}
	if def := nestedBlock(field(config, keys.defaultBehavior)); def != nil {
		b.addElement(cacheBehavior(def, graph.String("*", def.Loc), keys))
	}
	ordered := field(config, keys.behaviors)
	elems, ok := items(ordered)
	if !ok {
		b.addUnknownLength(ordered)
	}
	for _, e := range elems {
		if e.Representative {
			b.addUnknownLength(graph.Unknown("a dynamic cache behaviour may stand for any number", e.Loc))
			continue
		}
		b.addElement(cacheBehavior(e, str(field(e, keys.pathPattern)), keys))
	}
	return b.value()
}

func cacheBehavior(e, pattern *graph.Value, keys distributionKeys) *graph.Value {
	if e.Kind != graph.KindMap {
		return graph.Unknown("a cache behaviour is not known", e.Loc)
	}
	c := graph.Map(e.Loc)
	c.Set("path_pattern", pattern)
	c.Set("viewer_protocol_policy", lower(orDefault(str(field(e, keys.viewerPolicy)), graph.Unknown("no viewer protocol policy given", e.Loc))))
	return c
}

// viewerCertificate says whether the distribution serves CloudFront's
// default certificate (no ACM or IAM certificate, or
// CloudFrontDefaultCertificate true) and its minimum viewer protocol:
// TLSv1 with the default certificate, else MinimumProtocolVersion or its
// default, TLSv1.
func viewerCertificate(r *graph.Resource, cert *graph.Value, keys distributionKeys) (defaultCert, minimum *graph.Value) {
	switch {
	case cert == nil:
		return graph.Bool(true, r.Loc), graph.String(defaultCloudFrontPolicy, r.Loc)
	case cert.Kind == graph.KindUnknown:
		return cert, cert
	}
	own := field(cert, keys.acm)
	if own == nil {
		own = field(cert, keys.iam)
	}
	explicit := boolean(field(cert, keys.defaultCert))
	switch {
	case explicit != nil && (explicit.IsUnknown() || explicit.Bool):
		defaultCert = explicit
	case own == nil:
		defaultCert = graph.Bool(true, cert.Loc)
	default:
		defaultCert = graph.Bool(false, own.Loc)
	}
	switch {
	case defaultCert.IsUnknown():
		minimum = defaultCert
	case defaultCert.Bool:
		minimum = graph.String(defaultCloudFrontPolicy, defaultCert.Loc)
	default:
		minimum = knownCloudFrontPolicy(orDefault(str(field(cert, keys.minimumVersion)), graph.String(defaultCloudFrontPolicy, cert.Loc)))
	}
	return defaultCert, minimum
}

// knownCloudFrontPolicy is v when it names a viewer security policy of
// the table, Unknown otherwise.
func knownCloudFrontPolicy(v *graph.Value) *graph.Value {
	if v.IsUnknown() {
		return v
	}
	s, _ := v.AsString()
	for _, p := range cloudFrontPolicies {
		if p == s {
			return v
		}
	}
	return graph.Unknown("security policy "+s+" is not one whose protocols rampart knows", v.Loc)
}

// distributionLogging is whether the distribution writes access logs:
// standard logging to a bucket, or a logging v2 delivery source of the
// unit that refers to it. A delivery source whose resource is not known
// may be this distribution's.
func distributionLogging(idx *unitIndex, r *graph.Resource, logging *graph.Value, bucketKey string) *graph.Value {
	switch {
	case logging.IsUnknown():
		return logging
	case logging != nil:
		// A bucket given, even one known only at deployment (a bucket's
		// domain name), turns standard logging on.
		if b := field(logging, bucketKey); b != nil {
			return graph.Bool(true, b.Loc)
		}
	}
	var unsure *graph.Value
	for _, ds := range idx.ofTypes(deliverySourceTypes...) {
		key := "resource_arn"
		if ds.Source == graph.SourceCloudFormation {
			key = "ResourceArn"
		}
		ref := attr(ds, key)
		switch target := idx.target(ref, distributionTypes...); {
		case target == r:
			p := partOf(ds)
			if p.presence == maybe {
				return graph.Unknown(p.reason, p.at)
			}
			return graph.Bool(true, ds.Loc)
		case target == nil && unsure == nil && mayBeDistribution(idx, ref):
			unsure = graph.Unknown("the resource of "+ds.ID+" is not known: it may be this distribution", ds.Loc)
		}
	}
	if unsure != nil {
		return unsure
	}
	return graph.Bool(false, r.Loc)
}

// mayBeDistribution says whether a delivery source's resource, which is
// not a distribution of the unit, may still be one: it is not a reference
// to another resource of the unit, nor an ARN of another service.
func mayBeDistribution(idx *unitIndex, ref *graph.Value) bool {
	if ref == nil {
		return false
	}
	if ref.Ref != nil {
		if _, ok := idx.refs.Resolve(ref.Ref.Resource); ok {
			return false
		}
	}
	if s, ok := ref.AsString(); ok {
		return strings.Contains(s, ":cloudfront:")
	}
	return true
}
