package cloudformation

import (
	"crypto/sha1"
	"encoding/hex"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// SAM (Transform: AWS::Serverless-2016-10-31) is expanded the way the
// transform does it, for the resources that matter to security rules:
// generated resources keep SAM's logical IDs and are located at the SAM
// resource's lines, while properties copied from the SAM resource keep their
// own lines. docs/cloudformation.md lists what is mapped.

// samBuilder builds generated nodes located at one SAM resource.
type samBuilder struct {
	loc, keyLoc graph.Location
}

func (b samBuilder) str(s string) *node { return &node{kind: nString, str: s, loc: b.loc} }

func (b samBuilder) boolean(v bool) *node { return &node{kind: nBool, b: v, loc: b.loc} }

func (b samBuilder) list(items ...*node) *node {
	out := &node{kind: nList, loc: b.loc, list: []*node{}}
	for _, it := range items {
		if it != nil {
			out.list = append(out.list, it)
		}
	}
	return out
}

// m builds a map from alternating key, value arguments; nil values are left out.
func (b samBuilder) m(kv ...any) *node {
	out := &node{kind: nMap, loc: b.loc}
	for i := 0; i+1 < len(kv); i += 2 {
		v, _ := kv[i+1].(*node)
		if v == nil {
			continue
		}
		out.keys = append(out.keys, mapKey{name: kv[i].(string), loc: b.keyLoc})
		out.vals = append(out.vals, v)
	}
	return out
}

func (b samBuilder) ref(id string) *node { return b.m("Ref", b.str(id)) }

func (b samBuilder) getAtt(id, attr string) *node {
	return b.m("Fn::GetAtt", b.list(b.str(id), b.str(attr)))
}

func (b samBuilder) sub(s string) *node { return b.m("Fn::Sub", b.str(s)) }

// samExpansion collects what one template's SAM resources generate.
type samExpansion struct {
	st      *stack
	globals *node
	out     []*resEntry
	// implicit APIs, created once when an event needs them.
	restAPI, httpAPI *resEntry
	// codeDeployApp and codeDeployRole are shared by every function with a
	// DeploymentPreference, created with the first.
	codeDeployApp, codeDeployRole *resEntry
	// refs maps SAM's referenceable properties (MyFunction.Alias,
	// MyApi.Stage) to the generated resources they name.
	refs map[string]string
}

// expandSAM replaces every AWS::Serverless::* resource by the CloudFormation
// resources the SAM transform generates.
func (st *stack) expandSAM() {
	x := &samExpansion{st: st, globals: st.checkGlobals(st.root.get("Globals")), refs: map[string]string{}}
	for _, id := range st.order {
		e := st.res[id]
		if !strings.HasPrefix(e.typ, "AWS::Serverless::") {
			x.out = append(x.out, e)
			continue
		}
		if e.typ != "AWS::Serverless::Connector" {
			st.checkSchema(e, e.body.get("Properties"))
		}
		x.expand(e)
	}
	st.samRefs = x.refs
	st.order = st.order[:0]
	st.res = make(map[string]*resEntry, len(x.out))
	for _, e := range x.out {
		if _, dup := st.res[e.id]; dup {
			st.p.errorf(e.keyLoc, "SAM: generated resource %s clashes with another resource of that name", e.id)
			continue
		}
		st.res[e.id] = e
		st.order = append(st.order, e.id)
	}
}

// props returns a SAM resource's Properties merged over its Globals section.
func (x *samExpansion) props(e *resEntry, section string) *node {
	props := e.body.get("Properties")
	if props == nil || props.kind != nMap {
		props = &node{kind: nMap, loc: e.loc}
	}
	if g := x.globals.get(section); g != nil && g.kind == nMap {
		props = mergeGlobals(g, props)
	}
	return props
}

// mergeGlobals merges a Globals section under a resource's properties: the
// resource's scalars win, maps merge key by key, lists are concatenated.
func mergeGlobals(global, local *node) *node {
	if global.kind != local.kind {
		return local
	}
	switch local.kind {
	case nList:
		out := *local
		out.list = append(append([]*node(nil), global.list...), local.list...)
		return &out
	case nMap:
		if isCall(local) || isCall(global) {
			return local
		}
		out := &node{kind: nMap, loc: local.loc, via: local.via}
		for i, k := range global.keys {
			gv := global.vals[i]
			if lv := local.get(k.name); lv != nil {
				out.keys = append(out.keys, k)
				out.vals = append(out.vals, mergeGlobals(gv, lv))
				continue
			}
			out.keys = append(out.keys, k)
			out.vals = append(out.vals, gv)
		}
		for i, k := range local.keys {
			if global.get(k.name) == nil {
				out.keys = append(out.keys, k)
				out.vals = append(out.vals, local.vals[i])
			}
		}
		return out
	}
	return local
}

// add appends a generated resource that inherits the SAM resource's
// Condition, DependsOn and Metadata.
func (x *samExpansion) add(from *resEntry, id, typ string, props *node, extra ...any) *resEntry {
	b := samBuilder{loc: from.loc, keyLoc: from.keyLoc}
	kv := []any{"Type", b.str(typ), "Properties", props}
	for _, attr := range []string{"Condition", "DependsOn", "Metadata"} {
		kv = append(kv, attr, from.body.get(attr))
	}
	kv = append(kv, extra...)
	body := b.m(kv...)
	keyLoc := from.keyLoc
	e := &resEntry{id: id, keyLoc: keyLoc, body: body, typ: typ, loc: from.loc, generated: true}
	x.out = append(x.out, e)
	if reason, ok := x.st.representative[from.id]; ok {
		// What a representative Fn::ForEach copy generates stands for an
		// unknown number of resources too.
		x.st.representative[id] = reason
	}
	return e
}

// pick copies the listed properties (SAM name, CloudFormation name pairs or
// same-name singles separated by "=") from src into kv.
func pick(src *node, names ...string) []any {
	var kv []any
	for _, n := range names {
		from, to, ok := strings.Cut(n, "=")
		if !ok {
			to = from
		}
		if v := src.get(from); v != nil {
			kv = append(kv, to, v)
		}
	}
	return kv
}

// tagList turns SAM's Tags map into CloudFormation's [{Key, Value}] list.
func (b samBuilder) tagList(tags *node) *node {
	if tags == nil || tags.kind != nMap || isCall(tags) {
		return tags
	}
	out := &node{kind: nList, loc: tags.loc}
	for i, k := range tags.keys {
		kb := samBuilder{loc: k.loc, keyLoc: k.loc}
		out.list = append(out.list, kb.m("Key", &node{kind: nString, str: k.name, loc: k.loc}, "Value", tags.vals[i]))
	}
	return out
}

func (x *samExpansion) expand(e *resEntry) {
	switch e.typ {
	case "AWS::Serverless::Function":
		x.function(e)
	case "AWS::Serverless::Api":
		x.restAPIResources(e, x.props(e, "Api"))
	case "AWS::Serverless::HttpApi":
		x.httpAPIResources(e, x.props(e, "HttpApi"))
	case "AWS::Serverless::SimpleTable":
		x.simpleTable(e)
	case "AWS::Serverless::LayerVersion":
		x.layer(e)
	case "AWS::Serverless::StateMachine":
		x.stateMachine(e)
	case "AWS::Serverless::Connector":
		x.st.p.diags.Notef(e.keyLoc, "SAM connector %s is not expanded: the permissions it grants are not analysed", e.id)
	default:
		// Application is a nested stack (handled like AWS::CloudFormation::Stack);
		// other SAM types are kept as written.
		x.out = append(x.out, e)
	}
}

func (x *samExpansion) function(e *resEntry) {
	b := samBuilder{loc: e.loc, keyLoc: e.keyLoc}
	p := x.props(e, "Function")
	kv := pick(p, "Handler", "Runtime", "Description", "MemorySize", "Timeout", "Environment",
		"VpcConfig", "KmsKeyArn", "Layers", "ReservedConcurrentExecutions", "FunctionName",
		"Architectures", "EphemeralStorage", "PackageType", "ImageConfig", "FileSystemConfigs",
		"CodeSigningConfigArn", "SnapStart", "RuntimeManagementConfig", "LoggingConfig", "RecursiveLoop")
	if code := x.code(b, p); code != nil {
		kv = append(kv, "Code", code)
	}
	if t := p.get("Tracing"); t != nil {
		kv = append(kv, "TracingConfig", b.m("Mode", t))
	}
	if d := p.get("DeadLetterQueue"); d != nil && d.kind == nMap {
		kv = append(kv, "DeadLetterConfig", b.m("TargetArn", d.get("TargetArn")))
	}
	kv = append(kv, "Tags", b.tagList(p.get("Tags")))
	role := p.get("Role")
	if role == nil {
		roleID := e.id + "Role"
		kv = append(kv, "Role", b.getAtt(roleID, "Arn"))
		x.role(e, roleID, "lambda.amazonaws.com", p, x.lambdaManaged(b, p))
	} else {
		kv = append(kv, "Role", role)
	}
	x.add(e, e.id, "AWS::Lambda::Function", b.m(kv...))
	// With AutoPublishAlias, event sources and the URL invoke the alias.
	target := invokeTarget{id: e.id}
	if alias, ok := x.autoPublish(e, b, p); ok {
		target = invokeTarget{id: alias, alias: true}
	}
	if u := p.get("FunctionUrlConfig"); u != nil && u.kind == nMap {
		x.add(e, e.id+"Url", "AWS::Lambda::Url", b.m(append([]any{"TargetFunctionArn", target.name(b)}, pick(u, "AuthType", "Cors", "InvokeMode")...)...))
		if auth, _ := u.get("AuthType").scalarString(); auth == "NONE" {
			x.add(e, e.id+"UrlPublicPermissions", "AWS::Lambda::Permission", b.m(
				"Action", b.str("lambda:InvokeFunctionUrl"), "FunctionName", target.name(b),
				"Principal", b.str("*"), "FunctionUrlAuthType", b.str("NONE")))
			// SAM also grants lambda:InvokeFunction for calls made through the URL.
			x.add(e, e.id+"URLInvokeAllowPublicAccess", "AWS::Lambda::Permission", b.m(
				"Action", b.str("lambda:InvokeFunction"), "FunctionName", target.name(b),
				"Principal", b.str("*"), "InvokedViaFunctionUrl", b.boolean(true)))
		}
	}
	x.events(e, target, p.get("Events"))
}

// eventSourceKey is the property of a polled event source that holds the
// ARN an event source mapping reads from.
var eventSourceKey = map[string]string{
	"SQS": "Queue", "Kinesis": "Stream", "DynamoDB": "Stream", "MSK": "Stream", "MQ": "Broker", "DocumentDB": "Cluster",
}

// invokeTarget is what a function's event sources invoke: the function, or
// the alias AutoPublishAlias creates.
type invokeTarget struct {
	id    string
	alias bool
}

// name is the target for a FunctionName property.
func (t invokeTarget) name(b samBuilder) *node { return b.ref(t.id) }

// arn is the target's ARN; an alias's Ref is its ARN.
func (t invokeTarget) arn(b samBuilder) *node {
	if t.alias {
		return b.ref(t.id)
	}
	return b.getAtt(t.id, "Arn")
}

// samDeploymentTypes are the DeploymentPreference types SAM turns into
// CodeDeploy's predefined CodeDeployDefault.Lambda<Type> configurations.
var samDeploymentTypes = map[string]bool{
	"Canary10Percent30Minutes": true, "Canary10Percent5Minutes": true, "Canary10Percent10Minutes": true,
	"Canary10Percent15Minutes": true, "Linear10PercentEvery10Minutes": true, "Linear10PercentEvery1Minute": true,
	"Linear10PercentEvery2Minutes": true, "Linear10PercentEvery3Minutes": true, "AllAtOnce": true,
}

// autoPublish generates what AutoPublishAlias creates: a version
// <Fn>Version (SAM appends a hash of the code to the ID; rampart does not,
// since a template can only name it as MyFunction.Version) and an alias
// <Fn>Alias<Name>, plus the CodeDeploy resources of a DeploymentPreference.
// It returns the alias's logical ID.
func (x *samExpansion) autoPublish(e *resEntry, b samBuilder, p *node) (string, bool) {
	a := p.get("AutoPublishAlias")
	if a == nil {
		return "", false
	}
	name, ok := x.aliasName(a)
	if !ok {
		x.st.p.diags.Notef(a.loc, "SAM: the AutoPublishAlias of %s is not known before deployment; its alias and version are not analysed", e.id)
		return "", false
	}
	versionID, aliasID := e.id+"Version", e.id+"Alias"+alnum(name)
	x.add(e, versionID, "AWS::Lambda::Version", b.m(append([]any{"FunctionName", b.ref(e.id)},
		pick(p, "VersionDescription=Description")...)...), "DeletionPolicy", b.str("Retain"))
	kv := []any{"Name", &node{kind: nString, str: name, loc: a.loc}, "FunctionName", b.ref(e.id),
		"FunctionVersion", b.getAtt(versionID, "Version")}
	kv = append(kv, pick(p, "ProvisionedConcurrencyConfig")...)
	var extra []any
	if update := x.deploymentPreference(e, b, p.get("DeploymentPreference")); update != nil {
		extra = append(extra, "UpdatePolicy", update)
	}
	x.add(e, aliasID, "AWS::Lambda::Alias", b.m(kv...), extra...)
	x.refs[e.id+".Alias"], x.refs[e.id+".Version"] = aliasID, versionID
	return aliasID, true
}

// aliasName is the AutoPublishAlias name: a string or a Ref to a parameter
// with a value, which SAM resolves when it transforms the template.
func (x *samExpansion) aliasName(a *node) (string, bool) {
	if s, ok := a.scalarString(); ok && a.kind == nString {
		return s, s != ""
	}
	if fn, arg, ok := a.single(); ok && fn == "Ref" {
		name, _ := arg.scalarString()
		if pm := x.st.params[name]; pm != nil && pm.value != nil {
			s, ok := pm.value.AsString()
			return s, ok && s != ""
		}
	}
	return "", false
}

// deploymentPreference generates <Fn>DeploymentGroup, the shared
// ServerlessDeploymentApplication and, without a Role, the shared
// CodeDeployServiceRole; it returns the alias's UpdatePolicy, or nil when
// there is no enabled preference.
func (x *samExpansion) deploymentPreference(e *resEntry, b samBuilder, dp *node) *node {
	if dp == nil || dp.kind != nMap || isCall(dp) {
		return nil
	}
	if en := dp.get("Enabled"); en != nil && en.kind == nBool && !en.b {
		return nil
	}
	if x.codeDeployApp == nil {
		x.codeDeployApp = x.addShared(e, "ServerlessDeploymentApplication", "AWS::CodeDeploy::Application",
			b.m("ComputePlatform", b.str("Lambda")))
	}
	role := dp.get("Role")
	if role == nil {
		if x.codeDeployRole == nil {
			x.codeDeployRole = x.addShared(e, "CodeDeployServiceRole", "AWS::IAM::Role", b.m(
				"AssumeRolePolicyDocument", b.trustPolicy("codedeploy.amazonaws.com"),
				"ManagedPolicyArns", b.list(b.sub("arn:${AWS::Partition}:iam::aws:policy/service-role/AWSCodeDeployRoleForLambda"))))
		}
		role = b.getAtt(x.codeDeployRole.id, "Arn")
	}
	config := dp.get("Type")
	if t, ok := config.scalarString(); ok && samDeploymentTypes[t] {
		config = &node{kind: nString, str: "CodeDeployDefault.Lambda" + t, loc: config.loc}
	}
	kv := []any{
		"ApplicationName", b.ref(x.codeDeployApp.id),
		"AutoRollbackConfiguration", b.m("Enabled", b.boolean(true), "Events", b.list(
			b.str("DEPLOYMENT_FAILURE"), b.str("DEPLOYMENT_STOP_ON_ALARM"), b.str("DEPLOYMENT_STOP_ON_REQUEST"))),
		"DeploymentConfigName", config,
		"DeploymentStyle", b.m("DeploymentType", b.str("BLUE_GREEN"), "DeploymentOption", b.str("WITH_TRAFFIC_CONTROL")),
		"ServiceRoleArn", role,
	}
	if alarms := dp.get("Alarms"); alarms != nil && alarms.kind == nList {
		var names []*node
		for _, al := range alarms.list {
			ab := samBuilder{loc: al.loc, keyLoc: al.loc}
			names = append(names, ab.m("Name", al))
		}
		kv = append(kv, "AlarmConfiguration", b.m("Alarms", b.list(names...), "Enabled", b.boolean(true)))
	}
	kv = append(kv, pick(dp, "TriggerConfigurations")...)
	groupID := e.id + "DeploymentGroup"
	x.add(e, groupID, "AWS::CodeDeploy::DeploymentGroup", b.m(kv...))
	hooks := dp.get("Hooks")
	return b.m("CodeDeployLambdaAliasUpdate", b.m(
		"ApplicationName", b.ref(x.codeDeployApp.id), "DeploymentGroupName", b.ref(groupID),
		"BeforeAllowTrafficHook", hooks.get("PreTraffic"), "AfterAllowTrafficHook", hooks.get("PostTraffic")))
}

// addShared appends a generated resource that serves several SAM resources,
// so it inherits none of their Condition, DependsOn or Metadata.
func (x *samExpansion) addShared(from *resEntry, id, typ string, props *node) *resEntry {
	b := samBuilder{loc: from.loc, keyLoc: from.keyLoc}
	e := &resEntry{id: id, keyLoc: from.keyLoc, body: b.m("Type", b.str(typ), "Properties", props), typ: typ, loc: from.loc, generated: true}
	x.out = append(x.out, e)
	return e
}

// trustPolicy is an assume-role policy for one AWS service.
func (b samBuilder) trustPolicy(service string) *node {
	return b.m("Version", b.str("2012-10-17"), "Statement", b.list(b.m(
		"Effect", b.str("Allow"),
		"Principal", b.m("Service", b.list(b.str(service))),
		"Action", b.list(b.str("sts:AssumeRole")))))
}

// code maps CodeUri, InlineCode and ImageUri to the Lambda Code property. A
// local CodeUri (uploaded by `sam package`) has no Code to map.
func (x *samExpansion) code(b samBuilder, p *node) *node {
	if ic := p.get("InlineCode"); ic != nil {
		return b.m("ZipFile", ic)
	}
	if img := p.get("ImageUri"); img != nil {
		return b.m("ImageUri", img)
	}
	cu := p.get("CodeUri")
	switch {
	case cu == nil:
		return nil
	case cu.kind == nString && strings.HasPrefix(cu.str, "s3://"):
		bucket, key, _ := strings.Cut(strings.TrimPrefix(cu.str, "s3://"), "/")
		cb := samBuilder{loc: cu.loc, keyLoc: cu.loc}
		return cb.m("S3Bucket", cb.str(bucket), "S3Key", cb.str(key))
	case cu.kind == nMap && !isCall(cu):
		return b.m(pick(cu, "Bucket=S3Bucket", "Key=S3Key", "Version=S3ObjectVersion")...)
	}
	return nil
}

// lambdaManaged lists the managed policies SAM attaches to a function role.
func (x *samExpansion) lambdaManaged(b samBuilder, p *node) []*node {
	out := []*node{b.sub("arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")}
	if p.get("VpcConfig") != nil {
		out = append(out, b.sub("arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"))
	}
	if t, _ := p.get("Tracing").scalarString(); t == "Active" {
		out = append(out, b.sub("arn:${AWS::Partition}:iam::aws:policy/AWSXrayWriteOnlyAccess"))
	}
	return out
}

// role generates the execution role SAM creates when none is given, with
// the resource's Policies as inline policies and managed policy ARNs.
func (x *samExpansion) role(e *resEntry, id, service string, p *node, managed []*node) {
	b := samBuilder{loc: e.loc, keyLoc: e.keyLoc}
	trust := b.trustPolicy(service)
	own, inline, templates := x.rolePolicies(e, id, p.get("Policies"))
	managed = append(managed, own...)
	kv := []any{"AssumeRolePolicyDocument", trust, "ManagedPolicyArns", b.list(managed...)}
	if len(inline) > 0 {
		kv = append(kv, "Policies", b.list(inline...))
	}
	kv = append(kv, pick(p, "PermissionsBoundary", "RolePath=Path")...)
	kv = append(kv, "Tags", b.tagList(p.get("Tags")))
	r := x.add(e, id, "AWS::IAM::Role", b.m(kv...))
	if templates != nil {
		r.samMeta = map[string]*graph.Value{graph.MetaSAMPolicyTemplates: templates}
	}
}

// events generates what a function's event sources create.
func (x *samExpansion) events(e *resEntry, target invokeTarget, events *node) {
	if events == nil || events.kind != nMap {
		return
	}
	for i, k := range events.keys {
		ev := events.vals[i]
		typ, _ := ev.get("Type").scalarString()
		props := ev.get("Properties")
		if props == nil {
			props = &node{kind: nMap, loc: ev.loc}
		}
		eb := samBuilder{loc: ev.loc, keyLoc: k.loc}
		name := e.id + k.name
		switch typ {
		case "Api":
			api := props.get("RestApiId")
			if api == nil {
				x.implicitRestAPI(e)
				api = eb.ref("ServerlessRestApi")
			}
			x.add(e, name+"Permission"+x.apiStageSuffix(props.get("RestApiId")), "AWS::Lambda::Permission", eb.apiInvokePermission(target.name(eb), api))
		case "HttpApi":
			api := props.get("ApiId")
			if api == nil {
				x.implicitHTTPAPI(e)
				api = eb.ref("ServerlessHttpApi")
			}
			x.add(e, name+"Permission", "AWS::Lambda::Permission", eb.apiInvokePermission(target.name(eb), api))
		case "SQS", "Kinesis", "DynamoDB", "MQ", "MSK", "DocumentDB":
			kv := []any{"FunctionName", target.name(eb), "EventSourceArn", props.get(eventSourceKey[typ])}
			kv = append(kv, pick(props, "BatchSize", "Enabled", "StartingPosition", "MaximumBatchingWindowInSeconds",
				"FilterCriteria", "DestinationConfig", "SourceAccessConfigurations", "Topics", "Queues",
				"KmsKeyArn", "ScalingConfig", "ProvisionedPollerConfig")...)
			if typ == "DocumentDB" {
				kv = append(kv, "DocumentDBEventSourceConfig", eb.m(pick(props, "DatabaseName", "CollectionName", "FullDocument")...))
			}
			x.add(e, name, "AWS::Lambda::EventSourceMapping", eb.m(kv...))
		case "Schedule", "EventBridgeRule", "CloudWatchEvent":
			kv := []any{"Targets", eb.list(eb.m(append([]any{"Arn", target.arn(eb), "Id", eb.str(name + "LambdaTarget")},
				pick(props, "Input", "InputPath", "InputTransformer")...)...))}
			kv = append(kv, pick(props, "Schedule=ScheduleExpression", "Pattern=EventPattern", "EventBusName",
				"Description", "Name", "RuleName=Name")...)
			kv = append(kv, "State", eventState(eb, props))
			x.add(e, name, "AWS::Events::Rule", eb.m(kv...))
			x.add(e, name+"Permission", "AWS::Lambda::Permission", eb.invokePermission(target.name(eb),
				"events.amazonaws.com", "SourceArn", eb.getAtt(name, "Arn")))
		case "ScheduleV2":
			x.scheduleV2(e, eb, name, target, props)
		case "SNS":
			x.add(e, name, "AWS::SNS::Subscription", eb.m(
				"Endpoint", target.arn(eb), "Protocol", eb.str("lambda"), "TopicArn", props.get("Topic")))
			x.add(e, name+"Permission", "AWS::Lambda::Permission", eb.invokePermission(target.name(eb),
				"sns.amazonaws.com", "SourceArn", props.get("Topic")))
		case "S3":
			// SAM also adds the notification to the bucket's
			// NotificationConfiguration; rampart leaves the bucket as written.
			x.add(e, name+"Permission", "AWS::Lambda::Permission", eb.invokePermission(target.name(eb),
				"s3.amazonaws.com", "SourceAccount", eb.ref("AWS::AccountId")))
		default:
			x.st.p.diags.Notef(k.loc, "SAM event %s of type %s is not expanded", k.name, typ)
		}
	}
}

func (x *samExpansion) implicitRestAPI(e *resEntry) {
	if x.restAPI != nil {
		return
	}
	props := &node{kind: nMap, loc: e.loc}
	if g := x.globals.get("Api"); g != nil && g.kind == nMap {
		props = mergeGlobals(g, props)
	}
	x.restAPI = &resEntry{id: "ServerlessRestApi", keyLoc: e.keyLoc, loc: e.loc, body: &node{kind: nMap, loc: e.loc}}
	x.restAPIResources(x.restAPI, props)
}

func (x *samExpansion) implicitHTTPAPI(e *resEntry) {
	if x.httpAPI != nil {
		return
	}
	props := &node{kind: nMap, loc: e.loc}
	if g := x.globals.get("HttpApi"); g != nil && g.kind == nMap {
		props = mergeGlobals(g, props)
	}
	x.httpAPI = &resEntry{id: "ServerlessHttpApi", keyLoc: e.keyLoc, loc: e.loc, body: &node{kind: nMap, loc: e.loc}}
	x.httpAPIResources(x.httpAPI, props)
}

// restAPIResources generates a RestApi, its Deployment and its Stage.
func (x *samExpansion) restAPIResources(e *resEntry, p *node) {
	b := samBuilder{loc: e.loc, keyLoc: e.keyLoc}
	kv := pick(p, "Name", "DefinitionBody=Body", "BinaryMediaTypes", "MinimumCompressionSize", "Mode", "DisableExecuteApiEndpoint", "ApiKeySourceType", "Policy")
	if uri := p.get("DefinitionUri"); uri != nil && uri.kind == nMap {
		kv = append(kv, "BodyS3Location", uri)
	}
	if ec := p.get("EndpointConfiguration"); ec != nil {
		if ec.kind == nString {
			ec = b.m("Types", b.list(ec))
		} else if ec.kind == nMap && ec.get("Type") != nil {
			ec = b.m("Types", b.list(ec.get("Type")), "VpcEndpointIds", ec.get("VPCEndpointIds"))
		}
		kv = append(kv, "EndpointConfiguration", ec)
	}
	x.add(e, e.id, "AWS::ApiGateway::RestApi", b.m(kv...))
	x.authorizerPermissions(e, p.get("Auth"), false)
	stage := p.get("StageName")
	if stage == nil {
		stage = b.str("Prod")
	}
	x.add(e, e.id+"Deployment", "AWS::ApiGateway::Deployment", b.m("RestApiId", b.ref(e.id), "StageName", b.str("Stage")))
	skv := []any{"RestApiId", b.ref(e.id), "DeploymentId", b.ref(e.id + "Deployment"), "StageName", stage}
	skv = append(skv, pick(p, "MethodSettings", "AccessLogSetting", "TracingEnabled", "CacheClusterEnabled", "CacheClusterSize", "Variables", "CanarySetting")...)
	skv = append(skv, "Tags", b.tagList(p.get("Tags")))
	stageID := stageLogicalID(e.id, stage, false)
	x.add(e, stageID, "AWS::ApiGateway::Stage", b.m(skv...))
	x.refs[e.id+".Stage"], x.refs[e.id+".Deployment"] = stageID, e.id+"Deployment"
}

// authorizerPermissions generates <Api><Name>AuthorizerPermission, which
// lets API Gateway invoke the function of a Lambda authorizer: for every one
// of a REST API, for those of an HTTP API that set
// EnableFunctionDefaultPermissions.
func (x *samExpansion) authorizerPermissions(e *resEntry, auth *node, http bool) {
	authorizers := auth.get("Authorizers")
	if authorizers == nil || authorizers.kind != nMap {
		return
	}
	for i, k := range authorizers.keys {
		a := authorizers.vals[i]
		fn := a.get("FunctionArn")
		if fn == nil {
			continue // a Cognito, JWT or IAM authorizer
		}
		if en := a.get("EnableFunctionDefaultPermissions"); http && (en == nil || en.kind != nBool || !en.b) {
			continue
		}
		ab := samBuilder{loc: a.loc, keyLoc: k.loc}
		source := ab.m("Fn::Sub", ab.list(
			ab.str("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/authorizers/*"),
			ab.m("__ApiId__", ab.ref(e.id))))
		x.add(e, e.id+k.name+"AuthorizerPermission", "AWS::Lambda::Permission",
			ab.invokePermission(fn, "apigateway.amazonaws.com", "SourceArn", source))
	}
}

// stageLogicalID names an API's stage as SAM does: <Api><Name>Stage for an
// alphanumeric name, <Api>ApiGatewayDefaultStage for an HTTP API's
// $default, <Api>Stage for a name given by a function, and otherwise
// <Api>Stage followed by the first 10 hex digits of the SHA-1 of the name.
func stageLogicalID(api string, stage *node, http bool) string {
	name, ok := stage.scalarString()
	switch {
	case !ok || stage.kind != nString || name == "":
		return api + "Stage"
	case name == alnum(name):
		return api + name + "Stage"
	case http && name == "$default":
		return api + "ApiGatewayDefaultStage"
	}
	sum := sha1.Sum([]byte(name))
	return api + "Stage" + hex.EncodeToString(sum[:])[:10]
}

// httpAPIResources generates an HTTP API and its $default stage.
func (x *samExpansion) httpAPIResources(e *resEntry, p *node) {
	b := samBuilder{loc: e.loc, keyLoc: e.keyLoc}
	kv := []any{"ProtocolType", b.str("HTTP")}
	kv = append(kv, pick(p, "Name", "DefinitionBody=Body", "DisableExecuteApiEndpoint", "Description")...)
	if cors := p.get("CorsConfiguration"); cors != nil && cors.kind == nMap {
		kv = append(kv, "CorsConfiguration", cors)
	}
	if tags := p.get("Tags"); tags != nil {
		kv = append(kv, "Tags", tags)
	}
	x.add(e, e.id, "AWS::ApiGatewayV2::Api", b.m(kv...))
	x.authorizerPermissions(e, p.get("Auth"), true)
	stage := p.get("StageName")
	if stage == nil {
		stage = b.str("$default")
	}
	stageID := stageLogicalID(e.id, stage, true)
	skv := []any{"ApiId", b.ref(e.id), "StageName", stage, "AutoDeploy", b.boolean(true)}
	skv = append(skv, pick(p, "AccessLogSettings", "DefaultRouteSettings", "RouteSettings", "StageVariables")...)
	x.add(e, stageID, "AWS::ApiGatewayV2::Stage", b.m(skv...))
	x.refs[e.id+".Stage"] = stageID
}

// simpleTable maps SimpleTable to a DynamoDB table with SAM's defaults: a
// String primary key named "id" and on-demand billing unless
// ProvisionedThroughput is given.
func (x *samExpansion) simpleTable(e *resEntry) {
	b := samBuilder{loc: e.loc, keyLoc: e.keyLoc}
	p := x.props(e, "SimpleTable")
	name, typ := b.str("id"), "S"
	if pk := p.get("PrimaryKey"); pk != nil && pk.kind == nMap {
		if n := pk.get("Name"); n != nil {
			name = n
		}
		if t, ok := pk.get("Type").scalarString(); ok {
			switch t {
			case "Number":
				typ = "N"
			case "Binary":
				typ = "B"
			}
		}
	}
	kv := []any{
		"AttributeDefinitions", b.list(b.m("AttributeName", name, "AttributeType", b.str(typ))),
		"KeySchema", b.list(b.m("AttributeName", name, "KeyType", b.str("HASH"))),
	}
	if pt := p.get("ProvisionedThroughput"); pt != nil {
		kv = append(kv, "ProvisionedThroughput", pt)
	} else {
		kv = append(kv, "BillingMode", b.str("PAY_PER_REQUEST"))
	}
	kv = append(kv, pick(p, "SSESpecification", "TableName", "PointInTimeRecoverySpecification")...)
	kv = append(kv, "Tags", b.tagList(p.get("Tags")))
	x.add(e, e.id, "AWS::DynamoDB::Table", b.m(kv...))
}

func (x *samExpansion) layer(e *resEntry) {
	b := samBuilder{loc: e.loc, keyLoc: e.keyLoc}
	p := x.props(e, "LayerVersion")
	kv := pick(p, "LayerName", "Description", "CompatibleRuntimes", "CompatibleArchitectures", "LicenseInfo")
	if cu := p.get("ContentUri"); cu != nil {
		switch {
		case cu.kind == nString && strings.HasPrefix(cu.str, "s3://"):
			bucket, key, _ := strings.Cut(strings.TrimPrefix(cu.str, "s3://"), "/")
			kv = append(kv, "Content", b.m("S3Bucket", b.str(bucket), "S3Key", b.str(key)))
		case cu.kind == nMap && !isCall(cu):
			kv = append(kv, "Content", b.m(pick(cu, "Bucket=S3Bucket", "Key=S3Key", "Version=S3ObjectVersion")...))
		}
	}
	var extra []any
	if r, ok := p.get("RetentionPolicy").scalarString(); ok && strings.EqualFold(r, "Retain") {
		extra = append(extra, "DeletionPolicy", b.str("Retain"))
	}
	x.add(e, e.id, "AWS::Lambda::LayerVersion", b.m(kv...), extra...)
}

func (x *samExpansion) stateMachine(e *resEntry) {
	b := samBuilder{loc: e.loc, keyLoc: e.keyLoc}
	p := x.props(e, "StateMachine")
	kv := pick(p, "Definition", "DefinitionUri=DefinitionS3Location", "DefinitionSubstitutions",
		"Logging=LoggingConfiguration", "Name=StateMachineName", "Tracing=TracingConfiguration", "Type=StateMachineType")
	kv = append(kv, "Tags", b.tagList(p.get("Tags")))
	if role := p.get("Role"); role != nil {
		kv = append(kv, "RoleArn", role)
	} else {
		roleID := e.id + "Role"
		kv = append(kv, "RoleArn", b.getAtt(roleID, "Arn"))
		x.role(e, roleID, "states.amazonaws.com", p, nil)
	}
	x.add(e, e.id, "AWS::StepFunctions::StateMachine", b.m(kv...))
	x.stateMachineEvents(e, p.get("Events"))
}

// stateMachineEvents generates what a state machine's event sources
// create: a rule or an API method, and the role <SM><Event>Role it assumes
// to start executions.
func (x *samExpansion) stateMachineEvents(e *resEntry, events *node) {
	if events == nil || events.kind != nMap {
		return
	}
	for i, k := range events.keys {
		ev := events.vals[i]
		typ, _ := ev.get("Type").scalarString()
		props := ev.get("Properties")
		if props == nil {
			props = &node{kind: nMap, loc: ev.loc}
		}
		eb := samBuilder{loc: ev.loc, keyLoc: k.loc}
		name := e.id + k.name
		switch typ {
		case "Schedule", "EventBridgeRule", "CloudWatchEvent":
			x.startExecutionRole(e, eb, name+"Role", "events.amazonaws.com")
			tkv := []any{"Arn", eb.ref(e.id), "Id", eb.str(name + "StepFunctionsTarget"), "RoleArn", eb.getAtt(name+"Role", "Arn")}
			tkv = append(tkv, pick(props, "Input", "InputPath", "InputTransformer")...)
			kv := []any{"Targets", eb.list(eb.m(tkv...))}
			kv = append(kv, pick(props, "Schedule=ScheduleExpression", "Pattern=EventPattern", "EventBusName",
				"Description", "Name", "RuleName=Name")...)
			kv = append(kv, "State", eventState(eb, props))
			x.add(e, name, "AWS::Events::Rule", eb.m(kv...))
		case "Api":
			if props.get("RestApiId") == nil {
				x.implicitRestAPI(e)
			}
			x.startExecutionRole(e, eb, name+"Role", "apigateway.amazonaws.com")
		default:
			x.st.p.diags.Notef(k.loc, "SAM event %s of type %s is not expanded", k.name, typ)
		}
	}
}

// startExecutionRole generates the role a service assumes to start
// executions of state machine e.
func (x *samExpansion) startExecutionRole(e *resEntry, b samBuilder, id, service string) {
	policy := b.m("Statement", b.list(b.m(
		"Action", b.str("states:StartExecution"), "Effect", b.str("Allow"), "Resource", b.ref(e.id))))
	x.add(e, id, "AWS::IAM::Role", b.m(
		"AssumeRolePolicyDocument", b.trustPolicy(service),
		"Policies", b.list(b.m("PolicyName", b.str(id+"StartExecutionPolicy"), "PolicyDocument", policy))))
}

// apiStageSuffix ends the logical ID of an Api event's permission as SAM
// does: Prod for the implicit API, the StageName of an API of the template
// that RestApiId names (Stage when it is not a literal), AllStages when
// RestApiId names no resource of the template.
func (x *samExpansion) apiStageSuffix(api *node) string {
	if api == nil {
		return "Prod"
	}
	name, ok := api.scalarString()
	if fn, arg, call := api.single(); call && fn == "Ref" {
		name, ok = arg.scalarString()
	}
	target := x.st.res[name]
	if !ok || target == nil {
		return "AllStages"
	}
	if stage := target.body.get("Properties").get("StageName"); stage != nil && stage.kind == nString && stage.str != "" {
		return stage.str
	}
	return "Stage"
}

// eventState is an event rule's State: State, else ENABLED or DISABLED
// from Enabled, else nothing (the rule is enabled).
func eventState(b samBuilder, props *node) *node {
	if st := props.get("State"); st != nil {
		return st
	}
	en := props.get("Enabled")
	if en == nil || en.kind != nBool {
		return en
	}
	state := "ENABLED"
	if !en.b {
		state = "DISABLED"
	}
	return &node{kind: nString, str: state, loc: en.loc}
}

// scheduleV2 generates an EventBridge Scheduler schedule and, without a
// RoleArn, the role <Fn><Event>Role it assumes to invoke the function.
func (x *samExpansion) scheduleV2(e *resEntry, b samBuilder, name string, target invokeTarget, props *node) {
	role := props.get("RoleArn")
	if role == nil {
		role = b.getAtt(name+"Role", "Arn")
		policy := b.m("Statement", b.list(b.m(
			"Action", b.str("lambda:InvokeFunction"), "Effect", b.str("Allow"), "Resource", target.arn(b))))
		x.add(e, name+"Role", "AWS::IAM::Role", b.m(
			"AssumeRolePolicyDocument", b.trustPolicy("scheduler.amazonaws.com"),
			"Policies", b.list(b.m("PolicyName", b.str(name+"LambdaPolicy"), "PolicyDocument", policy)),
			"PermissionsBoundary", props.get("PermissionsBoundary")))
	}
	tkv := append([]any{"Arn", target.arn(b), "RoleArn", role}, pick(props, "Input", "RetryPolicy", "DeadLetterConfig")...)
	kv := []any{"ScheduleExpression", props.get("ScheduleExpression"),
		"FlexibleTimeWindow", props.get("FlexibleTimeWindow"), "Name", props.get("Name"), "Target", b.m(tkv...)}
	if props.get("FlexibleTimeWindow") == nil {
		kv[3] = b.m("Mode", b.str("OFF"))
	}
	if props.get("Name") == nil {
		kv[5] = b.str(name)
	}
	kv = append(kv, pick(props, "State", "Description", "StartDate", "EndDate", "ScheduleExpressionTimezone", "GroupName", "KmsKeyArn")...)
	x.add(e, name, "AWS::Scheduler::Schedule", b.m(kv...))
}

// invokePermission is the AWS::Lambda::Permission SAM creates so that an
// AWS service may invoke function fn, limited by a source (SourceArn or
// SourceAccount).
func (b samBuilder) invokePermission(fn *node, principal, sourceKey string, source *node) *node {
	return b.m("Action", b.str("lambda:InvokeFunction"), "FunctionName", fn, "Principal", b.str(principal), sourceKey, source)
}

// apiInvokePermission is the AWS::Lambda::Permission SAM creates so that an
// API Gateway API (REST or HTTP) may invoke function fn.
func (b samBuilder) apiInvokePermission(fn, api *node) *node {
	return b.m(
		"Action", b.str("lambda:InvokeFunction"), "FunctionName", fn,
		"Principal", b.str("apigateway.amazonaws.com"),
		"SourceArn", b.m("Fn::Sub", b.list(b.str("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/*"), b.m("__ApiId__", api))))
}
