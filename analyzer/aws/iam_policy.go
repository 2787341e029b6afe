package aws

import (
	"github.com/rampart-iac/rampart/analyzer/aws/policydoc"
	"github.com/rampart-iac/rampart/analyzer/graph"
)

// Canonical kind aws.iam.policy: an identity policy written as a resource of
// its own, managed (AWS::IAM::ManagedPolicy, aws_iam_policy) or inline in
// one or more identities (AWS::IAM::Policy, aws_iam_role_policy,
// aws_iam_user_policy, aws_iam_group_policy), with its document in the
// statement model (docs/policy-documents.md).
const kindIAMPolicy = "aws.iam.policy"

var (
	managedPolicyTypes = []string{"AWS::IAM::ManagedPolicy", "aws_iam_policy"}
	inlinePolicyTypes  = []string{"AWS::IAM::Policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"}
)

type iamPolicyMapper struct{}

func (iamPolicyMapper) kind() string { return kindIAMPolicy }

func (iamPolicyMapper) normalize(idx *unitIndex) []*graph.Canonical {
	lookup := dataSources(idx.unit)
	links := iamLinks(idx)
	f := newFolder(idx, &idx.diags, managedPolicyTypes...)
	var out []*graph.Canonical
	for _, r := range idx.ofTypes(append(managedPolicyTypes[:len(managedPolicyTypes):len(managedPolicyTypes)], inlinePolicyTypes...)...) {
		if idx.stopped() {
			return out
		}
		name, doc := "name", "policy"
		if r.Source == graph.SourceCloudFormation {
			name, doc = "PolicyName", "PolicyDocument"
			if r.Type == "AWS::IAM::ManagedPolicy" {
				name = "ManagedPolicyName"
			}
		}
		p := props(r)
		p.Set("name", orDefault(str(attr(r, name)), graph.String("", r.Loc)))
		p.Set("managed", graph.Bool(r.Type == "AWS::IAM::ManagedPolicy" || r.Type == "aws_iam_policy", r.Loc))
		p.Set("document", identityDocument(idx, r, attr(r, doc), lookup))
		c := &graph.Canonical{ID: r.ID, Native: r, Props: p}
		f.addOwner(c)
		for _, kind := range []string{"users", "groups", "roles"} {
			b := &listBuilder{loc: r.Loc}
			for _, l := range links {
				if l.policy == r && l.kind == kind {
					f.attach(c, l.origin)
					b.addElement(l.attachment())
				}
			}
			p.Set(kind, b.value())
		}
		out = append(out, c)
	}
	for _, l := range links {
		if l.policy == nil && l.identity == nil && isAttachment(l.origin) {
			f.orphan(l.origin, l.name, "neither the policy nor the identity it attaches is in the scan")
		}
	}
	return out
}

// isAttachment reports whether r is a Terraform attachment resource.
func isAttachment(r *graph.Resource) bool {
	for _, t := range attachmentTypes {
		if r.Type == t.typ {
			return true
		}
	}
	return false
}

// identityDocument is the statement model of the policy document doc of r;
// a document that is not given (a required argument missing) is Unknown.
// Its diagnostics are attributed to r.
func identityDocument(idx *unitIndex, r *graph.Resource, doc *graph.Value, lookup policydoc.DataSources) *graph.Value {
	if doc == nil {
		return graph.Unknown("no policy document is given", r.Loc)
	}
	model, diags := policyDocument(r, doc, lookup)
	idx.diags = append(idx.diags, diags...)
	if model == nil {
		return graph.Unknown("no policy document is given", r.Loc)
	}
	return model
}
