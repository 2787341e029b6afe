package aws

import (
	"encoding/base64"
	"strings"
	"unicode/utf8"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// What an instance is launched with (its primary interface's public IP, its
// subnet, instance profile, metadata options, AMI, block devices and user
// data) is written three ways: on the instance itself, in a launch
// template's data, in a launch configuration. launchSettings reads it once
// from each, so instances, templates and configurations give the same
// canonical properties, and an instance launched from a template in the
// scan takes what it does not set itself from the template (instance.go).

// launchSettings are the native values one resource writes; nil is "not
// set here", an Unknown is "set to something not known".
type launchSettings struct {
	// publicIP is AssociatePublicIpAddress of the primary interface.
	publicIP *graph.Value
	// existingENI is set when the primary interface is an existing one
	// (NetworkInterfaceId): AWS assigns a public IP only to a new one.
	existingENI *graph.Value
	subnet      *graph.Value
	// profile is the instance profile: a name, an ARN, a reference, or
	// the launch template's IamInstanceProfile block.
	profile      *graph.Value
	httpTokens   *graph.Value
	httpEndpoint *graph.Value
	image        *graph.Value
	// devices are the declared EBS block devices, canonical block_device
	// maps (a null element for an Unknown one); devicesUnknown is set when
	// the list itself is.
	devices        []*graph.Value
	devicesUnknown *graph.Value
	declaresRoot   bool
	userData       *graph.Value
	// userDataBase64 says userData is base64 (CloudFormation UserData,
	// a launch template's user_data, Terraform user_data_base64).
	userDataBase64 bool
}

// rootDeviceNames are the root device names of the common AMIs (Amazon
// Linux, and Ubuntu, RHEL and Windows): a mapping of one of them changes
// the root volume.
var rootDeviceNames = map[string]bool{"/dev/xvda": true, "/dev/sda1": true}

// settingsOf reads the launch settings of an instance, a launch template
// or a launch configuration.
func settingsOf(r *graph.Resource) launchSettings {
	switch r.Type {
	case "AWS::EC2::Instance":
		return cfnSettings(r.Attrs, "NetworkInterfaces", "SubnetId", false)
	case "AWS::EC2::LaunchTemplate":
		data := block(r, "LaunchTemplateData")
		if data == nil {
			data = graph.Map(r.Loc)
		}
		// A template's interface without DeviceIndex is the primary one.
		return cfnSettings(data, "NetworkInterfaces", "", true)
	case "AWS::AutoScaling::LaunchConfiguration":
		s := cfnSettings(r.Attrs, "", "", false)
		s.publicIP = field(r.Attrs, "AssociatePublicIpAddress")
		return s
	case "aws_instance":
		return tfInstanceSettings(r)
	case "aws_launch_template":
		return tfTemplateSettings(r)
	case "aws_launch_configuration":
		s := tfInstanceSettings(r)
		s.image = attr(r, "image_id")
		return s
	}
	return launchSettings{}
}

// cfnSettings reads CloudFormation's spelling, shared by an instance's
// properties, a launch template's LaunchTemplateData and a launch
// configuration. enis names the inline interface list ("" for none);
// subnet names the resource's own subnet property ("" for none);
// template says an interface without a device index is the primary one.
func cfnSettings(m *graph.Value, enis, subnet string, template bool) launchSettings {
	s := launchSettings{
		profile:        field(m, "IamInstanceProfile"),
		image:          field(m, "ImageId"),
		userData:       field(m, "UserData"),
		userDataBase64: true,
	}
	meta := field(m, "MetadataOptions")
	s.httpTokens, s.httpEndpoint = field(meta, "HttpTokens"), field(meta, "HttpEndpoint")
	if subnet != "" {
		s.subnet = field(m, subnet)
	}
	if enis != "" {
		primary := primaryInterface(field(m, enis), "DeviceIndex", template)
		s.publicIP = field(primary, "AssociatePublicIpAddress")
		s.existingENI = field(primary, "NetworkInterfaceId")
		if s.subnet == nil {
			s.subnet = field(primary, "SubnetId")
		}
	}
	s.readDevices(field(m, "BlockDeviceMappings"), cfnDevice)
	return s
}

func tfInstanceSettings(r *graph.Resource) launchSettings {
	s := launchSettings{
		publicIP: attr(r, "associate_public_ip_address"),
		subnet:   attr(r, "subnet_id"),
		profile:  attr(r, "iam_instance_profile"),
		image:    attr(r, "ami"),
		userData: attr(r, "user_data"),
	}
	if s.userData == nil {
		s.userData, s.userDataBase64 = attr(r, "user_data_base64"), true
	}
	// network_interface blocks attach existing interfaces.
	if primary := primaryInterface(attr(r, "network_interface"), "device_index", false); primary != nil {
		s.existingENI = orDefault(field(primary, "network_interface_id"), primary)
	}
	meta := singleBlock(attr(r, "metadata_options"))
	s.httpTokens, s.httpEndpoint = field(meta, "http_tokens"), field(meta, "http_endpoint")
	s.readDevices(attr(r, "root_block_device"), tfRootDevice)
	s.readDevices(attr(r, "ebs_block_device"), tfEBSDevice)
	return s
}

func tfTemplateSettings(r *graph.Resource) launchSettings {
	s := launchSettings{
		image:          attr(r, "image_id"),
		userData:       attr(r, "user_data"),
		userDataBase64: true,
	}
	// A template's interface without device_index is the primary one.
	primary := primaryInterface(attr(r, "network_interfaces"), "device_index", true)
	s.publicIP = optional(field(primary, "associate_public_ip_address"))
	s.existingENI = field(primary, "network_interface_id")
	s.subnet = field(primary, "subnet_id")
	s.profile = singleBlock(attr(r, "iam_instance_profile"))
	meta := singleBlock(attr(r, "metadata_options"))
	s.httpTokens, s.httpEndpoint = field(meta, "http_tokens"), field(meta, "http_endpoint")
	s.readDevices(attr(r, "block_device_mappings"), tfTemplateDevice)
	return s
}

// primaryInterface returns the inline interface with device index 0 (a
// missing index counts as 0 when absentIsPrimary), an Unknown when which
// one it is cannot be told, or nil when there is none.
func primaryInterface(enis *graph.Value, indexKey string, absentIsPrimary bool) *graph.Value {
	elems, ok := items(enis)
	if !ok {
		return graph.Unknown("the network interfaces are unknown: "+enis.Reason, enis.Loc)
	}
	for _, eni := range elems {
		if eni.Kind != graph.KindMap || eni.Representative {
			return graph.Unknown("a network interface is unknown, which may be the primary one", eni.Loc)
		}
		idx := num(field(eni, indexKey))
		switch {
		case idx == nil && absentIsPrimary:
			return eni
		case idx == nil:
		case idx.IsUnknown():
			return graph.Unknown("the device index of a network interface is unknown: "+idx.Reason, idx.Loc)
		case idx.Number == 0:
			return eni
		}
	}
	return nil
}

// singleBlock returns the one nested block a Terraform block list holds:
// nil when there is none, an Unknown when the list, or a dynamic block
// that may stand for none, is.
func singleBlock(v *graph.Value) *graph.Value {
	elems, ok := items(v)
	switch {
	case !ok:
		return v
	case len(elems) == 0:
		return nil
	case elems[0].Representative:
		return graph.Unknown("a dynamic block may stand for none", elems[0].Loc)
	}
	return elems[0]
}

// optional treats the empty string the AWS provider writes for an unset
// string-typed boolean ("true", "false" or "") as absent.
func optional(v *graph.Value) *graph.Value {
	if v != nil && v.Kind == graph.KindString && v.Str == "" {
		return nil
	}
	return v
}

// deviceReader turns one native block device mapping into a canonical
// block_device (without encryption's default, which the join applies),
// or nil for a mapping that is not an EBS volume.
type deviceReader func(m *graph.Value) *graph.Value

func (s *launchSettings) readDevices(native *graph.Value, read deviceReader) {
	elems, ok := items(native)
	if !ok {
		if s.devicesUnknown == nil {
			s.devicesUnknown = native
		}
		return
	}
	for _, e := range elems {
		if e.Kind != graph.KindMap {
			s.devices = append(s.devices, graph.Unknown("a block device mapping is unknown", e.Loc))
			s.declaresRoot = true // it may be the root device
			continue
		}
		d := read(e)
		if d == nil {
			continue
		}
		present := graph.Bool(true, e.Loc)
		if e.Representative {
			present = graph.Unknown("a dynamic block device may stand for none", e.Loc)
		}
		d.Set("present", present)
		// A device that is, or may be, the root one replaces the AMI's.
		if root := d.Get("root"); root.Kind != graph.KindBool || root.Bool {
			s.declaresRoot = true
		}
		s.devices = append(s.devices, d)
	}
}

// device builds a canonical block_device at mapping m from its EBS
// settings; root is whether it is the root device.
func device(m, ebs, name, root *graph.Value) *graph.Value {
	d := graph.Map(m.Loc)
	d.Set("device_name", orDefault(str(name), graph.String("", m.Loc)))
	d.Set("root", root)
	d.Set("encrypted", boolean(optional(field(ebs, "Encrypted"))))
	d.Set("kms_key_id", orDefault(str(field(ebs, "KmsKeyId")), graph.String("", m.Loc)))
	d.Set("snapshot_id", orDefault(str(field(ebs, "SnapshotId")), graph.String("", m.Loc)))
	return d
}

// cfnDevice reads a BlockDeviceMapping: instance store (VirtualName) and
// suppressed (NoDevice) mappings are not EBS volumes.
func cfnDevice(m *graph.Value) *graph.Value {
	if field(m, "VirtualName") != nil || field(m, "NoDevice") != nil {
		return nil
	}
	ebs := field(m, "Ebs")
	if ebs == nil {
		return nil
	}
	name := field(m, "DeviceName")
	return device(m, ebs, name, rootByName(name, m.Loc))
}

// rootByName says whether a mapping's device name is the root device's.
func rootByName(name *graph.Value, loc graph.Location) *graph.Value {
	s, ok := name.AsString()
	switch {
	case name.IsUnknown():
		return graph.Unknown("the device name is unknown, so whether it is the root device is too", name.Loc)
	case !ok:
		return graph.Bool(false, loc)
	}
	return graph.Bool(rootDeviceNames[s], locOr(name, loc))
}

// tfEBS renames a Terraform block's EBS settings to the CloudFormation
// keys device reads.
func tfEBS(b *graph.Value) *graph.Value {
	if b == nil || b.Kind != graph.KindMap {
		return b
	}
	m := graph.Map(b.Loc)
	for tf, cfn := range map[string]string{"encrypted": "Encrypted", "kms_key_id": "KmsKeyId", "snapshot_id": "SnapshotId"} {
		if v := field(b, tf); v != nil {
			m.Set(cfn, v)
		}
	}
	return m
}

func tfRootDevice(m *graph.Value) *graph.Value {
	return device(m, tfEBS(m), nil, graph.Bool(true, m.Loc))
}

func tfEBSDevice(m *graph.Value) *graph.Value {
	if v := field(m, "no_device"); v != nil && v.Kind == graph.KindBool && v.Bool {
		return nil
	}
	name := field(m, "device_name")
	return device(m, tfEBS(m), name, rootByName(name, m.Loc))
}

func tfTemplateDevice(m *graph.Value) *graph.Value {
	if optional(field(m, "virtual_name")) != nil || optional(field(m, "no_device")) != nil {
		return nil
	}
	ebs := singleBlock(field(m, "ebs"))
	if ebs == nil {
		return nil
	}
	name := field(m, "device_name")
	return device(m, tfEBS(ebs), name, rootByName(name, m.Loc))
}

// instanceProfile is whether settings name an instance profile: a name, an
// ARN or a reference; a launch template's IamInstanceProfile block holds
// either.
func instanceProfile(v *graph.Value, def graph.Location) *graph.Value {
	switch {
	case v == nil:
		return graph.Bool(false, def)
	case v.Ref != nil:
		return graph.Bool(true, v.Loc)
	case v.IsUnknown():
		return v
	case v.Kind == graph.KindMap:
		return profileBlock(v)
	}
	s, ok := v.AsString()
	if !ok {
		return graph.Unknown("the instance profile is a "+v.Kind.String()+", not a name", v.Loc)
	}
	return graph.Bool(s != "", v.Loc)
}

// profileBlock is whether a launch template's IamInstanceProfile block
// names a profile: true when its name or ARN does, Unknown when one may.
func profileBlock(b *graph.Value) *graph.Value {
	var unknown *graph.Value
	for _, key := range []string{"Arn", "Name", "arn", "name"} {
		v := field(b, key)
		if v == nil {
			continue
		}
		if v.Kind == graph.KindMap {
			return graph.Unknown("the instance profile's "+key+" is a map", v.Loc)
		}
		switch x := instanceProfile(v, b.Loc); {
		case x.Kind == graph.KindBool && x.Bool:
			return x
		case x.IsUnknown() && unknown == nil:
			unknown = x
		}
	}
	if unknown != nil {
		return unknown
	}
	return graph.Bool(false, b.Loc)
}

// amiID is a literal AMI ID, or Unknown for anything else: an SSM
// parameter (resolve:ssm, a parameter of an SSM type), a data source.
func amiID(v *graph.Value, def graph.Location, none string) *graph.Value {
	if v == nil {
		return graph.Unknown(none, def)
	}
	s, ok := v.AsString()
	switch {
	case v.IsUnknown():
		return v
	case !ok:
		return graph.Unknown("the AMI is a "+v.Kind.String(), v.Loc)
	case !strings.HasPrefix(s, "ami-"):
		u := graph.Unknown("the AMI "+s+" is resolved at deployment, not a literal AMI ID", v.Loc)
		u.Trace = v.Trace
		return u
	}
	return str(v)
}

// userDataText is the user data script: decoded when it is base64 of
// text, as written otherwise; "" when there is none.
func userDataText(v *graph.Value, isBase64 bool, def graph.Location) *graph.Value {
	if v == nil {
		return graph.String("", def)
	}
	s, ok := v.AsString()
	if !ok || v.IsUnknown() || !isBase64 {
		return str(v)
	}
	b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(s))
	if err != nil || !utf8.Valid(b) {
		return str(v)
	}
	c := *v
	c.Kind, c.Str = graph.KindString, string(b)
	return &c
}

// lowerString is a lower-cased string property (http_tokens), or def when
// absent.
func lowerString(v *graph.Value, def *graph.Value) *graph.Value {
	return orDefault(lower(str(v)), def)
}
