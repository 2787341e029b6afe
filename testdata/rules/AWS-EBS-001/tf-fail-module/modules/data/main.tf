variable "encrypted" {
  type = bool
}

resource "aws_ebs_volume" "this" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = var.encrypted # expect: AWS-EBS-001
}
