package aws

import "github.com/rampart-iac/rampart/analyzer/graph"

// Canonical kind aws.s3.account_public_access_block: the account-level S3
// public access block (Terraform aws_s3_account_public_access_block;
// CloudFormation has no resource type for it). A setting left unset is
// false, as the provider documents it.
const kindS3AccountPublicAccessBlock = "aws.s3.account_public_access_block"

const s3AccountPublicAccessBlockType = "aws_s3_account_public_access_block"

type s3AccountPublicAccessBlockMapper struct{}

func (s3AccountPublicAccessBlockMapper) kind() string { return kindS3AccountPublicAccessBlock }

func (s3AccountPublicAccessBlockMapper) normalize(idx *unitIndex) []*graph.Canonical {
	var out []*graph.Canonical
	for _, r := range idx.ofTypes(s3AccountPublicAccessBlockType) {
		if idx.stopped() {
			return out
		}
		p := props(r)
		p.Set("account_id", orDefault(str(attr(r, "account_id")), graph.Null(r.Loc)))
		for _, k := range publicAccessBlockKeys {
			p.Set(k[0], orDefault(boolean(attr(r, k[2])), graph.Bool(false, r.Loc)))
		}
		out = append(out, &graph.Canonical{ID: r.ID, Native: r, Props: p})
	}
	return out
}

// accountPublicAccessBlock is what a bucket of the unit reads of the
// account-level block: the unit's one aws_s3_account_public_access_block
// (declared true, with a trace hop to it), or, with none, declared false
// and the four settings off (an account has no block unless one is put);
// Unknown when the block may not exist or the unit declares several (which
// account a bucket is in is then not known).
func accountPublicAccessBlock(idx *unitIndex, loc graph.Location) *graph.Value {
	blocks := idx.ofTypes(s3AccountPublicAccessBlockType)
	if len(blocks) == 0 {
		out := graph.Map(loc)
		out.Set("declared", graph.Bool(false, loc))
		for _, k := range publicAccessBlockKeys {
			out.Set(k[0], graph.Bool(false, loc))
		}
		return out
	}
	r := blocks[0]
	if len(blocks) > 1 {
		return withTrace(graph.Unknown("the unit declares "+r.ID+" and "+blocks[1].ID+": which account-level public access block applies to the bucket is not known", r.Loc),
			hop(r, "an account-level public access block"), hop(blocks[1], "another account-level public access block"))
	}
	if p := partOf(r); p.presence == maybe {
		return withTrace(graph.Unknown(p.reason, p.at), hop(r, "the account-level public access block"))
	}
	out := graph.Map(r.Loc)
	out.Set("declared", graph.Bool(true, r.Loc))
	for _, k := range publicAccessBlockKeys {
		out.Set(k[0], orDefault(boolean(attr(r, k[2])), graph.Bool(false, r.Loc)))
	}
	return withTrace(out, hop(r, "the account-level public access block"))
}
