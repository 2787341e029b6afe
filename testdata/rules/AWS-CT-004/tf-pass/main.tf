resource "aws_kms_key" "trail" {
  enable_key_rotation = true
}

resource "aws_cloudtrail" "own_key" {
  name           = "own-key"
  s3_bucket_name = "acme-trail-logs"
  kms_key_id     = aws_kms_key.trail.arn
}

data "aws_kms_alias" "central" {
  name = "alias/central-cloudtrail"
}

resource "aws_cloudtrail" "central_key" {
  name           = "central-key"
  s3_bucket_name = "acme-trail-logs"
  kms_key_id     = data.aws_kms_alias.central.target_key_arn
}

# The key comes out of a module.
module "key" {
  source = "./modules/key"
}

resource "aws_cloudtrail" "module_key" {
  name           = "module-key"
  s3_bucket_name = "acme-trail-logs"
  kms_key_id     = module.key.arn
}
