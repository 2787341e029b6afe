output "name" { value = "never" }
resource "terraform_data" "x" { input = 1 }
