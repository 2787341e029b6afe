data "aws_ssm_parameter" "validate" {
  name = "/audit/validate"
}

resource "aws_cloudtrail" "maybe" {
  name                       = "maybe"
  s3_bucket_name             = "acme-trail-logs"
  enable_log_file_validation = data.aws_ssm_parameter.validate.value # undecided: AWS-CT-003
}
