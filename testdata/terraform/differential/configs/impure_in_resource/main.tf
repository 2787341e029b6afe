resource "terraform_data" "t" {
  input = {
    when  = timestamp()
    id    = uuid()
    fixed = "f"
  }
}
output "fixed" { value = terraform_data.t.input.fixed }
output "when" { value = terraform_data.t.input.when }
