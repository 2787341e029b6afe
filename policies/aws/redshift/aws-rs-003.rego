# METADATA
# title: Redshift cluster does not require SSL
# description: |
#   Fires for each provisioned Redshift cluster (AWS::Redshift::Cluster,
#   aws_redshift_cluster) whose parameter group does not set require_ssl
#   true: a group in the scan named by ClusterParameterGroupName /
#   cluster_parameter_group_name (a reference or the group's name) that
#   sets it false, or that leaves it at its family's default when the
#   family is redshift-1.0; or the old default group default.redshift-1.0
#   named literally. A cluster that names no group gets
#   default.redshift-2.0, the default of new clusters since January 2025,
#   which requires SSL, and so do groups of the redshift-2.0 family that
#   leave require_ssl alone: no finding. A group that is not in the scan
#   (a literal name, a module input) or whose parameters are Unknown is
#   undecided, never a finding. The finding points at the attribute
#   naming the group; its trace names the group and the parameter.
# custom:
#   id: AWS-RS-003
#   name: redshift-require-ssl
#   severity: MEDIUM
#   remediation: |
#     Require SSL in the cluster's parameter group. CloudFormation: an
#     AWS::Redshift::ClusterParameterGroup with ParameterGroupFamily
#     redshift-2.0 and Parameters [{ParameterName: require_ssl,
#     ParameterValue: "true"}], named by ClusterParameterGroupName.
#     Terraform: an aws_redshift_parameter_group with family =
#     "redshift-2.0" and a parameter block (name = "require_ssl", value =
#     "true"), named by cluster_parameter_group_name.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/redshift-controls.html#redshift-2
#     - https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-ssl-support.html
#     - https://docs.aws.amazon.com/config/latest/developerguide/redshift-require-tls-ssl.html
#   equivalents:
#     - checkov:CKV_AWS_105
#   kinds:
#     - aws.redshift.cluster
#   reads:
#     - require_ssl
package rampart.rules.redshift_require_ssl

import data.rampart.lib

results contains lib.result(c, ["require_ssl"], v, message(c.id)) if {
	some c in lib.resources("aws.redshift.cluster")
	v := lib.at(["require_ssl"], off(c.properties.require_ssl))
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

off(x) := "yes" if x == false

off(x) := "maybe" if is_null(x)

message(id) := sprintf("Redshift cluster %v accepts unencrypted connections: its parameter group does not set require_ssl to true", [id])
