resource "aws_cloudfront_distribution" "default_cert" {
  enabled = true

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
    cloudfront_default_certificate = true # expect: AWS-CF-002
  }
}

# No minimum_protocol_version: the default is TLSv1.
resource "aws_cloudfront_distribution" "no_policy" {
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

  viewer_certificate { # expect: AWS-CF-002
    acm_certificate_arn = "arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-1111-2222-3333-444455556666"
    ssl_support_method  = "sni-only"
  }
}
