variable "items" { default = ["x", "y", "z"] }
output "rendered" {
  value = <<-EOT
  %{ for i, v in var.items ~}
  ${i}=${v}%{ if i < length(var.items) - 1 },%{ endif }
  %{ endfor ~}
  EOT
}
output "inline" { value = "%{ if length(var.items) > 2 }many%{ else }few%{ endif }" }
