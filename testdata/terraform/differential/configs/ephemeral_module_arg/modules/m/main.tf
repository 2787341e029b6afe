variable "token" { type = string }
output "ok" { value = "ok" }
