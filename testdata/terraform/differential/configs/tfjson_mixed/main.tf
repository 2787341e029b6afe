variable "from_hcl" { default = "hcl" }
