from_env     = "tfvars"
from_tfvars  = "tfvars"
from_auto    = "tfvars"
from_varfile = "tfvars"
from_cli     = "tfvars"
not_null     = null
