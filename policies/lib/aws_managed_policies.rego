package rampart.lib.iam.managed

# What well-known AWS managed policies grant, by name, as AWS documents
# them in the AWS Managed Policy Reference Guide
# (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/policy-list.html):
# "admin" is every action on every resource, "iam" every IAM action.
# Only policies whose grant is stable and well known are listed; any other
# ARN is not judged.
policies := {
	# https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html
	# Action "*" on Resource "*".
	"AdministratorAccess": {"admin": true, "iam": true},
	# https://docs.aws.amazon.com/aws-managed-policy/latest/reference/IAMFullAccess.html
	# Action "iam:*" on Resource "*" (and organizations read actions).
	"IAMFullAccess": {"admin": false, "iam": true},
	# https://docs.aws.amazon.com/aws-managed-policy/latest/reference/PowerUserAccess.html
	# NotAction iam:*, organizations:*, account:* on Resource "*": neither
	# admin nor IAM, though close to both.
	"PowerUserAccess": {"admin": false, "iam": false},
	# https://docs.aws.amazon.com/aws-managed-policy/latest/reference/ReadOnlyAccess.html
	"ReadOnlyAccess": {"admin": false, "iam": false},
}

# of is the entry of an AWS managed policy ARN
# (arn:<partition>:iam::aws:policy/<path><name>), undefined for any other.
of(arn) := policies[name] if {
	is_string(arn)
	parts := regex.find_all_string_submatch_n(`^arn:aws[a-z-]*:iam::aws:policy/(?:[A-Za-z0-9_+=,.@-]+/)*([A-Za-z0-9_+=,.@-]+)$`, arn, 1)
	name := parts[0][1]
}
