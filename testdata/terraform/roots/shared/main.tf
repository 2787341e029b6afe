variable "name" {
  type = string
}

resource "aws_s3_bucket" "shared" {
  bucket = "shared-${var.name}"
}
