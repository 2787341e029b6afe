# METADATA
# title: RDS automated backups kept fewer than 7 days
# description: |
#   Fires for each RDS DB cluster (AWS::RDS::DBCluster, aws_rds_cluster)
#   and each standalone DB instance (AWS::RDS::DBInstance, aws_db_instance)
#   that keeps automated backups fewer than 7 days: BackupRetentionPeriod /
#   backup_retention_period below 7, 0 (backups off) included, or absent
#   (AWS keeps one day). Instances of an Aurora cluster are not judged (the
#   cluster's retention applies to them), nor read replicas (their source
#   holds the backups; AWS keeps none for a replica unless asked). An
#   Unknown retention (a parameter or a variable without a value) is
#   undecided, never a finding. The finding points at the retention, or at
#   the resource when it is absent.
# custom:
#   id: AWS-RDS-003
#   name: rds-backup-retention
#   severity: LOW
#   remediation: |
#     Keep at least 7 days of automated backups. CloudFormation: set
#     BackupRetentionPeriod: 7 (or more, up to 35) on the
#     AWS::RDS::DBCluster or AWS::RDS::DBInstance. Terraform:
#     backup_retention_period = 7 (or more) on aws_rds_cluster or
#     aws_db_instance (the terraform-aws-modules/rds input of the same
#     name).
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-11
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html
#     - https://docs.aws.amazon.com/config/latest/developerguide/db-instance-backup-enabled.html
#   equivalents:
#     - checkov:CKV_AWS_133
#     - trivy:AVD-AWS-0077
#     - tfsec:aws-rds-specify-backup-retention
#     - kics:1dc73fb4-5b51-430c-8c5f-25dcf9090b02
#   kinds:
#     - aws.rds.db_instance
#     - aws.rds.db_cluster
#   reads:
#     - backup_retention_period
#     - cluster_member
#     - read_replica
package rampart.rules.rds_backup_retention

import data.rampart.lib

min_days := 7

results contains lib.result(db, ["backup_retention_period"], v, message("DB instance", db)) if {
	some db in lib.resources("aws.rds.db_instance")
	db.properties.cluster_member == false
	db.properties.read_replica == false
	v := lib.at(["backup_retention_period"], short(db.properties.backup_retention_period))
}

results contains lib.result(db, ["backup_retention_period"], v, message("DB cluster", db)) if {
	some db in lib.resources("aws.rds.db_cluster")
	v := lib.at(["backup_retention_period"], short(db.properties.backup_retention_period))
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

# short is the verdict of "fewer than min_days days".
short(days) := "yes" if {
	lib.known_number(days)
	days < min_days
}

short(days) := "maybe" if is_null(days)

message(what, db) := sprintf("%v %v keeps automated backups %v day(s), fewer than %v: a problem noticed later cannot be rolled back", [what, db.id, db.properties.backup_retention_period, min_days]) if {
	lib.known_number(db.properties.backup_retention_period)
} else := ""
