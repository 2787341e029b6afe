variable "profile" {
  type = string
}

resource "aws_instance" "web" { # expect: AWS-EC2-002
  ami = "ami-0123456789abcdef0"
}

resource "aws_launch_template" "workers" { # expect: AWS-EC2-002
  image_id = "ami-0123456789abcdef0"
}

resource "aws_launch_configuration" "legacy" { # expect: AWS-EC2-002
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}

# An empty name is no profile.
resource "aws_instance" "empty" {
  ami                  = "ami-0123456789abcdef0"
  iam_instance_profile = "" # expect: AWS-EC2-002
}

# A variable without a value: set or not is up to the caller.
resource "aws_instance" "app" {
  ami                  = "ami-0123456789abcdef0"
  iam_instance_profile = var.profile # undecided: AWS-EC2-002
}
