package aws

import (
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// Canonical kind aws.events.rule: an EventBridge rule, whether it is
// enabled on the default event bus, the monitored CloudTrail events its
// event pattern matches, and its targets (Terraform's separate target
// resources folded in).
const kindEventsRule = "aws.events.rule"

var (
	eventsRuleTypes   = []string{"AWS::Events::Rule", "aws_cloudwatch_event_rule"}
	eventsBusTypes    = []string{"AWS::Events::EventBus", "aws_cloudwatch_event_bus"}
	eventsTargetTypes = []string{"aws_cloudwatch_event_target"}
)

type eventsRuleMapper struct{}

func (eventsRuleMapper) kind() string { return kindEventsRule }

func (eventsRuleMapper) normalize(idx *unitIndex) []*graph.Canonical {
	f := newFolder(idx, &idx.diags, eventsRuleTypes...)
	var out []*graph.Canonical
	targets := map[*graph.Canonical]*listBuilder{}
	for _, r := range idx.ofTypes(eventsRuleTypes...) {
		if idx.stopped() {
			return out
		}
		p := props(r)
		var name *graph.Value
		if r.Source == graph.SourceCloudFormation {
			name = str(attr(r, "Name"))
			p.Set("enabled", ruleState(attr(r, "State"), r.Loc))
			p.Set("default_bus", defaultBus(idx, attr(r, "EventBusName"), r.Loc))
			p.Set("matched_events", eventPatternEvents(r, attr(r, "EventPattern")))
		} else {
			name = str(attr(r, "name"))
			enabled := ruleState(attr(r, "state"), r.Loc)
			if attr(r, "state") == nil {
				enabled = orDefault(boolean(attr(r, "is_enabled")), graph.Bool(true, r.Loc))
			}
			p.Set("enabled", enabled)
			p.Set("default_bus", defaultBus(idx, attr(r, "event_bus_name"), r.Loc))
			p.Set("matched_events", eventPatternEvents(r, attr(r, "event_pattern")))
		}
		p.Set("name", orDefault(name, graph.Unknown("no name given: generated at deployment", r.Loc)))
		c := &graph.Canonical{ID: r.ID, Native: r, Props: p}
		f.addOwner(c, name)
		b := &listBuilder{loc: r.Loc}
		if r.Source == graph.SourceCloudFormation {
			own := attr(r, "Targets")
			if own != nil {
				b.loc = own.Loc
			}
			elems, ok := items(own)
			if !ok {
				b.addUnknownLength(own)
			}
			for _, t := range elems {
				b.addElement(eventTarget(t, "Arn", graph.Bool(true, t.Loc), r))
			}
		}
		targets[c] = b
		out = append(out, c)
	}
	for _, t := range idx.ofTypes(eventsTargetTypes...) {
		ref := attr(t, "rule")
		owner := f.ownerByRef(ref)
		if owner == nil {
			owner = f.ownerByName(ref)
		}
		if owner == nil {
			f.orphan(t, ref, "a target counts only for the rule it is folded into")
			continue
		}
		targets[owner].addElement(eventTarget(t.Attrs, "arn", f.attach(owner, t).presentValue(t.Loc), t))
	}
	for _, c := range out {
		c.Props.Set("targets", targets[c].value())
	}
	return out
}

// ruleState is `enabled` from State / state: ENABLED and
// ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS are enabled, DISABLED is
// not; absent, the rule is enabled (the EventBridge PutRule default).
func ruleState(v *graph.Value, loc graph.Location) *graph.Value {
	switch {
	case v == nil:
		return graph.Bool(true, loc)
	case v.Kind != graph.KindString:
		return unknownFrom(v, "the rule's state is not known: "+v.Reason)
	}
	return graph.Bool(strings.HasPrefix(strings.ToUpper(v.Str), "ENABLED"), v.Loc)
}

// defaultBus says whether the rule is on the account's default event bus,
// the only one AWS services (CloudTrail among them) send events to: the
// bus name absent, "default" or the default bus's ARN; a custom bus of the
// unit or another name is not.
func defaultBus(idx *unitIndex, v *graph.Value, loc graph.Location) *graph.Value {
	switch {
	case v == nil:
		return graph.Bool(true, loc)
	case idx.target(v, eventsBusTypes...) != nil:
		return graph.Bool(false, v.Loc)
	case v.Kind == graph.KindString:
		return graph.Bool(v.Str == "default" || strings.HasSuffix(v.Str, ":event-bus/default"), v.Loc)
	}
	return unknownFrom(v, "the rule's event bus is not known: "+v.Reason)
}

// eventTarget is one target: its ARN and whether it exists.
func eventTarget(t *graph.Value, arnKey string, present *graph.Value, from *graph.Resource) *graph.Value {
	if t.Kind != graph.KindMap {
		return unknownFrom(t, "a target is not known")
	}
	out := graph.Map(t.Loc)
	out.Set("arn", orDefault(str(field(t, arnKey)), graph.Unknown("no target ARN given", t.Loc)))
	out.Set("origin", origin(from))
	out.Set("present", present)
	return out
}
