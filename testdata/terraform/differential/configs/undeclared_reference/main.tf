output "x" { value = var.missing }
