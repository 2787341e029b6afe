# METADATA
# title: Database or cache password in plain text
# description: |
#   Fires when the master password of an RDS DB instance, an Aurora or
#   Multi-AZ DB cluster, a Redshift cluster or a DocumentDB cluster, or the
#   AUTH token of an ElastiCache replication group, is plain text in the
#   repository: a literal string (also through locals and expressions of
#   literals), a CloudFormation parameter without NoEcho (its value is
#   shown by the console and DescribeStacks whatever gives it), the literal
#   Default of a NoEcho parameter, the literal default of a Terraform
#   variable, or a Terraform variable set in a .tfvars file. A password
#   that AWS manages (ManageMasterUserPassword / manage_master_user_password),
#   a {{resolve:secretsmanager:...}} or {{resolve:ssm-secure:...}} dynamic
#   reference, an SSM parameter type, a NoEcho parameter without a Default,
#   a Terraform variable given at plan time, a random_password resource or
#   another resource's attribute is not a finding. The finding points at
#   the password, and its trace at the default or file that holds it. A
#   password whose source cannot be told (a condition choosing between
#   values) is undecided.
# custom:
#   id: AWS-SEC-002
#   name: no-plaintext-db-passwords
#   severity: HIGH
#   remediation: |
#     Let AWS manage the password in Secrets Manager: in CloudFormation set
#     ManageMasterUserPassword: true (Redshift: ManageMasterPassword) and drop
#     MasterUserPassword, or write it as a dynamic reference
#     '{{resolve:secretsmanager:my-db-secret:SecretString:password}}', or
#     pass it through a parameter with NoEcho: true and no Default. In
#     Terraform set manage_master_user_password = true (Redshift:
#     manage_master_password = true), or read the password from
#     aws_secretsmanager_secret_version or a random_password resource, or from
#     a sensitive variable without a default given at plan time. For an
#     ElastiCache AUTH token use a dynamic reference or a secret likewise.
#     Then rotate the password that was committed.
#   references:
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html
#     - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html
#     - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html#parameters-section-structure-properties
#     - https://developer.hashicorp.com/terraform/language/values/variables#suppressing-values-in-cli-output
#   equivalents:
#     - kics:39423ce4-9011-46cd-b6b1-009edcd9385d
#   kinds:
#     - aws.rds.db_instance
#     - aws.rds.db_cluster
#     - aws.redshift.cluster
#     - aws.docdb.cluster
#     - aws.elasticache.replication_group
#   reads:
#     - master_password_source
#     - auth_token_source
package rampart.rules.no_plaintext_db_passwords

import data.rampart.lib

# Where a password is plain text in the repository, with how to say so.
plaintext := {
	"literal": "is a literal string",
	"parameter": "comes from a CloudFormation parameter without NoEcho",
	"no_echo_default": "is the literal Default of a NoEcho parameter",
	"variable_default": "comes from the literal default of a Terraform variable",
	"variable_file": "is set in a .tfvars file",
}

password_kinds := {
	"aws.rds.db_instance": ["RDS DB instance", "master password", "master_password_source"],
	"aws.rds.db_cluster": ["RDS DB cluster", "master password", "master_password_source"],
	"aws.redshift.cluster": ["Redshift cluster", "master password", "master_password_source"],
	"aws.docdb.cluster": ["DocumentDB cluster", "master password", "master_password_source"],
	"aws.elasticache.replication_group": ["ElastiCache replication group", "AUTH token", "auth_token_source"],
}

results contains lib.result(db, [prop], v, message(db.id, names, source)) if {
	some kind, names in password_kinds
	prop := names[2]
	some db in lib.resources(kind)
	source := object.get(db.properties, prop, "none")
	v := lib.at([prop], verdict(source))
}

verdict(source) := "yes" if plaintext[source]

verdict(source) := "maybe" if is_null(source)

message(id, names, source) := sprintf("the %v of %v %v %v", [names[1], names[0], id, plaintext[source]]) if {
	plaintext[source]
} else := ""

deny := lib.certain(results)

undecided := lib.uncertain(results)
