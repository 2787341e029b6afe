variable "in" { type = object({ id = string, list = list(number) }) }
resource "terraform_data" "b" { input = var.in.list }
output "out" { value = "${var.in.id}-b-${length(var.in.list)}" }
