variable "cfg" {
  type = any
  default = { a = { b = "deep" } }
}
output "deep" { value = try(var.cfg.a.b, "none") }
output "missing" { value = try(var.cfg.x.y, "none") }
output "can" { value = [can(var.cfg.a), can(var.cfg.z)] }
