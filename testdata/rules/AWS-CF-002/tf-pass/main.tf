variable "security_policy" {
  type = string
}

resource "aws_cloudfront_distribution" "site" {
  enabled = true
  aliases = ["www.example.com"]

  origin {
    origin_id   = "site"
    domain_name = "acme-site.s3.us-east-1.amazonaws.com"
  }

  default_cache_behavior {
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = "arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-1111-2222-3333-444455556666"
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}

# A policy name CloudFront's table (as rampart knows it) does not list,
# and a policy chosen by the caller: undecided, neither old nor fine.
resource "aws_cloudfront_distribution" "chosen" {
  enabled = true
  aliases = ["api.example.com"]

  origin {
    origin_id   = "site"
    domain_name = "acme-site.s3.us-east-1.amazonaws.com"
  }

  default_cache_behavior {
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = "arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-1111-2222-3333-444455556666"
    ssl_support_method       = "sni-only"
    minimum_protocol_version = var.security_policy # undecided: AWS-CF-002
  }
}

resource "aws_cloudfront_distribution" "future" {
  enabled = true
  aliases = ["cdn.example.com"]

  origin {
    origin_id   = "site"
    domain_name = "acme-site.s3.us-east-1.amazonaws.com"
  }

  default_cache_behavior {
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = "arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-1111-2222-3333-444455556666"
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.4_2031" # undecided: AWS-CF-002
  }
}
