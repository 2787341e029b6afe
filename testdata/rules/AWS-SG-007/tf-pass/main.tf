variable "vpc_id" {
  type = string
}

variable "rule_note" {
  type        = string
  description = "No value: the rule description is unknown and not judged."
}

resource "aws_security_group" "web" {
  name        = "web-sg"
  description = "Public web tier"
  vpc_id      = var.vpc_id

  ingress {
    description = "HTTPS from viewers"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    description = var.rule_note  # undecided: AWS-SG-007
    from_port   = 8443
    to_port     = 8443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
}

# The default group's description is fixed by AWS; it is not judged.
resource "aws_default_security_group" "default" {
  vpc_id = var.vpc_id
}

resource "aws_security_group_rule" "web_out" {
  type              = "egress"
  security_group_id = aws_security_group.web.id
  description       = "to the database subnets"
  from_port         = 5432
  to_port           = 5432
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.0/16"]
}
