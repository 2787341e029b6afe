variable "index" {
  type = number
}

resource "terraform_data" "leaf" {
  input = var.index * 10
}
