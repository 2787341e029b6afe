# The trail writes to a bucket its module creates, named by the module's output.
module "logs" {
  source = "./modules/logs"
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = module.logs.bucket
}

# A v3-style bucket with a public ACL, named by its name.
resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy-trail"
  acl    = "public-read" # expect: AWS-CT-006
  logging {
    target_bucket = "acme-access-logs"
  }
}

resource "aws_s3_bucket_public_access_block" "legacy" {
  bucket                  = aws_s3_bucket.legacy.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = false # expect: AWS-CT-006
  restrict_public_buckets = true
}

resource "aws_cloudtrail" "legacy" {
  name           = "legacy"
  s3_bucket_name = "acme-legacy-trail"
}
