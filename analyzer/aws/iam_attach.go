package aws

import "github.com/rampart-iac/rampart/analyzer/graph"

// Attachments between IAM policies and identities, wherever they are
// written: the identities a policy resource names itself (CloudFormation
// Users/Groups/Roles, the user/group/role of a Terraform inline policy
// resource), the Terraform attachment resources, and the managed policy
// ARNs an identity lists. A link whose policy is in the scan is folded into
// that aws.iam.policy (users, groups, roles); any other (an AWS managed
// policy, a policy outside the scan) into the identity it names
// (attached_policies), when that identity is in the scan.

// iamLink is one attachment of a policy to an identity.
type iamLink struct {
	// policy is the policy resource when it is in the scan; arn is the
	// policy's ARN as written otherwise.
	policy *graph.Resource
	arn    *graph.Value
	// kind is "users", "groups" or "roles".
	kind string
	// identity is the identity resource when it is in the scan; name is
	// the value naming it as written.
	identity *graph.Resource
	name     *graph.Value
	// origin declares the link; at is where.
	origin *graph.Resource
	at     graph.Location
}

var identityTypes = map[string][]string{
	"users":  {"AWS::IAM::User", "aws_iam_user"},
	"groups": {"AWS::IAM::Group", "aws_iam_group"},
	"roles":  {"AWS::IAM::Role", "aws_iam_role"},
}

// identityKinds lists the identities' native types with their links'
// kind and the argument listing their managed policy ARNs.
var identityKinds = []struct{ typ, kind, arns string }{
	{"AWS::IAM::User", "users", "ManagedPolicyArns"},
	{"aws_iam_user", "users", "managed_policy_arns"},
	{"AWS::IAM::Group", "groups", "ManagedPolicyArns"},
	{"aws_iam_group", "groups", "managed_policy_arns"},
	{"AWS::IAM::Role", "roles", "ManagedPolicyArns"},
	{"aws_iam_role", "roles", "managed_policy_arns"},
}

// attachmentTypes are the Terraform attachment resources, by the argument
// naming the identity (or identities) and its kind.
var attachmentTypes = []struct {
	typ, arg, kind string
}{
	{"aws_iam_user_policy_attachment", "user", "users"},
	{"aws_iam_group_policy_attachment", "group", "groups"},
	{"aws_iam_role_policy_attachment", "role", "roles"},
	{"aws_iam_policy_attachment", "users", "users"},
	{"aws_iam_policy_attachment", "groups", "groups"},
	{"aws_iam_policy_attachment", "roles", "roles"},
}

// inlinePolicyIdentities are the arguments of Terraform inline policy
// resources that name their identity.
var inlinePolicyIdentities = []struct{ typ, arg, kind string }{
	{"aws_iam_user_policy", "user", "users"},
	{"aws_iam_group_policy", "group", "groups"},
	{"aws_iam_role_policy", "role", "roles"},
}

// iamLinks collects every attachment of the unit.
func iamLinks(idx *unitIndex) []iamLink {
	var links []iamLink
	add := func(policy *graph.Resource, arn *graph.Value, kind string, names *graph.Value, origin *graph.Resource) {
		elems, ok := items(names)
		if !ok {
			elems = []*graph.Value{names}
		}
		for _, n := range elems {
			links = append(links, iamLink{
				policy: policy, arn: arn, kind: kind,
				identity: idx.target(n, identityTypes[kind]...), name: n,
				origin: origin, at: locOr(n, origin.Loc),
			})
		}
	}
	policyOf := func(arn *graph.Value) *graph.Resource { return idx.target(arn, managedPolicyTypes...) }
	for _, r := range idx.ofTypes("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy") {
		for _, k := range []struct{ key, kind string }{{"Users", "users"}, {"Groups", "groups"}, {"Roles", "roles"}} {
			if v := attr(r, k.key); v != nil {
				add(r, nil, k.kind, v, r)
			}
		}
	}
	for _, a := range inlinePolicyIdentities {
		for _, r := range idx.ofTypes(a.typ) {
			if v := attr(r, a.arg); v != nil {
				add(r, nil, a.kind, v, r)
			}
		}
	}
	for _, t := range attachmentTypes {
		for _, r := range idx.ofTypes(t.typ) {
			if v := attr(r, t.arg); v != nil {
				arn := attr(r, "policy_arn")
				add(policyOf(arn), arn, t.kind, v, r)
			}
		}
	}
	for _, k := range identityKinds {
		for _, r := range idx.ofTypes(k.typ) {
			elems, ok := items(attr(r, k.arns))
			if !ok {
				continue
			}
			for _, arn := range elems {
				links = append(links, iamLink{
					policy: policyOf(arn), arn: arn, kind: k.kind,
					identity: r, name: graph.String(r.ID, r.Loc), origin: r, at: locOr(arn, r.Loc),
				})
			}
		}
	}
	return links
}

// attachment is the canonical element of a link on the policy's side:
// the identity (its resource ID when it is in the scan, else the name as
// written), the resource declaring the link, and whether it exists.
func (l iamLink) attachment() *graph.Value {
	m := graph.Map(l.at)
	name := str(l.name)
	if l.identity != nil {
		name = graph.String(l.identity.ID, l.at)
	}
	m.Set("identity", orDefault(scalar(name), graph.Unknown("the identity is not named", l.at)))
	m.Set("origin", graph.String(l.origin.ID, l.at))
	m.Set("present", partOf(l.origin).presentValue(l.at))
	return m
}

// attachedPolicy is the canonical element of a link on the identity's
// side: the policy ARN as written, the resource declaring the link, and
// whether it exists.
func (l iamLink) attachedPolicy() *graph.Value {
	m := graph.Map(l.at)
	m.Set("arn", orDefault(scalar(l.arn), graph.Unknown("no policy ARN is given", l.at)))
	m.Set("origin", graph.String(l.origin.ID, l.at))
	m.Set("present", partOf(l.origin).presentValue(l.at))
	return m
}
