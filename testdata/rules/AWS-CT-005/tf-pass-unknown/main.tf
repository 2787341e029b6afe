variable "log_group_arn" {
  type = string
}

variable "role_arn" {
  type = string
}

resource "aws_cloudtrail" "maybe" {
  name                       = "maybe"
  s3_bucket_name             = "acme-trail-logs"
  cloud_watch_logs_group_arn = var.log_group_arn # undecided: AWS-CT-005
  cloud_watch_logs_role_arn  = var.role_arn
}
