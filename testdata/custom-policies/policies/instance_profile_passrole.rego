# METADATA
# title: Instance profile role may pass any role
# description: |
#   Fires when the role of an EC2 instance profile (AWS::IAM::InstanceProfile
#   Roles, aws_iam_instance_profile role: by reference or by the role's name)
#   has an inline policy statement that allows iam:PassRole (or an action
#   pattern that covers it, such as iam:* or *) on Resource "*": any code on
#   the instance could hand any role to a new resource and act with its
#   permissions. Instance profiles have no canonical kind: the rule reads them
#   from input.by_type. A statement whose effect, actions or resources are not
#   known before deployment never fires.
# custom:
#   id: ACME-102
#   name: acme-instance-profile-passrole
#   severity: HIGH
#   remediation: Name the roles the instance may pass in the statement's Resource, and add an iam:PassedToService condition.
#   kinds:
#     - aws.iam.role
package acme.rules.instance_profile_passrole

import data.rampart.lib
import data.rampart.lib.iam

profile_types := ["AWS::IAM::InstanceProfile", "aws_iam_instance_profile"]

# profile_roles: {role uid: the instance profiles it serves}.
profile_roles := {uid: profiles |
	some uid in {u | some p in profiles_list; some u in p.roles}
	profiles := sort([p.id | some p in profiles_list; uid in p.roles])
}

profiles_list := [{"id": p.id, "roles": roles_of(p)} |
	some t in profile_types
	some p in object.get(input.by_type, t, [])
]

# roles_of: the roles an instance profile names, by reference (refs) or by
# a known role name.
roles_of(p) := by_ref | by_name if {
	by_ref := {ref.resource | some ref in p.refs; ref.path[0] in {"Roles", "role"}}
	names := {n | some n in object.get(p.native, "Roles", []); is_string(n)} | {n | n := object.get(p.native, "role", null); is_string(n)}
	by_name := {r.uid | some r in lib.resources("aws.iam.role"); r.properties.name in names}
}

deny contains f if {
	some d in iam.identity_documents
	profiles := profile_roles[d.resource.uid]
	some st in iam.statements(d)
	st.statement.effect == "Allow"
	some a in st.statement.actions
	iam.action_matches(a, "iam:passrole")
	some j, r in st.statement.resources
	r == "*"
	f := lib.finding(d.resource, array.concat(st.path, ["resources", j]), sprintf(
		"role %v, the role of instance profile %v, allows %v on every role (Resource \"*\")",
		[d.resource.id, concat(", ", profiles), a],
	))
}
