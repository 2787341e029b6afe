package aws

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/cloudformation"
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/terraform"
)

// normalizeTF maps a one-file Terraform root module.
func normalizeTF(t *testing.T, src string) []*graph.Canonical {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	units := terraform.LoadModules(context.Background(), []string{dir}, terraform.Options{Root: dir})
	if len(units) != 1 || units[0].Diagnostics.HasErrors() {
		t.Fatalf("units = %d, diagnostics %v", len(units), units)
	}
	cs, _ := Normalize(context.Background(), units[0])
	return cs
}

// normalizeCFN maps a CloudFormation template.
func normalizeCFN(t *testing.T, src string) []*graph.Canonical {
	t.Helper()
	u := cloudformation.Parse(context.Background(), "t.yaml", []byte(src), cloudformation.Options{})
	if u.Diagnostics.HasErrors() {
		t.Fatalf("diagnostics: %v", u.Diagnostics)
	}
	cs, _ := Normalize(context.Background(), u)
	return cs
}

// propOf renders property key of resource id: a known value as Go syntax,
// an Unknown as "?", an Unknown reference as "-> <resource ID>".
func propOf(t *testing.T, cs []*graph.Canonical, id, key string) string {
	t.Helper()
	for _, c := range cs {
		if c.ID != id {
			continue
		}
		v := c.Props.Get(key)
		switch {
		case v == nil:
			return "<absent>"
		case v.IsUnknown() && v.Ref != nil:
			return "-> " + v.Ref.Resource
		case v.IsUnknown():
			return "?"
		}
		return v.GoString()
	}
	t.Fatalf("no resource %s", id)
	return ""
}

func TestCloudTrailTerraform(t *testing.T) {
	cs := normalizeTF(t, `
variable "bucket" { type = string }
variable "kms" { type = string }
resource "aws_s3_bucket" "trail" { bucket = "acme-trail" }
resource "aws_s3_bucket" "generated" {}
resource "aws_cloudwatch_log_group" "named" { name = "CloudTrail/acme" }
resource "aws_cloudwatch_log_group" "generated" {}
resource "aws_kms_key" "trail" {}
resource "aws_cloudtrail" "by_id" {
  name                       = "by-id"
  s3_bucket_name             = aws_s3_bucket.trail.id
  kms_key_id                 = aws_kms_key.trail.arn
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.named.arn}:*"
  cloud_watch_logs_role_arn  = "arn:aws:iam::123456789012:role/ct"
}
resource "aws_cloudtrail" "by_name" {
  name                       = "by-name"
  s3_bucket_name             = "acme-trail"
  kms_key_id                 = var.kms
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.generated.arn}:*"
}
resource "aws_cloudtrail" "generated" {
  name           = "generated"
  s3_bucket_name = aws_s3_bucket.generated.bucket
}
resource "aws_cloudtrail" "elsewhere" {
  name                       = "elsewhere"
  s3_bucket_name             = "central-trail-bucket"
  cloud_watch_logs_group_arn = "arn:aws:logs:eu-west-1:123456789012:log-group:org/trail:*"
}
resource "aws_cloudtrail" "variable" {
  name           = "variable"
  s3_bucket_name = var.bucket
}
`)
	tests := []struct{ id, key, want string }{
		{"aws_cloudtrail.by_id", "bucket", "-> aws_s3_bucket.trail"},
		{"aws_cloudtrail.by_id", "kms_encrypted", "true"},
		{"aws_cloudtrail.by_id", "cloud_watch_logs", "true"},
		{"aws_cloudtrail.by_id", "cloud_watch_logs_group", `"CloudTrail/acme"`},
		{"aws_cloudtrail.by_id", "logging", "true"},
		{"aws_cloudtrail.by_name", "bucket", "-> aws_s3_bucket.trail"},
		// A variable may be empty.
		{"aws_cloudtrail.by_name", "kms_encrypted", "?"},
		{"aws_cloudtrail.by_name", "cloud_watch_logs", "true"},
		{"aws_cloudtrail.by_name", "cloud_watch_logs_group", `"resource:` + strings.TrimSuffix(cs[0].UID, "#"+cs[0].ID) + `#aws_cloudwatch_log_group.generated"`},
		{"aws_cloudtrail.generated", "bucket", "-> aws_s3_bucket.generated"},
		{"aws_cloudtrail.generated", "cloud_watch_logs", "false"},
		{"aws_cloudtrail.generated", "cloud_watch_logs_group", `""`},
		// A literal name no bucket of the unit has: outside the scan.
		{"aws_cloudtrail.elsewhere", "bucket", `""`},
		{"aws_cloudtrail.elsewhere", "cloud_watch_logs_group", `"org/trail"`},
		// A name not known while the unit has a named bucket: not known.
		{"aws_cloudtrail.variable", "bucket", "?"},
	}
	for _, tt := range tests {
		if got := propOf(t, cs, tt.id, tt.key); got != tt.want {
			t.Errorf("%s %s = %s, want %s", tt.id, tt.key, got, tt.want)
		}
	}
}

func TestCloudTrailCloudFormation(t *testing.T) {
	cs := normalizeCFN(t, `
Parameters:
  BucketName:
    Type: String
Resources:
  TrailBucket:
    Type: AWS::S3::Bucket
  LogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: trail-events
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: false
      S3BucketName: !Ref TrailBucket
      CloudWatchLogsLogGroupArn: !Sub "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${LogGroup}:*"
      KMSKeyId: !Ref BucketName
  NoLogging:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: !Ref BucketName
`)
	tests := []struct{ id, key, want string }{
		{"Trail", "logging", "false"},
		{"Trail", "bucket", "-> TrailBucket"},
		{"Trail", "cloud_watch_logs", "true"},
		{"Trail", "cloud_watch_logs_group", `"trail-events"`},
		// A CloudFormation parameter is never null.
		{"Trail", "kms_encrypted", "true"},
		// IsLogging is required.
		{"NoLogging", "logging", "?"},
		// Only a bucket with a generated name is in the unit: a parameter
		// cannot name it.
		{"NoLogging", "bucket", `""`},
	}
	for _, tt := range tests {
		if got := propOf(t, cs, tt.id, tt.key); got != tt.want {
			t.Errorf("%s %s = %s, want %s", tt.id, tt.key, got, tt.want)
		}
	}
}

func TestLogGroupName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"arn:aws:logs:us-east-1:123456789012:log-group:CloudTrail/logs:*", "CloudTrail/logs"},
		{"arn:aws-us-gov:logs:us-gov-west-1:123456789012:log-group:trail", "trail"},
		{"trail-events", "trail-events"},
		{"arn:aws:s3:::bucket", "arn:aws:s3:::bucket"},
	}
	for _, tt := range tests {
		if got := logGroupName(tt.in); got != tt.want {
			t.Errorf("logGroupName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestConfigRecorderTerraform(t *testing.T) {
	cs := normalizeTF(t, `
variable "on" { type = bool }
provider "aws" {
  alias  = "west"
  region = "us-west-2"
}
resource "aws_config_configuration_recorder" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::123456789012:role/config"
  recording_group {
    all_supported                 = true
    include_global_resource_types = true
  }
}
resource "aws_config_delivery_channel" "main" {
  name           = "main"
  s3_bucket_name = "acme-config"
  depends_on     = [aws_config_configuration_recorder.main]
}
resource "aws_config_configuration_recorder_status" "main" {
  name       = aws_config_configuration_recorder.main.name
  is_enabled = true
}
resource "aws_config_configuration_recorder" "west" {
  provider = aws.west
  name     = "west"
  role_arn = "arn:aws:iam::123456789012:role/config"
}
resource "aws_config_configuration_recorder_status" "west" {
  provider   = aws.west
  name       = "west"
  is_enabled = var.on
}
`)
	tests := []struct{ id, key, want string }{
		{"aws_config_configuration_recorder.main", "delivery_channel", "true"},
		{"aws_config_configuration_recorder.main", "recording", "true"},
		{"aws_config_configuration_recorder.main", "include_global_resource_types", "true"},
		// The channel is in another region's provider configuration.
		{"aws_config_configuration_recorder.west", "delivery_channel", "false"},
		{"aws_config_configuration_recorder.west", "recording", "?"},
		{"aws_config_configuration_recorder.west", "all_supported", "true"},
		{"aws_config_configuration_recorder.west", "include_global_resource_types", "false"},
	}
	for _, tt := range tests {
		if got := propOf(t, cs, tt.id, tt.key); got != tt.want {
			t.Errorf("%s %s = %s, want %s", tt.id, tt.key, got, tt.want)
		}
	}
}

func TestConfigRecorderCloudFormation(t *testing.T) {
	cs := normalizeCFN(t, `
Parameters:
  Enable:
    Type: String
Conditions:
  Enabled: !Equals [!Ref Enable, "true"]
Resources:
  Recorder:
    Type: AWS::Config::ConfigurationRecorder
    Properties:
      RoleARN: arn:aws:iam::123456789012:role/config
      RecordingGroup:
        AllSupported: true
        IncludeGlobalResourceTypes: true
        RecordingStrategy:
          UseOnly: EXCLUSION_BY_RESOURCE_TYPES
  Channel:
    Type: AWS::Config::DeliveryChannel
    Condition: Enabled
    Properties:
      S3BucketName: acme-config
`)
	tests := []struct{ key, want string }{
		// Excluding types records less than every supported type.
		{"all_supported", "false"},
		{"recording_strategy", `"EXCLUSION_BY_RESOURCE_TYPES"`},
		// The channel may not exist.
		{"delivery_channel", "?"},
		{"recording", "true"},
	}
	for _, tt := range tests {
		if got := propOf(t, cs, "Recorder", tt.key); got != tt.want {
			t.Errorf("Recorder %s = %s, want %s", tt.key, got, tt.want)
		}
	}
	// A group whose strategy is every supported type, AllSupported left out.
	byStrategy := normalizeCFN(t, `
Resources:
  AllByStrategy:
    Type: AWS::Config::ConfigurationRecorder
    Properties:
      RoleARN: arn:aws:iam::123456789012:role/config
      RecordingGroup:
        RecordingStrategy:
          UseOnly: ALL_SUPPORTED_RESOURCE_TYPES
`)
	if got := propOf(t, byStrategy, "AllByStrategy", "all_supported"); got != "true" {
		t.Errorf("AllByStrategy all_supported = %s, want true", got)
	}
}

func TestCloudTrailBucketInstances(t *testing.T) {
	cs := normalizeTF(t, `
variable "i" { type = number }
resource "aws_s3_bucket" "many" {
  count  = 2
  bucket = "trail-${count.index}"
}
resource "aws_cloudtrail" "picked" {
  name           = "picked"
  s3_bucket_name = aws_s3_bucket.many[1].id
}
resource "aws_cloudtrail" "any" {
  name           = "any"
  s3_bucket_name = aws_s3_bucket.many[var.i].id
}
resource "aws_cloudtrail" "by_name" {
  name           = "by-name"
  s3_bucket_name = "trail-0"
}
`)
	tests := []struct{ id, want string }{
		{"aws_cloudtrail.picked", "-> aws_s3_bucket.many[1]"},
		// One of the instances, which one is not known.
		{"aws_cloudtrail.any", "?"},
		{"aws_cloudtrail.by_name", "-> aws_s3_bucket.many[0]"},
	}
	for _, tt := range tests {
		if got := propOf(t, cs, tt.id, "bucket"); got != tt.want {
			t.Errorf("%s bucket = %s, want %s", tt.id, got, tt.want)
		}
	}
}

func TestConfigDeliveryChannelAmbiguous(t *testing.T) {
	cs := normalizeTF(t, `
resource "aws_config_configuration_recorder" "a" {
  name     = "a"
  role_arn = "arn:aws:iam::123456789012:role/config"
}
resource "aws_config_configuration_recorder" "b" {
  name     = "b"
  role_arn = "arn:aws:iam::123456789012:role/config"
}
resource "aws_config_delivery_channel" "one" {
  name           = "one"
  s3_bucket_name = "acme-config"
}
`)
	for _, id := range []string{"aws_config_configuration_recorder.a", "aws_config_configuration_recorder.b"} {
		if got := propOf(t, cs, id, "delivery_channel"); got != "?" {
			t.Errorf("%s delivery_channel = %s, want ? (two recorders, one channel)", id, got)
		}
	}
}
