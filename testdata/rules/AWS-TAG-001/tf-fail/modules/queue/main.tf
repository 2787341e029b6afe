resource "aws_sqs_queue" "this" { # expect: AWS-TAG-001
  name = "module-queue"
}
