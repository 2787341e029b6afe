# METADATA
# description: |
#   Whether the account monitors CloudTrail events: the coverage the
#   account baseline rules AWS-BASE-003 to 006 share. A monitor is a
#   CloudWatch Logs metric filter that counts (an alarm with actions on one
#   of its metrics, and a log group a trail of the scan delivers to or one
#   the scan does not declare) or an EventBridge rule that counts (enabled,
#   on the default event bus, with a target). An event is covered when a
#   monitor that counts matches it (`matched_events`, computed from the
#   patterns by the normalizer). Every answer is "yes", a maybe naming the
#   resource and property whose Unknown value it depends on, or "no".
package rampart.lib.alarms

import data.rampart.lib

filters := lib.resources("aws.logs.metric_filter")

alarms := lib.resources("aws.cloudwatch.alarm")

event_rules := lib.resources("aws.events.rule")

trails := lib.resources("aws.cloudtrail.trail")

# at places a verdict on a resource: "yes" stays, "maybe" becomes
# {"maybe": {"uid": ..., "path": ...}}.
at(_, _, "yes") := "yes"

at(res, path, "maybe") := {"maybe": {"uid": res.uid, "path": path}}

# first is "yes" when one of the verdicts is, else the first maybe;
# undefined when there is none.
first(verdicts) := "yes" if {
	"yes" in verdicts
} else := m if {
	maybes := [v | some v in verdicts; v != "yes"]
	m := maybes[0]
}

# entries are a list's elements with their paths; an Unknown list is one
# Unknown entry at the list's path.
entries(list, path) := [{"value": null, "path": path}] if {
	is_null(list)
} else := [{"value": e, "path": array.concat(path, [i])} | some i, e in list]

# same says whether an alarm's metric field (av at apath of alarm a) and a
# filter's (fv at fpath of filter f) are one value: "yes" when both are
# the same string, a maybe at the Unknown one.
same(a, apath, av, f, fpath, fv) := "yes" if {
	is_string(av)
	av == fv
} else := at(a, apath, "maybe") if {
	is_null(av)
} else := at(f, fpath, "maybe") if {
	is_null(fv)
	is_string(av)
}

# ready says an alarm takes an action when it goes to ALARM: its actions
# are enabled and it has at least one.
ready(a) := lib.all_of([
	at(a, ["actions_enabled"], lib.truth(a.properties.actions_enabled)),
	has_action(a, a.properties.alarm_actions),
])

has_action(a, list) := at(a, ["alarm_actions"], "maybe") if {
	is_null(list)
} else := "yes" if {
	count(list) > 0
}

# alarmed is the verdict of "an alarm with actions watches one of filter
# f's metrics": an alarm of the filter's unit the normalizer found
# (alarmed_in_unit: it also tells one parameter or pseudo parameter read
# by both apart from two values not known), or any alarm of the scan
# whose metric has the same name and namespace.
alarmed(f) := "yes" if {
	some t in f.properties.metric_transformations
	t.alarmed_in_unit == true
} else := first([v |
	some a in alarms
	some am in entries(a.properties.metrics, ["metrics"])
	some fm in entries(f.properties.metric_transformations, ["metric_transformations"])
	v := lib.all_of([metric_pair(a, am, f, fm), ready(a)])
])

metric_pair(a, am, f, fm) := at(a, am.path, "maybe") if {
	is_null(am.value)
} else := at(f, fm.path, "maybe") if {
	is_null(fm.value)
} else := lib.all_of([
	same(a, array.concat(am.path, ["name"]), am.value.name, f, array.concat(fm.path, ["name"]), fm.value.name),
	same(a, array.concat(am.path, ["namespace"]), am.value.namespace, f, array.concat(fm.path, ["namespace"]), fm.value.namespace),
])

# trail_fed is the verdict of "filter f reads a log group that receives a
# trail's events": one the scan does not declare is assumed to (an
# organization trail's, a landing zone's); one the filter's unit declares
# must be the log group a trail of the scan delivers to.
trail_fed(f) := "yes" if {
	f.properties.log_group_in_unit == false
} else := "yes" if {
	is_string(f.properties.log_group)
	some t in trails
	t.properties.cloud_watch_logs_group == f.properties.log_group
} else := at(f, ["log_group"], "maybe") if {
	is_null(f.properties.log_group)
} else := v if {
	maybes := [at(t, ["cloud_watch_logs_group"], "maybe") | some t in trails; is_null(t.properties.cloud_watch_logs_group)]
	v := maybes[0]
}

# has_target is the verdict of "rule r has a target": its own or a folded
# one that exists, or a target resource of another unit that names the
# rule by its name.
has_target(r) := "yes" if {
	some t in r.properties.targets
	t.present == true
} else := "yes" if {
	is_string(r.properties.name)
	some d in detached_targets
	d.native.rule == r.properties.name
} else := first([v |
	some e in entries(r.properties.targets, ["targets"])
	v := target_maybe(r, e)
])

target_maybe(r, e) := at(r, e.path, "maybe") if {
	is_null(e.value)
} else := at(r, array.concat(e.path, ["present"]), "maybe") if {
	is_null(e.value.present)
}

detached_targets := [d |
	some d in object.get(input, ["account", "detached"], [])
	d.type == "aws_cloudwatch_event_target"
]

# monitors lists every monitor that may count: its uid, its events and
# the verdict that it counts.
monitors := array.concat(
	[{"res": f, "counts": v} |
		some f in filters
		v := lib.all_of([alarmed(f), trail_fed(f)])
	],
	[{"res": r, "counts": v} |
		some r in event_rules
		v := lib.all_of([
			at(r, ["enabled"], lib.truth(r.properties.enabled)),
			at(r, ["default_bus"], lib.truth(r.properties.default_bus)),
			has_target(r),
		])
	],
)

# matches is the verdict of "the monitor's pattern matches event e".
matches(res, e) := at(res, ["matched_events"], "maybe") if {
	is_null(res.properties.matched_events)
} else := "yes" if {
	res.properties.matched_events[e] == true
} else := at(res, ["matched_events", e], "maybe") if {
	e in object.keys(res.properties.matched_events)
	is_null(res.properties.matched_events[e])
}

# coverage is, for each of events, "yes" when a monitor that counts
# matches it, a maybe when one may, else "no".
coverage(events) := {e: c |
	some e in events
	c := covered(e)
}

covered(e) := c if {
	c := first([v |
		some m in monitors
		v := lib.all_of([matches(m.res, e), m.counts])
	])
} else := "no"

# uncovered lists the events of events surely not covered, in order.
uncovered(events) := [e |
	c := coverage(events)
	some e in events
	c[e] == "no"
]

# undecided is the undecided set of a rule over events: when no event is
# surely uncovered, one entry at the Unknown each uncertain event depends
# on.
undecided(events) := {lib.finding({"uid": c.maybe.uid}, c.maybe.path, "") |
	count(uncovered(events)) == 0
	some c in coverage(events)
	c != "yes"
}

# short names an event for a message: its API call, or root's.
short(e) := sprintf("root %v", [split(e, ":")[1]]) if {
	startswith(e, "root:")
} else := split(e, ":")[1]

# summary says what the scan holds, for a finding's message.
summary := sprintf("the scan has %d metric filter(s), %d alarm(s) and %d EventBridge rule(s)", [count(filters), count(alarms), count(event_rules)])

# finding is the account finding of a rule about family whose events
# missing are not monitored.
finding(family, missing) := lib.account_finding(sprintf(
	"no CloudWatch metric filter with an alarm, nor EventBridge rule, monitors %v: %v not covered (%v)",
	[family, concat(", ", [short(e) | some e in missing]), summary],
))
