package kindgen

// accountSchema is input.account, which only account-scope rules see
// (METADATA custom.scope: account; analyzer/engine/account.go): the scan's
// units, and the native part resources that folded into no resource of
// their unit.
func accountSchema() map[string]any {
	str := map[string]any{"type": "string"}
	detached := object(map[string]any{
		"uid":        str,
		"id":         str,
		"kind":       map[string]any{"type": "string", "description": "the kind whose resources it would have folded into"},
		"type":       str,
		"source":     anySourceSchema(),
		"file":       str,
		"location":   locationSchema(),
		"properties": map[string]any{"type": "object", "description": "always {}: a detached resource has no canonical properties"},
		"native":     map[string]any{"type": "object", "description": "the native attributes, unknowns as null"},
		"refs":       map[string]any{"type": "array"},
	}, false)
	return map[string]any{
		"type":        "object",
		"description": "account-scope rules only: the scan as one account (absent for other rules)",
		"properties": map[string]any{
			"units": map[string]any{
				"type":        "array",
				"description": "every unit of the scan in path order: the template, plan or root module directory (path), its main file (file) and its source",
				"items": object(map[string]any{
					"path":   str,
					"file":   str,
					"source": anySourceSchema(),
				}, false),
			},
			"may_not_exist": map[string]any{
				"type":        "array",
				"description": "the uids of the resources that may not be created (a count, for_each or Condition not known before deployment); an undecided entry about one with an empty path is located at what decides it",
				"items":       str,
			},
			"detached": map[string]any{
				"type":        "array",
				"description": "native resources of a part type of the account rules' kinds that no resource of their unit holds (a flow log of a VPC another unit declares)",
				"items":       detached,
			},
		},
		"required":             []string{"units", "detached", "may_not_exist"},
		"additionalProperties": false,
	}
}
