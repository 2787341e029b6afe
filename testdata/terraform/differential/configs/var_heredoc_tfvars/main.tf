variable "doc" {}
output "doc" { value = var.doc }
