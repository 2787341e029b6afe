locals {
  tpl = "Hi $${name}! You have $${n} messages."
}
output "greeting" { value = templatestring(local.tpl, { name = "Ann", n = 3 }) }
