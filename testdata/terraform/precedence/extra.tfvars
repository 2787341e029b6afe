from_varfile = "extra"
from_cli     = "extra"
