package aws

import "github.com/rampart-iac/rampart/analyzer/graph"

// Canonical kind aws.sqs.queue: an SQS queue and its server-side
// encryption.
const kindSQSQueue = "aws.sqs.queue"

type sqsQueueMapper struct{}

func (sqsQueueMapper) kind() string { return kindSQSQueue }

func (sqsQueueMapper) normalize(idx *unitIndex) []*graph.Canonical {
	var out []*graph.Canonical
	for _, r := range idx.ofTypes("AWS::SQS::Queue", "aws_sqs_queue") {
		if idx.stopped() {
			return out
		}
		key, managed := "KmsMasterKeyId", "SqsManagedSseEnabled"
		if r.Source != graph.SourceCloudFormation {
			key, managed = "kms_master_key_id", "sqs_managed_sse_enabled"
		}
		p := props(r)
		p.Set("encryption", queueEncryption(r, str(attr(r, key)), boolean(attr(r, managed))))
		out = append(out, &graph.Canonical{ID: r.ID, Native: r, Props: p})
	}
	return out
}

// queueEncryption is how a queue is encrypted: "kms" with a KMS key,
// "sqs_managed" with SQS's own keys (SSE-SQS, which AWS turns on for every
// new queue that does not ask otherwise), "none" when SSE-SQS is turned
// off and no key is named.
func queueEncryption(r *graph.Resource, key, managed *graph.Value) *graph.Value {
	switch {
	case key != nil && key.Kind == graph.KindString && key.Str != "":
		return graph.String("kms", key.Loc)
	case key != nil && key.Kind == graph.KindUnknown:
		if key.Ref != nil || r.Source == graph.SourceCloudFormation {
			return graph.String("kms", key.Loc)
		}
		u := graph.Unknown("the KMS key is not known: "+key.Reason, key.Loc)
		u.Trace = key.Trace
		return u
	case managed == nil:
		return graph.String("sqs_managed", r.Loc)
	case managed.Kind == graph.KindUnknown:
		return graph.Unknown("whether SSE-SQS is enabled is not known: "+managed.Reason, managed.Loc)
	case managed.Bool:
		return graph.String("sqs_managed", managed.Loc)
	}
	return graph.String("none", managed.Loc)
}
