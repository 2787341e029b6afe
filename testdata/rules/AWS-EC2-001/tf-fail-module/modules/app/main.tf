variable "subnet_id" {
  type = string
}

resource "aws_instance" "this" {
  ami       = "ami-0123456789abcdef0"
  subnet_id = var.subnet_id # expect: AWS-EC2-001
}
