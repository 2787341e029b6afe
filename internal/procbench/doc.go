// Package procbench benchmarks the rampart binary as a separate process, the
// way a pre-commit hook or a CI job runs it: the cold start of a one-file
// scan and the peak resident memory of whole-corpus scans.
//
// It lives apart from the in-process benchmarks on purpose: Linux carries
// the parent's high-water RSS into a child's ru_maxrss across fork and exec,
// so a benchmark process that has itself scanned a large corpus would report
// its own peak as the child's. This package's test binary does nothing but
// generate files and start rampart, so the figures are the child's own.
package procbench
