variable "kms_key" {
  type        = string
  description = "No default: may be null."
}

resource "aws_kms_key" "topics" {
  description         = "topics"
  enable_key_rotation = true
}

resource "aws_sns_topic" "orders" {
  name              = "orders"
  kms_master_key_id = aws_kms_key.topics.arn
}

resource "aws_sns_topic" "alerts" {
  name              = "alerts"
  kms_master_key_id = "alias/aws/sns"
}

resource "aws_sns_topic" "events" {
  name              = "events"
  kms_master_key_id = var.kms_key # undecided: AWS-SNS-001
}
