variable "pattern" {
  type = string
}

variable "account" {
  type = string
}

variable "copies" {
  type = number
}

resource "aws_cloudwatch_log_group" "trail" {
  name = "cloudtrail"
}

resource "aws_sns_topic" "alerts" {
  name = "alerts"
}

resource "aws_cloudwatch_log_metric_filter" "trail" {
  name           = "trail-changes"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = "{ ($.eventName = StopLogging) || ($.eventName = DeleteTrail) || ($.eventName = UpdateTrail) }"
  metric_transformation {
    name      = "TrailChanges"
    namespace = "Baseline"
    value     = "1"
  }
}

resource "aws_cloudwatch_log_metric_filter" "var" {
  name           = "var"
  log_group_name = "external"
  pattern        = var.pattern
  metric_transformation {
    name      = "Var"
    namespace = "Baseline"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "trail" {
  alarm_name          = "trail-changes"
  metric_name         = aws_cloudwatch_log_metric_filter.trail.metric_transformation[0].name
  namespace           = "Baseline"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  evaluation_periods  = 1
  threshold           = 1
  statistic           = "Sum"
  period              = 300
  alarm_actions       = [aws_sns_topic.alerts.arn]
}

resource "aws_cloudwatch_event_rule" "sg" {
  name = "sg-changes"
  event_pattern = jsonencode({
    source  = ["aws.ec2"]
    account = [var.account]
  })
}

resource "aws_cloudwatch_event_rule" "root" {
  name       = "root-activity"
  is_enabled = false
  event_pattern = jsonencode({
    detail = { userIdentity = { type = ["Root"] } }
  })
}

resource "aws_cloudwatch_event_target" "sg" {
  rule = aws_cloudwatch_event_rule.sg.name
  arn  = aws_sns_topic.alerts.arn
}

resource "aws_cloudwatch_event_target" "maybe" {
  count = var.copies
  rule  = "root-activity"
  arn   = "arn:aws:sns:us-east-1:123456789012:alerts"
}

resource "aws_cloudwatch_event_target" "elsewhere" {
  rule = "not-in-this-module"
  arn  = "arn:aws:sns:us-east-1:123456789012:alerts"
}

variable "namespace" {
  type = string
}

resource "aws_cloudwatch_log_metric_filter" "ns" {
  name           = "ns"
  log_group_name = "external"
  pattern        = "{ $.eventName = StopLogging }"
  metric_transformation {
    name      = "StopLogging"
    namespace = var.namespace
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "ns" {
  alarm_name          = "ns"
  metric_name         = "StopLogging"
  namespace           = var.namespace
  comparison_operator = "GreaterThanOrEqualToThreshold"
  evaluation_periods  = 1
  threshold           = 1
  statistic           = "Sum"
  period              = 60
  alarm_actions       = ["arn:aws:sns:us-east-1:123456789012:alerts"]
}
