data "aws_ami" "al2023" {
  most_recent = true
  owners      = ["amazon"]
  filter {
    name   = "name"
    values = ["al2023-ami-*-x86_64"]
  }
}

variable "image_id" {
  type    = string
  default = "ami-0eeeeeeeeeeeeeeee"
}

resource "aws_instance" "web" {
  ami = "ami-0123456789abcdef0" # expect: AWS-EC2-004
}

resource "aws_instance" "api" {
  ami = var.image_id # expect: AWS-EC2-004
}

resource "aws_launch_template" "workers" {
  image_id = "ami-0cccccccccccccccc" # expect: AWS-EC2-004
}

resource "aws_launch_configuration" "legacy" {
  image_id      = "ami-0dddddddddddddddd" # expect: AWS-EC2-004
  instance_type = "t3.micro"
}

# A lookup: the image is chosen at plan time.
resource "aws_instance" "batch" {
  ami = data.aws_ami.al2023.id # undecided: AWS-EC2-004
}
