resource "aws_config_configuration_recorder" "this" { # expect: AWS-CFG-001
  name     = "west"
  role_arn = "arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"
  recording_group {
    all_supported                 = true
    include_global_resource_types = true
  }
}

resource "aws_config_delivery_channel" "this" {
  name           = "west"
  s3_bucket_name = "acme-config-west"
  depends_on     = [aws_config_configuration_recorder.this]
}
