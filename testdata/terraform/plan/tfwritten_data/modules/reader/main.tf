data "terraform_remote_state" "net" {
  backend = "local"
  config = {
    path = "${path.root}/network.tfstate"
  }
}

resource "terraform_data" "first_cidr" {
  input = data.terraform_remote_state.net.outputs.cidrs[0]
}
