module "m" {
  source = "./child"
  nope   = 1
}
