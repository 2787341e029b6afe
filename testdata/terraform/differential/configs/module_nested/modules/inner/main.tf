variable "value" {}
resource "terraform_data" "leaf" { input = var.value }
output "result" { value = "${var.value}-inner" }
