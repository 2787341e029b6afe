package report

import (
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// sampleResult is a hand-built result that exercises every part of the
// reports: several files, all severities, a provenance trace across files and
// a module, a suppressed finding, a parse error, warnings, ignored and failed
// files, undecided results and control characters from a template. Its
// source snippets come from testdata/src.
func sampleResult() *result.Result {
	at := func(file string, start, end int) graph.Location {
		return graph.Location{File: file, StartLine: start, EndLine: end}
	}
	tfRes := func(id, typ, kind string) result.ResourceRef {
		return result.ResourceRef{ID: id, Type: typ, Kind: kind}
	}
	sgTrace := graph.Trace{
		{Location: at("variables.tf", 3, 3), Note: "default of variable office_cidr"},
		{Location: at("main.tf", 3, 3), Note: "module input cidr_block"},
		{Location: at("modules/net/sg.tf", 10, 10), Note: "ingress.cidr_blocks"},
	}
	// The shared module's finding is reached from the root and four
	// instances in another (sorted as the scan sorts them): more than the
	// text report lists.
	sgInstances := []result.Instance{
		{Root: ".", Module: "module.net", Resource: "aws_security_group.web", Trace: sgTrace},
		{Root: "envs/prod", Module: `module.edge["eu"]`, Resource: "aws_security_group.web",
			Trace: graph.Trace{{Location: at("envs/prod/main.tf", 9, 9), Note: `module.edge["eu"] input cidr_block`}}},
		{Root: "envs/prod", Module: `module.edge["us"]`, Resource: "aws_security_group.web",
			Trace: graph.Trace{{Location: at("envs/prod/main.tf", 9, 9), Note: `module.edge["us"] input cidr_block`}}},
		{Root: "envs/prod", Module: "module.net[0]", Resource: "aws_security_group.web",
			Trace: graph.Trace{{Location: at("envs/prod/main.tf", 4, 4), Note: "module.net[0] input cidr_block"}}},
		{Root: "envs/prod", Module: "module.net[1]", Resource: "aws_security_group.web",
			Trace: graph.Trace{{Location: at("envs/prod/main.tf", 4, 4), Note: "module.net[1] input cidr_block"}}},
	}
	return &result.Result{
		Root: "testdata/src",
		Findings: []result.Finding{
			{
				RuleID: "AWS-RDS-001", RuleName: "rds-storage-encrypted", Severity: result.SeverityHigh,
				Title:    "RDS storage must be encrypted",
				Message:  "DB instance main has storage_encrypted = false",
				Resource: tfRes("aws_db_instance.main", "aws_db_instance", "aws.rds.db_instance"),
				Location: at("main.tf", 13, 13), Path: "storage_encrypted",
				Remediation: "Set storage_encrypted = true.",
				Fingerprint: "AWS-RDS-001|aws_db_instance.main|storage_encrypted",
				Instances:   []result.Instance{{Root: ".", Resource: "aws_db_instance.main"}},
			},
			{
				RuleID: "AWS-SG-002", RuleName: "sg-no-public-ssh", Severity: result.SeverityCritical,
				Title:    "Security groups must not allow SSH from the internet",
				Message:  "Security group web allows port 22 from 0.0.0.0/0",
				Resource: tfRes("module.net.aws_security_group.web", "aws_security_group", "aws.ec2.security_group"),
				Location: at("modules/net/sg.tf", 10, 10), Path: "ingress[0].cidr_blocks[0]",
				Remediation: "Restrict cidr_blocks to known ranges.",
				Fingerprint: "AWS-SG-002|aws_security_group.web|ingress[0].cidr_blocks[0]",
				Trace:       sgTrace,
				Instances:   sgInstances,
			},
			{
				RuleID: "AWS-S3-003", RuleName: "s3-versioning", Severity: result.SeverityLow,
				Title:    "S3 buckets should have versioning enabled",
				Message:  "Bucket acme-logs has versioning disabled",
				Resource: tfRes("aws_s3_bucket.logs", "aws_s3_bucket", "aws.s3.bucket"),
				Location: at("main.tf", 6, 8), Path: "versioning.enabled",
				Remediation: "Add an aws_s3_bucket_versioning resource.",
				Fingerprint: "AWS-S3-003|aws_s3_bucket.logs|versioning.enabled",
				Suppressed:  true,
				Suppression: &result.Suppression{Source: "inline", Reason: "log bucket is write-once", Until: "2027-06-30", Location: at("main.tf", 5, 5)},
			},
			{
				RuleID: "AWS-S3-001", RuleName: "s3-encryption", Severity: result.SeverityMedium,
				Title:    "S3 buckets must be encrypted",
				Message:  "Bucket acme-logs has no server-side encryption configuration",
				Resource: tfRes("aws_s3_bucket.logs", "aws_s3_bucket", "aws.s3.bucket"),
				Location: at("main.tf", 6, 8), Path: "server_side_encryption",
				Remediation: "Add an aws_s3_bucket_server_side_encryption_configuration resource.",
				Fingerprint: "AWS-S3-001|aws_s3_bucket.logs|server_side_encryption",
				Notes:       []string{"encryption defaults to SSE-S3 since 2023-01-05; set it explicitly to choose KMS"},
			},
			{
				RuleID: "AWS-SQS-001", RuleName: "sqs-encryption", Severity: result.SeverityMedium,
				Title: "SQS queues must be encrypted",
				// Template text carrying escape sequences: an OSC title
				// change and a screen clear.
				Message:     "Queue \"jobs\x1b]0;pwned\x07\" is not encrypted\r\nfake.tf:1  CRITICAL  forged line",
				Resource:    result.ResourceRef{ID: "Queue\x1b[2J", Type: "AWS::SQS::Queue", Kind: "aws.sqs.queue"},
				Location:    at("stack.yaml", 7, 7),
				Path:        "kms_master_key_id",
				Remediation: "Set KmsMasterKeyId or SqsManagedSseEnabled.",
				Fingerprint: "AWS-SQS-001|Queue|kms_master_key_id",
				Trace:       graph.Trace{{Note: "parameter QueueName set by --cfn-param"}},
			},
		},
		Undecided: []result.Undecided{
			{
				RuleID: "AWS-RDS-002", RuleName: "rds-not-public", Severity: result.SeverityHigh,
				Resource: tfRes("aws_db_instance.main", "aws_db_instance", "aws.rds.db_instance"),
				Location: at("main.tf", 14, 14), Path: "publicly_accessible",
				Reason: "variable db_public has no value",
				Instances: []result.Instance{
					{Root: ".", Resource: "aws_db_instance.main"},
					{Root: "envs/prod", Resource: "aws_db_instance.main"},
				},
			},
		},
		Errors: []graph.Diagnostic{
			{Severity: graph.SeverityError, Summary: "could not parse template", Detail: "did not find expected key", Location: at("broken.yaml", 7, 7)},
		},
		Warnings: []graph.Diagnostic{
			{
				Severity: graph.SeverityWarning, Summary: "StorageEncypted is not a property of AWS::RDS::DBInstance; did you mean StorageEncrypted?",
				Location: graph.Location{File: "db.yaml", StartLine: 9, StartCol: 7, EndLine: 9}, Resource: "Database", Path: graph.Path{"Properties", "StorageEncypted"},
			},
			{Severity: graph.SeverityNote, Summary: "module registry.example/vpc not downloaded; run terraform init", Location: at("main.tf", 1, 1)},
		},
		Files: []result.File{
			{Path: "variables.tf", Status: result.FileScanned, Type: "terraform"},
			{Path: "main.tf", Status: result.FileScanned, Type: "terraform"},
			{Path: "modules/net/sg.tf", Status: result.FileScanned, Type: "terraform"},
			{Path: "stack.yaml", Status: result.FileScanned, Type: "cloudformation"},
			{Path: "db.yaml", Status: result.FileScanned, Type: "cloudformation"},
			{Path: "broken.yaml", Status: result.FileFailed, Type: "cloudformation", Reason: "could not parse template"},
			{Path: "half.json", Status: result.FileFailed, Type: "cloudformation"},
			{Path: ".github/workflows/ci.yml", Status: result.FileIgnored, Reason: "not a CloudFormation template (no AWSTemplateFormatVersion or AWS:: resource types)"},
			{Path: "k8s/deploy.yaml", Status: result.FileIgnored, Reason: "not a CloudFormation template (\x1b[31mkind: Deployment)"},
		},
		Rules:     []result.Rule{},
		Resources: 6,
	}
}

func sampleRules() []result.Rule {
	return []result.Rule{
		{
			ID: "AWS-SG-002", Name: "sg-no-public-ssh", Severity: result.SeverityCritical,
			Title:       "Security groups must not allow SSH from the internet",
			Description: "Port 22 open to 0.0.0.0/0 or ::/0 exposes hosts to brute force.\nUse a bastion or SSM Session Manager.",
			Remediation: "Restrict the ingress CIDR to known ranges.",
			References:  []string{"https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html"},
			Kinds:       []string{"aws.ec2.security_group"}, Builtin: true,
		},
		{
			ID: "AWS-S3-001", Name: "s3-encryption", Severity: result.SeverityMedium,
			Title: "S3 buckets must be encrypted", Description: "Buckets hold data at rest.",
			Remediation: "Configure default encryption.", Kinds: []string{"aws.s3.bucket"}, Builtin: true,
		},
		{
			ID: "ACME-001", Name: "acme-tags", Severity: result.SeverityLow,
			Title: "Resources carry the cost-center tag\x1b[0m", Profile: "acme",
		},
	}
}

func locAt(file string, start, end int) graph.Location {
	return graph.Location{File: file, StartLine: start, EndLine: end}
}
