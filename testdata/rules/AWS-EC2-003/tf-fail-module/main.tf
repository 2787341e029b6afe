# The region's default requires tokens for the root module's instance;
# the module's template says otherwise.
resource "aws_ec2_instance_metadata_defaults" "imdsv2" {
  http_tokens = "required"
}

resource "aws_instance" "web" {
  ami = "ami-0123456789abcdef0"
}

module "nodes" {
  source      = "./modules/node"
  http_tokens = "optional"
}

module "hardened" {
  source      = "./modules/node"
  http_tokens = "required"
}
