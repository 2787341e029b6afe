variable "name" {}
variable "cfg" {
  type = object({
    size = number
    tags = map(string)
    zone = optional(string, "a")
  })
}
resource "terraform_data" "node" {
  count = var.cfg.size
  input = merge(var.cfg.tags, { name = "${var.name}-${count.index}", zone = var.cfg.zone })
}
output "summary" { value = "${var.name}:${var.cfg.size}:${var.cfg.zone}" }
