variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "register_canary" {
  type        = bool
  description = "not known before apply: the canary may not be registered"
}

resource "aws_security_group" "alb" {
  name        = "alb"
  description = "load balancer"
  vpc_id      = var.vpc_id
}

resource "aws_security_group" "app" {
  name        = "app"
  description = "application servers"
  vpc_id      = var.vpc_id

  ingress {
    description     = "from the load balancer"
    from_port       = 8080
    to_port         = 8080
    protocol        = "tcp"
    security_groups = [aws_security_group.alb.id]
  }

  ingress {
    description = "the office reaches around the load balancer"
    from_port   = 8000
    to_port     = 8999
    protocol    = "tcp"
    cidr_blocks = ["198.51.100.0/24"] # expect: AWS-SG-016
  }
}

resource "aws_security_group" "workers" {
  name        = "workers"
  description = "workers launched by the auto scaling group"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "workers_tls" {
  security_group_id = aws_security_group.workers.id
  description       = "internal TLS port from the VPC"
  ip_protocol       = "tcp"
  from_port         = 8443
  to_port           = 8443
  cidr_ipv4         = "10.0.0.0/16" # expect: AWS-SG-016
}

resource "aws_security_group" "canary" {
  name        = "canary"
  description = "a canary that may not be registered"
  vpc_id      = var.vpc_id

  ingress {
    description = "app port from the VPC"
    from_port   = 8080
    to_port     = 8080
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}

resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = var.subnet_ids
  security_groups    = [aws_security_group.alb.id]
}

resource "aws_lb_target_group" "app" {
  name     = "app"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = var.vpc_id
}

resource "aws_lb_target_group" "workers" {
  name     = "workers"
  port     = 8443
  protocol = "HTTPS"
  vpc_id   = var.vpc_id
}

resource "aws_instance" "app" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.app.id]
}

resource "aws_instance" "canary" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.canary.id]
}

resource "aws_lb_target_group_attachment" "app" {
  target_group_arn = aws_lb_target_group.app.arn
  target_id        = aws_instance.app.id
}

resource "aws_lb_target_group_attachment" "canary" { # undecided: AWS-SG-016
  count            = var.register_canary ? 1 : 0
  target_group_arn = aws_lb_target_group.app.arn
  target_id        = aws_instance.canary.id
}

resource "aws_launch_template" "workers" {
  name_prefix            = "workers-"
  image_id               = "ami-0123456789abcdef0"
  vpc_security_group_ids = [aws_security_group.workers.id]
}

resource "aws_autoscaling_group" "workers" {
  min_size            = 1
  max_size            = 4
  vpc_zone_identifier = var.subnet_ids

  launch_template {
    id      = aws_launch_template.workers.id
    version = "$Latest"
  }
}

resource "aws_autoscaling_attachment" "workers" {
  autoscaling_group_name = aws_autoscaling_group.workers.name
  lb_target_group_arn    = aws_lb_target_group.workers.arn
}
