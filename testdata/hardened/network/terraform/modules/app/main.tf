# The private app tier: a security group that admits the app port from the
# load balancer and SSH from the bastion only, a role with managed policies
# only, and a launch template (IMDSv2, encrypted volumes, no public IP) for
# an auto scaling group behind the target group, plus one worker instance.

variable "vpc_id" {
  description = "VPC of the app tier."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets the app tier runs in."
  type        = list(string)
}

variable "alb_security_group_id" {
  description = "Security group of the load balancer in front of the app."
  type        = string
}

variable "bastion_security_group_id" {
  description = "Security group of the SSH bastion."
  type        = string
}

variable "target_group_arn" {
  description = "Target group the app's instances register in."
  type        = string
}

variable "image_id" {
  description = "AMI of the app's instances."
  type        = string
}

variable "app_port" {
  description = "Port the app listens on."
  type        = number
  default     = 8080
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

resource "aws_security_group" "app" {
  name        = "shop-app"
  description = "Private app tier behind the load balancer"
  vpc_id      = var.vpc_id
  tags        = { Tier = "app" }
}

resource "aws_vpc_security_group_ingress_rule" "from_alb" {
  security_group_id            = aws_security_group.app.id
  description                  = "App port from the load balancer only"
  ip_protocol                  = "tcp"
  from_port                    = var.app_port
  to_port                      = var.app_port
  referenced_security_group_id = var.alb_security_group_id
}

resource "aws_vpc_security_group_ingress_rule" "from_bastion" {
  security_group_id            = aws_security_group.app.id
  description                  = "SSH from the bastion only"
  ip_protocol                  = "tcp"
  from_port                    = 22
  to_port                      = 22
  referenced_security_group_id = var.bastion_security_group_id
}

resource "aws_vpc_security_group_egress_rule" "https_out" {
  security_group_id = aws_security_group.app.id
  description       = "HTTPS to AWS APIs through the NAT gateway"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "app" {
  name               = "shop-app"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["ssm:GetParameter", "ssm:GetParametersByPath"]
    resources = ["arn:${data.aws_partition.current.partition}:ssm:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:parameter/shop/*"]
  }
}

resource "aws_iam_policy" "app" {
  name        = "shop-app"
  description = "Reads the shop's configuration parameters"
  policy      = data.aws_iam_policy_document.app.json
}

resource "aws_iam_role_policy_attachment" "app" {
  role       = aws_iam_role.app.name
  policy_arn = aws_iam_policy.app.arn
}

resource "aws_iam_role_policy_attachment" "ssm" {
  role       = aws_iam_role.app.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "app" {
  name = "shop-app"
  role = aws_iam_role.app.name
}

resource "aws_launch_template" "app" {
  name                   = "shop-app"
  image_id               = var.image_id
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.app.id]

  iam_instance_profile {
    arn = aws_iam_instance_profile.app.arn
  }

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size           = 20
      volume_type           = "gp3"
      encrypted             = true
      delete_on_termination = true
    }
  }

  block_device_mappings {
    device_name = "/dev/xvdf"
    ebs {
      volume_size           = 50
      volume_type           = "gp3"
      encrypted             = true
      delete_on_termination = true
    }
  }

  tag_specifications {
    resource_type = "instance"
    tags          = { Tier = "app" }
  }
}

resource "aws_autoscaling_group" "app" {
  name                      = "shop-app"
  min_size                  = 2
  max_size                  = 4
  vpc_zone_identifier       = var.subnet_ids
  target_group_arns         = [var.target_group_arn]
  health_check_type         = "ELB"
  health_check_grace_period = 120

  launch_template {
    id      = aws_launch_template.app.id
    version = aws_launch_template.app.latest_version
  }
}

resource "aws_instance" "worker" {
  ami                    = var.image_id
  instance_type          = "t3.micro"
  subnet_id              = var.subnet_ids[0]
  vpc_security_group_ids = [aws_security_group.app.id]
  iam_instance_profile   = aws_iam_instance_profile.app.name

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  root_block_device {
    volume_size = 20
    volume_type = "gp3"
    encrypted   = true
  }

  tags = { Tier = "app" }
}

resource "aws_ebs_volume" "worker_data" {
  availability_zone = aws_instance.worker.availability_zone
  size              = 50
  type              = "gp3"
  encrypted         = true
  tags              = { Tier = "app" }
}

resource "aws_volume_attachment" "worker_data" {
  device_name = "/dev/xvdf"
  volume_id   = aws_ebs_volume.worker_data.id
  instance_id = aws_instance.worker.id
}

resource "aws_lb_target_group_attachment" "worker" {
  target_group_arn = var.target_group_arn
  target_id        = aws_instance.worker.id
  port             = var.app_port
}

output "security_group_id" {
  description = "Security group of the app tier."
  value       = aws_security_group.app.id
}
