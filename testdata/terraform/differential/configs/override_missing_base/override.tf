output "nope" { value = "no base" }
