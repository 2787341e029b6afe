locals {
  actions = ["s3:GetObject", "s3:PutObject"]
}
resource "terraform_data" "policy" {
  input = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = local.actions
      Resource = "arn:aws:s3:::bucket/*"
    }]
  })
}
output "policy" { value = terraform_data.policy.input }
output "decoded" { value = jsondecode(terraform_data.policy.input).Statement[0].Action }
