variable "subnet_id" {
  type = string
}

resource "aws_security_group" "app" {
  name        = "app-sg"
  description = "App servers"
}

resource "aws_instance" "app" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = var.subnet_id
  vpc_security_group_ids = [aws_security_group.app.id]
}

resource "aws_launch_template" "app" {
  name_prefix            = "app-"
  image_id               = "ami-0123456789abcdef0"
  vpc_security_group_ids = [aws_security_group.app.id]
}

resource "aws_instance" "from_template" {
  launch_template {
    id      = aws_launch_template.app.id
    version = "$Latest"
  }
}

resource "aws_network_interface" "primary" {
  subnet_id       = var.subnet_id
  security_groups = [aws_security_group.app.id]
}

resource "aws_instance" "with_interface" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  network_interface {
    network_interface_id = aws_network_interface.primary.id
    device_index         = 0
  }
}
