variable "svc" {
  type = object({
    name    = string
    port    = optional(number, 8080)
    tags    = optional(map(string), {})
    backup  = optional(bool)
    nested  = optional(object({ a = optional(string, "dflt") }), {})
  })
  default = { name = "api" }
}
variable "list_of" {
  type = list(object({
    name = string
    size = optional(number, 1)
  }))
  default = [{ name = "a" }, { name = "b", size = 3 }]
}
output "svc" { value = var.svc }
output "list_of" { value = var.list_of }
