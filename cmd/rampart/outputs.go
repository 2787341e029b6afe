package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/rampart-iac/rampart/analyzer/config"
	"github.com/rampart-iac/rampart/analyzer/report"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// reportOutput is one report a scan writes: a format and a destination
// ("" is stdout).
type reportOutput struct {
	format report.Format
	path   string
}

// parseOutputFormats reads the --output-format values, FORMAT=FILE each.
// Only the primary report (--format, --output) may go to stdout, so every
// extra one names a file, and no two reports share a path.
func parseOutputFormats(values []string, primary string) ([]reportOutput, error) {
	seen := map[string]string{}
	if primary != "" {
		seen[filepath.Clean(primary)] = "--output"
	}
	var outs []reportOutput
	for _, v := range values {
		name, path, ok := strings.Cut(v, "=")
		if !ok || strings.TrimSpace(path) == "" {
			return nil, fmt.Errorf("--output-format %q: want FORMAT=FILE, for example sarif=rampart.sarif", v)
		}
		if path == "-" {
			return nil, fmt.Errorf("--output-format %q: only the --format report goes to stdout; name a file", v)
		}
		f, err := report.Lookup(name)
		if err != nil {
			return nil, fmt.Errorf("--output-format %q: %w", v, err)
		}
		key := filepath.Clean(path)
		if prev, dup := seen[key]; dup {
			return nil, fmt.Errorf("--output-format %q: %s is already written by %s", v, path, prev)
		}
		seen[key] = "--output-format " + v
		outs = append(outs, reportOutput{format: f, path: path})
	}
	return outs, nil
}

// writeReports renders res in every requested format and writes each
// report to its destination, the primary one first. Every file goes
// through writeOutput: never over a file the scan read, never through a
// symbolic link. A writer bug leaves out the files it cannot render with
// an error at each (see report.Render); the result returned carries those
// errors, so they decide the exit code.
func (a *app) writeReports(outs []reportOutput, res *result.Result, s config.Settings) (*result.Result, error) {
	final := res
	now := time.Now()
	for i, o := range outs {
		w := o.format.New(report.Options{
			Tool:        report.Tool{Name: "rampart", Version: buildVersion().Version},
			Color:       o.path == "" && a.colorAllowed(s),
			Verbose:     s.Verbose,
			OnUnknown:   s.OnUnknown,
			FullReports: otherFiles(outs, i),
			LinkBase:    githubBlobBase(a.environ, res.Root),
			Time:        now,
		})
		out, rendered, err := report.Render(w, res)
		if err != nil {
			return nil, err
		}
		if rendered != res {
			final = rendered
		}
		if o.path == "" {
			if _, err := a.stdout.Write(out); err != nil {
				return nil, fmt.Errorf("writing report: %w", err)
			}
			continue
		}
		if err := writeOutput(o.path, out, rendered.Files); err != nil {
			return nil, fmt.Errorf("writing report to %s: %w", o.path, err)
		}
	}
	return final, nil
}

// otherFiles lists the files of the outputs other than outs[self].
func otherFiles(outs []reportOutput, self int) []string {
	var paths []string
	for i, o := range outs {
		if i != self && o.path != "" {
			paths = append(paths, o.path)
		}
	}
	return paths
}

// githubBlobBase is the URL of the commit's files on GitHub when the scan
// runs in a GitHub Actions job at the repository's root, so the markdown
// report links each finding to its line; "" otherwise (relative links).
func githubBlobBase(environ []string, root string) string {
	env := map[string]string{}
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = v
		}
	}
	server, repo, sha, ws := env["GITHUB_SERVER_URL"], env["GITHUB_REPOSITORY"], env["GITHUB_SHA"], env["GITHUB_WORKSPACE"]
	if server == "" || repo == "" || sha == "" || ws == "" || filepath.Clean(ws) != filepath.Clean(root) {
		return ""
	}
	return strings.TrimSuffix(server, "/") + "/" + repo + "/blob/" + sha + "/"
}
