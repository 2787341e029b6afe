package acme.rules.s3_data_classification_test

import data.acme.rules.s3_data_classification as rule
import data.rampart.lib.testing as t

bucket(native) := object.union(t.s3_bucket({}), {"native": native})

test_untagged_bucket_fires if {
	count(rule.deny) == 1 with input as t.input_of([bucket({})])
	count(rule.deny) == 1 with input as t.input_of([bucket({"Tags": [{"Key": "Owner", "Value": "data"}]})])
	count(rule.deny) == 1 with input as t.input_of([bucket({"tags": {"Owner": "data"}})])
}

test_unknown_class_fires_on_a_value if {
	count(rule.deny) == 1 with input as t.input_of([bucket({"Tags": [{"Key": "DataClassification", "Value": "secret"}]})])
	count(rule.deny) == 1 with input as t.input_of([bucket({"tags": {"DataClassification": "Internal"}})])
}

test_classified_bucket_passes if {
	count(rule.deny) == 0 with input as t.input_of([bucket({"Tags": [{"Key": "DataClassification", "Value": "internal"}]})])
	count(rule.deny) == 0 with input as t.input_of([bucket({"tags": {"DataClassification": "restricted"}})])
}

test_classes_come_from_rule_config if {
	cfg := {"acme_data_classes": ["green", "red"]}
	count(rule.deny) == 0 with input as t.input_with_config([bucket({"tags": {"DataClassification": "green"}})], cfg)
	count(rule.deny) == 1 with input as t.input_with_config([bucket({"tags": {"DataClassification": "internal"}})], cfg)
}

test_unknown_tags_never_fire if {
	count(rule.deny) == 0 with input as t.input_of([bucket({"Tags": null})])
	count(rule.deny) == 0 with input as t.input_of([bucket({"tags": null})])
	count(rule.deny) == 0 with input as t.input_of([bucket({"Tags": [{"Key": null, "Value": "x"}]})])
	count(rule.deny) == 0 with input as t.input_of([bucket({"tags": {"DataClassification": null}})])
}
