# A private app tier behind an ALB: the app port accepts the load
# balancer's group only; a tools host no load balancer fronts keeps a CIDR.
variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

resource "aws_security_group" "app" {
  name        = "app"
  description = "application servers"
  vpc_id      = var.vpc_id

  ingress {
    description     = "from the load balancer only"
    from_port       = 8080
    to_port         = 8080
    protocol        = "tcp"
    security_groups = [aws_security_group.alb.id]
  }
}

resource "aws_security_group" "alb" {
  name        = "alb"
  description = "load balancer"
  vpc_id      = var.vpc_id

  ingress {
    description = "HTTPS from anywhere"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "tools" {
  name        = "tools"
  description = "a tools host no load balancer fronts"
  vpc_id      = var.vpc_id

  ingress {
    description = "tools UI from the VPC"
    from_port   = 8080
    to_port     = 8080
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}

resource "aws_lb" "web" {
  name            = "web"
  internal        = false
  subnets         = var.subnet_ids
  security_groups = [aws_security_group.alb.id]
}

resource "aws_lb_target_group" "app" {
  name     = "app"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = var.vpc_id
}

resource "aws_launch_template" "app" {
  name_prefix            = "app-"
  image_id               = "ami-0123456789abcdef0"
  vpc_security_group_ids = [aws_security_group.app.id]
}

resource "aws_autoscaling_group" "app" {
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = var.subnet_ids
  target_group_arns   = [aws_lb_target_group.app.arn]

  mixed_instances_policy {
    launch_template {
      launch_template_specification {
        launch_template_id = aws_launch_template.app.id
      }
    }
  }
}

resource "aws_instance" "tools" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.tools.id]
}
