resource "terraform_data" "x" {
  count = 0
  input = [for s in ["a"] : length(1)]
}
