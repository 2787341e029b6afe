locals {
  env = "prod"
}
variable "size" {
  default = 5
}
