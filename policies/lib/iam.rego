package rampart.lib.iam

# Helpers for the IAM rules: where identity policy documents are, their
# statements, and action and resource matching as AWS evaluates it.
# docs/policy-documents.md describes the statement model.

import data.rampart.lib

# identity_documents: every identity policy document of the scan, as
# {"resource", "path", "document"}: the document of an aws.iam.policy
# (managed, or an inline policy resource), and each inline policy written
# inside a role, user or group. Trust policies are not identity policies.
identity_documents contains {"resource": p, "path": ["document"], "document": p.properties.document} if {
	some p in lib.resources("aws.iam.policy")
}

identity_documents contains {"resource": r, "path": ["policies", i, "document"], "document": entry.document} if {
	some r in identities
	some i, entry in r.properties.policies
	not is_null(entry)
}

# An inline policy entry that is Unknown is an Unknown document.
identity_documents contains {"resource": r, "path": ["policies", i], "document": null} if {
	some r in identities
	some i, entry in r.properties.policies
	is_null(entry)
}

identities contains r if {
	some kind in ["aws.iam.role", "aws.iam.user", "aws.iam.group"]
	some r in lib.resources(kind)
}

# statements: the known statements of a document entry, as
# {"statement", "path"}.
statements(d) := {{"statement": s, "path": array.concat(d.path, ["statements", i])} |
	is_object(d.document)
	some i, s in d.document.statements
	is_object(s)
}

# unknown_paths: where a document entry holds an Unknown that may hide
# statements: the whole document, its statement list, or one statement.
unknown_paths(d) := {d.path} if is_null(d.document)

unknown_paths(d) := {array.concat(d.path, ["statements"])} if {
	is_object(d.document)
	is_null(d.document.statements)
}

unknown_paths(d) := {array.concat(d.path, ["statements", i]) |
	some i, s in d.document.statements
	is_null(s)
} if {
	is_object(d.document)
	not is_null(d.document.statements)
}

# allows is the verdict of "the statement's effect is Allow".
allows(effect) := "yes" if effect == "Allow"

allows(effect) := "maybe" if is_null(effect)

# elements: each element of a list property of a statement, with its path,
# as {"value", "path"}; an Unknown list is one Unknown element at the list.
elements(s, key, path) := {{"value": v, "path": array.concat(path, [key, j])} | some j, v in s[key]} if {
	not is_null(s[key])
}

elements(s, key, path) := {{"value": null, "path": array.concat(path, [key])}} if is_null(s[key])

# all_actions: the verdict of "this Action element grants every action":
# `*`, or a pattern of wildcards only such as `*:*`.
all_actions(a) := "yes" if {
	is_string(a)
	regex.match(`^[*?]*\*[*?]*(:[*?]*\*[*?]*)?$`, a)
}

all_actions(a) := "maybe" if is_null(a)

# all_resources: the verdict of "this Resource element is every resource".
all_resources(r) := "yes" if r == "*"

all_resources(r) := "maybe" if is_null(r)

# service_wide: the verdict of "this Action element grants every action of
# a service" (`s3:*`, `S3:*`, `iam:**`), or every action of every service:
# a service name, then only wildcards.
service_wide(a) := "yes" if {
	is_string(a)
	regex.match(`^[A-Za-z0-9-]+:[*?]*\*[*?]*$`, a)
}

service_wide(a) := "yes" if all_actions(a) == "yes"

service_wide(a) := "maybe" if is_null(a)

# action_matches: whether the Action pattern p (case-insensitive, `*` any
# run of characters, `?` one character) matches the action name a.
action_matches(p, a) if {
	is_string(p)
	regex.match(pattern_regex(p), lower(a))
}

pattern_regex(p) := concat("", ["^", replace(replace(regex.replace(lower(p), `[^a-z0-9:*?-]`, "#"), "*", ".*"), "?", "."), "$"])

# admin_statement is the verdict of "statement s, at path, allows every
# action on every resource" (AWS-IAM-001's contract), placed at the value
# whose Unknown it depends on.
admin_statement(s, path) := v if {
	vs := {lib.all_of([
		lib.at(array.concat(path, ["effect"]), allows(s.effect)),
		lib.at(a.path, all_actions(a.value)),
		lib.at(r.path, all_resources(r.value)),
	]) |
		some a in elements(s, "actions", path)
		some r in elements(s, "resources", path)
	}
	count(vs) > 0
	v := strongest(vs)
}

# strongest of a non-empty set of placed verdicts: "yes" if any is, else
# one of the maybes.
strongest(vs) := "yes" if "yes" in vs

strongest(vs) := m if {
	not "yes" in vs
	m := min(vs)
}

# not_admin_statement is the verdict of the negation: "yes" when the
# statement is surely not AWS-IAM-001's, a maybe when that depends on an
# Unknown, nothing when it is.
not_admin_statement(s, path) := "yes" if not admin_statement(s, path)

not_admin_statement(s, path) := v if {
	v := admin_statement(s, path)
	v != "yes"
}

# non_empty is the verdict of "this statement list property has an
# element": "yes" for a non-empty list, a maybe for an Unknown list.
non_empty(xs) := "yes" if {
	is_array(xs)
	count(xs) > 0
}

non_empty(xs) := "maybe" if is_null(xs)

# iam_actions is the verdict of "this Action element grants every IAM
# action": `iam:*` in any case, or every action.
iam_actions(a) := "yes" if {
	is_string(a)
	regex.match(`^[iI][aA][mM]:[*?]*\*[*?]*$`, a)
}

iam_actions(a) := "yes" if all_actions(a) == "yes"

iam_actions(a) := "maybe" if is_null(a)

# requires_mfa: the statement's conditions require MFA for the request:
# Bool aws:MultiFactorAuthPresent "true" (BoolIfExists does not: it allows
# requests without the key, such as those signed with access keys), or a
# NumericLessThan(Equals) on aws:MultiFactorAuthAge.
requires_mfa(conditions) if {
	some op, keys in conditions
	lower(op) == "bool"
	some key, values in keys
	lower(key) == "aws:multifactorauthpresent"
	values == ["true"]
}

requires_mfa(conditions) if {
	some op, keys in conditions
	lower(op) in {"numericlessthan", "numericlessthanequals"}
	some key, _ in keys
	lower(key) == "aws:multifactorauthage"
}

# mfa_guard: the statement denies everything (or everything but a list)
# on every resource when the request is not MFA-authenticated: the
# guard-rail statement of AWS's "manage own credentials with MFA" pattern.
mfa_guard(s) if {
	s.effect == "Deny"
	denies_broadly(s)
	"*" in s.resources
	some op, keys in s.conditions
	lower(op) in {"bool", "boolifexists"}
	some key, values in keys
	lower(key) == "aws:multifactorauthpresent"
	"false" in values
}

denies_broadly(s) if {
	is_array(s.not_actions)
	count(s.not_actions) > 0
}

denies_broadly(s) if {
	some a in s.actions
	all_actions(a) == "yes"
}

# guarded: identity (a user or group) holds an MFA guard statement in one
# of its inline policies or of the policies of the scan attached to it.
guarded(identity) if {
	some entry in identity.properties.policies
	some s in entry.document.statements
	mfa_guard(s)
}

guarded(identity) if {
	some p in lib.resources("aws.iam.policy")
	some kind in ["users", "groups"]
	some a in p.properties[kind]
	a.identity == identity.id
	some s in p.properties.document.statements
	mfa_guard(s)
}

# privileged is the verdict of "statement s, at path, grants admin or
# every IAM action": an Allow of `iam:*` (or every action) on any
# resource, placed at the action.
privileged(s, path, a) := lib.all_of([
	lib.at(array.concat(path, ["effect"]), allows(s.effect)),
	lib.at(a.path, iam_actions(a.value)),
])

# account_of is the account ID of an AWS principal: a bare 12-digit ID or
# the account of an arn:<partition>:iam::<account>:... ARN; undefined for
# "*", a service or a value that is not a string.
account_of(p) := p if {
	is_string(p)
	regex.match(`^[0-9]{12}$`, p)
}

account_of(p) := m[0][1] if {
	is_string(p)
	m := regex.find_all_string_submatch_n(`^arn:aws[a-z-]*:(?:iam|sts)::([0-9]{12}):`, p, 1)
	count(m) == 1
}

# condition_keys: the lower-cased condition keys of a statement, with the
# operator and values of each.
condition_entries(conditions) := [{"op": lower(op), "key": lower(key), "values": values} |
	some op, keys in conditions
	some key, values in keys
]

# external_id_or_mfa: a condition on sts:ExternalId with known values, or
# Bool aws:MultiFactorAuthPresent "true".
external_id_or_mfa(conditions) if {
	some c in condition_entries(conditions)
	c.key == "sts:externalid"
	startswith(c.op, "string")
	not startswith(c.op, "stringnot")
	is_array(c.values)
	count(c.values) > 0
	every v in c.values {
		is_string(v)
	}
}

external_id_or_mfa(conditions) if {
	some c in condition_entries(conditions)
	c.op == "bool"
	c.key == "aws:multifactorauthpresent"
	c.values == ["true"]
}

# Condition keys that name who the caller is (or whose resource it acts
# for), so a condition on one of them with known values restricts Principal
# "*" to known callers.
caller_keys := {
	"aws:principalaccount", "aws:principalarn", "aws:principalorgid", "aws:principalorgpaths",
	"aws:sourceaccount", "aws:sourcearn", "aws:sourceorgid", "aws:sourceorgpaths",
}

# restricts_caller: the conditions limit who may use the statement: an
# external ID or MFA, or a positive test of a caller key with known values.
restricts_caller(conditions) if external_id_or_mfa(conditions)

restricts_caller(conditions) if {
	some c in condition_entries(conditions)
	c.key in caller_keys
	not contains(c.op, "not")
	is_array(c.values)
	count(c.values) > 0
	every v in c.values {
		is_string(v)
		v != "*"
	}
}

# conditions_known is the verdict of "every condition of the statement is
# known": a maybe when the conditions, an operator's keys, a key's values
# or one value is Unknown, since a condition that would satisfy a rule may
# hide there.
conditions_known(conditions) := "maybe" if is_null(conditions)

conditions_known(conditions) := "maybe" if unknown_condition(conditions)

conditions_known(conditions) := "yes" if {
	is_object(conditions)
	not unknown_condition(conditions)
}

unknown_condition(conditions) if {
	is_object(conditions)
	some _, keys in conditions
	is_null(keys)
}

unknown_condition(conditions) if {
	is_object(conditions)
	some _, keys in conditions
	is_object(keys)
	some _, values in keys
	unknown_values(values)
}

unknown_values(values) if is_null(values)

unknown_values(values) if {
	some v in values
	is_null(v)
}
