package cloudformation

// Limits keep a hostile or broken template from hanging or exhausting a scan.
// Each is reported as an error diagnostic naming the file and line where the
// limit was reached.
const (
	// MaxFileSize is the largest template read, in bytes.
	MaxFileSize = 10 << 20
	// MaxDepth is the deepest nesting of maps and lists in a template.
	MaxDepth = 256
	// MaxAliasNodes bounds the nodes produced by expanding YAML aliases, so a
	// "billion laughs" document fails after a few milliseconds.
	MaxAliasNodes = 100_000
	// MaxResources bounds the resources of one template including nested
	// stacks, SAM expansion and Fn::ForEach.
	MaxResources = 20_000
	// MaxForEachExpansions bounds the copies Fn::ForEach loops make in one
	// template.
	MaxForEachExpansions = 10_000
	// MaxStackDepth bounds how deep nested stacks may nest.
	MaxStackDepth = 16
	// maxEvalDepth bounds intrinsic function nesting during evaluation.
	maxEvalDepth = 128
)
