variable "log" {
  type = bool
}

resource "aws_cloudfront_distribution" "standard" {
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

  logging_config {
    bucket = "acme-cf-logs.s3.amazonaws.com"
    prefix = "standard/"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }
}

# Logging v2: a delivery source naming the distribution.
resource "aws_cloudfront_distribution" "v2" {
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
    cloudfront_default_certificate = true
  }
}

resource "aws_cloudwatch_log_delivery_source" "v2" {
  name         = "cdn-access-logs"
  log_type     = "ACCESS_LOGS"
  resource_arn = aws_cloudfront_distribution.v2.arn
}

# A delivery source that may not exist may log it: undecided.
resource "aws_cloudfront_distribution" "maybe" {
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
    cloudfront_default_certificate = true
  }
}

resource "aws_cloudwatch_log_delivery_source" "maybe" { # undecided: AWS-CF-003
  count        = var.log ? 1 : 0
  name         = "cdn-maybe-logs"
  log_type     = "ACCESS_LOGS"
  resource_arn = aws_cloudfront_distribution.maybe.arn
}
