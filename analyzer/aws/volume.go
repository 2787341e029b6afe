package aws

import "github.com/rampart-iac/rampart/analyzer/graph"

// Canonical kind aws.ec2.volume: an EBS volume and its encryption.
const kindVolume = "aws.ec2.volume"

type volumeMapper struct{}

func (volumeMapper) kind() string { return kindVolume }

func (volumeMapper) normalize(idx *unitIndex) []*graph.Canonical {
	var out []*graph.Canonical
	for _, r := range idx.ofTypes("AWS::EC2::Volume", "aws_ebs_volume") {
		if idx.stopped() {
			return out
		}
		enc, key, snap := "Encrypted", "KmsKeyId", "SnapshotId"
		if r.Source != graph.SourceCloudFormation {
			enc, key, snap = "encrypted", "kms_key_id", "snapshot_id"
		}
		p := props(r)
		// encrypted's default is the join's: it may come from the
		// account setting the unit manages.
		p.Set("encrypted", boolean(attr(r, enc)))
		p.Set("kms_key_id", orDefault(str(attr(r, key)), graph.String("", r.Loc)))
		p.Set("snapshot_id", orDefault(str(attr(r, snap)), graph.String("", r.Loc)))
		out = append(out, &graph.Canonical{ID: r.ID, Native: r, Props: p})
	}
	return out
}

// join applies the encryption default to volumes that do not say: the
// snapshot's when the volume is made from one, else the account's.
func (volumeMapper) join(j *joins, built []*graph.Canonical) {
	for _, c := range built {
		if j.idx.stopped() {
			return
		}
		d := j.withEncryptionDefault(c.Props, false)
		c.Props.Set("encrypted", d.Get("encrypted"))
	}
}
