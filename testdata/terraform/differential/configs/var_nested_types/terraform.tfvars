services = {
  web = { image = "nginx", ports = [80, "443"] }
  api = { image = "api", replicas = 3, ports = [] }
}
