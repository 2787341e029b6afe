# METADATA
# title: S3 bucket without a DataClassification tag
# description: |
#   Fires when an S3 bucket carries no DataClassification tag, or one whose
#   value is not a class of config acme_data_classes (default public,
#   internal, confidential, restricted). Reads the tags as written on the
#   bucket: CloudFormation Tags, Terraform tags (a provider's default_tags
#   are not among the bucket's native arguments). A tag list, map or value
#   that is not known before deployment never fires.
# custom:
#   id: ACME-101
#   name: acme-s3-data-classification
#   severity: MEDIUM
#   remediation: Tag the bucket with DataClassification = public, internal, confidential or restricted.
#   references:
#     - https://wiki.example.com/security/data-classification
#   kinds:
#     - aws.s3.bucket
#   parameters:
#     - name: acme_data_classes
#       type: list(string)
#       default: [public, internal, confidential, restricted]
#       description: The values a DataClassification tag may hold.
package acme.rules.s3_data_classification

import data.rampart.lib

classes := object.get(input.config, "acme_data_classes", ["public", "internal", "confidential", "restricted"])

deny contains f if {
	some b in lib.resources("aws.s3.bucket")
	not unknown_tags(b.native)
	not classification(b.native)
	f := lib.finding(b, [], sprintf("S3 bucket %v has no DataClassification tag", [b.id]))
}

deny contains f if {
	some b in lib.resources("aws.s3.bucket")
	value := classification(b.native)
	is_string(value)
	not value in classes
	f := lib.finding(b, [], sprintf("S3 bucket %v is tagged DataClassification = %q, not one of %v", [b.id, value, concat(", ", classes)]))
}

# classification is the DataClassification tag's value: from the
# CloudFormation list of {Key, Value}, or the Terraform map.
classification(native) := tag.Value if {
	some tag in native.Tags
	tag.Key == "DataClassification"
}

classification(native) := native.tags.DataClassification if is_object(native.tags)

# unknown_tags: the tags may hold a DataClassification tag nobody can see
# before deployment.
unknown_tags(native) if is_null(native.Tags)

unknown_tags(native) if is_null(native.tags)

unknown_tags(native) if {
	some tag in native.Tags
	is_null(tag.Key)
}

unknown_tags(native) if is_null(classification(native))
