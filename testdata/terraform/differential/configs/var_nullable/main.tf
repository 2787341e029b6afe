variable "strict" {
  type     = string
  default  = "fallback"
  nullable = false
}
variable "loose" {
  type    = string
  default = "fallback"
}
output "strict" { value = var.strict }
output "loose" { value = var.loose }
