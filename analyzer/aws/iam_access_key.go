package aws

import "github.com/rampart-iac/rampart/analyzer/graph"

// Canonical kind aws.iam.access_key: a long-lived access key of an IAM
// user, which the template creates (AWS-IAM-006).
const kindIAMAccessKey = "aws.iam.access_key"

type iamAccessKeyMapper struct{}

func (iamAccessKeyMapper) kind() string { return kindIAMAccessKey }

func (iamAccessKeyMapper) normalize(idx *unitIndex) []*graph.Canonical {
	var out []*graph.Canonical
	for _, r := range idx.ofTypes("AWS::IAM::AccessKey", "aws_iam_access_key") {
		if idx.stopped() {
			return out
		}
		user, status := "UserName", "Status"
		if r.Source != graph.SourceCloudFormation {
			user, status = "user", "status"
		}
		p := props(r)
		// UserName is required (CloudFormation) and user too (Terraform).
		p.Set("user", orDefault(str(attr(r, user)), graph.Unknown("no user given", r.Loc)))
		p.Set("status", orDefault(str(attr(r, status)), graph.String("Active", r.Loc)))
		out = append(out, &graph.Canonical{ID: r.ID, Native: r, Props: p})
	}
	return out
}
