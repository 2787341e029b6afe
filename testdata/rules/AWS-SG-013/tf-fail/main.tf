resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

# The module author "kept the AWS defaults": the default group lets its
# members talk to each other and reach anything.
resource "aws_default_security_group" "default" {
  vpc_id = aws_vpc.main.id

  ingress { # expect: AWS-SG-013
    protocol  = -1
    self      = true
    from_port = 0
    to_port   = 0
  }

  egress { # expect: AWS-SG-013
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
