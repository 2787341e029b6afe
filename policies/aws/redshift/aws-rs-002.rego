# METADATA
# title: Redshift cluster publicly accessible
# description: |
#   Fires for each provisioned Redshift cluster (AWS::Redshift::Cluster,
#   aws_redshift_cluster) with PubliclyAccessible / publicly_accessible
#   true: its endpoint gets a public address, so only its security groups
#   stand between the warehouse and the internet. Absent in
#   CloudFormation, AWS's default is false. Absent in Terraform, the AWS
#   provider sends its own default, true up to v5 and false from v6, and
#   the provider version is not known here: undecided, never a finding
#   (set the argument to decide). Unknown values (a parameter or a variable
#   without a value) are undecided too. The finding points at
#   PubliclyAccessible.
# custom:
#   id: AWS-RS-002
#   name: redshift-not-publicly-accessible
#   severity: HIGH
#   remediation: |
#     Keep the cluster private and reach it from inside the VPC.
#     CloudFormation: PubliclyAccessible: false on the
#     AWS::Redshift::Cluster (or leave it out), with a
#     ClusterSubnetGroupName of private subnets. Terraform:
#     publicly_accessible = false on aws_redshift_cluster (write it: the
#     provider's default was true up to v5).
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/redshift-controls.html#redshift-1
#     - https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html
#     - https://docs.aws.amazon.com/config/latest/developerguide/redshift-cluster-public-access-check.html
#   equivalents:
#     - checkov:CKV_AWS_87
#     - kics:bdf8dcb4-75df-4370-92c4-606e4ae6c4d3
#   kinds:
#     - aws.redshift.cluster
#   reads:
#     - publicly_accessible
package rampart.rules.redshift_not_publicly_accessible

import data.rampart.lib

results contains lib.result(c, ["publicly_accessible"], v, message(c.id)) if {
	some c in lib.resources("aws.redshift.cluster")
	v := lib.at(["publicly_accessible"], lib.truth(c.properties.publicly_accessible))
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

message(id) := sprintf("Redshift cluster %v is publicly accessible: its endpoint has a public address reachable from the internet wherever its security groups allow", [id])
