package engine

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/result"
	"github.com/rampart-iac/rampart/internal/safefs"
)

// A policy source is what one --policy-dir names: a directory of .rego
// files (possibly a Git checkout, or an OPA bundle directory with a
// .manifest), one .rego file, or an OPA bundle archive (.tar.gz). The
// report records each with the revision it was pinned at, so a finding
// can be traced to the exact version of a team's rules. Nothing is
// downloaded and git is never run: the revision is read from the files.

// PolicySource describes one policy source of a scan.
type PolicySource = result.PolicySource

// Bundle archive limits: an archive may come with a pull request, so it is
// read in bounded memory whatever it claims.
const (
	maxBundleFiles = 10000
	maxBundleBytes = 64 << 20
)

// isBundleArchive reports whether p names an OPA bundle archive.
func isBundleArchive(p string) bool {
	return strings.HasSuffix(p, ".tar.gz") || strings.HasSuffix(p, ".tgz")
}

// readBundle reads the .rego files of an OPA bundle archive, each named
// <archive>/<path inside the archive> so errors point into the bundle,
// and the revision of its .manifest.
func readBundle(archive string, withTests bool) ([]source, string, error) {
	f, err := os.Open(archive)
	if err != nil {
		return nil, "", fmt.Errorf("policy bundle: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(bufio.NewReader(f))
	if err != nil {
		return nil, "", fmt.Errorf("policy bundle %s: %w", archive, err)
	}
	budget := &io.LimitedReader{R: zr, N: maxBundleBytes + 1}
	tr := tar.NewReader(budget)
	var out []source
	revision := ""
	for n := 0; ; n++ {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, "", fmt.Errorf("policy bundle %s: %w", archive, err)
		}
		if n >= maxBundleFiles || budget.N <= 0 {
			return nil, "", fmt.Errorf("policy bundle %s: more than %d files or %d bytes", archive, maxBundleFiles, maxBundleBytes)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		name := path.Clean(strings.TrimPrefix(h.Name, "/"))
		if name == ".." || strings.HasPrefix(name, "../") {
			return nil, "", fmt.Errorf("policy bundle %s: entry %q leaves the bundle", archive, h.Name)
		}
		isManifest := name == ".manifest"
		if !isManifest && (path.Ext(name) != ".rego" || (!withTests && isTestFile(name))) {
			continue
		}
		if h.Size > maxPolicySize {
			return nil, "", fmt.Errorf("policy bundle %s: %s is larger than %d bytes", archive, name, maxPolicySize)
		}
		b, err := io.ReadAll(io.LimitReader(tr, maxPolicySize))
		if err != nil {
			return nil, "", fmt.Errorf("policy bundle %s: %s: %w", archive, name, err)
		}
		if isManifest {
			if revision, err = manifestRevision(b); err != nil {
				return nil, "", fmt.Errorf("policy bundle %s: .manifest: %w", archive, err)
			}
			continue
		}
		out = append(out, source{name: archive + "/" + name, text: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, revision, nil
}

// manifestRevision reads the revision of an OPA bundle manifest.
func manifestRevision(b []byte) (string, error) {
	var m struct {
		Revision string `json:"revision"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return "", err
	}
	return m.Revision, nil
}

// DescribePolicySources reads what each policy directory is and the
// revision it is at, for the report. It reads the same files a scan loads.
func DescribePolicySources(dirs []string) ([]PolicySource, error) {
	out := make([]PolicySource, 0, len(dirs))
	for _, dir := range dirs {
		srcs, err := readDirs([]string{dir}, false)
		if err != nil {
			return nil, err
		}
		ps := PolicySource{Path: dir, Kind: "directory", Digest: digest(srcs), Files: len(srcs)}
		info, err := os.Stat(dir)
		if err != nil {
			return nil, fmt.Errorf("policy directory: %w", err)
		}
		switch {
		case !info.IsDir() && isBundleArchive(dir):
			ps.Kind = "bundle"
			if _, ps.Revision, err = readBundle(dir, false); err != nil {
				return nil, err
			}
		case !info.IsDir():
			ps.Kind = "file"
		default:
			if b, err := safefs.ReadFile(filepath.Join(dir, ".manifest"), dir, maxPolicySize); err == nil {
				ps.Kind = "bundle"
				if ps.Revision, err = manifestRevision(b); err != nil {
					return nil, fmt.Errorf("policy bundle %s: .manifest: %w", dir, err)
				}
			} else if rev, ok := gitRevision(dir); ok {
				ps.Kind, ps.Revision = "git", rev
			}
		}
		out = append(out, ps)
	}
	return out, nil
}

// digest hashes the names and contents of srcs.
func digest(srcs []source) string {
	h := sha256.New()
	for _, s := range srcs {
		fmt.Fprintf(h, "%d:%s\n%d:", len(s.name), s.name, len(s.text))
		io.WriteString(h, s.text)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// gitRevision finds the Git checkout dir is in (dir or a parent holding
// .git) and returns its HEAD commit, read from the files of the .git
// directory: HEAD, then the branch it names as a loose ref or in
// packed-refs. A .git file (a worktree or submodule) points at the real
// directory; a worktree's branches live in its commondir.
func gitRevision(dir string) (string, bool) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	for d := abs; ; d = filepath.Dir(d) {
		if gitDir, ok := findGitDir(filepath.Join(d, ".git")); ok {
			return readHead(gitDir)
		}
		if filepath.Dir(d) == d {
			return "", false
		}
	}
}

// maxGitFile bounds the .git files read (HEAD, a ref, packed-refs).
const maxGitFile = 16 << 20

func findGitDir(dotGit string) (string, bool) {
	info, err := os.Stat(dotGit)
	if err != nil {
		return "", false
	}
	if info.IsDir() {
		return dotGit, true
	}
	b, err := safefs.ReadFile(dotGit, "", 4096)
	if err != nil {
		return "", false
	}
	target, ok := strings.CutPrefix(strings.TrimSpace(string(b)), "gitdir:")
	if !ok {
		return "", false
	}
	target = strings.TrimSpace(target)
	if !filepath.IsAbs(target) {
		target = filepath.Join(filepath.Dir(dotGit), target)
	}
	return target, true
}

func readHead(gitDir string) (string, bool) {
	head, err := safefs.ReadFile(filepath.Join(gitDir, "HEAD"), "", 4096)
	if err != nil {
		return "", false
	}
	line := strings.TrimSpace(string(head))
	ref, symbolic := strings.CutPrefix(line, "ref:")
	if !symbolic {
		if !isCommitID(line) {
			return "", false
		}
		return line, true
	}
	ref = strings.TrimSpace(ref)
	common := gitDir
	if b, err := safefs.ReadFile(filepath.Join(gitDir, "commondir"), "", 4096); err == nil {
		c := strings.TrimSpace(string(b))
		if !filepath.IsAbs(c) {
			c = filepath.Join(gitDir, c)
		}
		common = c
	}
	for _, d := range []string{gitDir, common} {
		if b, err := safefs.ReadFile(filepath.Join(d, filepath.FromSlash(ref)), "", 4096); err == nil {
			if id := strings.TrimSpace(string(b)); isCommitID(id) {
				return id, true
			}
		}
	}
	packed, err := safefs.ReadFile(filepath.Join(common, "packed-refs"), "", maxGitFile)
	if err != nil {
		return "", false
	}
	for _, l := range strings.Split(string(packed), "\n") {
		if id, name, ok := strings.Cut(strings.TrimSpace(l), " "); ok && name == ref && isCommitID(id) {
			return id, true
		}
	}
	return "", false
}

// isCommitID reports whether s is a full SHA-1 or SHA-256 object name.
func isCommitID(s string) bool {
	if len(s) != 40 && len(s) != 64 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}

// bundleSources is readDirs for one archive path: its .rego files.
func bundleSources(archive string, withTests bool) ([]source, error) {
	srcs, _, err := readBundle(archive, withTests)
	return srcs, err
}
