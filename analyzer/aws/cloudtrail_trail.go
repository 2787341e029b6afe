package aws

import (
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/resolve"
)

// Canonical kind aws.cloudtrail.trail: a CloudTrail trail, what it records
// (logging on, every region, log file validation) and where it delivers:
// the S3 bucket of the scan it writes to, the KMS key that encrypts its
// log files, the CloudWatch Logs log group. A CloudTrail Lake event data
// store (AWS::CloudTrail::EventDataStore, aws_cloudtrail_event_data_store)
// is not a trail: it delivers to no bucket and no log group.
const kindCloudTrailTrail = "aws.cloudtrail.trail"

var (
	logGroupTypes = []string{"AWS::Logs::LogGroup", "aws_cloudwatch_log_group"}
	kmsKeyTypes   = []string{"AWS::KMS::Key", "AWS::KMS::Alias", "aws_kms_key", "aws_kms_alias", "aws_kms_replica_key", "aws_kms_external_key"}
)

// trailKeys names a trail's arguments in one framework.
type trailKeys struct {
	logging, multiRegion, organization, validation, kms, logGroup string
}

var (
	cfnTrailKeys = trailKeys{"IsLogging", "IsMultiRegionTrail", "IsOrganizationTrail", "EnableLogFileValidation", "KMSKeyId", "CloudWatchLogsLogGroupArn"}
	tfTrailKeys  = trailKeys{"enable_logging", "is_multi_region_trail", "is_organization_trail", "enable_log_file_validation", "kms_key_id", "cloud_watch_logs_group_arn"}
)

type cloudTrailMapper struct{}

func (cloudTrailMapper) kind() string { return kindCloudTrailTrail }

func (cloudTrailMapper) normalize(idx *unitIndex) []*graph.Canonical {
	buckets := newBucketIndex(idx)
	var out []*graph.Canonical
	for _, r := range idx.ofTypes(cloudTrailTypes...) {
		if idx.stopped() {
			return out
		}
		k, logging := tfTrailKeys, graph.Bool(true, r.Loc)
		if r.Source == graph.SourceCloudFormation {
			k = cfnTrailKeys
			logging = graph.Unknown("IsLogging is required: CloudFormation does not create a trail without it", r.Loc)
		}
		p := props(r)
		p.Set("logging", orDefault(boolean(attr(r, k.logging)), logging))
		p.Set("multi_region", orDefault(boolean(attr(r, k.multiRegion)), graph.Bool(false, r.Loc)))
		p.Set("organization", orDefault(boolean(attr(r, k.organization)), graph.Bool(false, r.Loc)))
		p.Set("log_file_validation", orDefault(boolean(attr(r, k.validation)), graph.Bool(false, r.Loc)))
		p.Set("kms_encrypted", names(idx, r, k.kms, kmsKeyTypes))
		p.Set("cloud_watch_logs", names(idx, r, k.logGroup, logGroupTypes))
		p.Set("cloud_watch_logs_group", logGroupKey(idx, r, k.logGroup))
		p.Set("bucket", buckets.link(trailBucket(r), r.Loc))
		out = append(out, &graph.Canonical{ID: r.ID, Native: r, Props: p})
	}
	return out
}

// trailBucket is the value a trail names the bucket it writes to by
// (S3BucketName, s3_bucket_name).
func trailBucket(t *graph.Resource) *graph.Value {
	if t.Source == graph.SourceCloudFormation {
		return attr(t, "S3BucketName")
	}
	return attr(t, "s3_bucket_name")
}

// names says whether attribute key of r names something (a KMS key, a log
// group): true for a non-empty string, a reference, an Unknown computed
// from a reference to a resource of one of types in the unit (the
// Terraform "${aws_cloudwatch_log_group.trail.arn}:*"), which is never
// empty, or any CloudFormation value (a parameter, an import: a
// CloudFormation value is never null, as aws.sns.topic's encrypted holds
// too); false when absent or empty; Unknown otherwise (a Terraform
// variable or data source attribute that may be null).
func names(idx *unitIndex, r *graph.Resource, key string, types []string) *graph.Value {
	v := str(attr(r, key))
	switch {
	case v == nil:
		return graph.Bool(false, r.Loc)
	case v.Kind == graph.KindString:
		return graph.Bool(v.Str != "", v.Loc)
	case v.Ref != nil || r.Source == graph.SourceCloudFormation || referredFrom(idx, r, key, types) != nil:
		return graph.Bool(true, v.Loc)
	}
	u := graph.Unknown("it is not known whether "+key+" names anything: "+v.Reason, v.Loc)
	u.Trace = v.Trace
	return u
}

// referredFrom returns the one resource of the given types in the unit
// that attribute key of r refers to (a reference written anywhere in the
// attribute's expression), or nil when none or several are.
func referredFrom(idx *unitIndex, r *graph.Resource, key string, types []string) *graph.Resource {
	var found *graph.Resource
	for _, e := range idx.unit.Edges {
		if e.From != r.ID || e.Kind == graph.EdgeDependsOn || len(e.Path) == 0 || e.Path[0] != key {
			continue
		}
		to, ok := idx.refs.Resolve(e.To)
		if !ok || !hasType(to, types) {
			continue
		}
		if found != nil && found != to {
			return nil
		}
		found = to
	}
	return found
}

// logGroupKey is what identifies the log group attribute key of r names
// (a log group ARN or name), the same whoever names it: the group's name
// when it is known (written in the value, a literal ARN
// arn:aws:logs:REGION:ACCOUNT:log-group:NAME:*, or the name of the log
// group resource of the unit the value refers to), else, for a log group
// resource of the unit whose name is generated or not known, "resource:"
// and its uid in the policy input (no log group name holds a colon). ""
// when the attribute is absent or empty; Unknown otherwise.
func logGroupKey(idx *unitIndex, r *graph.Resource, key string) *graph.Value {
	v := str(attr(r, key))
	switch {
	case v == nil:
		return graph.String("", r.Loc)
	case v.Kind == graph.KindString && v.Ref == nil:
		c := *v
		c.Str = logGroupName(v.Str)
		return &c
	}
	g := idx.target(v, logGroupTypes...)
	if g == nil {
		g = referredFrom(idx, r, key, logGroupTypes)
	}
	if g == nil {
		u := graph.Unknown("the log group is not known: "+v.Reason, v.Loc)
		u.Trace = v.Trace
		return u
	}
	name := "LogGroupName"
	if g.Source != graph.SourceCloudFormation {
		name = "name"
	}
	if n := str(attr(g, name)); n != nil && n.Kind == graph.KindString {
		return withTrace(graph.String(n.Str, v.Loc), hop(g, "the log group "+g.ID))
	}
	return withTrace(graph.String("resource:"+idx.unit.Path+"#"+g.ID, v.Loc), hop(g, "the log group "+g.ID))
}

// logGroupName is the name in a log group ARN
// (arn:PARTITION:logs:REGION:ACCOUNT:log-group:NAME, with or without the
// ":*" CloudTrail asks for), or s itself when it is not one.
func logGroupName(s string) string {
	_, rest, ok := strings.Cut(s, ":log-group:")
	if !ok || !strings.HasPrefix(s, "arn:") {
		return s
	}
	return strings.TrimSuffix(rest, ":*")
}

// bucketIndex finds the bucket of the unit a value names, through the
// folder the bucket settings resources are folded with: by reference, or
// by the bucket's name.
type bucketIndex struct {
	f       *folder
	buckets []*graph.Resource
}

func newBucketIndex(idx *unitIndex) *bucketIndex {
	var discard graph.Diagnostics
	b := &bucketIndex{f: newFolder(idx, &discard, s3BucketTypes...), buckets: idx.ofTypes(s3BucketTypes...)}
	for _, r := range b.buckets {
		b.f.addOwner(&graph.Canonical{ID: r.ID, Native: r}, bucketName(r))
	}
	return b
}

// link is the trail's bucket property for the value v it names its bucket
// by: a bucket of the unit is an Unknown carrying a Ref to it (the policy
// input lists it in the trail's refs); "" when v surely names no bucket of
// the unit; Unknown without a Ref when it may name one (a name not known
// before deployment while the unit has buckets with a name, a reference to
// a bucket with several instances).
func (b *bucketIndex) link(v *graph.Value, loc graph.Location) *graph.Value {
	if v == nil {
		return graph.String("", loc)
	}
	c := b.f.ownerByRef(v)
	if c == nil {
		c = b.f.ownerByName(v)
	}
	if c != nil {
		u := graph.Unknown("the trail writes to bucket "+c.ID+" of the scan", v.Loc)
		u.Ref = &graph.Ref{Resource: c.Native.ID}
		u.Trace = v.Trace
		return u
	}
	if reason, ok := b.mayName(v); ok {
		u := graph.Unknown(reason, v.Loc)
		u.Trace = v.Trace
		return u
	}
	return graph.String("", v.Loc)
}

// mayName says why v, which names no bucket of the unit for certain, may
// still name one.
func (b *bucketIndex) mayName(v *graph.Value) (string, bool) {
	switch {
	case v.Ref != nil:
		if _, ok := b.f.idx.refs.Resolve(v.Ref.Resource); ok {
			return "", false
		}
		base := resolve.BaseAddress(v.Ref.Resource)
		for _, r := range b.buckets {
			if resolve.BaseAddress(r.ID) == base {
				return "the trail writes to one of the instances of " + base + ", which one is not known", true
			}
		}
	case v.Kind == graph.KindUnknown:
		for _, r := range b.buckets {
			if bucketName(r) != nil {
				return "the name of the trail's bucket is not known (" + v.Reason + "): it may be bucket " + r.ID + " of the scan", true
			}
		}
	}
	return "", false
}
