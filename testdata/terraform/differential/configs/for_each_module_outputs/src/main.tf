output "items" { value = { b = 2, a = 1 } }
