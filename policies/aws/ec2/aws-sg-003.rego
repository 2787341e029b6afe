# METADATA
# title: Security group allows database ports from the internet
# description: |
#   Fires for each public CIDR source (0.0.0.0/0, ::/0, or any /0) of an
#   ingress rule whose protocol and port range cover a database or cache
#   port (config db_ports: MS SQL 1433, Oracle 1521/1630/2483/2484,
#   MySQL 3306, PostgreSQL 5432, Redshift 5439, CouchDB 5984, Redis 6379,
#   Cassandra 7000/7001/9042/9160, ArangoDB 8529, Elasticsearch 9200/9300,
#   Memcached 11211, MongoDB 27017-27019, DB2 50000). Rules open on all
#   ports or all protocols are skipped because AWS-SG-001 reports them. The
#   finding points at the CIDR. An Unknown protocol, port or CIDR never
#   produces a finding.
# custom:
#   id: AWS-SG-003
#   name: sg-no-public-db-ports
#   severity: HIGH
#   remediation: |
#     Keep databases and caches in private subnets and allow their port only
#     from the application tier's security group.
#   references:
#     - "seed 000 #13"
#     - "seed 004"
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.RDSSecurityGroups.html
#     - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
#   kinds:
#     - aws.ec2.security_group
#   reads:
#     - ingress[*].protocol
#     - ingress[*].from_port
#     - ingress[*].to_port
#     - ingress[*].cidrs[*]
package rampart.rules.sg_no_public_db_ports

import data.rampart.lib
import data.rampart.lib.config
import data.rampart.lib.net as netlib
import data.rampart.lib.ports
import data.rampart.lib.sg as sglib

deny contains f if {
	some sg in sglib.groups
	some i, rule in sg.properties.ingress
	some j, cidr in rule.cidrs
	netlib.is_public_cidr(cidr)
	not ports.is_all_ports(rule)
	open := ports.covered_ports(rule, config.db_ports)
	count(open) > 0
	msg := sprintf("security group %v allows %v from %v, exposing database %v%v", [sg.id, ports.traffic_text(rule), cidr, ports.ports_text(open), sglib.origin_text(sg.id, rule)])
	f := lib.finding(sg, ["ingress", i, "cidrs", j], msg)
}

# undecided: a public-or-Unknown source on a rule that covers, or could
# cover, a database port.
undecided contains f if some f in sglib.unknown_ingress

undecided contains lib.finding(sg, sglib.undecided_path(i, src), "") if {
	some sg in sglib.groups
	some i, rule in sg.properties.ingress
	some src in sglib.sources(rule)
	netlib.maybe_public(src.cidr)
	not ports.is_all_ports(rule)
	ports.maybe_covers_any(rule, config.db_ports)
}
