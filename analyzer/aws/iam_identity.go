package aws

import (
	"github.com/rampart-iac/rampart/analyzer/graph"
)

// Canonical kinds aws.iam.role, aws.iam.user and aws.iam.group: an IAM
// identity with the inline policies written inside it (CloudFormation
// Policies, Terraform inline_policy blocks), the managed policy ARNs it
// lists itself, and for a role its trust policy. Policies written as
// resources of their own are aws.iam.policy.
const (
	kindIAMRole  = "aws.iam.role"
	kindIAMUser  = "aws.iam.user"
	kindIAMGroup = "aws.iam.group"
)

// iamIdentityMapper maps one identity kind from its CloudFormation and
// Terraform types.
type iamIdentityMapper struct {
	name      string
	cfn, tf   string
	cfnNameAt string
}

func iamRoleMapper() iamIdentityMapper {
	return iamIdentityMapper{name: kindIAMRole, cfn: "AWS::IAM::Role", tf: "aws_iam_role", cfnNameAt: "RoleName"}
}

func iamUserMapper() iamIdentityMapper {
	return iamIdentityMapper{name: kindIAMUser, cfn: "AWS::IAM::User", tf: "aws_iam_user", cfnNameAt: "UserName"}
}

func iamGroupMapper() iamIdentityMapper {
	return iamIdentityMapper{name: kindIAMGroup, cfn: "AWS::IAM::Group", tf: "aws_iam_group", cfnNameAt: "GroupName"}
}

func (m iamIdentityMapper) kind() string { return m.name }

func (m iamIdentityMapper) normalize(idx *unitIndex) []*graph.Canonical {
	lookup := dataSources(idx.unit)
	links := iamLinks(idx)
	f := newFolder(idx, &idx.diags, m.cfn, m.tf)
	var out []*graph.Canonical
	for _, r := range idx.ofTypes(m.cfn, m.tf) {
		if idx.stopped() {
			return out
		}
		cfn := r.Source == graph.SourceCloudFormation
		name, arns, trust := "name", "managed_policy_arns", "assume_role_policy"
		if cfn {
			name, arns, trust = m.cfnNameAt, "ManagedPolicyArns", "AssumeRolePolicyDocument"
		}
		p := props(r)
		p.Set("name", orDefault(str(attr(r, name)), graph.String("", r.Loc)))
		p.Set("policies", inlinePolicies(idx, r, cfn, lookup))
		b := &listBuilder{loc: r.Loc}
		b.add(attr(r, arns))
		p.Set("managed_policy_arns", b.value())
		if m.name == kindIAMRole {
			p.Set("trust_policy", identityDocument(idx, r, attr(r, trust), lookup))
		}
		c := &graph.Canonical{ID: r.ID, Native: r, Props: p}
		f.addOwner(c)
		attached := &listBuilder{loc: r.Loc}
		for _, l := range links {
			if l.identity == r && l.policy == nil {
				f.attach(c, l.origin)
				attached.addElement(l.attachedPolicy())
			}
		}
		p.Set("attached_policies", attached.value())
		out = append(out, c)
	}
	return out
}

// inlinePolicies lists the policies embedded in identity r: CloudFormation
// Policies entries ({PolicyName, PolicyDocument}), Terraform inline_policy
// blocks (a block without policy, which asks Terraform to remove the
// inline policies, adds none). An entry that is Unknown (an Fn::If on an
// unknown condition) is a null element; the list is Unknown when its
// length is.
func inlinePolicies(idx *unitIndex, r *graph.Resource, cfn bool, lookup func(graph.Ref) *graph.Resource) *graph.Value {
	key, name, doc := "inline_policy", "name", "policy"
	if cfn {
		key, name, doc = "Policies", "PolicyName", "PolicyDocument"
	}
	b := &listBuilder{loc: r.Loc}
	entries, ok := items(attr(r, key))
	if !ok {
		b.addUnknownLength(attr(r, key))
		return b.value()
	}
	for _, e := range entries {
		if e.Kind == graph.KindUnknown {
			b.addElement(graph.Unknown(e.Reason, e.Loc))
			continue
		}
		d := field(e, doc)
		if d == nil && !cfn {
			continue
		}
		p := graph.Map(e.Loc)
		p.Set("name", orDefault(str(field(e, name)), graph.String("", e.Loc)))
		p.Set("document", identityDocument(idx, r, d, lookup))
		if r.Type == "AWS::IAM::Role" || r.Type == "aws_iam_role" {
			p.Set("sam_policy_template", samPolicyTemplate(r, field(e, name), e.Loc))
		}
		b.addElement(p)
	}
	return b.value()
}

// samPolicyTemplate is the SAM policy template an inline policy of a role
// the SAM transform generated was expanded from, as the CloudFormation
// front-end records it; "" for any other policy.
func samPolicyTemplate(r *graph.Resource, name *graph.Value, loc graph.Location) *graph.Value {
	templates := r.Meta[graph.MetaSAMPolicyTemplates]
	if templates == nil || name == nil || name.Kind != graph.KindString {
		return graph.String("", loc)
	}
	if t := templates.Get(name.Str); t != nil {
		return t
	}
	return graph.String("", loc)
}
