package aws

import (
	"strings"

	"github.com/rampart-iac/rampart/analyzer/aws/policydoc"
	"github.com/rampart-iac/rampart/analyzer/graph"
)

// Canonical kind aws.s3.bucket: an S3 bucket with every setting that the
// AWS provider v4+ splits into resources of their own, v3 writes as inline
// blocks and CloudFormation writes as properties (plus
// AWS::S3::BucketPolicy), folded into one set of properties that does not
// depend on the style (docs/model.md).
const kindS3Bucket = "aws.s3.bucket"

var (
	s3BucketTypes = []string{"AWS::S3::Bucket", "aws_s3_bucket"}
	// s3PartTypes are the resources that attach one setting to a bucket
	// named by their bucket argument (Bucket for the CloudFormation policy).
	s3PartTypes = []string{
		"AWS::S3::BucketPolicy", "aws_s3_bucket_policy",
		"aws_s3_bucket_acl", "aws_s3_bucket_public_access_block",
		"aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_versioning",
		"aws_s3_bucket_logging", "aws_s3_bucket_lifecycle_configuration",
		"aws_s3_bucket_website_configuration", "aws_s3_bucket_ownership_controls",
	}
	cloudTrailTypes = []string{"AWS::CloudTrail::Trail", "aws_cloudtrail"}
)

// cfnCannedACL maps CloudFormation's AccessControl values to the canned ACL
// names of the S3 API, which Terraform writes.
var cfnCannedACL = map[string]string{
	"private":                "private",
	"publicread":             "public-read",
	"publicreadwrite":        "public-read-write",
	"authenticatedread":      "authenticated-read",
	"logdeliverywrite":       "log-delivery-write",
	"bucketownerread":        "bucket-owner-read",
	"bucketownerfullcontrol": "bucket-owner-full-control",
	"awsexecread":            "aws-exec-read",
}

type s3BucketMapper struct{}

func (s3BucketMapper) kind() string { return kindS3Bucket }

// bucketBuild is one bucket being built: which resource set each property,
// so that a second one is a conflict.
type bucketBuild struct {
	c     *graph.Canonical
	setBy map[string]*graph.Resource
	// logTarget is the target of the bucket's server access logs.
	logTarget *graph.Value
}

func (s3BucketMapper) normalize(idx *unitIndex) []*graph.Canonical {
	f := newFolder(idx, &idx.diags, s3BucketTypes...)
	lookup := dataSources(idx.unit)
	var out []*graph.Canonical
	builds := map[*graph.Canonical]*bucketBuild{}
	for _, r := range idx.ofTypes(s3BucketTypes...) {
		if idx.stopped() {
			return out
		}
		c := &graph.Canonical{ID: r.ID, Native: r, Props: props(r)}
		b := &bucketBuild{c: c, setBy: map[string]*graph.Resource{}}
		builds[c] = b
		f.addOwner(c, bucketName(r))
		b.defaults(r)
		own := part{res: r, presence: present, at: r.Loc}
		if r.Source == graph.SourceCloudFormation {
			b.cfnSettings(f, own)
		} else {
			b.tfInlineSettings(f, own, lookup)
		}
		out = append(out, c)
	}
	for _, a := range idx.ofTypes(s3PartTypes...) {
		if idx.stopped() {
			return out
		}
		ref := bucketRef(a)
		owner := f.ownerByRef(ref)
		if owner == nil {
			owner = f.ownerByName(ref)
		}
		if owner == nil {
			f.orphan(a, ref, "its setting is not folded into any bucket of the scan")
			continue
		}
		p := f.attach(owner, a)
		builds[owner].partSetting(f, p, lookup)
	}
	for _, c := range out {
		c.Props.Set("log_target", graph.Bool(false, c.Native.Loc))
		c.Props.Set("receives_cloudtrail", graph.Bool(false, c.Native.Loc))
		c.Props.Set("account_public_access_block", accountPublicAccessBlock(idx, c.Native.Loc))
	}
	for _, c := range out {
		if t := builds[c].logTarget; t != nil {
			markBucket(f, t, "log_target", partOf(c.Native), "the target of the server access logs of "+c.ID)
		}
	}
	for _, t := range idx.ofTypes(cloudTrailTypes...) {
		if v := trailBucket(t); v != nil {
			markBucket(f, v, "receives_cloudtrail", partOf(t), "the bucket trail "+t.ID+" writes to")
		}
	}
	return out
}

// markBucket sets boolean property key of the bucket that v names (by
// reference or by name) to true, with a trace hop to the resource that
// names it, or to Unknown when that resource may not exist. A value that
// names no bucket of the scan marks none: a link outside the scan is no
// link.
func markBucket(f *folder, v *graph.Value, key string, by part, note string) {
	c := f.ownerByRef(v)
	if c == nil {
		c = f.ownerByName(v)
	}
	if c == nil {
		return
	}
	if cur := c.Props.Get(key); cur != nil && cur.Kind == graph.KindBool && cur.Bool {
		return
	}
	mark := graph.Bool(true, c.Native.Loc)
	if by.presence == maybe {
		mark = graph.Unknown(by.reason, by.at)
	}
	c.Props.Set(key, withTrace(mark, hop(by.res, note)))
}

// bucketName is the name a bucket is created with (BucketName, bucket), or
// nil when AWS or Terraform generates it.
func bucketName(r *graph.Resource) *graph.Value {
	if r.Source == graph.SourceCloudFormation {
		return str(attr(r, "BucketName"))
	}
	return str(attr(r, "bucket"))
}

// bucketRef is the value an attachment names its bucket by.
func bucketRef(a *graph.Resource) *graph.Value {
	if a.Source == graph.SourceCloudFormation {
		return attr(a, "Bucket")
	}
	return attr(a, "bucket")
}

// defaults writes what AWS applies to a new bucket when the template says
// nothing (docs/model.md lists each with its source).
func (b *bucketBuild) defaults(r *graph.Resource) {
	p := b.c.Props
	p.Set("name", orDefault(bucketName(r), graph.Unknown("the bucket name is generated at deployment", r.Loc)))
	p.Set("acl", graph.String("private", r.Loc))
	p.Set("grants", graph.List(nil, r.Loc))
	p.Set("object_ownership", graph.String("BucketOwnerEnforced", r.Loc))
	p.Set("public_access_block", publicAccessBlock(nil, r.Loc, false))
	p.Set("encryption", encryption(nil, r.Loc))
	p.Set("versioning", graph.String("Disabled", r.Loc))
	p.Set("mfa_delete", graph.Bool(false, r.Loc))
	p.Set("access_logging", graph.Bool(false, r.Loc))
	p.Set("lifecycle_configured", graph.Bool(false, r.Loc))
	p.Set("website", graph.Bool(false, r.Loc))
	p.Set("policy", emptyPolicy(r.Loc))
}

// put sets property key from part p: a property set by two resources is a
// conflict, one set by a part that may not exist is Unknown.
func (b *bucketBuild) put(f *folder, key string, v *graph.Value, p part) {
	if v == nil {
		return
	}
	if prev := b.setBy[key]; prev != nil && prev != p.res {
		f.conflict(b.c, key, p)
		return
	}
	b.setBy[key] = p.res
	if p.presence == maybe {
		v = graph.Unknown(p.reason, p.at)
	}
	b.c.Props.Set(key, v)
}

// cfnSettings reads the properties of an AWS::S3::Bucket.
func (b *bucketBuild) cfnSettings(f *folder, own part) {
	r := own.res
	if v := str(attr(r, "AccessControl")); v != nil {
		b.put(f, "acl", cannedACL(v), own)
	}
	if v := attr(r, "OwnershipControls"); v != nil {
		b.put(f, "object_ownership", ownershipRule(field(v, "Rules")), own)
	}
	if v := attr(r, "PublicAccessBlockConfiguration"); v != nil {
		b.put(f, "public_access_block", publicAccessBlock(v, v.Loc, true), own)
	}
	if v := attr(r, "BucketEncryption"); v != nil {
		b.put(f, "encryption", encryption(nestedBlock(field(v, "ServerSideEncryptionConfiguration"), "ServerSideEncryptionByDefault"), v.Loc), own)
	}
	if v := attr(r, "VersioningConfiguration"); v != nil {
		b.put(f, "versioning", orDefault(str(field(v, "Status")), graph.Unknown("VersioningConfiguration has no Status", v.Loc)), own)
	}
	if v := attr(r, "LoggingConfiguration"); v != nil {
		b.put(f, "access_logging", graph.Bool(true, v.Loc), own)
		// Without DestinationBucketName the logs go to the bucket itself.
		b.logTarget = field(v, "DestinationBucketName")
		if b.logTarget == nil {
			b.logTarget = graph.String(r.ID, v.Loc)
			b.logTarget.Ref = &graph.Ref{Resource: r.ID}
		}
	}
	if v := attr(r, "LifecycleConfiguration"); v != nil {
		b.put(f, "lifecycle_configured", declaredList(field(v, "Rules"), v.Loc), own)
	}
	if v := attr(r, "WebsiteConfiguration"); v != nil {
		b.put(f, "website", graph.Bool(true, v.Loc), own)
	}
}

// tfInlineSettings reads the provider v3 arguments and blocks of an
// aws_s3_bucket (still accepted, deprecated, by v4 and v5).
func (b *bucketBuild) tfInlineSettings(f *folder, own part, lookup policydoc.DataSources) {
	r := own.res
	if v := str(attr(r, "acl")); v != nil {
		b.put(f, "acl", lower(v), own)
	}
	if v := attr(r, "grant"); v != nil {
		b.put(f, "grants", tfGrants(v, r.Loc, false), own)
	}
	if v := attr(r, "server_side_encryption_configuration"); v != nil {
		b.put(f, "encryption", encryption(nestedBlock(v, "rule", "apply_server_side_encryption_by_default"), v.Loc), own)
	}
	if v := attr(r, "versioning"); v != nil {
		if vb := nestedBlock(v); vb != nil {
			b.put(f, "versioning", versioningEnabled(boolean(field(vb, "enabled")), vb.Loc), own)
			if m := boolean(field(vb, "mfa_delete")); m != nil {
				b.put(f, "mfa_delete", m, own)
			}
		}
	}
	if v := attr(r, "logging"); v != nil {
		if lb := nestedBlock(v); lb != nil {
			b.put(f, "access_logging", declared(lb, v.Loc), own)
			b.logTarget = field(lb, "target_bucket")
		}
	}
	if v := attr(r, "lifecycle_rule"); v != nil {
		b.put(f, "lifecycle_configured", declaredList(v, v.Loc), own)
	}
	if v := attr(r, "website"); v != nil {
		if wb := nestedBlock(v); wb != nil {
			b.put(f, "website", declared(wb, v.Loc), own)
		}
	}
	if v := attr(r, "policy"); v != nil {
		b.put(f, "policy", bucketPolicy(f, r, v, lookup), own)
	}
}

// partSetting reads one attachment resource of the bucket.
func (b *bucketBuild) partSetting(f *folder, p part, lookup policydoc.DataSources) {
	a := p.res
	switch a.Type {
	case "AWS::S3::BucketPolicy":
		b.put(f, "policy", bucketPolicy(f, a, attr(a, "PolicyDocument"), lookup), p)
	case "aws_s3_bucket_policy":
		b.put(f, "policy", bucketPolicy(f, a, attr(a, "policy"), lookup), p)
	case "aws_s3_bucket_acl":
		if v := str(attr(a, "acl")); v != nil {
			b.put(f, "acl", lower(v), p)
		}
		if v := attr(a, "access_control_policy"); v != nil {
			b.put(f, "grants", tfGrants(nestedBlock(v), a.Loc, true), p)
		}
	case "aws_s3_bucket_public_access_block":
		b.put(f, "public_access_block", publicAccessBlock(a.Attrs, a.Loc, true), p)
	case "aws_s3_bucket_server_side_encryption_configuration":
		b.put(f, "encryption", encryption(nestedBlock(attr(a, "rule"), "apply_server_side_encryption_by_default"), a.Loc), p)
	case "aws_s3_bucket_versioning":
		vc := nestedBlock(attr(a, "versioning_configuration"))
		b.put(f, "versioning", orDefault(str(field(vc, "status")), graph.Unknown("versioning_configuration has no status", a.Loc)), p)
		if m := str(field(vc, "mfa_delete")); m != nil {
			b.put(f, "mfa_delete", enabledString(m), p)
		}
	case "aws_s3_bucket_logging":
		b.put(f, "access_logging", graph.Bool(true, a.Loc), p)
		b.logTarget = attr(a, "target_bucket")
	case "aws_s3_bucket_lifecycle_configuration":
		b.put(f, "lifecycle_configured", declaredList(attr(a, "rule"), a.Loc), p)
	case "aws_s3_bucket_website_configuration":
		b.put(f, "website", graph.Bool(true, a.Loc), p)
	case "aws_s3_bucket_ownership_controls":
		b.put(f, "object_ownership", ownershipRule(attr(a, "rule")), p)
	}
}

// cannedACL maps CloudFormation's AccessControl (PublicRead) to the canned
// ACL name of the S3 API (public-read); a name it does not know is kept.
func cannedACL(v *graph.Value) *graph.Value {
	if v.Kind != graph.KindString {
		return v
	}
	if name, ok := cfnCannedACL[strings.ToLower(v.Str)]; ok {
		c := *v
		c.Str = name
		return &c
	}
	return v
}

// ownershipRule is the ObjectOwnership of the one rule of an ownership
// controls setting (CloudFormation Rules, Terraform rule).
func ownershipRule(rules *graph.Value) *graph.Value {
	rule := nestedBlock(rules)
	if rule == nil {
		return nil
	}
	v := field(rule, "ObjectOwnership")
	if v == nil {
		v = field(rule, "object_ownership")
	}
	return orDefault(str(v), graph.Unknown("the ownership rule names no object ownership", rule.Loc))
}

// publicAccessBlockKeys are the four settings, canonical name first, then
// the CloudFormation and the Terraform spelling.
var publicAccessBlockKeys = [][3]string{
	{"block_public_acls", "BlockPublicAcls", "block_public_acls"},
	{"block_public_policy", "BlockPublicPolicy", "block_public_policy"},
	{"ignore_public_acls", "IgnorePublicAcls", "ignore_public_acls"},
	{"restrict_public_buckets", "RestrictPublicBuckets", "restrict_public_buckets"},
}

// publicAccessBlock is the bucket-level public access block m declares
// (a setting it leaves out is false, as in CloudFormation and the
// provider), or, when the template declares none, AWS's default for a new
// bucket: all four settings on.
func publicAccessBlock(m *graph.Value, loc graph.Location, isDeclared bool) *graph.Value {
	out := graph.Map(loc)
	out.Set("declared", graph.Bool(isDeclared, loc))
	for _, k := range publicAccessBlockKeys {
		if !isDeclared {
			out.Set(k[0], graph.Bool(true, loc))
			continue
		}
		v := field(m, k[1])
		if v == nil {
			v = field(m, k[2])
		}
		out.Set(k[0], orDefault(boolean(v), graph.Bool(false, loc)))
	}
	return out
}

// encryption is the default encryption a configuration's rule applies
// (def: its apply-by-default block), or, with none, AWS's default: SSE-S3.
func encryption(def *graph.Value, loc graph.Location) *graph.Value {
	out := graph.Map(loc)
	switch {
	case def == nil:
		out.Set("configured", graph.Bool(false, loc))
		out.Set("algorithm", graph.String("AES256", loc))
		return out
	case def.Kind == graph.KindUnknown:
		out.Set("configured", def)
		out.Set("algorithm", def)
		return out
	}
	alg := field(def, "SSEAlgorithm")
	if alg == nil {
		alg = field(def, "sse_algorithm")
	}
	out.Set("configured", graph.Bool(true, def.Loc))
	out.Set("algorithm", orDefault(str(alg), graph.Unknown("the default encryption names no algorithm", def.Loc)))
	return out
}

// versioningEnabled maps the v3 versioning block's enabled flag to a
// status: a bucket whose versioning was never enabled is Disabled.
func versioningEnabled(enabled *graph.Value, loc graph.Location) *graph.Value {
	switch {
	case enabled == nil:
		return graph.String("Disabled", loc)
	case enabled.Kind != graph.KindBool:
		return enabled
	case enabled.Bool:
		return graph.String("Enabled", enabled.Loc)
	}
	return graph.String("Disabled", enabled.Loc)
}

// enabledString maps the provider v4 "Enabled" / "Disabled" to a boolean.
func enabledString(v *graph.Value) *graph.Value {
	if v.Kind != graph.KindString {
		return v
	}
	switch strings.ToLower(v.Str) {
	case "enabled":
		return graph.Bool(true, v.Loc)
	case "disabled":
		return graph.Bool(false, v.Loc)
	}
	return graph.Unknown(v.Str+" is neither Enabled nor Disabled", v.Loc)
}

// declared says that a block is written: true, or the Unknown a dynamic
// block that may stand for none becomes.
func declared(b *graph.Value, loc graph.Location) *graph.Value {
	if b.Kind == graph.KindUnknown {
		return b
	}
	return graph.Bool(true, loc)
}

// declaredList says whether a list of blocks or rules has one: false when
// empty, Unknown when its length is not known or each of its elements
// stands for copies that may be none.
func declaredList(v *graph.Value, loc graph.Location) *graph.Value {
	elems, ok := items(v)
	switch {
	case !ok:
		return graph.Unknown(v.Reason, v.Loc)
	case len(elems) == 0:
		return graph.Bool(false, loc)
	}
	for _, e := range elems {
		if !e.Representative {
			return graph.Bool(true, e.Loc)
		}
	}
	return graph.Unknown("a dynamic block may stand for none", elems[0].Loc)
}

// tfGrants lists the ACL grants of a v3 grant block list (permissions, a
// list) or of an access_control_policy block (grant blocks with a grantee
// and one permission), one canonical grant per permission.
func tfGrants(v *graph.Value, loc graph.Location, acp bool) *graph.Value {
	b := &listBuilder{loc: loc}
	if v == nil {
		return b.value()
	}
	list := v
	if acp {
		list = field(v, "grant")
	}
	elems, ok := items(list)
	if !ok {
		b.addUnknownLength(list)
		return b.value()
	}
	for _, g := range elems {
		switch {
		case g.Representative:
			b.addElement(graph.Unknown("a dynamic grant block may stand for any grants", g.Loc))
			continue
		case g.Kind != graph.KindMap:
			b.addElement(graph.Unknown("a grant is a "+g.Kind.String(), g.Loc))
			continue
		}
		grantee, perms := g, field(g, "permissions")
		if acp {
			grantee, perms = nestedBlock(field(g, "grantee")), field(g, "permission")
		}
		ps, ok := items(perms)
		if !ok {
			b.addElement(grant(grantee, perms, g.Loc))
			continue
		}
		for _, p := range ps {
			b.addElement(grant(grantee, p, g.Loc))
		}
	}
	return b.value()
}

// grant is one canonical ACL grant.
func grant(grantee, permission *graph.Value, loc graph.Location) *graph.Value {
	m := graph.Map(loc)
	m.Set("type", orDefault(str(field(grantee, "type")), graph.Unknown("the grantee has no type", loc)))
	m.Set("uri", orDefault(str(field(grantee, "uri")), graph.String("", loc)))
	m.Set("permission", orDefault(str(permission), graph.Unknown("the grant has no permission", loc)))
	return m
}

// emptyPolicy is the policy of a bucket that has none: no statement.
func emptyPolicy(loc graph.Location) *graph.Value {
	m := graph.Map(loc)
	m.Set("version", graph.String("", loc))
	m.Set("id", graph.String("", loc))
	m.Set("statements", graph.List(nil, loc))
	return m
}

// bucketPolicy is the statement model of a bucket policy document written
// on r, its diagnostics added to the unit's.
func bucketPolicy(f *folder, r *graph.Resource, doc *graph.Value, lookup policydoc.DataSources) *graph.Value {
	if doc == nil {
		return graph.Unknown(r.ID+" has no policy document", r.Loc)
	}
	model, diags := policyDocument(r, doc, lookup)
	*f.diags = append(*f.diags, diags...)
	return model
}
