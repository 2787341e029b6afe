variable "services" {
  type = map(object({
    image    = string
    replicas = optional(number, 1)
    ports    = list(number)
  }))
}
output "services" { value = var.services }
output "total" { value = sum([for s in var.services : s.replicas]) }
