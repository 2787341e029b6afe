# The body of a for expression over a variable is not validated either:
# the collection is Unknown there.
variable "names" {
  type    = list(string)
  default = ["a"]
}

resource "terraform_data" "x" {
  count = 0
  input = [for n in var.names : upper(n, n)]
}

output "n" { value = length(terraform_data.x) }
