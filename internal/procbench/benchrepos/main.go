// Command benchrepos measures rampart scans of directories already on
// disk (it fetches nothing): for each directory it prints the files a scan
// accounts for, the canonical resources, and the median wall time, the
// median CPU time (user + system) and the peak resident memory of
// -n fresh processes. `make bench-repos DIRS="..."` runs it with the
// binary `make build` writes; docs/performance.md says how to get the
// public repositories it was measured on.
//
// Usage:
//
//	benchrepos [-bin bin/rampart] [-n 3] DIR...
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"text/tabwriter"
	"time"
)

func main() {
	bin := flag.String("bin", "bin/rampart", "the rampart binary to run")
	n := flag.Int("n", 3, "runs per directory")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: benchrepos [-bin PATH] [-n RUNS] DIR...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 || *n < 1 {
		flag.Usage()
		os.Exit(2)
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "directory\tfiles\tresources\twall s\tcpu s\tpeak RSS MiB\t")
	failed := false
	for _, dir := range flag.Args() {
		m, err := measure(*bin, dir, *n)
		if err != nil {
			fmt.Fprintf(os.Stderr, "benchrepos: %s: %v\n", dir, err)
			failed = true
			continue
		}
		fmt.Fprintf(w, "%s\t%d\t%d\t%.2f\t%.2f\t%.0f\t\n", filepath.Base(dir), m.files, m.resources,
			m.wall.Seconds(), m.cpu.Seconds(), float64(m.peakRSS)/(1<<20))
	}
	w.Flush()
	if failed {
		os.Exit(1)
	}
}

// measurement is what -n scans of one directory took.
type measurement struct {
	files, resources int
	wall, cpu        time.Duration // medians
	peakRSS          int64         // bytes, the largest of the runs
}

func measure(bin, dir string, n int) (measurement, error) {
	// The scan runs in dir: a relative binary path would be taken from
	// there, not from where benchrepos was started (make's bin/rampart).
	bin, err := filepath.Abs(bin)
	if err != nil {
		return measurement{}, err
	}
	out, err := os.CreateTemp("", "benchrepos-*.json")
	if err != nil {
		return measurement{}, err
	}
	out.Close()
	defer os.Remove(out.Name())

	var m measurement
	var walls, cpus []time.Duration
	for range n {
		cmd := exec.Command(bin, "scan", "--format", "json", "--output", out.Name(), ".")
		cmd.Dir = dir
		start := time.Now()
		err := cmd.Run()
		wall := time.Since(start)
		// Exit status 1 is findings and 2 files that failed to parse:
		// both are results; anything else is not a scan.
		var ee *exec.ExitError
		if err != nil && (!errors.As(err, &ee) || ee.ExitCode() > 2) {
			return m, fmt.Errorf("rampart scan: %w", err)
		}
		walls = append(walls, wall)
		cpus = append(cpus, cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			m.peakRSS = max(m.peakRSS, int64(ru.Maxrss)*1024) // Linux reports KiB
		}
	}
	m.wall, m.cpu = median(walls), median(cpus)
	m.files, m.resources, err = counts(out.Name())
	return m, err
}

// counts reads the scan's JSON report: the files it accounted for (read,
// failed or ignored) and the canonical resources it evaluated.
func counts(report string) (files, resources int, err error) {
	b, err := os.ReadFile(report)
	if err != nil {
		return 0, 0, err
	}
	var r struct {
		Files   []json.RawMessage `json:"files"`
		Summary struct {
			Resources int `json:"resources"`
		} `json:"summary"`
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return 0, 0, fmt.Errorf("reading the JSON report: %w", err)
	}
	return len(r.Files), r.Summary.Resources, nil
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}
