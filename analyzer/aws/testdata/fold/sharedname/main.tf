variable "name" {
  type = string
}

resource "aws_s3_bucket" "b" {
  bucket = var.name
}

resource "aws_s3_bucket_versioning" "v" {
  bucket = var.name
}
