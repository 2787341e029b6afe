variable "port" {
  type    = number
  default = 443
  validation {
    condition     = var.port > 0
    error_message = "Port must be positive."
  }
}
output "port" { value = var.port }
