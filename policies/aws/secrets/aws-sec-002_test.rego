package rampart.rules.no_plaintext_db_passwords_test

import data.rampart.lib.testing as t
import data.rampart.rules.no_plaintext_db_passwords as rule

test_plaintext_sources_fire if {
	every source in ["literal", "parameter", "no_echo_default", "variable_default", "variable_file"] {
		t.paths(rule.deny) == {["master_password_source"]} with input as t.input_of([t.db_instance({"master_password_source": source})])
	}
}

test_secret_sources_pass if {
	every source in ["managed", "secrets_manager", "ssm", "no_echo_parameter", "variable", "random_password", "reference", "none"] {
		count(rule.deny) == 0 with input as t.input_of([t.db_instance({"master_password_source": source})])
	}
}

test_every_kind if {
	inp := t.input_of([
		t.db_instance({"master_password_source": "literal"}),
		t.db_cluster({"master_password_source": "literal"}),
		t.redshift_cluster({"master_password_source": "literal"}),
		t.docdb_cluster({"master_password_source": "literal"}),
		t.elasticache_replication_group({"auth_token_source": "literal"}),
	])
	count(rule.deny) == 5 with input as inp
	{f.path | some f in rule.deny} == {["master_password_source"], ["auth_token_source"]} with input as inp
}

test_message if {
	msgs := {f.message | some f in rule.deny} with input as t.input_of([t.db_cluster({"master_password_source": "parameter"})])
	msgs == {"the master password of RDS DB cluster Aurora comes from a CloudFormation parameter without NoEcho"}
}

test_unknown_source_is_undecided if {
	inp := t.input_of([t.db_instance({"master_password_source": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["master_password_source"]} with input as inp
}
