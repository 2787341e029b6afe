variable "kms_key" {
  type        = string
  description = "No default: may be null."
}

resource "aws_kms_key" "queues" {
  description         = "queues"
  enable_key_rotation = true
}

# Nothing said: AWS encrypts new queues with SSE-SQS.
resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_sqs_queue" "orders" {
  name              = "orders"
  kms_master_key_id = aws_kms_key.queues.arn
}

resource "aws_sqs_queue" "events" {
  name                    = "events"
  sqs_managed_sse_enabled = false
  kms_master_key_id       = var.kms_key # undecided: AWS-SQS-001
}
