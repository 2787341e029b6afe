# Data sources in a plan terraform wrote: one read while planning (only in
# prior_state), one in a child module, and one whose read waits for apply
# because its configuration is unknown (in planned_values, action read).

data "terraform_remote_state" "net" {
  backend = "local"
  config = {
    path = "${path.module}/network.tfstate"
  }
}

resource "terraform_data" "uses" {
  input = {
    vpc   = data.terraform_remote_state.net.outputs.vpc_id
    cidrs = data.terraform_remote_state.net.outputs.cidrs
  }
}

resource "terraform_data" "path" {
  input = "network.tfstate"
}

data "terraform_remote_state" "later" {
  backend = "local"
  config = {
    path = terraform_data.path.output
  }
}

module "reader" {
  source = "./modules/reader"
}
