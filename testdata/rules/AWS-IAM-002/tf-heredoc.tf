# A user policy written as a heredoc: the finding is at the action's own
# line inside the JSON (expect.json).
resource "aws_iam_user_policy" "deploy" {
  user   = "deploy"
  policy = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "cloudformation:*",
          "Resource": "*"
        }
      ]
    }
  JSON
}
