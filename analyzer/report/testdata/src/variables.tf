variable "office_cidr" {
  type    = string
  default = "0.0.0.0/0"
}

variable "db_public" {
  type = bool
}
