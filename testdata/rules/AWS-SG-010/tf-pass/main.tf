variable "extra_security_group_ids" {
  type        = list(string)
  description = "No default: the count is unknown, so the rule cannot decide."
}

resource "aws_security_group" "web" {
  name        = "web-sg"
  description = "web"
}

resource "aws_instance" "web" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.web.id, "sg-0aaaaaaaaaaaaaaa1", "sg-0aaaaaaaaaaaaaaa2"]
}

resource "aws_instance" "flexible" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  vpc_security_group_ids = var.extra_security_group_ids  # undecided: AWS-SG-010
}

resource "aws_network_interface" "app" {
  subnet_id       = "subnet-0123456789abcdef0"
  security_groups = [aws_security_group.web.id]
}
