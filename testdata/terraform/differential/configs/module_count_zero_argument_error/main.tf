# An argument is the caller's expression: a wrong number of arguments in
# it fails validation, instances or not.
module "m" {
  count  = 0
  source = "./child"
  name   = upper("a", "b")
}

output "n" { value = length(module.m) }
