# A recorder with its delivery channel that nothing starts: the provider
# creates it stopped.

resource "aws_config_configuration_recorder" "main" { # expect: AWS-BASE-002
  name     = "main"
  role_arn = "arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"
}

resource "aws_config_delivery_channel" "main" {
  name           = "main"
  s3_bucket_name = "acme-config-history"
  depends_on     = [aws_config_configuration_recorder.main]
}
