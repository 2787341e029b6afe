# METADATA
# title: Hardcoded AWS credentials in a template
# description: |
#   Fires for each string a template holds that contains an AWS access key
#   id ((A3T[A-Z0-9]|AKIA|ASIA) and 16 upper-case letters or digits, not
#   inside a longer alphanumeric run), a PEM private key (-----BEGIN ...
#   PRIVATE KEY-----), or a secret access key: a token of exactly 40
#   base64 characters (A-Z, a-z, 0-9, / and +) assigned to a secret-ish name (the attribute, map key,
#   variable, parameter or environment variable holding it names a secret,
#   password, private key, token, credential or auth value), or written in
#   the string after such a name and = or : (export
#   AWS_SECRET_ACCESS_KEY=... in user data). Every string is examined:
#   resource attributes, user data (base64 user data decoded), Lambda and
#   ECS environments, CloudFormation Metadata, parameter defaults and the
#   values parameter files give, mappings, outputs, Terraform variable
#   defaults and tfvars values, locals, outputs and provider blocks. A
#   string written once and read in several places is reported once, where
#   it is written. A {{resolve:secretsmanager:...}} or
#   {{resolve:ssm-secure:...}} dynamic reference, an SSM parameter, a NoEcho
#   parameter without a Default or a variable without a default hold no
#   literal, so they are not findings. Hashes, ARNs and base64 blobs under
#   other names are not secrets. AWS's documented example keys
#   (AKIAIOSFODNN7EXAMPLE, wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY and
#   the like, ending in EXAMPLE or EXAMPLEKEY) are reported too, since the
#   template still hardcodes credentials, unless config
#   ignore_example_credentials is true. Reports show a credential masked
#   (AKIA…MPLE), in messages, traces and source excerpts alike.
# custom:
#   id: AWS-SEC-001
#   name: no-hardcoded-aws-credentials
#   severity: CRITICAL
#   remediation: |
#     Remove the credential from the template and deactivate it in IAM: it
#     is in the repository's history. Give workloads an IAM role instead (an
#     instance profile, a Lambda or ECS task role). Pass secrets a workload
#     needs through Secrets Manager or SSM Parameter Store: in CloudFormation a
#     '{{resolve:secretsmanager:...}}' dynamic reference, an
#     AWS::SSM::Parameter::Value parameter, or a NoEcho parameter without a
#     Default; in ECS task definitions Secrets / secrets with valueFrom; in
#     Terraform an aws_secretsmanager_secret_version data source or a
#     sensitive variable without a default. Configure the Terraform AWS
#     provider from the environment, a shared profile or an assumed role,
#     never with access_key and secret_key literals.
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html
#     - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html
#     - https://registry.terraform.io/providers/hashicorp/aws/latest/docs#authentication-and-configuration
#   equivalents:
#     - checkov:CKV_AWS_41
#     - checkov:CKV_AWS_45
#     - checkov:CKV_AWS_46
#     - tfsec:aws-misc-no-exposing-plaintext-credentials
#     - kics:d7b9d850-3e06-4a75-852f-c46c2e92240b
#   parameters:
#     - ignore_example_credentials
#   kinds:
#     - aws.template.strings
#   reads:
#     - strings[*].value
package rampart.rules.no_hardcoded_aws_credentials

import data.rampart.lib
import data.rampart.lib.config

key_id_pattern := `(?:^|[^A-Za-z0-9])((?:A3T[A-Z0-9]|AKIA|ASIA)[A-Z0-9]{16})(?:[^A-Za-z0-9]|$)`

secret_token_pattern := `(?:^|[^A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+]|$)`

# A name and = or : before the token, inside a string (a script, a
# credentials file, a connection string).
assigned_secret_pattern := `(?i)(?:secret|passw|pwd|private_?key|credential|token|auth)[A-Za-z0-9_.-]*["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+]|$)`

secret_name_pattern := `(?i)secret|passw|pwd|private_?key|credential|token|auth`

pem_pattern := `-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----`

ignore_examples := config.ignore_example_credentials

deny contains lib.finding(t, ["strings", path, "value"], message(path, s, found)) if {
	some t in lib.resources("aws.template.strings")
	some path, s in t.properties.strings
	found := credentials(s.value, s.key)
	count(found) > 0
}

# credentials lists what a string holds, each as the masked text a
# report may show.
credentials(value, key) := array.concat(array.concat(key_ids(value), secret_keys(value, key)), private_keys(value))

key_ids(value) := [sprintf("an AWS access key id %v%v", [masked(id), example_note(id)]) |
	some m in regex.find_all_string_submatch_n(key_id_pattern, value, -1)
	id := m[1]
	reportable(id)
]

secret_keys(value, key) := [sprintf("a secret access key %v%v", [masked(tok), example_note(tok)]) |
	some tok in secret_tokens(value, key)
	reportable(tok)
]

# A token under a secret-ish name, or written after one inside the string.
secret_tokens(value, key) := {m[1] |
	regex.match(secret_name_pattern, key)
	some m in regex.find_all_string_submatch_n(secret_token_pattern, value, -1)
	plausible_secret(m[1])
} | {m[1] |
	some m in regex.find_all_string_submatch_n(assigned_secret_pattern, value, -1)
	plausible_secret(m[1])
}

private_keys(value) := ["a PEM private key"] if {
	regex.match(pem_pattern, value)
} else := []

# A secret access key mixes letters and digits; a run of one letter or a
# word is not one.
plausible_secret(tok) if {
	regex.match(`[0-9]`, tok)
	regex.match(`[A-Za-z]`, tok)
}

reportable(cred) if not example(cred)

reportable(cred) if not ignore_examples

example(cred) if endswith(cred, "EXAMPLE")

example(cred) if endswith(cred, "EXAMPLEKEY")

example_note(cred) := " (an AWS documentation example)" if example(cred)

else := ""

masked(s) := concat("…", [substring(s, 0, 4), substring(s, count(s) - 4, 4)])

message(path, s, found) := sprintf("%v holds %v%v", [where(path, s.key), concat(" and ", found), decoded_note(s.decoded)])

# The path names the key, unless the key is the name of a {Name, Value}
# pair (an environment variable).
where(path, key) := path if {
	endswith(trim_suffix(path, "(base64-decoded)"), key)
} else := sprintf("%v (%v)", [path, key]) if {
	key != ""
} else := path

decoded_note(true) := " once decoded from base64"

decoded_note(false) := ""
