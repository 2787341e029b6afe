variable "profile" {}

resource "aws_ebs_encryption_by_default" "on" {}

resource "aws_subnet" "public" {
  vpc_id                  = "vpc-1"
  cidr_block              = "10.0.1.0/24"
  map_public_ip_on_launch = true
}

resource "aws_subnet" "private" {
  vpc_id     = "vpc-1"
  cidr_block = "10.0.2.0/24"
}

resource "aws_launch_template" "app" {
  name     = "app"
  image_id = "ami-0123456789abcdef0"
  metadata_options {
    http_tokens = "required"
  }
  iam_instance_profile {
    name = var.profile
  }
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      encrypted = "false"
    }
  }
}

resource "aws_launch_template" "nodes" {
  name = "nodes"
}

resource "aws_eks_node_group" "nodes" {
  cluster_name  = "c"
  node_role_arn = "arn:aws:iam::111122223333:role/nodes"
  subnet_ids    = ["subnet-1"]
  launch_template {
    id      = aws_launch_template.nodes.id
    version = aws_launch_template.nodes.latest_version
  }
  scaling_config {
    desired_size = 1
    max_size     = 1
    min_size     = 1
  }
}

resource "aws_instance" "in_public" {
  ami       = "ami-0123456789abcdef0"
  subnet_id = aws_subnet.public.id
}

resource "aws_instance" "opted_out" {
  ami                         = "ami-0123456789abcdef0"
  subnet_id                   = aws_subnet.public.id
  associate_public_ip_address = false
}

resource "aws_instance" "in_private" {
  ami       = "ami-0123456789abcdef0"
  subnet_id = aws_subnet.private.id
}

resource "aws_instance" "from_template" {
  subnet_id = aws_subnet.private.id
  launch_template {
    id = aws_launch_template.app.id
  }
}

resource "aws_instance" "by_name" {
  launch_template {
    name    = "app"
    version = "$Latest"
  }
  metadata_options {
    http_tokens = "optional"
  }
}

resource "aws_instance" "old_version" {
  launch_template {
    id      = aws_launch_template.app.id
    version = "3"
  }
}

resource "aws_instance" "elsewhere" {
  subnet_id = "subnet-0123456789abcdef0"
  launch_template {
    id = "lt-0123456789abcdef0"
  }
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 10
}

resource "aws_ec2_instance_metadata_defaults" "imdsv2" {
  http_tokens = "required"
}

resource "aws_instance" "bastion" {
  ami       = "ami-0123456789abcdef0"
  subnet_id = aws_subnet.private.id
}

resource "aws_eip" "bastion" {
  instance = aws_instance.bastion.id
}
