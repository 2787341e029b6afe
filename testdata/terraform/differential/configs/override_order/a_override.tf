output "o" { value = "a_override" }
