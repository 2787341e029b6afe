package cloudformation

import (
	"maps"
	"slices"
	"strings"
)

// samGlobalProperties are the properties each section of a SAM template's
// Globals may set, as the SAM transform (samtranslator 1.110,
// plugins/globals) accepts them; it rejects a template with any other
// section or property. Function omits what names or wires one function
// (FunctionName, Role, Policies, Events); Api omits DefinitionBody and
// StageName.
var samGlobalProperties = map[string][]string{
	"Function": {
		"Handler", "Runtime", "CodeUri", "DeadLetterQueue", "Description", "MemorySize", "Timeout",
		"VpcConfig", "Environment", "Tags", "PropagateTags", "Tracing", "KmsKeyArn", "AutoPublishAlias",
		"AutoPublishAliasAllProperties", "Layers", "DeploymentPreference", "RolePath",
		"PermissionsBoundary", "ReservedConcurrentExecutions", "ProvisionedConcurrencyConfig",
		"AssumeRolePolicyDocument", "EventInvokeConfig", "FileSystemConfigs", "CodeSigningConfigArn",
		"Architectures", "SnapStart", "EphemeralStorage", "FunctionUrlConfig", "RuntimeManagementConfig",
		"LoggingConfig", "RecursiveLoop", "SourceKMSKeyArn", "TenancyConfig", "DurableConfig",
		"CapacityProviderConfig", "FunctionScalingConfig", "PublishToLatestPublished",
		"VersionDeletionPolicy",
	},
	"Api": {
		"Auth", "Name", "DefinitionUri", "CacheClusterEnabled", "CacheClusterSize", "MergeDefinitions",
		"Variables", "EndpointConfiguration", "MethodSettings", "BinaryMediaTypes",
		"MinimumCompressionSize", "Cors", "GatewayResponses", "AccessLogSetting", "CanarySetting",
		"TracingEnabled", "OpenApiVersion", "Domain", "AlwaysDeploy", "PropagateTags", "SecurityPolicy",
		"EndpointAccessMode",
	},
	"HttpApi": {
		"Auth", "AccessLogSettings", "StageVariables", "Tags", "CorsConfiguration",
		"DefaultRouteSettings", "Domain", "RouteSettings", "FailOnWarnings", "PropagateTags",
	},
	"SimpleTable":  {"SSESpecification"},
	"StateMachine": {"PropagateTags"},
	"LayerVersion": {"PublishLambdaVersion"},
	"CapacityProvider": {
		"VpcConfig", "OperatorRole", "Tags", "InstanceRequirements", "ScalingConfig", "KmsKeyArn",
		"PropagateTags",
	},
	"WebSocketApi": {
		"AccessLogSettings", "ApiKeySelectionExpression", "DefaultRouteSettings",
		"DisableExecuteApiEndpoint", "DisableSchemaValidation", "Domain", "FailOnWarnings",
		"IpAddressType", "PropagateTags", "RouteSelectionExpression", "RouteSettings", "StageVariables",
		"Tags",
	},
}

// checkGlobals validates a SAM template's Globals section as the SAM
// transform does, reporting each error at its key. It returns the section
// when it is valid and nil otherwise: the transform fails the whole
// template, so nothing of an invalid section is merged.
func (st *stack) checkGlobals(globals *node) *node {
	if globals == nil {
		return nil
	}
	if globals.kind != nMap {
		st.p.errorf(globals.loc, "SAM: Globals must be a map of sections, got %s", globals.kindName())
		return nil
	}
	valid := true
	for i, k := range globals.keys {
		allowed, known := samGlobalProperties[k.name]
		if !known {
			st.p.errorf(k.loc, "SAM: Globals section %q is not supported; it must be one of %s",
				k.name, strings.Join(slices.Sorted(maps.Keys(samGlobalProperties)), ", "))
			valid = false
			continue
		}
		section := globals.vals[i]
		if section.kind != nMap {
			st.p.errorf(section.loc, "SAM: Globals section %s must be a map of properties, got %s", k.name, section.kindName())
			valid = false
			continue
		}
		for _, p := range section.keys {
			if !slices.Contains(allowed, p.name) {
				st.p.errorf(p.loc, "SAM: %s is not a property Globals may set for %s; it must be set on each resource",
					p.name, k.name)
				valid = false
			}
		}
	}
	if !valid {
		return nil
	}
	return globals
}
