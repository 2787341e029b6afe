# METADATA
# title: Security group allows database ports from the internet
# description: |
#   Fires for each public CIDR source (0.0.0.0/0, ::/0, or any /0) of an
#   ingress rule whose protocol and port range cover a database or cache
#   port (config db_ports: MS SQL 1433, Oracle 1521/1630/2483/2484,
#   MySQL 3306, PostgreSQL 5432, Redshift 5439, CouchDB 5984, Redis 6379,
#   Cassandra 7000/7001/9042/9160, ArangoDB 8529, Elasticsearch 9200/9300,
#   Memcached 11211, MongoDB 27017-27019, DB2 50000), protocol -1 (all
#   traffic) included. A rule open on every port covers the database ports
#   too and fires here, whatever AWS-SG-001 reports about it. The finding
#   points at the CIDR. An Unknown protocol, port or CIDR never produces a
#   finding.
# custom:
#   id: AWS-SG-003
#   name: sg-no-public-db-ports
#   severity: HIGH
#   remediation: |
#     Keep databases and caches in private subnets and allow their port only
#     from the application tier's security group. CloudFormation: in the
#     SecurityGroupIngress entry (or AWS::EC2::SecurityGroupIngress) replace
#     CidrIp 0.0.0.0/0 / CidrIpv6 ::/0 with SourceSecurityGroupId of the
#     clients' group. Terraform: in the ingress block (or
#     aws_security_group_rule / aws_vpc_security_group_ingress_rule) replace
#     cidr_blocks / ipv6_cidr_blocks (cidr_ipv4 / cidr_ipv6) with
#     security_groups / source_security_group_id (referenced_security_group_id)
#     of the clients' group.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-19
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.RDSSecurityGroups.html
#     - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
#   parameters:
#     - db_ports
#   equivalents:
#     - trivy:AVD-AWS-0107
#     - tfsec:aws-ec2-no-public-ingress-sgr
#     - kics:4728cd65-a20c-49da-8b31-9c08b423e4db
#     - kics:381c3f2a-ef6f-4eff-99f7-b169cda3422c
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

# A public source of an ingress rule that covers a database port.
results contains lib.result(sg, src.cidr_path, v, message(sg.id, src)) if {
	some sg in sglib.groups
	some src in sglib.ingress_sources(sg.properties.ingress)
	v := lib.all_of([
		lib.at(src.cidr_path, netlib.public(src.cidr)),
		lib.at(src.rule_path, ports.covers_any(src.rule, config.db_ports)),
	])
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

message(id, src) := sprintf("security group %v allows %v from %v, exposing database %v%v", [id, ports.traffic_text(src.rule), src.cidr, ports.ports_text(ports.covered_ports(src.rule, config.db_ports)), sglib.origin_text(id, src.rule)]) if {
	not is_null(src.cidr)
} else := ""
