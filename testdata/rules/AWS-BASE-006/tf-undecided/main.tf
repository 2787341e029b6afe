# The rule's pattern names an account that is not known before apply.

variable "account_id" {
  type = string
}

resource "aws_sns_topic" "security_alerts" {
  name              = "security-alerts"
  kms_master_key_id = "alias/aws/sns"
}

resource "aws_cloudwatch_event_rule" "this" {
  name = "RootUsage"
  event_pattern = jsonencode({ # undecided: AWS-BASE-006
    account       = [var.account_id]
    "detail-type" = ["AWS API Call via CloudTrail", "AWS Console Sign In via CloudTrail"]
    detail = {
      userIdentity = {
        type = ["Root"]
      }
    }
  })
}

resource "aws_cloudwatch_event_target" "alerts" {
  rule = aws_cloudwatch_event_rule.this.name
  arn  = aws_sns_topic.security_alerts.arn
}
