package rampart.rules.no_hardcoded_aws_credentials_test

import data.rampart.lib.testing as t
import data.rampart.rules.no_hardcoded_aws_credentials as rule

strings(entries) := t.template_strings({"strings": entries})

entry(value, key) := {"value": value, "key": key, "holder": "h", "decoded": false}

messages(inp) := msgs if {
	msgs := {f.message | some f in rule.deny} with input as inp
}

test_access_key_id if {
	inp := t.input_of([strings({"provider.aws.access_key": entry("AKIAJ7QWERTY12345678", "access_key")})])
	t.paths(rule.deny) == {["strings", "provider.aws.access_key", "value"]} with input as inp
	messages(inp) == {"provider.aws.access_key holds an AWS access key id AKIA…5678"}
}

test_key_id_prefixes if {
	every id in ["ASIAJ7QWERTY12345678", "A3TXJ7QWERTY12345678"] {
		count(rule.deny) == 1 with input as t.input_of([strings({"x": entry(sprintf("id %v here", [id]), "note")})])
	}
}

test_key_id_near_misses if {
	every s in ["XAKIAJ7QWERTY12345678", "AKIAJ7QWERTY1234567", "akiaj7qwerty12345678", "AKIAJ7QWERTY12345678X"] {
		count(rule.deny) == 0 with input as t.input_of([strings({"x": entry(s, "note")})])
	}
}

test_secret_under_secret_name if {
	every key in ["secret_key", "AWS_SECRET_ACCESS_KEY", "SecretAccessKey", "db_password", "api_token"] {
		count(rule.deny) == 1 with input as t.input_of([strings({"x": entry("je7MtGbClwBF/2Zp9Utk/h3yCo8nvbQWERTYKEY1", key)})])
	}
}

test_secret_shape_under_other_name_passes if {
	# A SHA-1, a base64 blob, an ARN: not secrets where nothing says so.
	every s in ["2fd4e1c67a2d28fced849ee1bb76e7391b93eb12", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbQWERTYKEY1"] {
		count(rule.deny) == 0 with input as t.input_of([strings({"x": entry(s, "image_digest")})])
	}
}

test_secret_shape_without_digits_passes if {
	count(rule.deny) == 0 with input as t.input_of([strings({"x": entry("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN", "secret")})])
}

test_secret_assigned_inside_a_script if {
	script := "#!/bin/bash\nexport AWS_SECRET_ACCESS_KEY=je7MtGbClwBF/2Zp9Utk/h3yCo8nvbQWERTYKEY1\n"
	inp := t.input_of([strings({"aws_instance.web.user_data": entry(script, "user_data")})])
	messages(inp) == {"aws_instance.web.user_data holds a secret access key je7M…KEY1"}
}

test_pem_private_key if {
	pem := "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n"
	count(rule.deny) == 1 with input as t.input_of([strings({"x": entry(pem, "key")})])
	cert := "-----BEGIN CERTIFICATE-----\nMIIEpAIBAAKCAQEA\n-----END CERTIFICATE-----\n"
	count(rule.deny) == 0 with input as t.input_of([strings({"x": entry(cert, "key")})])
}

test_environment_pair_names_the_variable if {
	path := "app.container_definitions[0].environment[0].value"
	inp := t.input_of([strings({path: entry("je7MtGbClwBF/2Zp9Utk/h3yCo8nvbQWERTYKEY1", "AWS_SECRET_ACCESS_KEY")})])
	messages(inp) == {sprintf("%v (AWS_SECRET_ACCESS_KEY) holds a secret access key je7M…KEY1", [path])}
}

test_several_credentials_one_finding if {
	s := "AKIAJ7QWERTY12345678 and secret=je7MtGbClwBF/2Zp9Utk/h3yCo8nvbQWERTYKEY1"
	inp := t.input_of([strings({"x": entry(s, "note")})])
	messages(inp) == {"x (note) holds an AWS access key id AKIA…5678 and a secret access key je7M…KEY1"}
}

test_decoded_user_data if {
	e := object.union(entry("echo AKIAJ7QWERTY12345678", "user_data"), {"decoded": true})
	inp := t.input_of([strings({"w.user_data(base64-decoded)": e})])
	messages(inp) == {"w.user_data(base64-decoded) holds an AWS access key id AKIA…5678 once decoded from base64"}
}

test_documentation_examples if {
	inp := t.input_of([strings({"provider.aws.access_key": entry("AKIAIOSFODNN7EXAMPLE", "access_key")})])
	messages(inp) == {"provider.aws.access_key holds an AWS access key id AKIA…MPLE (an AWS documentation example)"}
	cfg := t.input_with_config(
		[strings({"provider.aws.access_key": entry("AKIAIOSFODNN7EXAMPLE", "access_key")})],
		{"ignore_example_credentials": true},
	)
	count(rule.deny) == 0 with input as cfg
}

test_no_strings_no_finding if {
	count(rule.deny) == 0 with input as t.input_of([strings({})])
}
