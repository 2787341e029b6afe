# The account encrypts new volumes by default: volumes that do not ask
# are encrypted too.
resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}

resource "aws_kms_key" "ebs" {
  enable_key_rotation = true
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = true
  kms_key_id        = aws_kms_key.ebs.arn
}

resource "aws_ebs_volume" "logs" {
  availability_zone = "eu-west-1a"
  size              = 20
}

resource "aws_instance" "web" {
  ami = "ami-0123456789abcdef0"
}

resource "aws_instance" "db" {
  ami = "ami-0123456789abcdef0"
  root_block_device {
    encrypted  = true
    kms_key_id = aws_kms_key.ebs.arn
  }
  ebs_block_device {
    device_name = "/dev/sdf"
    encrypted   = true
  }
}

resource "aws_launch_template" "workers" {
  image_id = "ami-0123456789abcdef0"
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      encrypted = "true"
    }
  }
}
