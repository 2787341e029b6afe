package rampart.lib.s3

import data.rampart.lib

# Helpers of the S3 bucket rules (aws.s3.bucket, docs/model.md).

# public_acl_effect says what each public canned ACL lets outsiders do.
public_acl_effect := {
	"public-read": "anyone on the internet can list its objects",
	"public-read-write": "anyone on the internet can list, write and delete its objects",
	"authenticated-read": "any AWS account can list its objects",
}

# public_acl is the verdict of "the canned ACL is public": "maybe" when it
# is not known.
public_acl(acl) := "yes" if public_acl_effect[acl]

public_acl(acl) := "maybe" if is_null(acl)

# public_group_uris are the grantee groups outside the account: everyone,
# and every AWS account.
public_group_uris := {
	"http://acs.amazonaws.com/groups/global/allusers",
	"http://acs.amazonaws.com/groups/global/authenticatedusers",
}

# grants lists a bucket's grants with their paths; a list of unknown
# length is one null entry at the list.
grants(list) := [{"path": ["grants"], "grant": null}] if {
	is_null(list)
} else := [{"path": ["grants", i], "grant": g} | some i, g in list]

# public_grant is the verdict of "the grant goes to a public group".
public_grant(g) := "maybe" if is_null(g)

public_grant(g) := "yes" if {
	is_string(g.uri)
	lower(g.uri) in public_group_uris
}

public_grant(g) := "maybe" if {
	not is_null(g)
	is_null(g.uri)
}

# statements lists a bucket policy's statements with their paths below the
# bucket's properties; an Unknown policy or statement list is one null
# entry at the Unknown.
statements(policy) := [{"path": ["policy"], "statement": null}] if {
	is_null(policy)
} else := [{"path": ["policy", "statements"], "statement": null}] if {
	is_null(policy.statements)
} else := [{"path": ["policy", "statements", i], "statement": st} | some i, st in policy.statements]

# effect is the verdict of "the statement's effect is want".
effect(st, _) := "maybe" if is_null(st)

effect(st, want) := "yes" if st.effect == want

effect(st, _) := "maybe" if {
	not is_null(st)
	is_null(st.effect)
}

# anyone is the verdict of "the statement's principal is everyone"
# (Principal "*" or {"AWS": "*"}): "maybe" when the principals, or one of
# them, are not known and none is surely "*".
anyone(st) := "maybe" if is_null(st)

anyone(st) := "yes" if {
	some p in st.principals.AWS
	p == "*"
}

anyone(st) := "maybe" if {
	not is_null(st)
	not star_principal(st)
	unknown_principal(st)
}

star_principal(st) if {
	some p in st.principals.AWS
	p == "*"
}

unknown_principal(st) if is_null(st.principals)

# Only an AWS principal can be "*": an Unknown service or canonical user
# cannot be everyone.
unknown_principal(st) if {
	"AWS" in object.keys(st.principals)
	is_null(st.principals.AWS)
}

unknown_principal(st) if {
	some p in st.principals.AWS
	is_null(p)
}

# action_covers_all is the verdict of "the statement's actions include
# every S3 action" (s3:* or *, in any case).
action_covers_all(st) := "maybe" if is_null(st)

action_covers_all(st) := "yes" if {
	some a in st.actions
	lower(a) in {"s3:*", "*"}
}

action_covers_all(st) := "maybe" if {
	not is_null(st)
	not covers_all_known(st)
	unknown_action(st)
}

covers_all_known(st) if {
	some a in st.actions
	lower(a) in {"s3:*", "*"}
}

unknown_action(st) if is_null(st.actions)

unknown_action(st) if {
	some a in st.actions
	is_null(a)
}

# public_statement is the verdict of "this statement of a bucket policy
# (an entry of statements) allows everyone without a condition restricting
# the caller" (AWS-S3-003 says which conditions restrict).
public_statement(s) := lib.all_of([
	lib.at(s.path, effect(s.statement, "Allow")),
	lib.at(array.concat(s.path, ["principals"]), anyone(s.statement)),
	lib.at(array.concat(s.path, ["conditions"]), unrestricted(s.statement)),
])

restricting_keys := {
	"aws:sourcevpc", "aws:sourcevpce", "aws:sourceip", "aws:principalorgid",
	"aws:sourceaccount", "aws:sourcearn", "aws:sourceorgid", "aws:principalorgpaths",
	"aws:sourceorgpaths", "aws:principalaccount", "aws:principalarn",
	"s3:dataaccesspointaccount", "s3:dataaccesspointarn",
}

unrestricted(st) := "maybe" if is_null(st)

unrestricted(st) := "yes" if {
	not is_null(st)
	not restricted(st.conditions)
	not unknown_condition(st.conditions)
}

unrestricted(st) := "maybe" if {
	not is_null(st)
	not restricted(st.conditions)
	unknown_condition(st.conditions)
}

restricted(conditions) if {
	some op, keys in conditions
	restricting_operator(lower(op))
	some key, values in keys
	lower(key) in restricting_keys
	restricting_values(lower(key), values)
}

restricting_operator(op) if {
	not contains(op, "not")
	not endswith(op, "ifexists")
	not startswith(op, "forallvalues:")
	op != "null"
}

# Unknown values still restrict: the key is tested. Known values restrict
# unless one of them lets everyone through.
restricting_values(_, values) if is_null(values)

restricting_values(key, values) if {
	is_array(values)
	count(values) > 0
	not opens_all(key, values)
}

opens_all(_, values) if "*" in values

opens_all("aws:sourceip", values) if {
	some v in values
	v in {"0.0.0.0/0", "::/0"}
}

unknown_condition(conditions) if is_null(conditions)

unknown_condition(conditions) if {
	some keys in conditions
	is_null(keys)
}

# The definitions the S3 rules and AWS-CT-006 (a CloudTrail bucket must be
# private and logged) share: one definition of a public bucket (AWS-S3-001,
# AWS-S3-002, AWS-S3-003) and of a bucket without access logging
# (AWS-S3-006). Each returns the bucket's shortcomings of that kind as
# {"path", "verdict", "text"}: the property path to blame, the placed
# verdict (lib.at) and what the bucket does, as a phrase that follows the
# bucket's name ("has the canned ACL public-read: ...").

# acl_exposures lists a canned ACL (acl) or ACL grants (grants) that make
# the bucket public (AWS-S3-001).
acl_exposures(acl, list) := array.concat(
	[{"path": ["acl"], "verdict": lib.at(["acl"], v), "text": acl_text(acl)} | v := public_acl(acl)],
	[{"path": g.path, "verdict": lib.at(g.path, v), "text": grant_text(g.grant)} |
		some g in grants(list)
		v := public_grant(g.grant)
	],
)

acl_text(acl) := sprintf("has the canned ACL %v: %v", [acl, public_acl_effect[acl]]) if {
	is_string(acl)
} else := ""

grant_text(g) := sprintf("grants %v to %v", [g.permission, g.uri]) if {
	is_string(g.uri)
} else := ""

# public_access_block_settings are the four settings a bucket-level public
# access block must have on.
public_access_block_settings := ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]

# access_block_gaps lists how the bucket-level public access block pab
# falls short of all four settings on (AWS-S3-002): not declared, or a
# setting off; a block that may not exist or is set twice is a maybe.
access_block_gaps(pab) := [{"path": [], "verdict": lib.at(["public_access_block"], "maybe"), "text": ""}] if {
	is_null(pab)
} else := [{"path": [], "verdict": "yes", "text": "declares no public access block: nothing in the template keeps an ACL or a policy from making it public"}] if {
	pab.declared == false
} else := [{"path": ["public_access_block", s], "verdict": lib.at(["public_access_block", s], v), "text": sprintf("has a public access block with %v off", [s])} |
	pab.declared == true
	some s in public_access_block_settings
	v := off(pab[s])
]

# policy_exposures lists the statements of the bucket policy that allow
# everyone without a condition restricting the caller (AWS-S3-003).
policy_exposures(policy) := [{"path": s.path, "verdict": v, "text": "has a policy statement that allows everyone (Principal \"*\") with no condition restricting the caller"} |
	some s in statements(policy)
	v := public_statement(s)
]

# exposures lists every way the bucket with properties p is public, by the
# definitions of AWS-S3-001, AWS-S3-002 and AWS-S3-003.
exposures(p) := array.concat(array.concat(acl_exposures(p.acl, p.grants), access_block_gaps(p.public_access_block)), policy_exposures(p.policy))

off(x) := "yes" if x == false

off(x) := "maybe" if is_null(x)

# Access logging (AWS-S3-006).

log_delivery_uri := "http://acs.amazonaws.com/groups/s3/logdelivery"

logging_service := "logging.s3.amazonaws.com"

# logging_gaps lists the bucket with properties p as one without server
# access logging: not logged, and not a bucket that receives server access
# logs itself (a logging target of the scan, a log-delivery-write ACL or a
# grant to the LogDelivery group, a policy allowing the logging service),
# which would log the logs. Empty when it is logged or exempt.
logging_gaps(p) := [{"path": [], "verdict": v, "text": "has no server access logging: requests to it leave no record"} |
	v := lib.all_of([
		lib.at(["access_logging"], off(p.access_logging)),
		not_log_target(p),
	])
]

# not_log_target is "yes" when the bucket surely receives no server access
# logs, a placed maybe when it may.
not_log_target(p) := "yes" if {
	not log_target(p)
	count(log_target_undecidable(p)) == 0
} else := {"maybe": path} if {
	not log_target(p)
	path := log_target_undecidable(p)[0]
}

log_target(p) if p.log_target == true

log_target(p) if p.acl == "log-delivery-write"

log_target(p) if {
	some g in p.grants
	is_string(g.uri)
	lower(g.uri) == log_delivery_uri
}

log_target(p) if {
	some st in p.policy.statements
	st.effect == "Allow"
	some s in st.principals.Service
	s == logging_service
}

log_target_undecidable(p) := [path |
	some path, x in {
		["log_target"]: p.log_target,
		["acl"]: p.acl,
		["grants"]: p.grants,
		["policy"]: p.policy,
	}
	is_null(x)
]
