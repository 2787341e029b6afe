variable "env" {
  type = string
}

resource "aws_security_group" "web" {
  name        = "prod-web"
  description = "Web tier"
}

resource "aws_security_group" "prefixed" {
  name_prefix = "Generated_"
  description = "name_prefix: AWS completes the name"
}

resource "aws_security_group" "unnamed" {
  description = "No name: Terraform generates one"
}

resource "aws_security_group" "env" {
  name        = "${var.env}-db"  # undecided: AWS-SG-008
  description = "Name unknown until apply"
}

resource "aws_default_security_group" "default" {
  vpc_id = "vpc-0a1b2c3d4e5f67890"
}
