module "shared" {
  source = "../shared"
  name   = "app1"
}
