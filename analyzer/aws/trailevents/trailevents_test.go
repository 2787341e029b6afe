package trailevents

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/aws/eventpattern"
	"github.com/rampart-iac/rampart/analyzer/aws/logpattern"
	"github.com/rampart-iac/rampart/analyzer/aws/tristate"
)

// matched lists the catalog events a pattern matches, by answer.
func matched(t *testing.T, records func(Event) []map[string]any, match func(map[string]any) tristate.Truth) map[tristate.Truth][]string {
	t.Helper()
	out := map[tristate.Truth][]string{}
	for _, e := range Catalog() {
		r := Match(records(e), match)
		out[r] = append(out[r], e.ID)
	}
	return out
}

func logMatcher(t *testing.T, src string) func(map[string]any) tristate.Truth {
	t.Helper()
	p, err := logpattern.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	return p.Match
}

func busMatcher(t *testing.T, src string) func(map[string]any) tristate.Truth {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(src), &v); err != nil {
		t.Fatal(err)
	}
	p, err := eventpattern.Parse(v)
	if err != nil {
		t.Fatal(err)
	}
	return p.Match
}

func TestCatalogIDsAreUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range Catalog() {
		if seen[e.ID] {
			t.Errorf("duplicate event %s", e.ID)
		}
		seen[e.ID] = true
		if len(e.LogRecords()) == 0 || len(e.BusEvents()) != len(e.LogRecords()) {
			t.Errorf("%s: %d records, %d bus events", e.ID, len(e.LogRecords()), len(e.BusEvents()))
		}
	}
}

// The CIS AWS Foundations Benchmark's metric filter patterns monitor
// exactly their family.
func TestCISFilterPatterns(t *testing.T) {
	tests := []struct {
		name, pattern string
		yes           string // the events matched, space-separated
		maybe         string
	}{
		{
			name:    "4.10 security groups",
			pattern: `{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }`,
			yes:     "ec2:AuthorizeSecurityGroupIngress ec2:AuthorizeSecurityGroupEgress ec2:RevokeSecurityGroupIngress ec2:RevokeSecurityGroupEgress ec2:CreateSecurityGroup ec2:DeleteSecurityGroup",
		},
		{
			name:    "4.5 CloudTrail",
			pattern: `{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }`,
			yes:     "cloudtrail:CreateTrail cloudtrail:UpdateTrail cloudtrail:DeleteTrail cloudtrail:StartLogging cloudtrail:StopLogging",
		},
		{
			name:    "4.3 root usage",
			pattern: `{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`,
			yes:     "root:ConsoleLogin root:AwsApiCall",
			// Other events' callers are not only root: not every call matches.
		},
		{
			name:    "root usage of IAM only",
			pattern: `{ $.userIdentity.type = "Root" && $.eventSource = iam.amazonaws.com }`,
		},
		{
			name:    "security group changes by IAM users only",
			pattern: `{ $.userIdentity.type = IAMUser && ($.eventName = CreateSecurityGroup || $.eventName = DeleteSecurityGroup) }`,
		},
		{
			name:    "not invoked by a service",
			pattern: `{ $.userIdentity.invokedBy NOT EXISTS && $.eventName = StopLogging }`,
			yes:     "cloudtrail:StopLogging",
		},
		{
			name:    "from one address",
			pattern: `{ $.sourceIPAddress = "10.0.0.1" && $.eventName = StopLogging }`,
			maybe:   "cloudtrail:StopLogging",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := matched(t, Event.LogRecords, logMatcher(t, tt.pattern))
			if g := strings.Join(got[tristate.Yes], " "); g != tt.yes {
				t.Errorf("yes = %s\nwant %s", g, tt.yes)
			}
			if g := strings.Join(got[tristate.Maybe], " "); g != tt.maybe {
				t.Errorf("maybe = %s\nwant %s", g, tt.maybe)
			}
		})
	}
}

func TestEventBridgePatterns(t *testing.T) {
	tests := []struct {
		name, pattern string
		yes           string
	}{
		{
			name:    "CloudTrail changes",
			pattern: `{"source":["aws.cloudtrail"],"detail-type":["AWS API Call via CloudTrail"],"detail":{"eventSource":["cloudtrail.amazonaws.com"],"eventName":["StopLogging","DeleteTrail","UpdateTrail"]}}`,
			yes:     "cloudtrail:UpdateTrail cloudtrail:DeleteTrail cloudtrail:StopLogging",
		},
		{
			name:    "root activity",
			pattern: `{"detail-type":["AWS API Call via CloudTrail","AWS Console Sign In via CloudTrail"],"detail":{"userIdentity":{"type":["Root"]}}}`,
			yes:     "root:ConsoleLogin root:AwsApiCall",
		},
		{
			name:    "root sign-in only",
			pattern: `{"source":["aws.signin"],"detail":{"userIdentity":{"type":["Root"]}}}`,
			yes:     "root:ConsoleLogin",
		},
		{
			name:    "IAM changes by prefix",
			pattern: `{"source":["aws.iam"],"detail":{"eventName":[{"prefix":"Put"},{"prefix":"Delete"},{"prefix":"Attach"},{"prefix":"Detach"},{"prefix":"Create"}]}}`,
			yes:     "iam:DeleteGroupPolicy iam:DeleteRolePolicy iam:DeleteUserPolicy iam:PutGroupPolicy iam:PutRolePolicy iam:PutUserPolicy iam:CreatePolicy iam:DeletePolicy iam:CreatePolicyVersion iam:DeletePolicyVersion iam:AttachRolePolicy iam:DetachRolePolicy iam:AttachUserPolicy iam:DetachUserPolicy iam:AttachGroupPolicy iam:DetachGroupPolicy iam:CreateUser",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := matched(t, Event.BusEvents, busMatcher(t, tt.pattern))
			if g := strings.Join(got[tristate.Yes], " "); g != tt.yes {
				t.Errorf("yes = %s\nwant %s", g, tt.yes)
			}
		})
	}
}
