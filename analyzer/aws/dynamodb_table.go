package aws

import (
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// Canonical kind aws.dynamodb.table: a DynamoDB table, its point-in-time
// recovery and the key that encrypts it.
const kindDynamoDBTable = "aws.dynamodb.table"

// Which key encrypts a table: the values of the property encryption.
const (
	keyAWSOwned   = "aws_owned"   // AWS's own key, the default
	keyAWSManaged = "aws_managed" // the account's aws/dynamodb key
	keyCustomer   = "customer"    // a customer managed KMS key
)

type dynamoDBTableMapper struct{}

func (dynamoDBTableMapper) kind() string { return kindDynamoDBTable }

func (dynamoDBTableMapper) normalize(idx *unitIndex) []*graph.Canonical {
	var out []*graph.Canonical
	for _, r := range idx.ofTypes("AWS::DynamoDB::Table", "aws_dynamodb_table") {
		if idx.stopped() {
			return out
		}
		pitr, pitrOn, sse, sseOn, key := "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled", "SSESpecification", "SSEEnabled", "KMSMasterKeyId"
		if r.Source != graph.SourceCloudFormation {
			pitr, pitrOn, sse, sseOn, key = "point_in_time_recovery", "enabled", "server_side_encryption", "enabled", "kms_key_arn"
		}
		p := props(r)
		p.Set("point_in_time_recovery", orDefault(boolean(field(singleBlock(attr(r, pitr)), pitrOn)), graph.Bool(false, r.Loc)))
		spec := singleBlock(attr(r, sse))
		p.Set("encryption", tableKey(r, boolean(field(spec, sseOn)), str(field(spec, key))))
		out = append(out, &graph.Canonical{ID: r.ID, Native: r, Props: p})
	}
	return out
}

// tableKey is which key encrypts a table: AWS's own key unless server-side
// encryption is enabled; then a customer managed key when one is named,
// else the AWS managed aws/dynamodb key. Located at the key, the flag or
// the resource.
func tableKey(r *graph.Resource, enabled, key *graph.Value) *graph.Value {
	switch {
	case enabled == nil || enabled.Kind == graph.KindBool && !enabled.Bool:
		loc := r.Loc
		if enabled != nil {
			loc = enabled.Loc
		}
		return graph.String(keyAWSOwned, loc)
	case enabled.Kind == graph.KindUnknown:
		return graph.Unknown("whether server-side encryption is enabled is not known: "+enabled.Reason, enabled.Loc)
	case key == nil:
		return graph.String(keyAWSManaged, enabled.Loc)
	case key.Kind == graph.KindString && strings.HasSuffix(key.Str, "alias/aws/dynamodb"):
		return graph.String(keyAWSManaged, key.Loc)
	case key.Kind == graph.KindUnknown && key.Ref == nil && r.Source != graph.SourceCloudFormation:
		// A Terraform variable without a value may be null: the AWS
		// managed key. (A CloudFormation value is never null.)
		u := graph.Unknown("the KMS key is not known: "+key.Reason, key.Loc)
		u.Trace = key.Trace
		return u
	}
	// A key named by ARN, ID or alias, or a key resource's attribute, is
	// the customer's.
	v := graph.String(keyCustomer, key.Loc)
	v.Trace = key.Trace
	return v
}
