# A child module output may hold a sensitive value without saying
# sensitive = true; only root module outputs must.
variable "p" {
  default   = "x"
  sensitive = true
}
output "o" { value = var.p }
