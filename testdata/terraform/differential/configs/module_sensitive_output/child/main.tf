output "secret" {
  value     = "s3cr3t"
  sensitive = true
}
