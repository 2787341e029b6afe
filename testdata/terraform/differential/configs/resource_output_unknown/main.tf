resource "terraform_data" "a" {
  input = "known"
}
resource "terraform_data" "b" {
  input = {
    from_output = terraform_data.a.output
    from_id     = terraform_data.a.id
    known       = "yes"
  }
}
output "out" { value = terraform_data.a.output }
output "id" { value = terraform_data.a.id }
output "mixed" { value = [terraform_data.a.output, "known"] }
