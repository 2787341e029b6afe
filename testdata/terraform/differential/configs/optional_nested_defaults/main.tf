variable "cfg" {
  type = object({
    rules = optional(list(object({
      port  = number
      proto = optional(string, "tcp")
      cidrs = optional(list(string), ["0.0.0.0/0"])
    })), [])
    meta = optional(map(object({ v = optional(number, 0) })), {})
  })
}
output "cfg" { value = var.cfg }
