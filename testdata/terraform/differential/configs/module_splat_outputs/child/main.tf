variable "n" { type = number }
output "out" { value = { n = var.n, list = range(var.n + 1) } }
