package aws

import "github.com/rampart-iac/rampart/analyzer/graph"

// Canonical kind aws.efs.file_system: an EFS file system and its
// encryption at rest.
const kindEFSFileSystem = "aws.efs.file_system"

type efsFileSystemMapper struct{}

func (efsFileSystemMapper) kind() string { return kindEFSFileSystem }

func (efsFileSystemMapper) normalize(idx *unitIndex) []*graph.Canonical {
	var out []*graph.Canonical
	for _, r := range idx.ofTypes("AWS::EFS::FileSystem", "aws_efs_file_system") {
		if idx.stopped() {
			return out
		}
		enc := "Encrypted"
		if r.Source != graph.SourceCloudFormation {
			enc = "encrypted"
		}
		p := props(r)
		// The API (and so CloudFormation and Terraform) creates an
		// unencrypted file system unless asked; only the console
		// encrypts by default.
		p.Set("encrypted", orDefault(boolean(attr(r, enc)), graph.Bool(false, r.Loc)))
		out = append(out, &graph.Canonical{ID: r.ID, Native: r, Props: p})
	}
	return out
}
