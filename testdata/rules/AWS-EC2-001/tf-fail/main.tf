variable "subnet_id" {
  type = string
}

resource "aws_subnet" "public" {
  vpc_id                  = "vpc-0123456789abcdef0"
  cidr_block              = "10.0.1.0/24"
  map_public_ip_on_launch = true
}

resource "aws_subnet" "private" {
  vpc_id     = "vpc-0123456789abcdef0"
  cidr_block = "10.0.2.0/24"
}

# The subnet gives it an address.
resource "aws_instance" "web" {
  ami       = "ami-0123456789abcdef0"
  subnet_id = aws_subnet.public.id # expect: AWS-EC2-001
}

resource "aws_instance" "bastion" {
  ami                         = "ami-0123456789abcdef0"
  subnet_id                   = aws_subnet.private.id
  associate_public_ip_address = true # expect: AWS-EC2-001
}

resource "aws_launch_template" "workers" {
  image_id = "ami-0123456789abcdef0"
  network_interfaces {
    associate_public_ip_address = true # expect: AWS-EC2-001
    security_groups             = ["sg-0123456789abcdef0"]
  }
}

resource "aws_instance" "worker" {
  subnet_id = aws_subnet.private.id
  launch_template { # expect: AWS-EC2-001
    id      = aws_launch_template.workers.id
    version = "$Latest"
  }
}

resource "aws_launch_configuration" "legacy" {
  image_id                    = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  associate_public_ip_address = true # expect: AWS-EC2-001
}

# A subnet the module is given: its mapping is not known.
resource "aws_instance" "app" {
  ami       = "ami-0123456789abcdef0"
  subnet_id = var.subnet_id # undecided: AWS-EC2-001
}

variable "nat_enabled" {
  type = bool
}

# An Elastic IP is a public address too.
resource "aws_instance" "vpn" {
  ami       = "ami-0123456789abcdef0"
  subnet_id = aws_subnet.private.id
}

resource "aws_eip" "vpn" {
  instance = aws_instance.vpn.id # expect: AWS-EC2-001
}

# An Elastic IP that may not exist.
resource "aws_instance" "nat" {
  ami       = "ami-0123456789abcdef0"
  subnet_id = aws_subnet.private.id
}

resource "aws_eip" "nat" { # undecided: AWS-EC2-001
  count    = var.nat_enabled ? 1 : 0
  instance = aws_instance.nat.id
}
