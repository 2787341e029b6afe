variable "target_group_arn" {
  type = string
}

resource "aws_security_group" "service" {
  name        = "service"
  description = "service instances"

  ingress {
    description = "API port from the VPC"
    from_port   = 8080
    to_port     = 8080
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"] # expect: AWS-SG-016
  }
}

resource "aws_instance" "service" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.service.id]
}

resource "aws_lb_target_group_attachment" "service" {
  target_group_arn = var.target_group_arn
  target_id        = aws_instance.service.id
}
