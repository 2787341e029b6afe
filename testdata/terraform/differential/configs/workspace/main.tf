output "ws" { value = terraform.workspace }
output "name" { value = "app-${terraform.workspace}" }
