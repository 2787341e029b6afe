locals {
  objs = toset([{ n = "b", v = 2 }, { n = "a", v = 1 }, { n = "c", v = 3 }])
  nums = toset([3, 1, 20, 2])
  strs = toset(["b", "C", "a", "10", "9"])
}
output "objs" { value = local.objs }
output "nums" { value = local.nums }
output "strs" { value = local.strs }
output "from_set" { value = [for s in local.strs : s] }
