resource "aws_iam_service_linked_role" "config" {
  aws_service_name = "config.amazonaws.com"
}

# Records a list of types, with a channel, started.
resource "aws_config_configuration_recorder" "partial" {
  name     = "partial"
  role_arn = aws_iam_service_linked_role.config.arn
  recording_group {
    all_supported  = false # expect: AWS-CFG-001
    resource_types = ["AWS::EC2::SecurityGroup"]
  }
}

resource "aws_config_delivery_channel" "partial" {
  name           = "partial"
  s3_bucket_name = "acme-config"
  depends_on     = [aws_config_configuration_recorder.partial]
}

resource "aws_config_configuration_recorder_status" "partial" {
  name       = aws_config_configuration_recorder.partial.name
  is_enabled = true
  depends_on = [aws_config_delivery_channel.partial]
}

# A module whose recorder is never started, in another region.
provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

module "west" {
  source = "./modules/config"
  providers = {
    aws = aws.west
  }
}
