# METADATA
# title: rule parameters
# description: |
#   Every parameter the built-in rules read, with its default, its type and
#   what it means: this file is the one place they are defined. A user sets
#   them in .rampart.yaml (the rule_config: section); they arrive as
#   input.config, and param falls back to the default below when a setting
#   is absent. Each parameter is a rule NAME := param("NAME", DEFAULT) with
#   a METADATA block giving its description and custom.type; the engine
#   reads the declarations from here to validate rule_config (an unknown
#   name or a value of the wrong type is an error at its line) and rampart
#   explain and docs/rules.md show them with the rules that list them in
#   their METADATA custom.parameters.
package rampart.lib.config

param(name, fallback) := object.get(input, ["config", name], fallback)

# METADATA
# description: Ports that give administrative access to a host (SSH and RDP by default).
# custom:
#   type: list(port)
admin_ports := param("admin_ports", [22, 3389])

# Database and cache ports: MS SQL, Oracle (1521, 1630, 2483, 2484),
# MySQL/Aurora, PostgreSQL, Redshift, CouchDB, Redis, Cassandra
# (7000, 7001, 9042, 9160), ArangoDB, Elasticsearch/OpenSearch (9200, 9300),
# Memcached, MongoDB (27017-27019) and DB2.
default_db_ports := [
	1433, 1521, 1630, 2483, 2484, 3306, 5432, 5439, 5984, 6379, 7000, 7001,
	8529, 9042, 9160, 9200, 9300, 11211, 27017, 27018, 27019, 50000,
]

# METADATA
# description: Database and cache ports (MS SQL, Oracle, MySQL, PostgreSQL, Redshift, CouchDB, Redis, Cassandra, ArangoDB, Elasticsearch, Memcached, MongoDB, DB2).
# custom:
#   type: list(port)
db_ports := param("db_ports", default_db_ports)

# METADATA
# description: Port ranges a rule may open without a finding, each "from-to" (a string) or [from, to] (two numbers).
# custom:
#   type: list(port_range)
allowed_port_ranges := param("allowed_port_ranges", [])

# METADATA
# description: Regular expression (RE2 syntax) a security group's name must match.
# custom:
#   type: regex
security_group_name_pattern := param("security_group_name_pattern", `^[a-z][a-z0-9]*(-[a-z0-9]+)+$`)

# METADATA
# description: Tag keys every security group must carry (compared exactly, case included).
# custom:
#   type: list(string)
security_group_required_tags := param("security_group_required_tags", ["Environment", "Tier", "Application"])

# METADATA
# description: Tag keys every resource that takes tags must carry (compared exactly, case included), counting Terraform provider default_tags and the tags a nested stack inherits; AWS-TAG-001 is inactive while the list is empty.
# custom:
#   type: list(string)
#   inactive_when_empty: true
required_tags := param("required_tags", [])

# METADATA
# description: Most security groups an instance, launch template or network interface may name.
# custom:
#   type: integer
max_security_groups_per_instance := param("max_security_groups_per_instance", 3)

# METADATA
# description: Most ingress rules a security group may have, inline and separate rule resources together.
# custom:
#   type: integer
max_ingress_rules := param("max_ingress_rules", 3)

# METADATA
# description: AMI IDs instances and launch templates may use; the rule is inactive while the list is empty.
# custom:
#   type: list(string)
approved_amis := param("approved_amis", [])

# METADATA
# description: Regular expression (RE2 syntax) that marks a bastion (jump host) security group when its name, Name or Role tag, or resource ID matches it.
# custom:
#   type: regex
bastion_pattern := param("bastion_pattern", `(?i)bastion|jump`)

# METADATA
# description: CIDRs admin ports may be opened to besides bastion groups (the office or VPN ranges, the bastion subnet); a source inside one of them passes.
# custom:
#   type: list(cidr)
bastion_cidrs := param("bastion_cidrs", [])

# METADATA
# description: Ports of internal services that only a load balancer should reach.
# custom:
#   type: list(port)
internal_ports := param("internal_ports", [8080, 8443])

# METADATA
# description: When true, AWS's documented example credentials (ending in EXAMPLE or EXAMPLEKEY) are not reported.
# custom:
#   type: boolean
ignore_example_credentials := param("ignore_example_credentials", false)

# METADATA
# description: When true, AWS-S3-004 also requires the bucket's default encryption to be SSE-KMS (aws:kms or aws:kms:dsse), not SSE-S3 (AES256).
# custom:
#   type: boolean
s3_require_kms := param("s3_require_kms", false)

# METADATA
# description: The AWS account IDs the scanned templates deploy to (12 digits each). AWS-IAM-008 treats a trust policy principal of any other account as cross-account; when the list is empty, the templates' own account is not known and no account principal is judged cross-account.
# custom:
#   type: list(string)
own_account_ids := param("own_account_ids", [])
