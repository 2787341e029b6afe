# METADATA
# title: ElastiCache replication group not encrypted
# description: |
#   Fires for each ElastiCache (Redis OSS or Valkey) replication group
#   (AWS::ElastiCache::ReplicationGroup, aws_elasticache_replication_group)
#   without encryption at rest (AtRestEncryptionEnabled /
#   at_rest_encryption_enabled) or without encryption in transit
#   (TransitEncryptionEnabled / transit_encryption_enabled): one finding
#   for each missing one, at its setting or at the group when it is
#   absent (both are off unless asked). An Unknown value (a parameter or a
#   variable without a value) is undecided, never a finding. Memcached
#   clusters (AWS::ElastiCache::CacheCluster) and serverless caches are
#   not judged.
# custom:
#   id: AWS-ELC-001
#   name: elasticache-encryption
#   severity: MEDIUM
#   remediation: |
#     Create the group with both encryptions on (at-rest encryption cannot
#     be turned on later). CloudFormation: AtRestEncryptionEnabled: true
#     and TransitEncryptionEnabled: true on the
#     AWS::ElastiCache::ReplicationGroup (KmsKeyId for a customer managed
#     key). Terraform: at_rest_encryption_enabled = true and
#     transit_encryption_enabled = true on aws_elasticache_replication_group.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/elasticache-controls.html#elasticache-4
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/elasticache-controls.html#elasticache-5
#     - https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/encryption.html
#   equivalents:
#     - checkov:CKV_AWS_29
#     - checkov:CKV_AWS_30
#     - tfsec:aws-elasticache-enable-at-rest-encryption
#     - tfsec:aws-elasticache-enable-in-transit-encryption
#   kinds:
#     - aws.elasticache.replication_group
#   reads:
#     - at_rest_encryption
#     - transit_encryption
package rampart.rules.elasticache_encryption

import data.rampart.lib

results contains lib.result(g, [property], v, message(g.id, what)) if {
	some g in lib.resources("aws.elasticache.replication_group")
	some property, what in checks
	v := lib.at([property], off(g.properties[property]))
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

checks := {"at_rest_encryption": "at rest", "transit_encryption": "in transit"}

off(x) := "yes" if x == false

off(x) := "maybe" if is_null(x)

message(id, what) := sprintf("ElastiCache replication group %v does not encrypt its data %v", [id, what])
