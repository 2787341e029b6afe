variable "name" {
  default = "x"
}

resource "aws_s3_bucket" "bad_each" {
  for_each = var.name
  bucket   = each.key
}

resource "aws_s3_bucket" "bad_func" {
  bucket = no_such_function("a")
}

module "missing" {
  source = "./does-not-exist"
}

resource "aws_s3_bucket" "outside" {
  bucket = "b"
  policy = file("/etc/hostname")
}

resource "aws_s3_bucket" "inside" {
  bucket = "c"
  policy = file("${path.module}/policy.json")
}

resource "aws_s3_bucket" "still_evaluated" {
  bucket = "ok-${var.name}"
}

module "no_source" {
  name = "x"
}
