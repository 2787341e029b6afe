# METADATA
# title: RDS storage not encrypted
# description: |
#   Fires for each RDS DB cluster (AWS::RDS::DBCluster, aws_rds_cluster)
#   and each standalone DB instance (AWS::RDS::DBInstance, aws_db_instance)
#   whose storage is not encrypted at rest: StorageEncrypted /
#   storage_encrypted false or absent (AWS's default is unencrypted, except
#   Aurora Serverless v1, engine mode serverless, which is always
#   encrypted). An instance of an Aurora cluster (DBClusterIdentifier set,
#   aws_rds_cluster_instance) is not judged: its storage is the cluster's,
#   and the cluster is. A database restored from a snapshot or copying
#   another one (DBSnapshotIdentifier / snapshot_identifier, a read
#   replica's source, a point-in-time restore) that does not turn
#   encryption on inherits the source's encryption, which the template
#   cannot show: undecided, never a finding. A value that is Unknown (a
#   variable without a value, a parameter without a default) is undecided
#   too. SQL Server Express edition cannot be encrypted at rest: its
#   instances are reported all the same (the data is unencrypted; choose
#   another edition or suppress the finding with the reason). The finding
#   points at StorageEncrypted, or at the resource when it is absent.
# custom:
#   id: AWS-RDS-001
#   name: rds-storage-encrypted
#   severity: HIGH
#   remediation: |
#     Encrypt the storage when the database is created (an existing
#     database is encrypted by restoring an encrypted copy of a snapshot).
#     CloudFormation: set StorageEncrypted: true on the AWS::RDS::DBCluster
#     (Aurora) or AWS::RDS::DBInstance, with KmsKeyId for a customer managed
#     key. Terraform: storage_encrypted = true on aws_rds_cluster or
#     aws_db_instance, with kms_key_id for a customer managed key; the
#     terraform-aws-modules/rds module does this by default
#     (storage_encrypted = true).
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-3
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-27
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html
#     - https://docs.aws.amazon.com/config/latest/developerguide/rds-storage-encrypted.html
#   equivalents:
#     - checkov:CKV_AWS_16
#     - checkov:CKV_AWS_96
#     - trivy:AVD-AWS-0080
#     - tfsec:aws-rds-encrypt-instance-storage-data
#     - tfsec:aws-rds-encrypt-cluster-storage-data
#     - kics:3199c26c-7871-4cb3-99c2-10a59244ce7f
#   kinds:
#     - aws.rds.db_instance
#     - aws.rds.db_cluster
#   reads:
#     - storage_encrypted
#     - cluster_member
package rampart.rules.rds_storage_encrypted

import data.rampart.lib

results contains lib.result(db, ["storage_encrypted"], v, message("DB instance", db.id)) if {
	some db in lib.resources("aws.rds.db_instance")
	db.properties.cluster_member == false
	v := lib.at(["storage_encrypted"], off(db.properties.storage_encrypted))
}

results contains lib.result(db, ["storage_encrypted"], v, message("DB cluster", db.id)) if {
	some db in lib.resources("aws.rds.db_cluster")
	v := lib.at(["storage_encrypted"], off(db.properties.storage_encrypted))
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

# off is the verdict of "this setting is off": "yes" for false, "maybe"
# for Unknown (null), no for true.
off(x) := "yes" if x == false

off(x) := "maybe" if is_null(x)

message(what, id) := sprintf("%v %v stores its data unencrypted: snapshots, backups and replicas of it are unencrypted too", [what, id])
