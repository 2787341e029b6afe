#!/bin/sh
# Rewrites plan.json of the terraform-written plan fixtures (tfwritten*) with
# the terraform binary on the PATH; no network is needed (only
# terraform_data, variables and local modules). Terraform runs in a
# temporary copy, so no .terraform directory, lock file or plan file is
# left here. So that running it twice gives the same bytes, jq pins the
# plan's timestamp and sorts relevant_attributes, which terraform writes in
# no fixed order; nothing else is changed.
set -eu
cd "$(dirname "$0")"
for dir in tfwritten tfwritten_json tfwritten_data; do
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	cp -R "$dir"/. "$tmp"/
	rm -f "$tmp/plan.json"
	(
		cd "$tmp"
		export TF_CLI_CONFIG_FILE=/dev/null CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
		terraform init -backend=false -input=false >/dev/null
		terraform plan -input=false -out=plan.out >/dev/null
		terraform show -json plan.out >plan.json
	)
	jq -c '.timestamp = "2025-01-01T00:00:00Z" | .relevant_attributes |= sort_by(.resource, (.attribute | tostring))' \
		"$tmp/plan.json" >"$dir/plan.json"
	rm -rf "$tmp"
	trap - EXIT
	echo "$dir/plan.json"
done
