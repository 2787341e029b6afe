package aws

import (
	"github.com/rampart-iac/rampart/analyzer/aws/policydoc"
	"github.com/rampart-iac/rampart/analyzer/graph"
)

// dataSources finds the Terraform data sources of a unit that normalizers
// may read (data "aws_iam_policy_document"), by the address a reference
// names: rules never see data sources as resources, so the unit index
// leaves them out.
func dataSources(u *graph.Unit) policydoc.DataSources {
	byID := map[string]*graph.Resource{}
	for _, r := range u.Resources {
		if r.DataSource {
			byID[r.ID] = r
		}
	}
	return func(ref graph.Ref) *graph.Resource { return byID[ref.Resource] }
}

// policyDocument returns the statement model of a policy document argument
// of owner (a JSON string, a jsonencode tree, a CloudFormation object, a
// reference to a data "aws_iam_policy_document"), with its diagnostics
// attributed to owner.
func policyDocument(owner *graph.Resource, doc *graph.Value, lookup policydoc.DataSources) (*graph.Value, graph.Diagnostics) {
	model, diags := policydoc.Normalize(doc, lookup)
	for i := range diags {
		diags[i].Resource = owner.ID
	}
	return model, diags
}
