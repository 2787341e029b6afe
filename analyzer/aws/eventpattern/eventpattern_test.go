package eventpattern

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/aws/tristate"
)

var varying = tristate.Varying{}

// apiCall is a CloudTrail management event as EventBridge delivers it
// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event.html):
// source aws.<service>, detail-type "AWS API Call via CloudTrail", the
// CloudTrail record as detail.
func apiCall(service, name string, identity any) map[string]any {
	return map[string]any{
		"version":     "0",
		"id":          varying,
		"detail-type": "AWS API Call via CloudTrail",
		"source":      "aws." + service,
		"account":     varying,
		"time":        varying,
		"region":      varying,
		"resources":   []any{},
		"detail": map[string]any{
			"eventVersion":      varying,
			"userIdentity":      identity,
			"eventSource":       service + ".amazonaws.com",
			"eventName":         name,
			"awsRegion":         varying,
			"sourceIPAddress":   varying,
			"requestParameters": varying,
			"readOnly":          false,
			"eventType":         "AwsApiCall",
			"managementEvent":   true,
			"tags":              []any{"a", "b"},
			"count":             3.0,
			"nothing":           nil,
			"ip":                "10.1.2.3",
		},
	}
}

var (
	root = map[string]any{"type": "Root", "principalId": varying, "arn": varying, "accountId": varying}

	sgIngress = apiCall("ec2", "AuthorizeSecurityGroupIngress", varying)
	stopLog   = apiCall("cloudtrail", "StopLogging", varying)
	rootCall  = apiCall("iam", "CreateAccessKey", root)
	rootLogin = func() map[string]any {
		e := apiCall("signin", "ConsoleLogin", root)
		e["detail-type"] = "AWS Console Sign In via CloudTrail"
		e["detail"].(map[string]any)["eventType"] = "AwsConsoleSignIn"
		return e
	}()
)

func parse(t *testing.T, src string) *Pattern {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(src), &v); err != nil {
		t.Fatalf("bad test JSON %s: %v", src, err)
	}
	p, err := Parse(v)
	if err != nil {
		t.Fatalf("Parse(%s): %v", src, err)
	}
	return p
}

func TestMatch(t *testing.T) {
	Y, N, M := tristate.Yes, tristate.No, tristate.Maybe
	tests := []struct {
		name    string
		pattern string
		event   map[string]any
		want    tristate.Truth
	}{
		// Patterns as AWS samples and public baseline templates write them.
		{"security group changes", `{"source":["aws.ec2"],"detail-type":["AWS API Call via CloudTrail"],"detail":{"eventSource":["ec2.amazonaws.com"],"eventName":["AuthorizeSecurityGroupIngress","AuthorizeSecurityGroupEgress","RevokeSecurityGroupIngress","RevokeSecurityGroupEgress","CreateSecurityGroup","DeleteSecurityGroup"]}}`, sgIngress, Y},
		{"CloudTrail changes", `{"source":["aws.cloudtrail"],"detail-type":["AWS API Call via CloudTrail"],"detail":{"eventSource":["cloudtrail.amazonaws.com"],"eventName":["StopLogging","DeleteTrail","UpdateTrail"]}}`, stopLog, Y},
		{"CloudTrail changes miss SG", `{"source":["aws.cloudtrail"],"detail":{"eventName":["StopLogging"]}}`, sgIngress, N},
		{"root activity", `{"detail-type":["AWS API Call via CloudTrail","AWS Console Sign In via CloudTrail"],"detail":{"userIdentity":{"type":["Root"]}}}`, rootCall, Y},
		{"root activity: sign-in", `{"detail-type":["AWS API Call via CloudTrail","AWS Console Sign In via CloudTrail"],"detail":{"userIdentity":{"type":["Root"]}}}`, rootLogin, Y},
		{"root activity: identity varies", `{"detail":{"userIdentity":{"type":["Root"]}}}`, sgIngress, M},
		{"root sign-in only", `{"detail-type":["AWS Console Sign In via CloudTrail"],"detail":{"userIdentity":{"type":["Root"]}}}`, rootCall, N},
		{"source only", `{"source":["aws.ec2"]}`, sgIngress, Y},
		{"nested field absent", `{"detail":{"errorCode":["AccessDenied"]}}`, sgIngress, N},
		{"nested object absent", `{"detail":{"additionalEventData":{"MFAUsed":["No"]}}}`, sgIngress, N},
		{"prefix", `{"detail":{"eventName":[{"prefix":"Authorize"}]}}`, sgIngress, Y},
		{"prefix misses", `{"detail":{"eventName":[{"prefix":"Revoke"}]}}`, sgIngress, N},
		{"prefix ignoring case", `{"detail":{"eventName":[{"prefix":{"equals-ignore-case":"authorize"}}]}}`, sgIngress, Y},
		{"suffix", `{"detail":{"eventName":[{"suffix":"GroupIngress"}]}}`, sgIngress, Y},
		{"suffix ignoring case", `{"detail":{"eventName":[{"suffix":{"equals-ignore-case":"groupingress"}}]}}`, sgIngress, Y},
		{"equals-ignore-case", `{"detail":{"eventName":[{"equals-ignore-case":"AUTHORIZESECURITYGROUPINGRESS"}]}}`, sgIngress, Y},
		{"wildcard", `{"detail":{"eventName":[{"wildcard":"*SecurityGroup*"}]}}`, sgIngress, Y},
		{"wildcard misses", `{"detail":{"eventName":[{"wildcard":"Delete*"}]}}`, sgIngress, N},
		{"escaped star", `{"detail":{"eventName":[{"wildcard":"Authorize\\*"}]}}`, sgIngress, N},
		{"anything-but", `{"detail":{"eventName":[{"anything-but":"CreateUser"}]}}`, sgIngress, Y},
		{"anything-but list", `{"detail":{"eventName":[{"anything-but":["CreateUser","AuthorizeSecurityGroupIngress"]}]}}`, sgIngress, N},
		{"anything-but prefix", `{"detail":{"eventName":[{"anything-but":{"prefix":"Describe"}}]}}`, sgIngress, Y},
		{"anything-but suffix", `{"detail":{"eventName":[{"anything-but":{"suffix":"Ingress"}}]}}`, sgIngress, N},
		{"anything-but wildcard", `{"detail":{"eventName":[{"anything-but":{"wildcard":"*Egress"}}]}}`, sgIngress, Y},
		{"anything-but ignoring case", `{"detail":{"eventName":[{"anything-but":{"equals-ignore-case":["authorizesecuritygroupingress"]}}]}}`, sgIngress, N},
		{"anything-but on an absent field", `{"detail":{"errorCode":[{"anything-but":"AccessDenied"}]}}`, sgIngress, N},
		{"anything-but on a varying field", `{"detail":{"sourceIPAddress":[{"anything-but":"10.0.0.1"}]}}`, sgIngress, M},
		{"exists true", `{"detail":{"eventName":[{"exists":true}]}}`, sgIngress, Y},
		{"exists false of absent", `{"detail":{"errorCode":[{"exists":false}]}}`, sgIngress, Y},
		{"exists false under an absent object", `{"detail":{"additionalEventData":{"MFAUsed":[{"exists":false}]}}}`, sgIngress, Y},
		{"exists false of present", `{"detail":{"eventName":[{"exists":false}]}}`, sgIngress, N},
		{"exists false under a varying object", `{"detail":{"userIdentity":{"invokedBy":[{"exists":false}]}}}`, sgIngress, M},
		{"exists true of a varying field", `{"detail":{"sourceIPAddress":[{"exists":true}]}}`, sgIngress, Y},
		{"exists on an object is false", `{"detail":[{"exists":true}]}`, sgIngress, N},
		{"root, not a service", `{"detail":{"userIdentity":{"type":["Root"],"invokedBy":[{"exists":false}]},"eventType":[{"anything-but":"AwsServiceEvent"}]}}`, rootCall, Y},
		{"numeric range", `{"detail":{"count":[{"numeric":[">",0,"<=",5]}]}}`, sgIngress, Y},
		{"numeric range misses", `{"detail":{"count":[{"numeric":[">=",4]}]}}`, sgIngress, N},
		{"numeric equal", `{"detail":{"count":[{"numeric":["=",3]}]}}`, sgIngress, Y},
		{"numeric on a string", `{"detail":{"eventName":[{"numeric":[">",0]}]}}`, sgIngress, N},
		{"exact number", `{"detail":{"count":[3]}}`, sgIngress, Y},
		{"string is not a number", `{"detail":{"count":["3"]}}`, sgIngress, N},
		{"boolean", `{"detail":{"readOnly":[false]}}`, sgIngress, Y},
		{"null", `{"detail":{"nothing":[null]}}`, sgIngress, Y},
		{"null of absent", `{"detail":{"errorCode":[null]}}`, sgIngress, N},
		{"array value, one element", `{"detail":{"tags":["b"]}}`, sgIngress, Y},
		{"array value, none", `{"detail":{"tags":["c"]}}`, sgIngress, N},
		{"cidr", `{"detail":{"ip":[{"cidr":"10.0.0.0/8"}]}}`, sgIngress, Y},
		{"cidr misses", `{"detail":{"ip":[{"cidr":"192.168.0.0/16"}]}}`, sgIngress, N},
		{"varying account", `{"account":["123456789012"],"source":["aws.ec2"]}`, sgIngress, M},
		{"varying account, other source", `{"account":["123456789012"],"source":["aws.iam"]}`, sgIngress, N},
		{"$or", `{"source":["aws.ec2"],"$or":[{"detail":{"eventName":["CreateSecurityGroup"]}},{"detail":{"eventName":[{"prefix":"Authorize"}]}}]}`, sgIngress, Y},
		{"$or none", `{"$or":[{"source":["aws.iam"]},{"source":["aws.s3"]}]}`, sgIngress, N},
		{"$or nested", `{"detail":{"$or":[{"eventName":["X"]},{"eventSource":["ec2.amazonaws.com"]}]}}`, sgIngress, Y},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parse(t, tt.pattern).Match(tt.event); got != tt.want {
				t.Errorf("Match(%s) = %v, want %v", tt.pattern, got, tt.want)
			}
		})
	}
}

// A pattern value the template does not know makes the match Maybe, unless
// the rest of the pattern already rules the event out.
func TestUnknownValues(t *testing.T) {
	u := tristate.Unknown{Reason: "a parameter"}
	tests := []struct {
		name    string
		pattern map[string]any
		want    tristate.Truth
	}{
		{"unknown element", map[string]any{"detail": map[string]any{"eventName": []any{u}}}, tristate.Maybe},
		{"unknown element beside a match", map[string]any{"detail": map[string]any{"eventName": []any{u, "AuthorizeSecurityGroupIngress"}}}, tristate.Yes},
		{"unknown list", map[string]any{"account": u, "source": []any{"aws.ec2"}}, tristate.Maybe},
		{"unknown list, other source", map[string]any{"account": u, "source": []any{"aws.iam"}}, tristate.No},
		{"unknown filter argument", map[string]any{"source": []any{map[string]any{"prefix": u}}}, tristate.Maybe},
		{"unknown in anything-but", map[string]any{"source": []any{map[string]any{"anything-but": []any{"aws.iam", u}}}}, tristate.Maybe},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse(tt.pattern)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.Match(sgIngress); got != tt.want {
				t.Errorf("Match = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ pattern, want string }{
		{`[]`, "expected an object"},
		{`{}`, "empty pattern"},
		{`{"source":"aws.ec2"}`, "must be in a list"},
		{`{"source":[]}`, "empty list"},
		{`{"source":[["aws.ec2"]]}`, "unexpected a list"},
		{`{"source":[{"prefix":"a","suffix":"b"}]}`, "exactly one operator"},
		{`{"source":[{"contains":"ec2"}]}`, `unknown filter "contains"`},
		{`{"source":[{"prefix":3}]}`, "prefix needs a string"},
		{`{"source":[{"exists":"yes"}]}`, "exists needs true or false"},
		{`{"detail":{"n":[{"numeric":[">"]}]}}`, "numeric needs"},
		{`{"detail":{"n":[{"numeric":["!=",3]}]}}`, "unknown numeric operator"},
		{`{"detail":{"n":[{"anything-but":{"numeric":[">",1]}}]}}`, "anything-but takes"},
		{`{"detail":{"n":[{"anything-but":[true]}]}}`, "anything-but lists"},
		{`{"detail":{"ip":[{"cidr":"nope"}]}}`, "cidr needs a CIDR"},
		{`{"$or":[{"source":["aws.ec2"]}]}`, "at least two"},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			var v any
			if err := json.Unmarshal([]byte(tt.pattern), &v); err != nil {
				t.Fatal(err)
			}
			_, err := Parse(v)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse(%s) error = %v, want one containing %q", tt.pattern, err, tt.want)
			}
		})
	}
}
