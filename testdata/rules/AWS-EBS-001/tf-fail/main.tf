variable "encrypted" {
  type = bool
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = false # expect: AWS-EBS-001
}

resource "aws_ebs_volume" "logs" { # expect: AWS-EBS-001
  availability_zone = "eu-west-1a"
  size              = 20
}

# No root_block_device: the root volume comes from the AMI's snapshot.
resource "aws_instance" "web" { # expect: AWS-EBS-001
  ami = "ami-0123456789abcdef0"
}

resource "aws_instance" "db" {
  ami = "ami-0123456789abcdef0"
  root_block_device {
    encrypted = true
  }
  ebs_block_device { # expect: AWS-EBS-001
    device_name = "/dev/sdf"
    volume_size = 500
  }
  ephemeral_block_device {
    device_name  = "/dev/sdb"
    virtual_name = "ephemeral0"
  }
}

resource "aws_launch_template" "workers" {
  image_id = "ami-0123456789abcdef0"
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      encrypted = "false" # expect: AWS-EBS-001
    }
  }
}

resource "aws_launch_configuration" "legacy" {
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  root_block_device { # expect: AWS-EBS-001
    volume_size = 30
  }
}

resource "aws_ebs_volume" "scratch" {
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = var.encrypted # undecided: AWS-EBS-001
}

resource "aws_ebs_volume" "restored" {
  availability_zone = "eu-west-1a"
  snapshot_id       = "snap-0123456789abcdef0" # undecided: AWS-EBS-001
}
