// Package corpus generates realistic CloudFormation templates and Terraform
// modules for benchmarks: the shapes found in public modules (VPCs, security
// groups with inline, dynamic and separate rules, instances, launch
// templates, variables, locals, parameters, intrinsics), in any quantity.
package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Size describes a corpus.
type Size struct {
	// Modules is the number of Terraform root modules, Templates the
	// number of CloudFormation templates.
	Modules, Templates int
	// GroupsPerUnit is the number of security groups in each module and
	// template; each comes with rules, an instance and a launch template.
	GroupsPerUnit int
}

// ResourcesPerGroup is how many native resources each group brings (the
// group, two separate rules, an instance and a launch template).
const ResourcesPerGroup = 5

// Resources is the number of native resources a corpus of this size holds.
func (s Size) Resources() int {
	return (s.Modules + s.Templates) * s.GroupsPerUnit * ResourcesPerGroup
}

// Write generates the corpus under dir.
func Write(dir string, s Size) error {
	for i := 0; i < s.Modules; i++ {
		mdir := filepath.Join(dir, fmt.Sprintf("tf-%03d", i))
		if err := os.MkdirAll(mdir, 0o755); err != nil {
			return fmt.Errorf("creating module dir: %w", err)
		}
		if err := os.WriteFile(filepath.Join(mdir, "main.tf"), []byte(TerraformModule(i, s.GroupsPerUnit)), 0o644); err != nil {
			return fmt.Errorf("writing module: %w", err)
		}
		if err := os.WriteFile(filepath.Join(mdir, "terraform.tfvars"), []byte(fmt.Sprintf("environment = \"env-%d\"\nadmin_cidrs = [\"10.%d.0.0/24\"]\n", i, i%250)), 0o644); err != nil {
			return fmt.Errorf("writing tfvars: %w", err)
		}
	}
	for i := 0; i < s.Templates; i++ {
		path := filepath.Join(dir, fmt.Sprintf("cfn-%03d.yaml", i))
		if err := os.WriteFile(path, []byte(CloudFormationTemplate(i, s.GroupsPerUnit)), 0o644); err != nil {
			return fmt.Errorf("writing template: %w", err)
		}
	}
	return nil
}

// TerraformModule returns one root module with n groups and their
// attachments.
func TerraformModule(seed, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `variable "environment" {
  type    = string
  default = "dev"
}

variable "admin_cidrs" {
  type    = list(string)
  default = []
}

variable "vpc_cidr" {
  type    = string
  default = "10.%d.0.0/16"
}

locals {
  ports = {
    https = 443
    http  = 80
  }
  common_tags = {
    Environment = var.environment
    Application = "app-%d"
  }
}

resource "aws_vpc" "main" {
  cidr_block = var.vpc_cidr
  tags       = local.common_tags
}
`, seed%250, seed)
	for g := 0; g < n; g++ {
		public := "var.vpc_cidr"
		if (seed+g)%7 == 0 {
			public = `"0.0.0.0/0"`
		}
		fmt.Fprintf(&b, `
resource "aws_security_group" "svc_%[1]d" {
  name        = "svc-%[1]d-%[2]d"
  description = "Service %[1]d"
  vpc_id      = aws_vpc.main.id

  dynamic "ingress" {
    for_each = local.ports
    content {
      description = "${ingress.key} from the VPC"
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = [var.vpc_cidr]
    }
  }

  egress {
    description = "all outbound"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = merge(local.common_tags, { Tier = "tier-%[1]d" })
}

resource "aws_security_group_rule" "ssh_%[1]d" {
  type              = "ingress"
  description       = "SSH"
  security_group_id = aws_security_group.svc_%[1]d.id
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = length(var.admin_cidrs) > 0 ? var.admin_cidrs : [%[3]s]
}

resource "aws_vpc_security_group_ingress_rule" "db_%[1]d" {
  description       = "PostgreSQL"
  security_group_id = aws_security_group.svc_%[1]d.id
  from_port         = 5432
  to_port           = 5432
  ip_protocol       = "tcp"
  cidr_ipv4         = cidrsubnet(var.vpc_cidr, 8, %[4]d)
}

resource "aws_instance" "svc_%[1]d" {
  ami                    = "ami-0c1a7f89451184c8b"
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.svc_%[1]d.id]
  tags                   = local.common_tags
}

resource "aws_launch_template" "svc_%[1]d" {
  name_prefix            = "svc-%[1]d-"
  image_id               = "ami-0c1a7f89451184c8b"
  vpc_security_group_ids = [aws_security_group.svc_%[1]d.id]
}
`, g, seed, public, g%250)
	}
	return b.String()
}

// CloudFormationTemplate returns one template with n groups and their
// attachments.
func CloudFormationTemplate(seed, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `AWSTemplateFormatVersion: "2010-09-09"
Description: Generated service stack %d
Parameters:
  VpcId:
    Type: AWS::EC2::VPC::Id
  AdminCidr:
    Type: String
    Default: 10.%d.0.0/24
  Environment:
    Type: String
    AllowedValues: [dev, staging, prod]
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Environment, prod]
Mappings:
  RegionMap:
    eu-west-1:
      AMI: ami-0a9f1a5b8c4f3e2d1
Resources:
`, seed, seed%250)
	for g := 0; g < n; g++ {
		cidr := "!Ref AdminCidr"
		if (seed+g)%7 == 0 {
			cidr = "0.0.0.0/0"
		}
		fmt.Fprintf(&b, `  Group%[1]d:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupName: !Sub svc-%[1]d-${Environment}
      GroupDescription: !Sub "Service %[1]d in ${AWS::StackName}"
      VpcId: !Ref VpcId
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIp: 10.0.0.0/8
          Description: HTTPS from the VPC
        - IpProtocol: tcp
          FromPort: "80"
          ToPort: "80"
          CidrIp: !If [IsProd, 10.1.0.0/16, 10.2.0.0/16]
          Description: HTTP
      Tags:
        - Key: Environment
          Value: !Ref Environment
        - Key: Tier
          Value: tier-%[1]d
        - Key: Application
          Value: app-%[2]d
  Ssh%[1]d:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt Group%[1]d.GroupId
      Description: SSH
      IpProtocol: tcp
      FromPort: 22
      ToPort: 22
      CidrIp: %[3]s
  Db%[1]d:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref Group%[1]d
      Description: PostgreSQL
      IpProtocol: tcp
      FromPort: 5432
      ToPort: 5432
      SourceSecurityGroupId: !GetAtt Group%[1]d.GroupId
  Instance%[1]d:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: !FindInMap [RegionMap, eu-west-1, AMI]
      InstanceType: t3.micro
      SecurityGroupIds:
        - !GetAtt Group%[1]d.GroupId
  Template%[1]d:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        ImageId: !FindInMap [RegionMap, eu-west-1, AMI]
        SecurityGroupIds:
          - !Ref Group%[1]d
`, g, seed, cidr)
	}
	return b.String()
}
