output "o" { value = "main" }
