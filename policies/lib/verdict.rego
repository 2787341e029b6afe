package rampart.lib

# Verdicts: one predicate for a rule's certain and undecided results.
#
# A verdict answers a rule's question about a resource in three ways:
# "yes"; "maybe", when the answer depends on a value that is Unknown
# (null) before deployment; or no result at all for no. Helpers that end in
# a verdict (net.public, ports.covers_any, ...) say "maybe" exactly where
# the plain test (is_public_cidr, covered_ports, ...) could become true
# once the Unknown is known. A rule states its sentence once:
#
#   results contains lib.result(sg, src.path, v, message(sg.id, src)) if {
#       some sg in sglib.groups
#       some src in sglib.ingress_sources(sg.properties.ingress)
#       v := lib.all_of([
#           lib.at(src.cidr_path, netlib.public(src.cidr)),
#           lib.at(src.rule_path, ports.all_ports(src.rule)),
#       ])
#   }
#
#   deny := lib.certain(results)
#
#   undecided := lib.uncertain(results)
#
# and the engine turns the certain results into findings and the uncertain
# ones into undecided results, evaluating the predicate once.

# at places a verdict: "yes" stays "yes", and "maybe" becomes
# {"maybe": path}, the property path (below the resource's properties)
# that holds the Unknown value the answer depends on. The engine blames
# the first Unknown value at or below it.
at(_, "yes") := "yes"

at(path, "maybe") := {"maybe": path}

# all_of is the verdict of a conjunction of placed verdicts: "yes" when
# every one is "yes", else the first "maybe" in the list, so list the
# questions whose Unknown should be blamed first. A verdict that is no
# (undefined) makes the whole list, and so the conjunction, no.
all_of(verdicts) := "yes" if {
	every v in verdicts {
		v == "yes"
	}
} else := m if {
	maybes := [v | some v in verdicts; v != "yes"]
	m := maybes[0]
}

# result is one answer of a rule about resource: a finding at path with
# message when verdict is "yes", an undecided entry at the verdict's
# Unknown when it is a placed "maybe". message may be "" for a maybe (the
# engine reports the Unknown value, not a message).
result(resource, path, verdict, message) := {
	"uid": resource.uid,
	"path": path,
	"message": message,
	"verdict": verdict,
}

# certain is a rule's deny set: the findings among its results.
certain(results) := {finding({"uid": r.uid}, r.path, r.message) |
	some r in results
	r.verdict == "yes"
}

# uncertain is a rule's undecided set: an entry at the Unknown of every
# result that is a maybe.
uncertain(results) := {finding({"uid": r.uid}, r.verdict.maybe, "") |
	some r in results
	r.verdict != "yes"
}

# truth is the verdict of a boolean property: "yes" for true, "maybe" for
# Unknown (null), no for false.
truth(x) := "yes" if x == true

truth(x) := "maybe" if is_null(x)

# exists is the verdict of "this element is there": "yes" for any known
# value, "maybe" for an Unknown one (a condition choosing a value or
# AWS::NoValue, an element of an Unknown list).
exists(x) := "yes" if not is_null(x)

exists(x) := "maybe" if is_null(x)
