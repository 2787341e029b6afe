# METADATA
# title: RDS instance publicly accessible
# description: |
#   Fires for each RDS DB instance (AWS::RDS::DBInstance, aws_db_instance,
#   aws_rds_cluster_instance; Aurora instances included, since each has
#   its own endpoint) with PubliclyAccessible / publicly_accessible true:
#   its endpoint resolves to a public IP address, so only its security
#   groups stand between the database and the internet. Absent, the
#   Terraform provider sends false; CloudFormation leaves the choice to
#   AWS, which makes the instance public when its VPC (the default VPC
#   when no subnet group is named) has an internet gateway, which a
#   template does not tell: undecided. Unknown values (a parameter or a
#   variable without a value) are undecided too, never a finding. The
#   finding points at PubliclyAccessible.
# custom:
#   id: AWS-RDS-002
#   name: rds-not-publicly-accessible
#   severity: HIGH
#   remediation: |
#     Keep the database private and reach it from inside the VPC (an
#     application tier, a bastion, AWS Systems Manager port forwarding or
#     a VPN). CloudFormation: set PubliclyAccessible: false on the
#     AWS::RDS::DBInstance, with a DBSubnetGroupName of private subnets.
#     Terraform: publicly_accessible = false (or remove the argument) on
#     aws_db_instance or aws_rds_cluster_instance, with a
#     db_subnet_group_name of private subnets.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-2
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding
#     - https://docs.aws.amazon.com/config/latest/developerguide/rds-instance-public-access-check.html
#   equivalents:
#     - checkov:CKV_AWS_17
#     - trivy:AVD-AWS-0082
#     - tfsec:aws-rds-no-public-db-access
#   kinds:
#     - aws.rds.db_instance
#   reads:
#     - publicly_accessible
package rampart.rules.rds_not_publicly_accessible

import data.rampart.lib

results contains lib.result(db, ["publicly_accessible"], v, message(db.id)) if {
	some db in lib.resources("aws.rds.db_instance")
	v := lib.at(["publicly_accessible"], lib.truth(db.properties.publicly_accessible))
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

message(id) := sprintf("DB instance %v is publicly accessible: its endpoint resolves to a public address reachable from the internet wherever its security groups allow", [id])
