resource "aws_s3_account_public_access_block" "this" {
  account_id          = "123456789012"
  block_public_policy = true
  ignore_public_acls  = true
}

resource "aws_s3_bucket" "site" {
  bucket = "acme-site"
}
