variable "cfg" {
  type = object({
    name  = string
    size  = optional(number, 2)
    flags = optional(list(bool), [true])
  })
}
variable "plain" {
  type    = list(number)
  default = ["1", 2]
}
output "cfg" { value = var.cfg }
output "plain" { value = var.plain }
