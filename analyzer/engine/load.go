package engine

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-iac/rampart/internal/safefs"
)

// builtinPrefix names embedded policy files in error messages and module
// names, so they cannot clash with a user's file paths.
const builtinPrefix = "policies/"

// source is one policy file's text and the name it is reported under.
type source struct {
	name    string
	text    string
	builtin bool
}

// isTestFile reports whether a policy file holds Rego unit tests, which
// `rampart policy test` runs and scans never load.
func isTestFile(name string) bool { return strings.HasSuffix(name, "_test.rego") }

// readFS collects the .rego files of fsys in lexical order.
func readFS(fsys fs.FS, withTests bool) ([]source, error) {
	var out []source
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || path.Ext(p) != ".rego" || (!withTests && isTestFile(p)) {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return fmt.Errorf("read embedded policy %s: %w", p, err)
		}
		out = append(out, source{name: builtinPrefix + p, text: string(b), builtin: true})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read embedded policies: %w", err)
	}
	return out, nil
}

// maxPolicySize bounds one policy file, read as a regular file only: a
// FIFO or a link to /dev/zero among the policies must not stop the run.
const maxPolicySize = 16 << 20

// readDirs collects the .rego files under the user's policy directories,
// recursively and in lexical order. A directory that does not exist is an
// error: a misspelled --policy-dir must not silently run fewer rules.
func readDirs(dirs []string, withTests bool) ([]source, error) {
	var out []source
	for _, dir := range dirs {
		info, err := os.Stat(dir)
		if err != nil {
			return nil, fmt.Errorf("policy directory: %w", err)
		}
		if !info.IsDir() && isBundleArchive(dir) {
			srcs, err := bundleSources(dir, withTests)
			if err != nil {
				return nil, err
			}
			out = append(out, srcs...)
			continue
		}
		if !info.IsDir() {
			if filepath.Ext(dir) != ".rego" {
				return nil, fmt.Errorf("policy directory %s is neither a directory, a .rego file nor a .tar.gz bundle", dir)
			}
			b, err := safefs.ReadFile(dir, "", maxPolicySize)
			if err != nil {
				return nil, fmt.Errorf("read policy: %w", err)
			}
			out = append(out, source{name: dir, text: string(b)})
			continue
		}
		var files []string
		err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if p != dir && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if filepath.Ext(p) == ".rego" && (withTests || !isTestFile(p)) {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read policy directory %s: %w", dir, err)
		}
		sort.Strings(files)
		srcs, err := readPolicyFiles(dir, files)
		if err != nil {
			return nil, err
		}
		out = append(out, srcs...)
	}
	return out, nil
}

// readPolicyFiles reads the files of a policy directory, in order, on
// every core, through one open directory (safefs.Dir): a directory of
// hundreds of policies is read on every pre-commit run. A policy
// directory may come with the repository: a file in it linked elsewhere
// is not read, since a parse error quotes it. The first error in file
// order is returned, as a sequential read would.
func readPolicyFiles(dir string, files []string) ([]source, error) {
	d, err := safefs.OpenDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read policy directory %s: %w", dir, err)
	}
	defer d.Close()
	out := make([]source, len(files))
	errs := make([]error, len(files))
	workers := max(1, min(runtime.GOMAXPROCS(0), len(files)/minParallelParse))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(files); i += workers {
				b, err := d.ReadFile(files[i], maxPolicySize)
				out[i], errs[i] = source{name: files[i], text: string(b)}, err
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("read policy: %w", err)
		}
	}
	return out, nil
}

// parse parses every source as Rego v1 with METADATA annotations. Parse
// errors name file:line (ast.Errors carry the location). Files are parsed
// on every core (a policy directory of hundreds of files is the cold start
// of every pre-commit run); errors and duplicates are reported in source
// order, as a sequential parse would.
func parse(srcs []source) (map[string]*ast.Module, error) {
	type parsed struct {
		m   *ast.Module
		err error
	}
	results := make([]parsed, len(srcs))
	opts := ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1}
	workers := min(runtime.GOMAXPROCS(0), len(srcs)/minParallelParse)
	if workers <= 1 {
		for i, s := range srcs {
			results[i].m, results[i].err = ast.ParseModuleWithOpts(s.name, s.text, opts)
		}
	} else {
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				for i := w; i < len(srcs); i += workers {
					results[i].m, results[i].err = ast.ParseModuleWithOpts(srcs[i].name, srcs[i].text, opts)
				}
			})
		}
		wg.Wait()
	}
	mods := make(map[string]*ast.Module, len(srcs))
	for i, s := range srcs {
		if _, dup := mods[s.name]; dup {
			return nil, fmt.Errorf("policy %s is loaded twice", s.name)
		}
		if err := results[i].err; err != nil {
			return nil, fmt.Errorf("parse policy: %w", explainASTErrors(err))
		}
		if results[i].m == nil {
			// An empty file parses to nothing; it holds no rule.
			continue
		}
		mods[s.name] = results[i].m
	}
	return mods, nil
}

// minParallelParse is the fewest files per core worth parsing in parallel.
const minParallelParse = 8
