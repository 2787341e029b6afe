variable "egress_gateway_id" {
  type        = string
  description = "not known: an internet gateway or a NAT gateway"
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
}

resource "aws_subnet" "public" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.0.0.0/24"
  map_public_ip_on_launch = true
}

resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}

resource "aws_subnet" "unsure" { # undecided: AWS-SG-015
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.2.0/24"
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }
}

resource "aws_route_table" "unsure" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = var.egress_gateway_id
  }
}

resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}

resource "aws_route_table_association" "unsure" {
  subnet_id      = aws_subnet.unsure.id
  route_table_id = aws_route_table.unsure.id
}

resource "aws_security_group" "app" {
  name        = "app"
  description = "private application servers"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "HTTPS from the VPC"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }

  ingress {
    description = "SSH from the office, around the bastion"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["203.0.113.0/24"] # expect: AWS-SG-015
  }

  ingress {
    description      = "metrics from anywhere over IPv6"
    from_port        = 9100
    to_port          = 9100
    protocol         = "tcp"
    ipv6_cidr_blocks = ["::/0"] # expect: AWS-SG-015
  }
}

resource "aws_security_group" "web" {
  name        = "web"
  description = "public web servers"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "HTTPS from anywhere: the subnet is public"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "worker" {
  name        = "worker"
  description = "workers in a subnet whose routing is not known"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "from a partner"
    from_port   = 8443
    to_port     = 8443
    protocol    = "tcp"
    cidr_blocks = ["198.51.100.0/24"]
  }
}

resource "aws_instance" "app" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.private.id
  vpc_security_group_ids = [aws_security_group.app.id]
}

resource "aws_instance" "web" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.public.id
  vpc_security_group_ids = [aws_security_group.web.id]
}

resource "aws_instance" "worker" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.unsure.id
  vpc_security_group_ids = [aws_security_group.worker.id]
}

resource "aws_security_group" "batch" {
  name        = "batch"
  description = "batch workers launched by the auto scaling group"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "job submissions from a partner"
    from_port   = 7000
    to_port     = 7000
    protocol    = "tcp"
    cidr_blocks = ["192.0.2.0/24"] # expect: AWS-SG-015
  }
}

resource "aws_launch_template" "batch" {
  name_prefix            = "batch-"
  image_id               = "ami-0123456789abcdef0"
  vpc_security_group_ids = [aws_security_group.batch.id]
}

resource "aws_autoscaling_group" "batch" {
  min_size            = 1
  max_size            = 4
  vpc_zone_identifier = [aws_subnet.private.id]

  launch_template {
    id      = aws_launch_template.batch.id
    version = "$Latest"
  }
}
