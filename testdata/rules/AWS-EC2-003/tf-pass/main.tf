resource "aws_instance" "web" {
  ami = "ami-0123456789abcdef0"
  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_instance" "appliance" {
  ami = "ami-0123456789abcdef0"
  metadata_options {
    http_endpoint = "disabled"
  }
}

resource "aws_launch_template" "workers" {
  image_id = "ami-0123456789abcdef0"
  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_instance" "worker" {
  launch_template {
    name = aws_launch_template.workers.name
  }
}
