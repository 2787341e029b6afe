# METADATA
# title: Redshift cluster not encrypted
# description: |
#   Fires for each provisioned Redshift cluster (AWS::Redshift::Cluster,
#   aws_redshift_cluster) that asks not to be encrypted: Encrypted /
#   encrypted false. Absent, the cluster is encrypted: AWS encrypts every
#   new cluster (CreateCluster defaults to true and, since 2025, refuses
#   false, so a template that says false describes a cluster created
#   unencrypted before that, or a deployment that fails). A cluster
#   restored from a snapshot (SnapshotIdentifier / snapshot_identifier)
#   that does not set it true is as encrypted as its snapshot, which the
#   template does not tell: undecided, never a finding; so is an Unknown
#   value (a parameter or a variable without a value). The finding points
#   at Encrypted.
# custom:
#   id: AWS-RS-001
#   name: redshift-encrypted
#   severity: HIGH
#   remediation: |
#     Encrypt the cluster. CloudFormation: set Encrypted: true on the
#     AWS::Redshift::Cluster (or remove Encrypted: false), with KmsKeyId
#     for a customer managed key. Terraform: encrypted = true on
#     aws_redshift_cluster, with kms_key_id for a customer managed key. An
#     existing unencrypted cluster is encrypted by modifying it (AWS
#     migrates the data) or by restoring an encrypted copy.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/redshift-controls.html#redshift-10
#     - https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html
#     - https://docs.aws.amazon.com/config/latest/developerguide/redshift-cluster-kms-enabled.html
#   equivalents:
#     - checkov:CKV_AWS_64
#   kinds:
#     - aws.redshift.cluster
#   reads:
#     - encrypted
package rampart.rules.redshift_encrypted

import data.rampart.lib

results contains lib.result(c, ["encrypted"], v, message(c.id)) if {
	some c in lib.resources("aws.redshift.cluster")
	v := lib.at(["encrypted"], off(c.properties.encrypted))
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

off(x) := "yes" if x == false

off(x) := "maybe" if is_null(x)

message(id) := sprintf("Redshift cluster %v is not encrypted at rest: its data, backups and snapshots are readable by whoever gets the storage", [id])
