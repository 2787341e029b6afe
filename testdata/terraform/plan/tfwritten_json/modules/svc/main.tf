variable "name" {
  type = string
}

variable "peer" {
  type = any
}

resource "terraform_data" "svc" {
  input = {
    name = var.name
    peer = var.peer
  }
}
