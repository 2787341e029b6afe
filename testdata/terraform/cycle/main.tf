locals {
  a = "${local.b}-a"
  b = "${local.a}-b"
  c = "fine"
}

resource "aws_s3_bucket" "b" {
  bucket = local.a
  acl    = local.c
}
