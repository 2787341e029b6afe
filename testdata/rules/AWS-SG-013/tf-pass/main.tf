resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

# No rule blocks: Terraform removes every rule from the default group.
resource "aws_default_security_group" "default" {
  vpc_id = aws_vpc.main.id

  tags = {
    Name = "default-deny-all"
  }
}

# Ordinary groups may have rules; this rule is only about default groups.
resource "aws_security_group" "app" {
  name        = "app-sg"
  description = "App servers"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "HTTPS"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}
