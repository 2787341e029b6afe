output "a" { value = "x" }
output "b" { value = [1, 2] }
