# METADATA
# title: RDS database does not require TLS
# description: |
#   Fires for each RDS DB cluster (AWS::RDS::DBCluster, aws_rds_cluster)
#   and each standalone DB instance (AWS::RDS::DBInstance, aws_db_instance)
#   of an engine that can refuse unencrypted connections through a
#   parameter (rds.force_ssl for PostgreSQL, SQL Server and Aurora
#   PostgreSQL; require_secure_transport for MySQL, MariaDB and Aurora
#   MySQL) whose parameter group does not set it: a group in the scan
#   (DBParameterGroupName / parameter_group_name for an instance,
#   DBClusterParameterGroupName / db_cluster_parameter_group_name for a
#   cluster; a reference or the group's name) without the parameter set
#   to 1 / ON, or the engine's default group (no group named, or a
#   default.… name), which does not force TLS; except that the default
#   group of RDS for PostgreSQL 15 and later sets rds.force_ssl to 1 (an
#   absent engine version is the latest, so it passes), and so does a
#   group of a postgres15-or-later family that leaves it alone (a group
#   starts from its family's defaults). Instances of an
#   Aurora cluster are judged through the cluster's group. Engines without
#   such a parameter (Oracle, which uses an SSL option, Db2) and databases
#   that do not name their engine (a replica or a restored snapshot) are
#   not judged. A group that is not in the scan (a literal name, a module
#   input) or whose parameters are Unknown is undecided, never a finding.
#   The finding points at the attribute naming the group, or at the
#   resource when there is none; its trace names the group.
# custom:
#   id: AWS-RDS-004
#   name: rds-require-tls
#   severity: MEDIUM
#   remediation: |
#     Use a parameter group of your own that refuses unencrypted
#     connections. CloudFormation: an AWS::RDS::DBParameterGroup (instances)
#     or AWS::RDS::DBClusterParameterGroup (Aurora) with Parameters
#     rds.force_ssl: "1" (PostgreSQL, SQL Server) or
#     require_secure_transport: "ON" (MySQL, MariaDB), named by
#     DBParameterGroupName / DBClusterParameterGroupName. Terraform: an
#     aws_db_parameter_group or aws_rds_cluster_parameter_group with a
#     parameter block (name = "rds.force_ssl", value = "1", or name =
#     "require_secure_transport", value = "ON"), named by
#     parameter_group_name / db_cluster_parameter_group_name; with
#     terraform-aws-modules/rds, the parameters input.
#   references:
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.html
#     - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraPostgreSQL.Security.html
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/SQLServer.Concepts.General.SSL.Using.html
#   kinds:
#     - aws.rds.db_instance
#     - aws.rds.db_cluster
#   reads:
#     - tls_parameter
#     - tls_required
#     - cluster_member
package rampart.rules.rds_require_tls

import data.rampart.lib

results contains lib.result(db, ["tls_required"], v, message("DB instance", db)) if {
	some db in lib.resources("aws.rds.db_instance")
	db.properties.cluster_member == false
	v := verdict(db.properties)
}

results contains lib.result(db, ["tls_required"], v, message("DB cluster", db)) if {
	some db in lib.resources("aws.rds.db_cluster")
	v := verdict(db.properties)
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

# verdict of "an engine with a TLS parameter whose group does not set it".
verdict(p) := lib.all_of([
	lib.at(["tls_parameter"], has_parameter(p.tls_parameter)),
	lib.at(["tls_required"], off(p.tls_required)),
])

has_parameter(x) := "yes" if {
	lib.known_string(x)
	x != ""
}

has_parameter(x) := "maybe" if is_null(x)

off(x) := "yes" if x == false

off(x) := "maybe" if is_null(x)

message(what, db) := sprintf("%v %v accepts unencrypted connections: its parameter group does not set %v to force TLS", [what, db.id, db.properties.tls_parameter]) if {
	lib.known_string(db.properties.tls_parameter)
} else := ""
