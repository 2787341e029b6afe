output "out" { value = { id = "a", list = [1, 2] } }
