variable "token" {
  type      = string
  default   = "t0k3n"
  ephemeral = true
}
output "token" {
  value     = var.token
  ephemeral = true
}
