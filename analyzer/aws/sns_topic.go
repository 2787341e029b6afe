package aws

import "github.com/rampart-iac/rampart/analyzer/graph"

// Canonical kind aws.sns.topic: an SNS topic and the KMS key that encrypts
// its messages at rest.
const kindSNSTopic = "aws.sns.topic"

type snsTopicMapper struct{}

func (snsTopicMapper) kind() string { return kindSNSTopic }

func (snsTopicMapper) normalize(idx *unitIndex) []*graph.Canonical {
	var out []*graph.Canonical
	for _, r := range idx.ofTypes("AWS::SNS::Topic", "aws_sns_topic") {
		if idx.stopped() {
			return out
		}
		key := "KmsMasterKeyId"
		if r.Source != graph.SourceCloudFormation {
			key = "kms_master_key_id"
		}
		p := props(r)
		p.Set("encrypted", topicEncrypted(r, str(attr(r, key))))
		out = append(out, &graph.Canonical{ID: r.ID, Native: r, Props: p})
	}
	return out
}

// topicEncrypted: an SNS topic is encrypted at rest when it names a KMS key
// (any key, by ID, alias, ARN or reference); not otherwise, since SNS does
// not encrypt by default. An Unknown Terraform value that refers to no
// resource may be null: Unknown.
func topicEncrypted(r *graph.Resource, key *graph.Value) *graph.Value {
	switch {
	case key == nil:
		return graph.Bool(false, r.Loc)
	case key.Kind == graph.KindString:
		return graph.Bool(key.Str != "", key.Loc)
	case key.Ref != nil || r.Source == graph.SourceCloudFormation:
		return graph.Bool(true, key.Loc)
	}
	u := graph.Unknown("the KMS key is not known: "+key.Reason, key.Loc)
	u.Trace = key.Trace
	return u
}
