# METADATA
# title: RDS deletion protection off
# description: |
#   Fires for each RDS DB cluster (AWS::RDS::DBCluster, aws_rds_cluster)
#   and each standalone DB instance (AWS::RDS::DBInstance, aws_db_instance,
#   read replicas included) with DeletionProtection / deletion_protection
#   false or absent (AWS's default): one API call, or a stack or a
#   Terraform plan that replaces or removes the resource, deletes the
#   database. Instances of an Aurora cluster are not judged: deletion
#   protection is the cluster's. An Unknown value (a parameter or a
#   variable without a value) is undecided, never a finding. The finding
#   points at DeletionProtection, or at the resource when it is absent.
# custom:
#   id: AWS-RDS-005
#   name: rds-deletion-protection
#   severity: LOW
#   remediation: |
#     Turn deletion protection on; it must be turned off on purpose before
#     the database can be deleted. CloudFormation: DeletionProtection: true
#     on the AWS::RDS::DBCluster or AWS::RDS::DBInstance (and a
#     DeletionPolicy of Snapshot or Retain). Terraform:
#     deletion_protection = true on aws_rds_cluster or aws_db_instance.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-7
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-8
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection
#   equivalents:
#     - checkov:CKV_AWS_293
#     - checkov:CKV_AWS_139
#   kinds:
#     - aws.rds.db_instance
#     - aws.rds.db_cluster
#   reads:
#     - deletion_protection
#     - cluster_member
package rampart.rules.rds_deletion_protection

import data.rampart.lib

results contains lib.result(db, ["deletion_protection"], v, message("DB instance", db.id)) if {
	some db in lib.resources("aws.rds.db_instance")
	db.properties.cluster_member == false
	v := lib.at(["deletion_protection"], off(db.properties.deletion_protection))
}

results contains lib.result(db, ["deletion_protection"], v, message("DB cluster", db.id)) if {
	some db in lib.resources("aws.rds.db_cluster")
	v := lib.at(["deletion_protection"], off(db.properties.deletion_protection))
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

off(x) := "yes" if x == false

off(x) := "maybe" if is_null(x)

message(what, id) := sprintf("%v %v has no deletion protection: a single call or a replacing deployment deletes it", [what, id])
