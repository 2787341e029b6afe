cfg = {
  rules = [{ port = 22 }, { port = 53, proto = "udp" }]
  meta  = { a = {}, b = { v = 2 } }
}
