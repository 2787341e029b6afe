variable "http_tokens" {
  type = string
}

resource "aws_instance" "web" { # expect: AWS-EC2-003
  ami = "ami-0123456789abcdef0"
}

resource "aws_instance" "api" {
  ami = "ami-0123456789abcdef0"
  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "optional" # expect: AWS-EC2-003
  }
}

resource "aws_launch_template" "workers" { # expect: AWS-EC2-003
  image_id = "ami-0123456789abcdef0"
  metadata_options {
    http_put_response_hop_limit = 2
  }
}

resource "aws_launch_configuration" "legacy" {
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens = "optional" # expect: AWS-EC2-003
  }
}

# A template outside the scan may set the options: the instance's own
# settings still decide.
resource "aws_instance" "worker" {
  launch_template {
    id = "lt-0123456789abcdef0"
  }
  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "optional" # expect: AWS-EC2-003
  }
}

resource "aws_instance" "batch" {
  ami = "ami-0123456789abcdef0"
  metadata_options {
    http_tokens = var.http_tokens # undecided: AWS-EC2-003
  }
}

# A template outside the scan, and no setting of its own.
resource "aws_instance" "elsewhere" {
  launch_template { # undecided: AWS-EC2-003
    id = "lt-0123456789abcdef0"
  }
}
