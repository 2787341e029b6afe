# Provider v3 style: the ACL and grants on the bucket itself.
resource "aws_s3_bucket" "v3_site" {
  bucket = "acme-v3-site"
  acl    = "public-read" # expect: AWS-S3-001
}

resource "aws_s3_bucket" "v3_grants" {
  bucket = "acme-v3-grants"

  grant {
    id          = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
    type        = "CanonicalUser"
    permissions = ["FULL_CONTROL"]
  }

  grant { # expect: AWS-S3-001
    type        = "Group"
    uri         = "http://acs.amazonaws.com/groups/global/AllUsers"
    permissions = ["READ"]
  }
}

# Provider v4+ style: the ACL is a resource of its own, naming the bucket
# by reference or by name.
resource "aws_s3_bucket" "v4_site" {
  bucket = "acme-v4-site"
}

resource "aws_s3_bucket_acl" "v4_site" {
  bucket = aws_s3_bucket.v4_site.id
  acl    = "public-read-write" # expect: AWS-S3-001
}

resource "aws_s3_bucket" "v4_share" {
  bucket = "acme-v4-share"
}

resource "aws_s3_bucket_acl" "v4_share" {
  bucket = "acme-v4-share"

  access_control_policy {
    owner {
      id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
    }
    grant { # expect: AWS-S3-001
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
      }
      permission = "READ"
    }
  }
}
