locals {
  users = ["ann", "bob"]
}
resource "terraform_data" "script" {
  input = <<-EOT
    #!/bin/sh
    %{ for u in local.users ~}
    useradd ${u}
    %{ endfor ~}
    echo "done: ${length(local.users)} users"
  EOT
}
output "script" { value = terraform_data.script.input }
