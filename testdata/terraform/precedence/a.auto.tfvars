from_auto    = "a.auto"
from_varfile = "a.auto"
