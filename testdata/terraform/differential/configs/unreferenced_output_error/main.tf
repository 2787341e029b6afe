output "ok" { value = "fine" }
output "broken" { value = tonumber("nope") }
