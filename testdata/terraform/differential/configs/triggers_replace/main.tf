resource "terraform_data" "a" {
  input            = { v = 1 }
  triggers_replace = ["x"]
}
output "triggers" { value = terraform_data.a.triggers_replace }
