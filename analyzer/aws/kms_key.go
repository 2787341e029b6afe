package aws

import "github.com/rampart-iac/rampart/analyzer/graph"

// Canonical kind aws.kms.key: a customer managed KMS key, its key spec,
// origin and automatic rotation.
const kindKMSKey = "aws.kms.key"

type kmsKeyMapper struct{}

func (kmsKeyMapper) kind() string { return kindKMSKey }

func (kmsKeyMapper) normalize(idx *unitIndex) []*graph.Canonical {
	var out []*graph.Canonical
	for _, r := range idx.ofTypes("AWS::KMS::Key", "aws_kms_key", "aws_kms_external_key") {
		if idx.stopped() {
			return out
		}
		spec, rotation, origin := "KeySpec", "EnableKeyRotation", "Origin"
		if r.Source != graph.SourceCloudFormation {
			spec, rotation, origin = "customer_master_key_spec", "enable_key_rotation", ""
		}
		p := props(r)
		p.Set("key_spec", upper(orDefault(str(attr(r, spec)), graph.String("SYMMETRIC_DEFAULT", r.Loc))))
		o := graph.String("AWS_KMS", r.Loc)
		switch {
		case r.Type == "aws_kms_external_key":
			o = graph.String("EXTERNAL", r.Loc)
		case origin != "":
			o = upper(orDefault(str(attr(r, origin)), o))
		}
		p.Set("origin", o)
		p.Set("rotation_enabled", orDefault(boolean(attr(r, rotation)), graph.Bool(false, r.Loc)))
		out = append(out, &graph.Canonical{ID: r.ID, Native: r, Props: p})
	}
	return out
}
