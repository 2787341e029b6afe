output "o" { value = "b_override" }
