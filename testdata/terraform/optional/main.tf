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

locals {
  names = ["a", "b", "c"]
}

resource "aws_s3_bucket" "exprs" {
  bucket   = try(var.settings.nope, "fallback")
  valid    = can(regex("^[a-z]+$", var.settings.name))
  upper    = [for n in local.names : upper(n) if n != "b"]
  by_name  = { for i, n in local.names : n => i }
  rendered = "%{for n in local.names}${n}-%{endfor}%{if length(local.names) > 2}many%{else}few%{endif}"
  splat    = var.settings.rules[*].port
  json     = jsonencode({ Version = "2012-10-17" })
  yaml     = yamldecode("a: 1")
  starts   = startswith(var.settings.name, "lo")
}
