variable "image_id" {
  type    = string
  default = "ami-0bbbbbbbbbbbbbbbb"
}

resource "aws_instance" "web" {
  ami = "ami-0aaaaaaaaaaaaaaaa"
}

resource "aws_launch_template" "workers" {
  image_id = var.image_id
}

resource "aws_instance" "worker" {
  launch_template {
    id = aws_launch_template.workers.id
  }
}
