package aws

import (
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// Canonical kind aws.config.recorder: an AWS Config configuration recorder,
// what it records, whether it has a delivery channel and whether it is
// started. A region of an account has one recorder and one delivery
// channel, so a delivery channel of the unit belongs to the unit's
// recorder, with no reference between them (AWS::Config::DeliveryChannel
// and aws_config_delivery_channel name none).
const kindConfigRecorder = "aws.config.recorder"

var (
	configRecorderTypes  = []string{"AWS::Config::ConfigurationRecorder", "aws_config_configuration_recorder"}
	deliveryChannelTypes = []string{"AWS::Config::DeliveryChannel", "aws_config_delivery_channel"}
	recorderStatusType   = "aws_config_configuration_recorder_status"
)

// The recording strategies of a recording group (RecordingStrategy.UseOnly,
// recording_strategy.use_only).
const (
	strategyAll       = "ALL_SUPPORTED_RESOURCE_TYPES"
	strategyExclusion = "EXCLUSION_BY_RESOURCE_TYPES"
	strategyInclusion = "INCLUSION_BY_RESOURCE_TYPES"
)

type configRecorderMapper struct{}

func (configRecorderMapper) kind() string { return kindConfigRecorder }

func (configRecorderMapper) normalize(idx *unitIndex) []*graph.Canonical {
	f := newFolder(idx, &idx.diags, configRecorderTypes...)
	var out []*graph.Canonical
	for _, r := range idx.ofTypes(configRecorderTypes...) {
		if idx.stopped() {
			return out
		}
		p := props(r)
		recordingGroup(p, r)
		p.Set("delivery_channel", graph.Bool(false, r.Loc))
		if r.Source == graph.SourceCloudFormation {
			// CloudFormation starts the recorder once a delivery channel
			// exists.
			p.Set("recording", graph.Bool(true, r.Loc))
		} else {
			p.Set("recording", graph.Bool(false, r.Loc))
		}
		c := &graph.Canonical{ID: r.ID, Native: r, Props: p}
		f.addOwner(c, recorderName(r))
		out = append(out, c)
	}
	for _, ch := range idx.ofTypes(deliveryChannelTypes...) {
		owners := channelOwners(out, ch)
		switch len(owners) {
		case 0:
			f.orphan(ch, nil, "the unit has no configuration recorder in the same provider configuration for it to deliver for")
		case 1:
			deliver(f, owners[0], ch)
		default:
			for _, c := range owners {
				c.Props.Set("delivery_channel", graph.Unknown("the unit has several recorders: which one delivery channel "+ch.ID+" delivers for is not known", ch.Loc))
			}
		}
	}
	for _, s := range idx.ofTypes(recorderStatusType) {
		name := attr(s, "name")
		c := f.ownerByRef(name)
		if c == nil {
			c = f.ownerByName(name)
		}
		if c == nil {
			f.orphan(s, name, "whether a recorder of the scan is started is not changed by it")
			continue
		}
		started(f, c, s)
	}
	return out
}

// recorderName is the name a recorder is created with: Name / name, or
// AWS Config's "default".
func recorderName(r *graph.Resource) *graph.Value {
	key := "name"
	if r.Source == graph.SourceCloudFormation {
		key = "Name"
	}
	return orDefault(str(attr(r, key)), graph.String("default", r.Loc))
}

// recordingGroup sets what the recorder records from its recording group
// (RecordingGroup, recording_group). Without one AWS Config records every
// supported resource type of the region, global IAM types excluded. Within
// a CloudFormation group AllSupported is false unless written (or the
// strategy is every supported type); the provider's all_supported is true
// unless written.
func recordingGroup(p *graph.Value, r *graph.Resource) {
	cfn := r.Source == graph.SourceCloudFormation
	key, allKey, globalKey, strategyKey, useOnly := "recording_group", "all_supported", "include_global_resource_types", "recording_strategy", "use_only"
	if cfn {
		key, allKey, globalKey, strategyKey, useOnly = "RecordingGroup", "AllSupported", "IncludeGlobalResourceTypes", "RecordingStrategy", "UseOnly"
	}
	g := attr(r, key)
	if !cfn {
		g = nestedBlock(g)
	}
	if g == nil {
		p.Set("all_supported", graph.Bool(true, r.Loc))
		p.Set("include_global_resource_types", graph.Bool(false, r.Loc))
		p.Set("recording_strategy", graph.String(strategyAll, r.Loc))
		return
	}
	strategy := field(g, strategyKey)
	if !cfn {
		strategy = nestedBlock(strategy)
	}
	useOnlyV := upper(str(field(strategy, useOnly)))
	// A strategy of every supported type records them all, whatever the
	// absent AllSupported would default to.
	saysAll := useOnlyV != nil && useOnlyV.Kind == graph.KindString && useOnlyV.Str == strategyAll
	all := orDefault(boolean(field(g, allKey)), graph.Bool(!cfn || saysAll, g.Loc))
	switch {
	case useOnlyV == nil && all.Kind == graph.KindBool && all.Bool:
		useOnlyV = graph.String(strategyAll, all.Loc)
	case useOnlyV == nil && all.Kind == graph.KindBool:
		useOnlyV = graph.String(strategyInclusion, all.Loc)
	case useOnlyV == nil:
		useOnlyV = all
	}
	// A strategy other than every supported type records less, whatever
	// AllSupported says.
	if useOnlyV.Kind == graph.KindString && useOnlyV.Str != strategyAll {
		all = graph.Bool(false, useOnlyV.Loc)
	}
	p.Set("all_supported", all)
	p.Set("include_global_resource_types", orDefault(boolean(field(g, globalKey)), graph.Bool(false, g.Loc)))
	p.Set("recording_strategy", useOnlyV)
}

// channelOwners lists the recorders a delivery channel may belong to: the
// unit's recorders, narrowed, when there are several, to those of the
// channel's Terraform provider configuration in the same module (one per
// region).
func channelOwners(recorders []*graph.Canonical, ch *graph.Resource) []*graph.Canonical {
	if len(recorders) <= 1 {
		return recorders
	}
	var out []*graph.Canonical
	for _, c := range recorders {
		if sameProvider(c.Native, ch) {
			out = append(out, c)
		}
	}
	return out
}

// sameProvider reports whether two resources are in the same module and
// use the same provider configuration (the same region). CloudFormation
// resources of one template always are.
func sameProvider(a, b *graph.Resource) bool {
	if a.Source == graph.SourceCloudFormation {
		return true
	}
	pa, _ := a.Meta["provider"].AsString()
	pb, _ := b.Meta["provider"].AsString()
	return pa == pb && modulePrefix(a.ID) == modulePrefix(b.ID)
}

// modulePrefix is the module part of a Terraform address
// (module.config for module.config.aws_config_delivery_channel.this).
func modulePrefix(id string) string {
	parts := strings.Split(id, ".")
	var out []string
	for i := 0; i+1 < len(parts) && parts[i] == "module"; i += 2 {
		out = append(out, parts[i], parts[i+1])
	}
	return strings.Join(out, ".")
}

// deliver folds delivery channel ch into recorder c.
func deliver(f *folder, c *graph.Canonical, ch *graph.Resource) {
	p := f.attach(c, ch)
	v := withTrace(graph.Bool(true, c.Native.Loc), hop(ch, "its delivery channel "+ch.ID))
	if p.presence == maybe {
		v = graph.Unknown(p.reason, p.at)
	}
	if cur := c.Props.Get("delivery_channel"); cur != nil && cur.Kind == graph.KindBool && cur.Bool {
		return
	}
	c.Props.Set("delivery_channel", v)
}

// started folds a Terraform recorder status s into recorder c: the
// recorder records when is_enabled is true.
func started(f *folder, c *graph.Canonical, s *graph.Resource) {
	p := f.attach(c, s)
	v := orDefault(boolean(attr(s, "is_enabled")), graph.Unknown("is_enabled is required", s.Loc))
	if p.presence == maybe {
		v = graph.Unknown(p.reason, p.at)
	}
	c.Props.Set("recording", v)
}
