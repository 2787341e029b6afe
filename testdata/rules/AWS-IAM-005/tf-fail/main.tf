# Unset arguments are what AWS applies: no symbols, no reuse prevention,
# no expiry.
resource "aws_iam_account_password_policy" "weak" { # expect: AWS-IAM-005, AWS-IAM-005
  minimum_password_length      = 8 # expect: AWS-IAM-005
  require_uppercase_characters = true
  require_lowercase_characters = true
  require_numbers              = false # expect: AWS-IAM-005
  max_password_age             = 365 # expect: AWS-IAM-005
}
