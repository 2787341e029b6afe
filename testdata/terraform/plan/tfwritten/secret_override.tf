resource "terraform_data" "secret" {
  input = {
    user     = "root"
    password = var.db_password
  }
}
