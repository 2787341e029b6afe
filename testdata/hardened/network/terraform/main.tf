# Hardened network: a VPC with flow logs to a KMS-encrypted CloudWatch Logs
# group, public subnets behind network ACLs, private app subnets behind a
# NAT gateway, a bastion host without a public IP behind a network load
# balancer open to the office only, an internet-facing HTTPS-only ALB,
# and a private app tier (modules/app: an auto scaling group from a launch
# template, and one instance) with IMDSv2, encrypted volumes and a
# least-privilege role. No built-in rule fires.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = {
      Environment = "prod"
      Application = "shop"
    }
  }
}

variable "office_cidr" {
  description = "The only range allowed to reach the bastion over SSH."
  type        = string
  default     = "203.0.113.0/24"
}

variable "certificate_arn" {
  description = "ACM certificate of the HTTPS listener."
  type        = string
  default     = "arn:aws:acm:eu-west-1:111122223333:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
}

data "aws_availability_zones" "available" {
  state = "available"
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  vpc_cidr       = "10.20.0.0/16"
  flow_log_group = "/vpc/hardened-flow-logs"
  azs            = slice(data.aws_availability_zones.available.names, 0, 2)
  public_cidrs   = ["10.20.0.0/24", "10.20.1.0/24"]
  app_cidrs      = ["10.20.10.0/24", "10.20.11.0/24"]
}

resource "aws_vpc" "main" {
  cidr_block           = local.vpc_cidr
  enable_dns_hostnames = true
  enable_dns_support   = true
  tags = {
    Name = "hardened"
    Tier = "network"
  }
}

# Flow logs: every accepted and rejected packet of the VPC, to a log group
# encrypted with a rotated customer managed key.

data "aws_iam_policy_document" "log_key" {
  statement {
    sid       = "AccountAdministers"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }
  statement {
    sid       = "CloudWatchLogsEncrypts"
    actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["logs.${data.aws_region.current.name}.amazonaws.com"]
    }
    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:log-group:${local.flow_log_group}"]
    }
  }
}

resource "aws_kms_key" "logs" {
  description         = "Encrypts the VPC flow log group"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.log_key.json
  tags                = { Tier = "network" }
}

resource "aws_cloudwatch_log_group" "flow_logs" {
  name              = local.flow_log_group
  kms_key_id        = aws_kms_key.logs.arn
  retention_in_days = 365
}

data "aws_iam_policy_document" "flow_logs_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["vpc-flow-logs.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "flow_logs" {
  name               = "shop-flow-logs"
  assume_role_policy = data.aws_iam_policy_document.flow_logs_trust.json
}

data "aws_iam_policy_document" "flow_logs" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
    resources = ["${aws_cloudwatch_log_group.flow_logs.arn}:*"]
  }
}

resource "aws_iam_policy" "flow_logs" {
  name        = "shop-flow-logs"
  description = "Lets VPC flow logs write to their log group only"
  policy      = data.aws_iam_policy_document.flow_logs.json
}

resource "aws_iam_role_policy_attachment" "flow_logs" {
  role       = aws_iam_role.flow_logs.name
  policy_arn = aws_iam_policy.flow_logs.arn
}

resource "aws_flow_log" "main" {
  vpc_id               = aws_vpc.main.id
  traffic_type         = "ALL"
  log_destination_type = "cloud-watch-logs"
  log_destination      = aws_cloudwatch_log_group.flow_logs.arn
  iam_role_arn         = aws_iam_role.flow_logs.arn
}

# Public tier: the ALB and the NAT gateway. Nothing here gets a public IP
# at launch.

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
  tags   = { Tier = "network" }
}

resource "aws_subnet" "public" {
  count                   = length(local.public_cidrs)
  vpc_id                  = aws_vpc.main.id
  cidr_block              = local.public_cidrs[count.index]
  availability_zone       = local.azs[count.index]
  map_public_ip_on_launch = false
  tags                    = { Tier = "public" }
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  tags   = { Tier = "public" }
}

resource "aws_route" "public_default" {
  route_table_id         = aws_route_table.public.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.main.id
}

resource "aws_route_table_association" "public" {
  count          = length(aws_subnet.public)
  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

resource "aws_eip" "nat" {
  domain     = "vpc"
  tags       = { Tier = "public" }
  depends_on = [aws_internet_gateway.main]
}

resource "aws_nat_gateway" "main" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.public[0].id
  tags          = { Tier = "public" }
}

# Public ACL: HTTP(S) in from anywhere, SSH only from the office, return
# traffic on ephemeral ports; RDP is denied first so the ephemeral allow
# does not open it.
resource "aws_network_acl" "public" {
  vpc_id     = aws_vpc.main.id
  subnet_ids = aws_subnet.public[*].id
  tags       = { Tier = "public" }

  ingress {
    rule_no    = 90
    protocol   = "tcp"
    action     = "deny"
    cidr_block = "0.0.0.0/0"
    from_port  = 3389
    to_port    = 3389
  }
  ingress {
    rule_no    = 100
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 443
    to_port    = 443
  }
  ingress {
    rule_no    = 110
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 80
    to_port    = 80
  }
  ingress {
    rule_no    = 120
    protocol   = "tcp"
    action     = "allow"
    cidr_block = var.office_cidr
    from_port  = 22
    to_port    = 22
  }
  ingress {
    rule_no    = 130
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 1024
    to_port    = 65535
  }
  egress {
    rule_no    = 100
    protocol   = "-1"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
}

# Private app tier: default route through the NAT gateway, no internet
# gateway route.

resource "aws_subnet" "app" {
  count                   = length(local.app_cidrs)
  vpc_id                  = aws_vpc.main.id
  cidr_block              = local.app_cidrs[count.index]
  availability_zone       = local.azs[count.index]
  map_public_ip_on_launch = false
  tags                    = { Tier = "app" }
}

resource "aws_route_table" "app" {
  vpc_id = aws_vpc.main.id
  tags   = { Tier = "app" }
}

resource "aws_route" "app_default" {
  route_table_id         = aws_route_table.app.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.main.id
}

resource "aws_route_table_association" "app" {
  count          = length(aws_subnet.app)
  subnet_id      = aws_subnet.app[count.index].id
  route_table_id = aws_route_table.app.id
}

# Private ACL: anything from inside the VPC, return traffic from the NAT
# gateway on ephemeral ports, RDP from outside denied first.
resource "aws_network_acl" "app" {
  vpc_id     = aws_vpc.main.id
  subnet_ids = aws_subnet.app[*].id
  tags       = { Tier = "app" }

  ingress {
    rule_no    = 100
    protocol   = "-1"
    action     = "allow"
    cidr_block = local.vpc_cidr
    from_port  = 0
    to_port    = 0
  }
  ingress {
    rule_no    = 110
    protocol   = "tcp"
    action     = "deny"
    cidr_block = "0.0.0.0/0"
    from_port  = 3389
    to_port    = 3389
  }
  ingress {
    rule_no    = 120
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 1024
    to_port    = 65535
  }
  egress {
    rule_no    = 100
    protocol   = "-1"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
}

# The VPC's default security group keeps no rule.
resource "aws_default_security_group" "default" {
  vpc_id = aws_vpc.main.id
  tags   = { Tier = "network" }
}

# Security groups: the bastion takes SSH from the office only, the ALB
# takes HTTP(S) from anywhere; the app tier's group is in modules/app.

resource "aws_security_group" "bastion" {
  name        = "shop-bastion"
  description = "SSH jump host reachable from the office range only"
  vpc_id      = aws_vpc.main.id
  tags        = { Tier = "bastion" }
}

resource "aws_vpc_security_group_ingress_rule" "bastion_ssh" {
  security_group_id            = aws_security_group.bastion.id
  description                  = "SSH from the office through the bastion's load balancer"
  ip_protocol                  = "tcp"
  from_port                    = 22
  to_port                      = 22
  referenced_security_group_id = aws_security_group.bastion_nlb.id
}

resource "aws_vpc_security_group_egress_rule" "bastion_ssh" {
  security_group_id = aws_security_group.bastion.id
  description       = "SSH to hosts in the VPC"
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv4         = local.vpc_cidr
}

resource "aws_vpc_security_group_egress_rule" "bastion_https" {
  security_group_id = aws_security_group.bastion.id
  description       = "HTTPS to SSM and other AWS APIs"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_security_group" "bastion_nlb" {
  name        = "shop-bastion-nlb"
  description = "Front door of the SSH jump host, open to the office range only"
  vpc_id      = aws_vpc.main.id
  tags        = { Tier = "bastion" }

  ingress {
    description = "SSH from the office"
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = [var.office_cidr]
  }
  egress {
    description = "SSH to the bastion"
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = [local.vpc_cidr]
  }
}

resource "aws_security_group" "alb" {
  name        = "shop-alb"
  description = "Internet-facing load balancer of the shop"
  vpc_id      = aws_vpc.main.id
  tags        = { Tier = "web" }

  ingress {
    description = "HTTPS from the internet"
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    description = "HTTP from the internet, redirected to HTTPS"
    protocol    = "tcp"
    from_port   = 80
    to_port     = 80
    cidr_blocks = ["0.0.0.0/0"]
  }
  egress {
    description     = "Requests to the app tier"
    protocol        = "tcp"
    from_port       = 8080
    to_port         = 8080
    security_groups = [module.app.security_group_id]
  }
}

# Internet-facing ALB: HTTPS with TLS 1.2 or later; HTTP only redirects.

resource "aws_lb" "main" {
  name                       = "shop-alb"
  load_balancer_type         = "application"
  internal                   = false
  subnets                    = aws_subnet.public[*].id
  security_groups            = [aws_security_group.alb.id]
  drop_invalid_header_fields = true
  enable_deletion_protection = true
  tags                       = { Tier = "web" }

  access_logs {
    bucket  = "shop-lb-access-logs"
    enabled = true
  }
}

resource "aws_lb_target_group" "app" {
  name        = "shop-app"
  vpc_id      = aws_vpc.main.id
  protocol    = "HTTP"
  port        = 8080
  target_type = "instance"
  tags        = { Tier = "app" }

  health_check {
    path = "/health"
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.main.arn
  protocol          = "HTTPS"
  port              = 443
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}

resource "aws_lb_listener" "http_redirect" {
  load_balancer_arn = aws_lb.main.arn
  protocol          = "HTTP"
  port              = 80

  default_action {
    type = "redirect"
    redirect {
      protocol    = "HTTPS"
      port        = "443"
      status_code = "HTTP_301"
    }
  }
}

# The bastion host: in a public subnet without a public IP, reached through
# a network load balancer that admits the office range only; SSM Session
# Manager is its other way in.

resource "aws_lb" "bastion" {
  name               = "shop-bastion"
  load_balancer_type = "network"
  internal           = false
  subnets            = aws_subnet.public[*].id
  security_groups    = [aws_security_group.bastion_nlb.id]
  tags               = { Tier = "bastion" }

  access_logs {
    bucket  = "shop-lb-access-logs"
    enabled = true
  }
}

resource "aws_lb_target_group" "bastion" {
  name        = "shop-bastion"
  vpc_id      = aws_vpc.main.id
  protocol    = "TCP"
  port        = 22
  target_type = "instance"
  tags        = { Tier = "bastion" }
}

resource "aws_lb_listener" "bastion" {
  load_balancer_arn = aws_lb.bastion.arn
  protocol          = "TCP"
  port              = 22

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.bastion.arn
  }
}

data "aws_iam_policy_document" "ec2_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "bastion" {
  name               = "shop-bastion"
  assume_role_policy = data.aws_iam_policy_document.ec2_trust.json
}

resource "aws_iam_role_policy_attachment" "bastion_ssm" {
  role       = aws_iam_role.bastion.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "bastion" {
  name = "shop-bastion"
  role = aws_iam_role.bastion.name
}

data "aws_ssm_parameter" "ami" {
  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
}

resource "aws_instance" "bastion" {
  ami                         = data.aws_ssm_parameter.ami.value
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.public[0].id
  associate_public_ip_address = false
  vpc_security_group_ids      = [aws_security_group.bastion.id]
  iam_instance_profile        = aws_iam_instance_profile.bastion.name

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  root_block_device {
    volume_size = 8
    volume_type = "gp3"
    encrypted   = true
  }

  tags = { Tier = "bastion" }
}

resource "aws_lb_target_group_attachment" "bastion" {
  target_group_arn = aws_lb_target_group.bastion.arn
  target_id        = aws_instance.bastion.id
  port             = 22
}

module "app" {
  source                    = "./modules/app"
  image_id                  = data.aws_ssm_parameter.ami.value
  vpc_id                    = aws_vpc.main.id
  subnet_ids                = aws_subnet.app[*].id
  alb_security_group_id     = aws_security_group.alb.id
  bastion_security_group_id = aws_security_group.bastion.id
  target_group_arn          = aws_lb_target_group.app.arn
}
