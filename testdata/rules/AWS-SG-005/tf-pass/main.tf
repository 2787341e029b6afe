variable "port" {
  type = number
}

resource "aws_security_group" "app" {
  name        = "app-sg"
  description = "App servers"

  ingress {
    description = "HTTPS"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    description = "port decided at apply time"
    from_port   = var.port  # undecided: AWS-SG-005
    to_port     = 9000
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }

  ingress {
    description = "ICMP echo: type 8 code 0"
    from_port   = 8
    to_port     = 0
    protocol    = "icmp"
    cidr_blocks = ["10.0.0.0/8"]
  }

  ingress {
    description = "everything from the VPC"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["10.0.0.0/16"]
  }
}

resource "aws_security_group_rule" "all_tcp_self" {
  type              = "ingress"
  security_group_id = aws_security_group.app.id
  description       = "all TCP ports between members"
  from_port         = 0
  to_port           = 65535
  protocol          = "tcp"
  self              = true
}
