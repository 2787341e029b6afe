locals {
  hosts = ["a.example", "b.example"]
}
resource "terraform_data" "cfg" {
  input = templatefile("${path.module}/cfg.tftpl", { hosts = local.hosts, port = 8080 })
}
output "cfg" { value = terraform_data.cfg.input }
