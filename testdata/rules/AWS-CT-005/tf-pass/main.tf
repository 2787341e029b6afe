resource "aws_cloudwatch_log_group" "trail" {
  name              = "CloudTrail/acme"
  retention_in_days = 365
}

resource "aws_iam_role" "trail_logs" {
  name = "cloudtrail-logs"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

# The provider's documented form: the group's ARN followed by ":*".
resource "aws_cloudtrail" "logged" {
  name                       = "logged"
  s3_bucket_name             = "acme-trail-logs"
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn  = aws_iam_role.trail_logs.arn
}
