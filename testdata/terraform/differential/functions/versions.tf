# The provider::terraform:: functions need Terraform's built-in provider
# declared; the encode_* and decode_* cases call them.
terraform {
  required_providers {
    terraform = {
      source = "terraform.io/builtin/terraform"
    }
  }
}
