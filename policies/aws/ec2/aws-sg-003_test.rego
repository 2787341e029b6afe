package rampart.rules.sg_no_public_db_ports_test

import data.rampart.lib.testing as t
import data.rampart.rules.sg_no_public_db_ports as rule

test_postgres_from_anywhere if {
	inp := t.input_of([t.ingress([t.rule({"from_port": 5432, "to_port": 5432, "cidrs": ["0.0.0.0/0"]})])])
	t.paths(rule.deny) == {["ingress", 0, "cidrs", 0]} with input as inp
}

test_every_default_db_port if {
	every p in [1433, 1521, 1630, 2483, 2484, 3306, 5432, 5439, 5984, 6379, 7000, 7001, 8529, 9042, 9160, 9200, 9300, 11211, 27017, 27018, 27019, 50000] {
		inp := t.input_of([t.ingress([t.rule({"from_port": p, "to_port": p, "cidrs": ["::/0"]})])])
		count(rule.deny) == 1 with input as inp
	}
}

test_redis_udp_range if {
	inp := t.input_of([t.ingress([t.rule({"protocol": "udp", "from_port": 6000, "to_port": 6400, "cidrs": ["0.0.0.0/0"]})])])
	t.paths(rule.deny) == {["ingress", 0, "cidrs", 0]} with input as inp
}

test_https_passes if {
	inp := t.input_of([t.ingress([t.rule({"from_port": 443, "to_port": 443, "cidrs": ["0.0.0.0/0"]})])])
	count(rule.deny) == 0 with input as inp
}

test_neighbouring_ports_pass if {
	inp := t.input_of([t.ingress([
		t.rule({"from_port": 3307, "to_port": 3307, "cidrs": ["0.0.0.0/0"]}),
		t.rule({"from_port": 5433, "to_port": 5438, "cidrs": ["0.0.0.0/0"]}),
	])])
	count(rule.deny) == 0 with input as inp
}

test_db_from_private_passes if {
	inp := t.input_of([t.ingress([t.rule({"from_port": 3306, "to_port": 3306, "cidrs": ["10.0.0.0/16", "203.0.113.5/32"]})])])
	count(rule.deny) == 0 with input as inp
}

# Rules are independent: a rule open on every port covers the database
# ports, whatever AWS-SG-001 reports about it.
test_all_ports_covers_db_ports if {
	inp := t.input_of([t.ingress([
		t.rule({"protocol": "-1", "from_port": 0, "to_port": 65535, "cidrs": ["0.0.0.0/0"]}),
		t.rule({"protocol": "tcp", "from_port": 0, "to_port": 65535, "cidrs": ["::/0"]}),
	])])
	t.paths(rule.deny) == {["ingress", 0, "cidrs", 0], ["ingress", 1, "cidrs", 0]} with input as inp
}

test_configured_db_ports if {
	inp := t.input_with_config([t.ingress([t.rule({"from_port": 5432, "to_port": 5432, "cidrs": ["0.0.0.0/0"]})])], {"db_ports": [8086]})
	count(rule.deny) == 0 with input as inp
}

test_unknowns_never_fire if {
	inp := t.input_of([t.ingress([
		t.rule({"from_port": 5432, "to_port": 5432, "cidrs": [null]}),
		t.rule({"from_port": null, "to_port": null, "cidrs": ["0.0.0.0/0"]}),
	])])
	count(rule.deny) == 0 with input as inp
}

test_undecided_only_where_it_could_fire if {
	inp := t.input_of([t.ingress([
		t.rule({"from_port": 5432, "to_port": 5432, "cidrs": [null]}),
		t.rule({"from_port": 443, "to_port": 443, "cidrs": [null]}),
		t.rule({"protocol": null, "from_port": 0, "to_port": 0, "cidrs": ["::/0"]}),
	])])
	t.paths(rule.undecided) == {["ingress", 0, "cidrs", 0], ["ingress", 2]} with input as inp
}

test_message_names_rule_resource if {
	inp := t.input_of([t.ingress([t.rule({"from_port": 6379, "to_port": 6379, "cidrs": ["0.0.0.0/0"], "origin": {"id": "RedisIngress", "type": "AWS::EC2::SecurityGroupIngress"}})])])
	some f in rule.deny with input as inp
	f.message == "security group WebSG allows tcp port 6379 from 0.0.0.0/0, exposing database port 6379 (rule RedisIngress)"
}
