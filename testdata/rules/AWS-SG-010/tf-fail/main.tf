variable "shared_security_group_ids" {
  type    = list(string)
  default = ["sg-0aaaaaaaaaaaaaaa1", "sg-0aaaaaaaaaaaaaaa2"]
}

resource "aws_security_group" "web" {
  name        = "web-sg"
  description = "web"
}

resource "aws_security_group" "monitoring" {
  name        = "monitoring-sg"
  description = "monitoring agents"
}

resource "aws_instance" "web" { # expect: AWS-SG-010
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  vpc_security_group_ids = concat(
    [aws_security_group.web.id, aws_security_group.monitoring.id],
    var.shared_security_group_ids,
  )
}

resource "aws_launch_template" "workers" { # expect: AWS-SG-010
  name_prefix   = "workers-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.small"

  network_interfaces {
    device_index    = 0
    security_groups = [aws_security_group.web.id, aws_security_group.monitoring.id, "sg-0bbbbbbbbbbbbbbb1", "sg-0bbbbbbbbbbbbbbb2"]
  }
}

resource "aws_network_interface" "app" { # expect: AWS-SG-010
  subnet_id       = "subnet-0123456789abcdef0"
  security_groups = [aws_security_group.web.id, aws_security_group.monitoring.id, "sg-0ccccccccccccccc1"]
}

resource "aws_network_interface_sg_attachment" "extra" {
  security_group_id    = "sg-0ddddddddddddddd1"
  network_interface_id = aws_network_interface.app.id
}
