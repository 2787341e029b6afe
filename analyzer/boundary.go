package analyzer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// RepositoryRoot is the boundary of a scan of path: the nearest directory at
// or above path that holds .git (a directory in a clone, a file in a
// worktree or submodule), or path itself when it is in no repository (its
// directory when path is a file). The walk is lexical, on the absolute
// path: the front-ends resolve symbolic links of what they read against it.
func RepositoryRoot(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("finding the repository root of %s: %w", path, err)
	}
	info, err := os.Stat(abs)
	if err != nil {
		return "", fmt.Errorf("finding the repository root of %s: %w", path, err)
	}
	start := abs
	if !info.IsDir() {
		start = filepath.Dir(abs)
	}
	for dir := start; ; {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return start, nil
		}
		dir = parent
	}
}

// boundaries assigns every file of a scan the directory its front-end may
// read in (file functions, module sources, nested stacks, a plan's
// configuration): the fixed boundary when Options.Boundary is set, else the
// repository root of the scan path the file was found under. Each scan path
// keeps its own repository's boundary, so scanning two repositories at once
// lets neither read the other.
type boundaries struct {
	fixed string
	// scanned pairs each absolute scan path with its boundary, longest
	// path first so the most specific scan path claims a file.
	scanned []scannedPath
	// wd is the working directory relative paths are taken from, found
	// once: of is asked for every directory and file a scan reads, and
	// filepath.Abs asks the operating system each time.
	wd string
}

type scannedPath struct {
	abs, boundary string
}

func newBoundaries(paths []string, fixed string) (*boundaries, error) {
	b := &boundaries{}
	b.wd, _ = os.Getwd() // without it, of asks for each path
	if fixed != "" {
		abs, err := filepath.Abs(fixed)
		if err != nil {
			return nil, fmt.Errorf("boundary %s: %w", fixed, err)
		}
		if info, err := os.Stat(abs); err != nil {
			return nil, fmt.Errorf("boundary: %w", err)
		} else if !info.IsDir() {
			return nil, fmt.Errorf("boundary %s is not a directory", fixed)
		}
		b.fixed = abs
	}
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, fmt.Errorf("scan path %s: %w", p, err)
		}
		if b.fixed != "" {
			if !within(b.fixed, abs) {
				return nil, fmt.Errorf("scan path %s is outside the boundary %s", p, fixed)
			}
			continue
		}
		root, err := RepositoryRoot(p)
		if err != nil {
			return nil, err
		}
		b.scanned = append(b.scanned, scannedPath{abs: abs, boundary: root})
	}
	sort.SliceStable(b.scanned, func(i, j int) bool { return len(b.scanned[i].abs) > len(b.scanned[j].abs) })
	return b, nil
}

// of returns the boundary for a path discovery found.
func (b *boundaries) of(path string) string {
	if b.fixed != "" {
		return b.fixed
	}
	abs := filepath.Clean(path)
	if !filepath.IsAbs(abs) && b.wd != "" {
		abs = filepath.Join(b.wd, path)
	} else if a, err := filepath.Abs(path); err == nil {
		abs = a
	}
	for _, s := range b.scanned {
		if within(s.abs, abs) {
			return s.boundary
		}
	}
	// A Terraform file scanned on its own gives its directory, above the
	// scan path: the file's repository root is found from there too.
	if root, err := RepositoryRoot(path); err == nil {
		return root
	}
	return filepath.Dir(abs)
}

// list returns every boundary of the scan, once each.
func (b *boundaries) list() []string {
	if b.fixed != "" {
		return []string{b.fixed}
	}
	var out []string
	for _, s := range b.scanned {
		if !slices.Contains(out, s.boundary) {
			out = append(out, s.boundary)
		}
	}
	return out
}

// within reports whether path is dir or lies below it (both absolute and
// clean).
func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && !filepath.IsAbs(rel) && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// readAll discovers the files under opts.Paths and runs the front-ends over
// them, each inside its boundary; it accounts for every file.
func readAll(ctx context.Context, opts Options) ([]*graph.Unit, []result.File, error) {
	bounds, err := newBoundaries(opts.Paths, opts.Boundary)
	if err != nil {
		return nil, nil, err
	}
	inv, err := inventoryOf(ctx, bounds, opts)
	if err != nil {
		return nil, nil, err
	}
	units, files := parseAll(ctx, inv, bounds, opts)
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	return units, files, nil
}

// inventoryOf discovers the files of the scan paths, with what checking
// named files needs besides (widenNamed).
func inventoryOf(ctx context.Context, bounds *boundaries, opts Options) (*inventory, error) {
	inv, err := discover(ctx, opts.Paths, opts.Root, opts.Exclude)
	if err != nil {
		return nil, err
	}
	if err := inv.widenNamed(ctx, bounds, opts); err != nil {
		return nil, err
	}
	return inv, nil
}
