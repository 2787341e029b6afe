locals {
  broken = tonumber("nope")
}
output "ok" { value = "fine" }
