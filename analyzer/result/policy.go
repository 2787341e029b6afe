package result

// PolicySource is one source of user policies a scan loaded (a
// --policy-dir or policy_dirs entry), with the revision it was pinned at:
// reports record it so a finding can be traced to the exact version of a
// team's rules.
type PolicySource struct {
	Path string `json:"path"`
	// Kind is directory, file, bundle (an OPA bundle: a .tar.gz archive or
	// a directory with a .manifest) or git (a directory inside a Git
	// checkout).
	Kind string `json:"kind"`
	// Revision is the checkout's HEAD commit, or the bundle's .manifest
	// revision; "" when the source has none.
	Revision string `json:"revision,omitempty"`
	// Digest is the SHA-256 of the policy files loaded from the source
	// (their names and contents): it pins a source without a revision,
	// and shows when a checkout's files differ from another run's.
	Digest string `json:"digest"`
	// Files is the number of policy files loaded (tests excluded).
	Files int `json:"files"`
}
