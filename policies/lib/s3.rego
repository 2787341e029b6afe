package rampart.lib.s3

# Helpers of the S3 bucket rules (aws.s3.bucket, docs/model.md).

# public_acl_effect says what each public canned ACL lets outsiders do.
public_acl_effect := {
	"public-read": "anyone on the internet can list its objects",
	"public-read-write": "anyone on the internet can list, write and delete its objects",
	"authenticated-read": "any AWS account can list its objects",
}

# public_acl is the verdict of "the canned ACL is public": "maybe" when it
# is not known.
public_acl(acl) := "yes" if public_acl_effect[acl]

public_acl(acl) := "maybe" if is_null(acl)

# public_group_uris are the grantee groups outside the account: everyone,
# and every AWS account.
public_group_uris := {
	"http://acs.amazonaws.com/groups/global/allusers",
	"http://acs.amazonaws.com/groups/global/authenticatedusers",
}

# grants lists a bucket's grants with their paths; a list of unknown
# length is one null entry at the list.
grants(list) := [{"path": ["grants"], "grant": null}] if {
	is_null(list)
} else := [{"path": ["grants", i], "grant": g} | some i, g in list]

# public_grant is the verdict of "the grant goes to a public group".
public_grant(g) := "maybe" if is_null(g)

public_grant(g) := "yes" if {
	is_string(g.uri)
	lower(g.uri) in public_group_uris
}

public_grant(g) := "maybe" if {
	not is_null(g)
	is_null(g.uri)
}
