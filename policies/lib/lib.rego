# METADATA
# title: rampart policy helpers
# description: |
#   Helpers shared by rampart's rules and available to user policies as
#   data.rampart.lib. A rule returns its results through finding so the
#   engine can turn the blamed property path into a source line.
package rampart.lib

# finding is the one shape a rule's deny set contains: the resource's uid,
# the canonical property path it blames (keys and list indexes) and a
# message. The engine maps the path to the exact source line and trace.
finding(resource, path, message) := {
	"uid": resource.uid,
	"path": path,
	"message": message,
}

# resources returns the canonical resources of one kind, or [] when the
# scan has none. (A plain lookup: object.get over input.by_kind copies the
# whole input on every call.) Rules iterate this, never input.resources, so each rule
# only touches the resources it is about.
resources(kind) := input.by_kind[kind] if {
	input.by_kind[kind]
} else := []

# known_number holds for a number, never for null (Unknown): Rego orders
# null below every number, so comparisons must be guarded.
known_number(x) if is_number(x)

# known_string holds for a string, never for null (Unknown).
known_string(x) if is_string(x)

# is_true holds only for a known true.
is_true(x) if x == true

# account_finding is the finding of an account-scope rule (METADATA
# custom.scope: account) about something the whole scan lacks, such as "no
# multi-region trail exists": no resource is to blame, so the engine points
# it at the main file of the scan's first unit (in path order) and lists the
# units it considered. Only account-scope rules may return it.
account_finding(message) := {
	"uid": "",
	"path": [],
	"message": message,
}

# undecided_because is an undecided entry about resource whose answer
# depends on a value in another resource (an account rule's VPC, and a flow
# log of another unit whose VPC is not known): the engine reports resource
# as undecided, located at the first Unknown at or below path in other
# (a detached resource's path is below its native attributes).
undecided_because(resource, other, path) := {
	"uid": resource.uid,
	"path": [],
	"message": "",
	"because": {"uid": other.uid, "path": path, "message": ""},
}

# undecided_with is an undecided entry about resource whose answer depends
# on another resource as a whole, for the reason the rule gives (a delivery
# channel of another unit that may be this recorder's): the engine reports
# resource as undecided, located at other, with that reason.
undecided_with(resource, other, reason) := {
	"uid": resource.uid,
	"path": [],
	"message": "",
	"because": {"uid": other.uid, "path": [], "message": reason},
}
