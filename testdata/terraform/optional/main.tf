variable "settings" {
  type = object({
    name      = string
    encrypted = optional(bool, true)
    retention = optional(number)
    rules = optional(list(object({
      port = number
      cidr = optional(string, "10.0.0.0/8")
    })), [])
  })
  default = {
    name = "logs"
    rules = [
      { port = 443 },
      { port = 22, cidr = "0.0.0.0/0" },
    ]
  }
}

resource "aws_s3_bucket" "b" {
  bucket    = var.settings.name
  encrypted = var.settings.encrypted
  retention = var.settings.retention
  rules     = var.settings.rules
}
