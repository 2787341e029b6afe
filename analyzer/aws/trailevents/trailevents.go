// Package trailevents is the catalog of CloudTrail events whose monitoring
// the account baseline rules (AWS-BASE-003 to 006) require, each with
// representative instances in the two forms a monitor sees: the CloudTrail
// record a trail delivers to CloudWatch Logs (what a metric filter's
// pattern reads) and the event EventBridge puts on the default bus (what a
// rule's event pattern reads). A pattern monitors an event when it matches
// every representative instance of it.
//
// Instances are successful calls (errorCode is absent) made by each kind
// of caller: an IAM user, an assumed role and the root user, none through
// an AWS service (no invokedBy); root usage is the root user's calls only.
// The fields that differ from one call to the next (time, source address,
// region, request parameters, the caller's ARN and account) are
// tristate.Varying, so a pattern that narrows on them is Maybe.
package trailevents

import (
	"strings"
	"sync"

	"github.com/rampart-iac/rampart/analyzer/aws/tristate"
)

// Event is one monitored event.
type Event struct {
	// ID names the event in the canonical model (`matched_events` keys):
	// "<service>:<eventName>", or "root:ConsoleLogin" and "root:AwsApiCall"
	// for root usage.
	ID string
	// calls are the (eventSource, eventName) pairs of its instances.
	calls []call
	// root: the caller is the account's root user.
	root bool
}

type call struct{ source, name string }

// Catalog lists every event, in a stable order.
func Catalog() []Event { return catalog() }

// catalog is built on first use, not at start-up.
var catalog = sync.OnceValue(func() []Event {
	var out []Event
	add := func(service string, names ...string) {
		for _, n := range names {
			out = append(out, Event{ID: service + ":" + n, calls: []call{{service + ".amazonaws.com", n}}})
		}
	}
	// Security group changes: CIS AWS Foundations Benchmark v1.4–v3.0 4.10
	// (3.10 in v1.2), AWS Security Hub control CloudWatch.10.
	add("ec2", "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress",
		"RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress",
		"CreateSecurityGroup", "DeleteSecurityGroup")
	// IAM policy changes: CIS 4.4 (3.4 in v1.2), Security Hub CloudWatch.4;
	// user creation: rampart's AWS-BASE-004.
	add("iam", "DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy",
		"PutGroupPolicy", "PutRolePolicy", "PutUserPolicy",
		"CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion",
		"AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy", "DetachUserPolicy",
		"AttachGroupPolicy", "DetachGroupPolicy", "CreateUser")
	// CloudTrail configuration changes: CIS 4.5 (3.5 in v1.2), Security Hub
	// CloudWatch.5.
	add("cloudtrail", "CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging")
	// Root usage: CIS 4.3 (3.3 in v1.2), Security Hub CloudWatch.1: a
	// console sign-in, and API calls to any service (three services stand
	// for all: a pattern that names one service does not monitor the
	// others).
	out = append(out,
		Event{ID: "root:ConsoleLogin", root: true, calls: []call{{"signin.amazonaws.com", "ConsoleLogin"}}},
		Event{ID: "root:AwsApiCall", root: true, calls: []call{
			{"iam.amazonaws.com", "CreateAccessKey"},
			{"ec2.amazonaws.com", "RunInstances"},
			{"s3.amazonaws.com", "PutBucketPolicy"},
		}},
	)
	return out
})

var varying = tristate.Varying{}

// LogRecords are the event's instances as CloudTrail records
// (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html),
// the JSON a trail delivers to its CloudWatch Logs log group.
func (e Event) LogRecords() []map[string]any {
	var out []map[string]any
	for _, c := range e.calls {
		for _, who := range e.callers() {
			out = append(out, record(c, who))
		}
	}
	return out
}

// callers are the identity types of the event's instances
// (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html).
func (e Event) callers() []string {
	if e.root {
		return []string{"Root"}
	}
	return []string{"IAMUser", "AssumedRole", "Root"}
}

func record(c call, caller string) map[string]any {
	r := map[string]any{
		"eventVersion":       varying,
		"eventTime":          varying,
		"eventSource":        c.source,
		"eventName":          c.name,
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
	}
	identity := map[string]any{
		"type":        caller,
		"principalId": varying,
		"arn":         varying,
		"accountId":   varying,
		"accessKeyId": varying,
	}
	switch caller {
	case "IAMUser":
		identity["userName"] = varying
	case "AssumedRole":
		identity["sessionContext"] = varying
	}
	r["userIdentity"] = identity
	if c.name == "ConsoleLogin" {
		// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-aws-console-sign-in-events.html
		r["eventType"] = "AwsConsoleSignIn"
		r["requestParameters"] = nil
		r["additionalEventData"] = varying
	}
	return r
}

// BusEvents are the event's instances as EventBridge delivers CloudTrail
// events to the default event bus
// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event.html):
// source aws.<service>, detail-type "AWS API Call via CloudTrail" or "AWS
// Console Sign In via CloudTrail", the record as detail.
func (e Event) BusEvents() []map[string]any {
	var out []map[string]any
	for _, c := range e.calls {
		detailType := "AWS API Call via CloudTrail"
		if c.name == "ConsoleLogin" {
			detailType = "AWS Console Sign In via CloudTrail"
		}
		for _, who := range e.callers() {
			out = append(out, map[string]any{
				"version":     "0",
				"id":          varying,
				"detail-type": detailType,
				"source":      "aws." + strings.TrimSuffix(c.source, ".amazonaws.com"),
				"account":     varying,
				"time":        varying,
				"region":      varying,
				"resources":   []any{},
				"detail":      record(c, who),
			})
		}
	}
	return out
}

// Match is whether a pattern (one of the matchers' Match methods) matches
// every instance: Yes when it matches them all, No when it misses one,
// else Maybe.
func Match(instances []map[string]any, match func(map[string]any) tristate.Truth) tristate.Truth {
	result := tristate.Yes
	for _, i := range instances {
		result = tristate.And(result, match(i))
	}
	return result
}
