package logpattern

import (
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/aws/tristate"
)

var varying = tristate.Varying{}

// CloudTrail records as CloudTrail delivers them to CloudWatch Logs
// (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html),
// with the per-call values varying.
func apiCall(source, name string, identity any) map[string]any {
	return map[string]any{
		"eventVersion":       varying,
		"userIdentity":       identity,
		"eventTime":          varying,
		"eventSource":        source,
		"eventName":          name,
		"awsRegion":          varying,
		"sourceIPAddress":    varying,
		"userAgent":          varying,
		"requestParameters":  varying,
		"responseElements":   varying,
		"requestID":          varying,
		"eventID":            varying,
		"readOnly":           false,
		"eventType":          "AwsApiCall",
		"managementEvent":    true,
		"recipientAccountId": varying,
		"eventCategory":      "Management",
		"resources":          []any{map[string]any{"ARN": varying, "accountId": varying}},
		"latency":            42.0,
		"nothing":            nil,
	}
}

var (
	root = map[string]any{"type": "Root", "principalId": varying, "arn": varying, "accountId": varying, "accessKeyId": varying}

	sgIngress  = apiCall("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", varying)
	createUser = apiCall("iam.amazonaws.com", "CreateUser", varying)
	stopLog    = apiCall("cloudtrail.amazonaws.com", "StopLogging", varying)
	rootCall   = apiCall("iam.amazonaws.com", "CreateAccessKey", root)
	rootLogin  = func() map[string]any {
		e := apiCall("signin.amazonaws.com", "ConsoleLogin", root)
		e["eventType"] = "AwsConsoleSignIn"
		e["additionalEventData"] = map[string]any{"MFAUsed": varying}
		return e
	}()
	byService = func() map[string]any {
		e := apiCall("iam.amazonaws.com", "CreateUser", map[string]any{"type": "Root", "invokedBy": "cloudformation.amazonaws.com"})
		e["eventType"] = "AwsServiceEvent"
		return e
	}()
)

// Patterns published with the CIS AWS Foundations Benchmark (v1.4–v3.0,
// section 4 / 3) and AWS Security Hub controls CloudWatch.1–14.
const (
	cisRoot         = `{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`
	cisIAM          = `{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}`
	cisTrail        = `{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }`
	cisSG           = `{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }`
	cisNoMFA        = `{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }`
	cisUnauthorized = `{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }`
	cisKMS          = `{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion))}`
)

func TestMatch(t *testing.T) {
	Y, N, M := tristate.Yes, tristate.No, tristate.Maybe
	tests := []struct {
		name    string
		pattern string
		event   map[string]any
		want    tristate.Truth
	}{
		{"CIS root: API call", cisRoot, rootCall, Y},
		{"CIS root: console sign-in", cisRoot, rootLogin, Y},
		{"CIS root: invoked by a service", cisRoot, byService, N},
		{"CIS root: IAM user (varying identity)", cisRoot, createUser, M},
		{"CIS IAM: CreateUser is not in the list", cisIAM, createUser, N},
		{"CIS IAM: PutRolePolicy", cisIAM, apiCall("iam.amazonaws.com", "PutRolePolicy", varying), Y},
		{"CIS CloudTrail", cisTrail, stopLog, Y},
		{"CIS CloudTrail: not an SG change", cisTrail, sgIngress, N},
		{"CIS SG", cisSG, sgIngress, Y},
		{"CIS no MFA: ConsoleLogin of root is not IAMUser", cisNoMFA, rootLogin, N},
		{"CIS unauthorized: successful call has no errorCode", cisUnauthorized, sgIngress, N},
		{"CIS KMS: other service", cisKMS, sgIngress, N},
		{"eventSource and name", `{ ($.eventSource = ec2.amazonaws.com) && ($.eventName = AuthorizeSecurityGroupIngress) }`, sgIngress, Y},
		{"quoted value", `{ $.eventName = "AuthorizeSecurityGroupIngress" }`, sgIngress, Y},
		{"no spaces", `{$.eventName=AuthorizeSecurityGroupIngress}`, sgIngress, Y},
		{"suffix wildcard", `{ $.eventName = Authorize* }`, sgIngress, Y},
		{"prefix wildcard", `{ $.eventName = *SecurityGroupIngress }`, sgIngress, Y},
		{"middle wildcard", `{ $.eventName = "Authorize*Ingress" }`, sgIngress, Y},
		{"wildcard alone", `{ $.eventName = * }`, sgIngress, Y},
		{"wildcard misses", `{ $.eventName = Revoke* }`, sgIngress, N},
		{"case matters", `{ $.eventName = authorizesecuritygroupingress }`, sgIngress, N},
		{"!= other", `{ $.eventName != CreateUser }`, sgIngress, Y},
		{"!= same", `{ $.eventName != AuthorizeSecurityGroupIngress }`, sgIngress, N},
		{"!= on an absent field", `{ $.errorCode != "AccessDenied" }`, sgIngress, N},
		{"= on an absent field", `{ $.errorCode = "AccessDenied" }`, sgIngress, N},
		{"NOT EXISTS of absent", `{ $.errorCode NOT EXISTS }`, sgIngress, Y},
		{"NOT EXISTS of present", `{ $.eventName NOT EXISTS }`, sgIngress, N},
		{"NOT EXISTS under a varying object", `{ $.userIdentity.invokedBy NOT EXISTS }`, sgIngress, M},
		{"NOT EXISTS of a varying field", `{ $.sourceIPAddress NOT EXISTS }`, sgIngress, N},
		{"varying field compared", `{ $.sourceIPAddress != 10.0.0.1 }`, sgIngress, M},
		{"varying under a request", `{ $.requestParameters.groupId = "sg-1234" }`, sgIngress, M},
		{"and with a varying field", `{ $.eventName = AuthorizeSecurityGroupIngress && $.awsRegion = us-east-1 }`, sgIngress, M},
		{"or wins over varying", `{ $.eventName = AuthorizeSecurityGroupIngress || $.awsRegion = us-east-1 }`, sgIngress, Y},
		{"and binds tighter than or", `{ $.eventName = AuthorizeSecurityGroupIngress || $.eventName = X && $.eventName = Y }`, sgIngress, Y},
		{"parentheses change it", `{ ($.eventName = AuthorizeSecurityGroupIngress || $.eventName = X) && $.eventName = Y }`, sgIngress, N},
		{"nested parentheses", `{ (($.eventSource = ec2.amazonaws.com) && (($.eventName = A) || ($.eventName = AuthorizeSecurityGroupIngress))) }`, sgIngress, Y},
		{"IS FALSE", `{ $.readOnly IS FALSE }`, sgIngress, Y},
		{"IS TRUE", `{ $.readOnly IS TRUE }`, sgIngress, N},
		{"is true, lower case keyword", `{ $.managementEvent is true }`, sgIngress, Y},
		{"IS NULL of null", `{ $.nothing IS NULL }`, sgIngress, Y},
		{"IS NULL of absent", `{ $.errorCode IS NULL }`, sgIngress, N},
		{"IS NULL of varying", `{ $.requestParameters IS NULL }`, sgIngress, M},
		{"numeric >", `{ $.latency > 40 }`, sgIngress, Y},
		{"numeric <=", `{ $.latency <= 41.5 }`, sgIngress, N},
		{"numeric = with exponent", `{ $.latency = 4.2e1 }`, sgIngress, Y},
		{"numeric on a string field", `{ $.eventName > 3 }`, sgIngress, N},
		{"array index", `{ $.resources[0].accountId = "123456789012" }`, sgIngress, M},
		{"array index out of range", `{ $.resources[3].accountId = "123456789012" }`, sgIngress, N},
		{"term", `AuthorizeSecurityGroupIngress`, sgIngress, Y},
		{"terms, all", `ec2.amazonaws.com AuthorizeSecurityGroupIngress`, sgIngress, Y},
		{"term missing", `CreateUser`, sgIngress, N},
		{"quoted term", `"cloudtrail.amazonaws.com" StopLogging`, stopLog, Y},
		{"any term", `?StopLogging ?DeleteTrail`, stopLog, Y},
		{"any term missing", `?DeleteTrail ?UpdateTrail`, stopLog, N},
		{"excluded term", `StopLogging -Root`, stopLog, Y},
		{"excluded term present", `iam.amazonaws.com -Root`, rootCall, N},
		{"term in a varying value does not count", `sg-1234`, sgIngress, N},
		{"empty pattern matches every event", ``, sgIngress, Y},
		{"blank pattern matches every event", `  `, stopLog, Y},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse(tt.pattern)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.pattern, err)
			}
			if got := p.Match(tt.event); got != tt.want {
				t.Errorf("Match(%q) = %v, want %v", tt.pattern, got, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ pattern, want string }{
		{`{ $.eventName = CreateUser`, "expected && or || or }"},
		{`{ $.eventName = CreateUser } x`, "unexpected text"},
		{`{ ($.eventName = CreateUser }`, "expected )"},
		{`{ eventName = CreateUser }`, "selector starting with $"},
		{`{ $. = CreateUser }`, "field name"},
		{`{ $.a[x] = 1 }`, "array index"},
		{`{ $.eventName ~ CreateUser }`, "comparison operator"},
		{`{ $.eventName = }`, "expected a value"},
		{`{ $.eventName IS MAYBE }`, "NULL, TRUE or FALSE"},
		{`{ $.eventName NOT THERE }`, "EXISTS"},
		{`{ $.latency > high }`, "needs a number"},
		{`{ $.eventName = "CreateUser }`, "unterminated"},
		{`{ $.eventName = %Create.*% }`, "regular expression"},
		{`[ip, user, ...]`, "space-delimited"},
		{`?ERROR WARN`, "mixed"},
		{`"unterminated`, "unterminated"},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			_, err := Parse(tt.pattern)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse(%q) error = %v, want one containing %q", tt.pattern, err, tt.want)
			}
		})
	}
}
