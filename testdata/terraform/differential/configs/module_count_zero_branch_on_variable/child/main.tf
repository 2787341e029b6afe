variable "on" { type = bool }

output "x" { value = var.on ? length("a", "b") : 0 }
