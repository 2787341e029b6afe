# terraform validates a module without instances with its variables
# Unknown: the branch the caller's value would choose is not checked.
module "m" {
  count  = 0
  source = "./child"
  on     = true
}

output "n" { value = length(module.m) }
