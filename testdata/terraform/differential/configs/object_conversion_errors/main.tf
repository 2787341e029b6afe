variable "svc" {
  type = object({ name = string, port = number })
  default = { name = "x" }
}
