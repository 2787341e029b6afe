variable "flag" { default = true }
output "number_or_string" { value = var.flag ? 1 : "x" }
output "list_or_empty" { value = var.flag ? ["a"] : [] }
output "object_or_null" { value = var.flag ? { a = 1 } : null }
output "nested" { value = !var.flag ? "a" : var.flag ? "b" : "c" }
