data "aws_ami" "al2023" {
  most_recent = true
  owners      = ["amazon"]
  filter {
    name   = "name"
    values = ["al2023-ami-*-x86_64"]
  }
}

resource "aws_instance" "build_agent" { # expect: AWS-SG-012
  ami           = data.aws_ami.al2023.id
  instance_type = "t3.medium"
  subnet_id     = "subnet-0123456789abcdef0"

  tags = {
    Name = "build-agent"
  }
}

resource "aws_launch_template" "workers" { # expect: AWS-SG-012
  name_prefix   = "workers-"
  image_id      = data.aws_ami.al2023.id
  instance_type = "t3.small"
}
