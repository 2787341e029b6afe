# A required argument the call does not set fails validation, instances
# or not.
module "m" {
  count  = 0
  source = "./child"
}

output "n" { value = length(module.m) }
