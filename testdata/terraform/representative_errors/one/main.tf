variable "names" {
  type = list(string)
}

resource "aws_s3_bucket" "b" {
  bucket = one(var.names)
  acl    = "private"
}
