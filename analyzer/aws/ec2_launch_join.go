package aws

import (
	"fmt"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// The launch properties of instances and templates are joins: an instance
// takes what it does not set from its launch template, its public IP from
// its subnet, and a volume's encryption default comes from the account
// setting when the unit manages it (aws_ebs_encryption_by_default).

var (
	launchTemplateTypes = []string{"AWS::EC2::LaunchTemplate", "aws_launch_template"}
	instanceSubnetTypes = []string{"AWS::EC2::Subnet", "aws_subnet", "aws_default_subnet"}
	// Services that launch a template's instances with a role of their
	// own: an EKS managed node group's node role, a Batch compute
	// environment's instance role.
	profileSupplierTypes = []string{"aws_eks_node_group", "AWS::EKS::Nodegroup", "aws_batch_compute_environment", "AWS::Batch::ComputeEnvironment"}
)

// templateLink is the launch template an instance names.
type templateLink struct {
	// at is the instance's LaunchTemplate / launch_template.
	at graph.Location
	// lt is the template, when it is in the scan and the version the
	// instance uses is the one the scan declares.
	lt *graph.Resource
	// why says, when lt is nil, why the template is not known.
	why string
}

// templateOf returns the launch template instance r names, or nil when it
// names none.
func (j *joins) templateOf(r *graph.Resource) *templateLink {
	ref := attr(r, "LaunchTemplate")
	idKey, nameKey, versionKey := "LaunchTemplateId", "LaunchTemplateName", "Version"
	if r.Source != graph.SourceCloudFormation {
		ref = singleBlock(attr(r, "launch_template"))
		idKey, nameKey, versionKey = "id", "name", "version"
	}
	if ref == nil {
		return nil
	}
	link := &templateLink{at: ref.Loc}
	if ref.IsUnknown() {
		link.why = "the launch template is unknown: " + ref.Reason
		return link
	}
	id, name := field(ref, idKey), field(ref, nameKey)
	lt := j.idx.target(id, launchTemplateTypes...)
	if lt == nil {
		lt = j.idx.target(name, launchTemplateTypes...)
	}
	if lt == nil {
		lt = j.templateNamed(name)
	}
	if lt == nil {
		link.why = "the launch template is outside the scan"
		return link
	}
	if why := j.versionUnknown(field(ref, versionKey), lt); why != "" {
		link.why = why
		return link
	}
	link.lt = lt
	return link
}

// templateNamed returns the one launch template of the unit whose name is
// the literal name.
func (j *joins) templateNamed(name *graph.Value) *graph.Resource {
	want, ok := name.AsString()
	if !ok || name.IsUnknown() || want == "" {
		return nil
	}
	var found *graph.Resource
	for _, lt := range j.idx.ofTypes(launchTemplateTypes...) {
		key := "LaunchTemplateName"
		if lt.Source != graph.SourceCloudFormation {
			key = "name"
		}
		if s, ok := attr(lt, key).AsString(); ok && s == want {
			if found != nil {
				return nil
			}
			found = lt
		}
	}
	return found
}

// versionUnknown says why the template version an instance uses may not
// be the one the scan declares, or "" when it is: the latest or default
// version (absent, $Latest, $Default, the template's own version
// attributes), or version 1, which a template is created with.
func (j *joins) versionUnknown(v *graph.Value, lt *graph.Resource) string {
	if v == nil {
		return ""
	}
	if v.Ref != nil {
		if r, ok := j.idx.refs.Resolve(v.Ref.Resource); ok && r == lt {
			return ""
		}
		return "the launch template version comes from " + v.Ref.Resource
	}
	if v.IsUnknown() {
		return "the launch template version is unknown: " + v.Reason
	}
	s, _ := v.AsString()
	switch s {
	case "$Latest", "$Default", "1":
		return ""
	}
	return fmt.Sprintf("version %s of launch template %s may hold other settings than the scan declares", s, lt.ID)
}

// inherit is what an instance that does not set a value (own is nil)
// takes from its launch template: the template's value, used at the
// instance's launch_template; Unknown when the template is not known; nil
// when neither sets it.
func inherit(own, fromTemplate *graph.Value, link *templateLink, what string) *graph.Value {
	switch {
	case own != nil || link == nil:
		return own
	case link.lt == nil:
		return graph.Unknown(link.why+", and it may set "+what, link.at)
	case fromTemplate == nil:
		return nil
	}
	return fromTemplate.Derive(link.at, "set by launch template "+link.lt.ID)
}

// withTemplate merges an instance's own settings over its template's.
func (j *joins) withTemplate(own launchSettings, link *templateLink) launchSettings {
	if link == nil {
		return own
	}
	var lt launchSettings
	if link.lt != nil {
		lt = settingsOf(link.lt)
	}
	s := own
	s.publicIP = inherit(own.publicIP, lt.publicIP, link, "a public IP association")
	s.existingENI = inherit(own.existingENI, lt.existingENI, link, "the network interface")
	s.subnet = inherit(own.subnet, lt.subnet, link, "the subnet")
	s.profile = inherit(own.profile, lt.profile, link, "an instance profile")
	s.httpTokens = inherit(own.httpTokens, lt.httpTokens, link, "the metadata options")
	s.httpEndpoint = inherit(own.httpEndpoint, lt.httpEndpoint, link, "the metadata options")
	s.image = inherit(own.image, lt.image, link, "the AMI")
	if own.userData == nil {
		s.userData, s.userDataBase64 = inherit(nil, lt.userData, link, "user data"), lt.userDataBase64
	}
	if own.devices == nil && own.devicesUnknown == nil {
		switch {
		case link.lt == nil:
			s.devicesUnknown = graph.Unknown(link.why+", and it may declare block devices", link.at)
		default:
			s.devices, s.declaresRoot = nil, lt.declaresRoot
			for _, d := range lt.devices {
				s.devices = append(s.devices, d.Derive(link.at, "declared by launch template "+link.lt.ID))
			}
			if lt.devicesUnknown != nil {
				s.devicesUnknown = lt.devicesUnknown.Derive(link.at, "declared by launch template "+link.lt.ID)
			}
		}
	}
	return s
}

// setLaunchProps writes the canonical launch properties of settings s of
// resource r.
func (j *joins) setLaunchProps(p *graph.Value, r *graph.Resource, s launchSettings, noImage string) {
	p.Set("instance_profile", instanceProfile(s.profile, r.Loc))
	p.Set("http_tokens", lowerString(s.httpTokens, j.metadataTokensDefault(r.Loc)))
	p.Set("http_endpoint", lowerString(s.httpEndpoint, graph.String("enabled", r.Loc)))
	p.Set("image_id", amiID(s.image, r.Loc, noImage))
	p.Set("block_devices", j.blockDevices(r, s))
	p.Set("user_data", userDataText(s.userData, s.userDataBase64, r.Loc))
}

// blockDevices is the canonical list of EBS block devices: the root
// device first when no mapping replaces it (created from the AMI's
// snapshot), then every declared one, each with its encryption default.
func (j *joins) blockDevices(r *graph.Resource, s launchSettings) *graph.Value {
	if s.devicesUnknown != nil {
		u := graph.Unknown("the block device mappings are unknown: "+s.devicesUnknown.Reason, s.devicesUnknown.Loc)
		u.Trace = s.devicesUnknown.Trace
		return u
	}
	out := make([]*graph.Value, 0, len(s.devices)+1)
	if !s.declaresRoot {
		root := graph.Map(r.Loc)
		root.Set("device_name", graph.String("", r.Loc))
		root.Set("root", graph.Bool(true, r.Loc))
		root.Set("encrypted", nil)
		root.Set("kms_key_id", graph.String("", r.Loc))
		root.Set("snapshot_id", graph.String("", r.Loc))
		root.Set("present", graph.Bool(true, r.Loc))
		out = append(out, j.withEncryptionDefault(root, true))
	}
	for _, d := range s.devices {
		if d.Kind != graph.KindMap {
			out = append(out, d)
			continue
		}
		out = append(out, j.withEncryptionDefault(d, false))
	}
	return graph.List(out, r.Loc)
}

// withEncryptionDefault completes a block_device: implied says whether the
// template leaves it to the AMI; an unset encryption is the snapshot's
// when the device is made from one the template names, else the
// account's default.
func (j *joins) withEncryptionDefault(d *graph.Value, implied bool) *graph.Value {
	c := d.Copy()
	c.Set("implied", graph.Bool(implied, d.Loc))
	if e := d.Get("encrypted"); e != nil && e.Kind != graph.KindNull {
		return c
	}
	if snap := d.Get("snapshot_id"); snap.IsUnknown() || snap.Str != "" {
		c.Set("encrypted", graph.Unknown("the volume is created from a snapshot and is encrypted when the snapshot is", snap.Loc))
		return c
	}
	c.Set("encrypted", j.encryptionByDefault(d.Loc))
	return c
}

// encryptionByDefault is whether a new EBS volume that does not ask for
// encryption is encrypted, located at loc: false (AWS's default) unless
// the unit turns on the account's encryption by default.
func (j *joins) encryptionByDefault(loc graph.Location) *graph.Value {
	p := anyOf(j.idx.ofTypes("aws_ebs_encryption_by_default"))
	switch p.presence {
	case absent:
		return graph.Bool(false, loc)
	case maybe:
		return graph.Unknown(p.reason+"; it would encrypt new volumes by default", p.at)
	}
	on := orDefault(boolean(attr(p.res, "enabled")), graph.Bool(true, p.res.Loc))
	if on.IsUnknown() {
		return graph.Unknown("whether EBS encryption by default is on is not known: "+on.Reason, on.Loc)
	}
	note := p.res.ID + " turns off EBS encryption by default"
	if on.Bool {
		note = p.res.ID + " turns on EBS encryption by default: new volumes are encrypted"
	}
	v := graph.Bool(on.Bool, loc)
	v.Trace = append(append(graph.Trace(nil), on.Trace...), graph.Hop{Location: on.Loc, Note: note})
	return v
}

// metadataTokensDefault is http_tokens of an instance that does not say,
// located at loc: "optional" (the EC2 API's default) unless the unit sets
// the region's instance metadata defaults
// (aws_ec2_instance_metadata_defaults).
func (j *joins) metadataTokensDefault(loc graph.Location) *graph.Value {
	p := anyOf(j.idx.ofTypes("aws_ec2_instance_metadata_defaults"))
	switch p.presence {
	case absent:
		return graph.String("optional", loc)
	case maybe:
		return graph.Unknown(p.reason+"; it would set the instance metadata defaults", p.at)
	}
	tokens := lower(str(attr(p.res, "http_tokens")))
	switch {
	case tokens == nil:
		return graph.String("optional", loc)
	case tokens.IsUnknown():
		return graph.Unknown("the region's instance metadata default is not known: "+tokens.Reason, tokens.Loc)
	case tokens.Str != "required" && tokens.Str != "optional":
		// "no-preference": the API's default applies.
		return graph.String("optional", loc)
	}
	v := graph.String(tokens.Str, loc)
	v.Trace = append(append(graph.Trace(nil), tokens.Trace...), graph.Hop{Location: tokens.Loc, Note: p.res.ID + " sets the region's default for new instances"})
	return v
}

// instancePublicIP is whether instance r has a public IPv4 address: one
// assigned at launch (launchPublicIP), or an Elastic IP of the scan
// associated with it.
func (j *joins) instancePublicIP(r *graph.Resource, s launchSettings) *graph.Value {
	v := j.launchPublicIP(r, s)
	if v.Kind == graph.KindBool && v.Bool {
		return v
	}
	switch eip := j.elasticIP(r); eip.presence {
	case present:
		ref := locOr(attr(eip.res, eipInstanceKey(eip.res.Type)), eip.res.Loc)
		e := graph.Bool(true, ref)
		e.Trace = graph.Trace{hop(eip.res, "Elastic IP "+eip.res.ID+" is associated with "+r.ID)}
		return e
	case maybe:
		return graph.Unknown(eip.reason+", and it associates an Elastic IP with "+r.ID, eip.at)
	}
	return v
}

// elasticIP says whether an Elastic IP of the scan is associated with
// instance r (AWS::EC2::EIP or AWS::EC2::EIPAssociation InstanceId,
// aws_eip instance, aws_eip_association instance_id).
func (j *joins) elasticIP(r *graph.Resource) part {
	var eips []*graph.Resource
	for _, t := range []string{"AWS::EC2::EIP", "AWS::EC2::EIPAssociation", "aws_eip", "aws_eip_association"} {
		eips = append(eips, j.referrers(r, eipInstanceKey(t), t)...)
	}
	return anyOf(eips)
}

// eipInstanceKey is the attribute with which an Elastic IP names its
// instance.
func eipInstanceKey(typ string) string {
	switch typ {
	case "aws_eip":
		return "instance"
	case "aws_eip_association":
		return "instance_id"
	}
	return "InstanceId"
}

// launchPublicIP is whether instance r gets a public IPv4 address at
// launch: its primary interface's (or its template's) explicit setting,
// else its subnet's mapping. Unknown when the subnet is not in the scan:
// one named by ID or variable, or none, which is a default subnet of the
// default VPC (whose mapping the account may have changed).
func (j *joins) launchPublicIP(r *graph.Resource, s launchSettings) *graph.Value {
	switch {
	case s.publicIP != nil:
		return boolean(s.publicIP)
	case s.existingENI != nil && s.existingENI.IsUnknown() && s.existingENI.Ref == nil:
		return graph.Unknown("the primary network interface is unknown: "+s.existingENI.Reason, s.existingENI.Loc)
	case s.existingENI != nil:
		// AWS assigns a public IP only to a new primary interface.
		return graph.Bool(false, s.existingENI.Loc)
	case s.subnet == nil:
		return graph.Unknown(r.ID+" names no subnet: it is launched in a default subnet of the default VPC, whose public IP mapping is the account's", r.Loc)
	case s.subnet.IsUnknown() && s.subnet.Ref == nil:
		return graph.Unknown("the subnet is unknown: "+s.subnet.Reason, s.subnet.Loc)
	}
	subnet := j.idx.target(s.subnet, instanceSubnetTypes...)
	if subnet == nil {
		return graph.Unknown("the subnet is outside the scan, so whether it maps public IPs is not known", s.subnet.Loc)
	}
	key, def := "MapPublicIpOnLaunch", false
	if subnet.Source != graph.SourceCloudFormation {
		key = "map_public_ip_on_launch"
		def = subnet.Type == "aws_default_subnet"
	}
	m := orDefault(boolean(attr(subnet, key)), graph.Bool(def, subnet.Loc))
	if m.IsUnknown() {
		return graph.Unknown("whether subnet "+subnet.ID+" maps public IPs is not known: "+m.Reason, m.Loc)
	}
	note := "subnet " + subnet.ID + " does not map public IPs on launch"
	if m.Bool {
		note = "subnet " + subnet.ID + " gives every instance launched in it a public IPv4 address"
	}
	v := graph.Bool(m.Bool, s.subnet.Loc)
	v.Trace = append(append(graph.Trace(nil), m.Trace...), graph.Hop{Location: m.Loc, Note: note})
	return v
}

// suppliedProfile returns, for a launch template that names no instance
// profile, the resource that launches its instances with a role of its
// own (an EKS node group, a Batch compute environment), or nil.
func (j *joins) suppliedProfile(lt *graph.Resource) *graph.Resource {
	for _, key := range []string{"launch_template", "LaunchTemplate", "compute_resources", "ComputeResources"} {
		if rs := j.referrers(lt, key, profileSupplierTypes...); len(rs) > 0 {
			return rs[0]
		}
	}
	return nil
}
