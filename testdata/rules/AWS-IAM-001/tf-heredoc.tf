# An inline role policy written as a heredoc: the finding is at the
# action's own line inside the JSON (expect.json).
resource "aws_iam_role_policy" "heredoc" {
  role   = "ci"
  policy = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "*",
          "Resource": "*"
        }
      ]
    }
  JSON
}
