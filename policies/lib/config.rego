# METADATA
# title: rule parameters
# description: |
#   Every rule parameter the built-in rules read, with its default. A user
#   sets them in .rampart.yaml (the rule_config: section); they arrive as
#   input.config. Each parameter is read with object.get so an absent
#   setting falls back to the default below.
package rampart.lib.config

# Ports that give administrative access to a host: SSH and RDP.
default_admin_ports := [22, 3389]

# Database and cache ports: MS SQL, Oracle (1521, 1630, 2483, 2484),
# MySQL/Aurora, PostgreSQL, Redshift, CouchDB, Redis, Cassandra
# (7000, 7001, 9042, 9160), ArangoDB, Elasticsearch/OpenSearch (9200, 9300),
# Memcached, MongoDB (27017-27019) and DB2.
default_db_ports := [
	1433, 1521, 1630, 2483, 2484, 3306, 5432, 5439, 5984, 6379, 7000, 7001,
	8529, 9042, 9160, 9200, 9300, 11211, 27017, 27018, 27019, 50000,
]

default_security_group_name_pattern := `^[a-z][a-z0-9]*(-[a-z0-9]+)+$`

default_security_group_required_tags := ["Environment", "Tier", "Application"]

param(name, fallback) := object.get(input, ["config", name], fallback)

admin_ports := param("admin_ports", default_admin_ports)

db_ports := param("db_ports", default_db_ports)

# allowed_port_ranges lists the ranges AWS-SG-005 accepts, each written
# "from-to" (a string) or [from, to] (a list of two numbers).
allowed_port_ranges := param("allowed_port_ranges", [])

security_group_name_pattern := param("security_group_name_pattern", default_security_group_name_pattern)

security_group_required_tags := param("security_group_required_tags", default_security_group_required_tags)

max_security_groups_per_instance := param("max_security_groups_per_instance", 3)

max_ingress_rules := param("max_ingress_rules", 3)

# A bastion (jump host) security group is one whose name, Name or Role tag,
# or resource ID matches this pattern (AWS-SG-014).
default_bastion_pattern := `(?i)bastion|jump`

bastion_pattern := param("bastion_pattern", default_bastion_pattern)

# CIDRs admin ports may be opened to besides bastion groups: the office or
# VPN ranges, the bastion subnet (AWS-SG-014).
bastion_cidrs := param("bastion_cidrs", [])

# Ports of internal services that only a load balancer should reach
# (AWS-SG-016).
default_internal_ports := [8080, 8443]

internal_ports := param("internal_ports", default_internal_ports)

# AMI IDs instances and launch templates may use (AWS-EC2-004); the rule
# is inactive while the list is empty.
approved_amis := param("approved_amis", [])
