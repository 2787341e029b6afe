# Private ACLs in both provider styles, the log delivery group's grant,
# and a public ACL on a bucket outside the scan (not judged).
resource "aws_s3_bucket" "v3_private" {
  bucket = "acme-v3-private"
  acl    = "private"
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

resource "aws_s3_bucket_acl" "logs" {
  bucket = aws_s3_bucket.logs.bucket
  acl    = "log-delivery-write"
}

resource "aws_s3_bucket" "granted" {
  bucket = "acme-granted"
}

resource "aws_s3_bucket_acl" "granted" {
  bucket = aws_s3_bucket.granted.id
  access_control_policy {
    owner {
      id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
    }
    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/s3/LogDelivery"
      }
      permission = "WRITE"
    }
  }
}

resource "aws_s3_bucket_acl" "elsewhere" {
  bucket = "bucket-of-another-stack"
  acl    = "public-read"
}
