variable "token" {
  type      = string
  default   = "t0k3n"
  ephemeral = true
}
output "is_null" { value = ephemeralasnull(var.token) == null }
