variable "trail_bucket" {
  type = string
}

resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

# Which bucket the trail writes to is not known: it may be acme-data.
resource "aws_cloudtrail" "maybe" {
  name           = "maybe"
  s3_bucket_name = var.trail_bucket # undecided: AWS-CT-006
}
