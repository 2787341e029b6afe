package analyzer

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/rampart-iac/rampart/analyzer/result"
	"github.com/rampart-iac/rampart/internal/pathlist"
	"github.com/rampart-iac/rampart/internal/safefs"
	"github.com/rampart-iac/rampart/internal/strblock"
)

// maxReadSize bounds how much of a file discovery reads. Terraform plans can
// be large; templates are bounded again, more tightly, by their parser.
const maxReadSize = 64 << 20

// skippedDirs are never descended into: version control, Terraform's own
// download cache (child modules are loaded from it through modules.json, not
// scanned as roots) and JavaScript dependencies.
var skippedDirs = map[string]string{
	".git":         "version control metadata",
	".terraform":   "Terraform's working directory (downloaded modules are loaded through their callers)",
	"node_modules": "JavaScript dependencies",
}

// fileKind is what discovery decided a file is.
type fileKind int

const (
	kindOther fileKind = iota
	kindTerraform
	kindTFVars
	kindStructured // YAML or JSON: a template, a plan, or neither
)

// inventory is what a walk of the scan paths found.
type inventory struct {
	// tfDirs are directories holding .tf/.tf.json files, sorted.
	tfDirs []string
	// tfFiles are Terraform files (.tf, .tf.json, .tfvars) by path, kept
	// until the report in a compact list: on a large tree they are most
	// of the paths a scan keeps.
	tfFiles pathlist.List
	// structured are YAML/JSON/.template files to classify.
	structured []string
	// ignored are files and directories passed over, with the reason.
	ignored passedOver
	// named are the files given as scan paths (not found by a walk) that
	// are not excluded: the files a commit changed, for a pre-commit hook
	// (see widenNamed).
	named []string
}

// passedOver are the files and directories a walk passed over, with the
// reason, kept until the report. On a large tree they are most of its
// files that are not Terraform (every README), so their paths are kept as
// compactly as tfFiles, and each reason once.
type passedOver struct {
	paths    pathlist.List
	reasons  []string
	reasonOf map[string]uint32
	// reason holds the index in reasons of each path's reason.
	reason []uint32
}

func (p *passedOver) add(path, reason string) {
	i, ok := p.reasonOf[reason]
	if !ok {
		if p.reasonOf == nil {
			p.reasonOf = map[string]uint32{}
		}
		i = uint32(len(p.reasons))
		p.reasons = append(p.reasons, reason)
		p.reasonOf[reason] = i
	}
	p.paths.Add(path)
	p.reason = append(p.reason, i)
}

// files returns what was passed over as ignored files, in the order added.
func (p *passedOver) files() []result.File {
	out := make([]result.File, p.paths.Len())
	for i := range out {
		out[i] = result.File{Path: p.paths.At(i), Status: result.FileIgnored, Reason: p.reasons[p.reason[i]]}
	}
	return out
}

func classify(path string) fileKind {
	name := strings.ToLower(filepath.Base(path))
	switch {
	case strings.HasSuffix(name, ".tf"), strings.HasSuffix(name, ".tf.json"):
		return kindTerraform
	case strings.HasSuffix(name, ".tfvars"), strings.HasSuffix(name, ".tfvars.json"):
		return kindTFVars
	case strings.HasSuffix(name, ".yaml"), strings.HasSuffix(name, ".yml"),
		strings.HasSuffix(name, ".json"), strings.HasSuffix(name, ".template"):
		return kindStructured
	}
	return kindOther
}

// discover walks the scan paths. Symlinked directories are not followed (no
// loops); an unreadable path is an error that fails the scan.
func discover(ctx context.Context, paths []string, root string, exclude []string) (*inventory, error) {
	inv := &inventory{}
	dirs := map[string]bool{}
	seen := map[string]bool{}
	// The other paths are kept until the report, in blocks (see strblock).
	var kept strblock.Block
	add := func(path string, kind fileKind) {
		if seen[path] {
			return
		}
		seen[path] = true
		switch kind {
		case kindTerraform:
			inv.tfFiles.Add(path)
			dirs[filepath.Dir(path)] = true
		case kindTFVars:
			inv.tfFiles.Add(path)
		case kindStructured:
			inv.structured = append(inv.structured, kept.Keep(path))
		default:
			inv.ignored.add(path, "not a CloudFormation, Terraform or plan file")
		}
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("cannot read scan path: %w", err)
		}
		if !info.IsDir() {
			if excluded(p, root, exclude) {
				inv.ignored.add(p, "excluded")
				continue
			}
			inv.named = append(inv.named, p)
			add(p, classify(p))
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err := ctx.Err(); err != nil {
				return err // stopped: a huge tree must not delay it
			}
			if err != nil {
				return fmt.Errorf("cannot read %s: %w", path, err)
			}
			if path != p && excluded(path, root, exclude) {
				inv.ignored.add(path, "excluded")
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if reason, skip := skippedDirs[d.Name()]; skip && path != p {
					inv.ignored.add(path, "directory skipped: "+reason)
					return filepath.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() {
				if reason, ignore := special(path, d); ignore {
					inv.ignored.add(path, reason)
					return nil
				}
			}
			add(path, classify(path))
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for d := range dirs {
		inv.tfDirs = append(inv.tfDirs, kept.Keep(d))
	}
	sort.Strings(inv.tfDirs)
	return inv, nil
}

// special decides about a directory entry that is not a regular file. A
// symbolic link to a file is read like the file, through the front-end's
// bounded reader, which refuses it with an error when it resolves outside
// the repository root or to anything but a regular file. So is any entry
// Terraform would read as configuration (a .tf or .tfvars name, whatever
// it is): Terraform reads every such name in a module directory, so a
// FIFO or a dangling link there is an error, not a file to skip. Other
// special files, and links to directories (not followed: no loops; a
// module behind one is read through its caller's source), are ignored.
func special(path string, d fs.DirEntry) (reason string, ignore bool) {
	kind := classify(path)
	if kind == kindTerraform || kind == kindTFVars {
		return "", false
	}
	if d.Type()&fs.ModeSymlink == 0 {
		return "not a regular file (" + safefs.Describe(d.Type()) + ")", true
	}
	info, err := os.Stat(path)
	switch {
	case err != nil:
		return "symbolic link to nothing (" + filepath.Base(path) + " does not resolve)", true
	case info.IsDir():
		return "symbolic link to a directory (not followed; a Terraform module behind it is read through its caller's source)", true
	case !info.Mode().IsRegular():
		return "symbolic link to a file that is not a regular file (" + safefs.Describe(info.Mode()) + ")", true
	}
	return "", false
}

// excluded matches a path against the --exclude globs, relative to the scan
// root and by base name, gitignore style: "modules/legacy/**", "*.test.yaml".
func excluded(path, root string, patterns []string) bool {
	if len(patterns) == 0 {
		return false
	}
	rel := path
	if r, err := filepath.Rel(root, path); err == nil && !strings.HasPrefix(r, "..") {
		rel = r
	}
	rel = filepath.ToSlash(rel)
	base := filepath.Base(path)
	for _, pat := range patterns {
		pat = strings.TrimSuffix(filepath.ToSlash(pat), "/")
		if ok, _ := doublestar.Match(pat, rel); ok {
			return true
		}
		if ok, _ := doublestar.Match(pat, base); ok {
			return true
		}
		if ok, _ := doublestar.Match(pat+"/**", rel); ok {
			return true
		}
	}
	return false
}

// readBounded reads at most limit bytes of a regular file inside root and
// reports whether it was cut short (see safefs).
func readBounded(path, root string, limit int64) ([]byte, bool, error) {
	return safefs.ReadPrefix(path, root, limit)
}
