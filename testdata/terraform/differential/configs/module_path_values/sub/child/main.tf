output "module" { value = path.module }
output "root" { value = path.root }
output "file" { value = file("${path.module}/data.txt") }
