variable "password" {
  sensitive = true
  default   = "hunter2"
}
output "password" {
  value     = var.password
  sensitive = true
}
output "length" { value = nonsensitive(length(var.password)) }
output "is_sensitive" { value = issensitive(var.password) }
