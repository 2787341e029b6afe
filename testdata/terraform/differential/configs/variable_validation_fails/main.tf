variable "port" {
  type    = number
  default = 70000
  validation {
    condition     = var.port < 65536
    error_message = "The port must be below 65536."
  }
}
output "port" { value = var.port }
