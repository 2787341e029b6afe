variable "p" {
  sensitive = true
  default   = "x"
}
output "leak" { value = var.p }
