package aws

import "github.com/rampart-iac/rampart/analyzer/graph"

// Canonical kind aws.iam.password_policy: the account password policy
// (Terraform aws_iam_account_password_policy; CloudFormation has no
// resource type for it). An argument left unset is the value AWS applies
// then, as the provider documents it.
const kindIAMPasswordPolicy = "aws.iam.password_policy"

type iamPasswordPolicyMapper struct{}

func (iamPasswordPolicyMapper) kind() string { return kindIAMPasswordPolicy }

func (iamPasswordPolicyMapper) normalize(idx *unitIndex) []*graph.Canonical {
	var out []*graph.Canonical
	for _, r := range idx.ofTypes("aws_iam_account_password_policy") {
		if idx.stopped() {
			return out
		}
		p := props(r)
		p.Set("minimum_password_length", orDefault(num(attr(r, "minimum_password_length")), graph.Number(6, r.Loc)))
		for _, key := range []string{"require_uppercase_characters", "require_lowercase_characters", "require_numbers", "require_symbols"} {
			p.Set(key, orDefault(boolean(attr(r, key)), graph.Bool(false, r.Loc)))
		}
		p.Set("password_reuse_prevention", orDefault(num(attr(r, "password_reuse_prevention")), graph.Number(0, r.Loc)))
		p.Set("max_password_age", orDefault(num(attr(r, "max_password_age")), graph.Number(0, r.Loc)))
		out = append(out, &graph.Canonical{ID: r.ID, Native: r, Props: p})
	}
	return out
}
