package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Set at link time by release builds:
//
//	go build -ldflags "-X main.version=v1.2.0 -X main.commit=0123abc" ./cmd/rampart
//
// Left empty, they are read from the module build information.
var (
	version string
	commit  string
)

// versionInfo is what `rampart version` prints.
type versionInfo struct {
	Version   string
	Commit    string
	GoVersion string
}

// buildVersion combines the link-time values with debug.ReadBuildInfo: the
// module version (set by `go install module@version`, and by a build in a
// checkout, from its tag or commit), the VCS revision (set when building
// from a checkout with -buildvcs, the default), and the Go version.
func buildVersion() versionInfo {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		bi = nil
	}
	return versionOf(bi, version, commit)
}

// versionOf is buildVersion for given build information (nil when the
// binary has none) and link-time values.
func versionOf(bi *debug.BuildInfo, linkVersion, linkCommit string) versionInfo {
	v := versionInfo{Version: linkVersion, Commit: linkCommit, GoVersion: runtime.Version()}
	if bi == nil {
		return v.withDefaults()
	}
	v.GoVersion = bi.GoVersion
	if v.Version == "" && bi.Main.Version != "(devel)" {
		v.Version = bi.Main.Version
	}
	if v.Commit == "" {
		var rev, dirty string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					dirty = "-dirty"
				}
			}
		}
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if rev != "" {
			v.Commit = rev + dirty
		}
	}
	return v.withDefaults()
}

func (v versionInfo) withDefaults() versionInfo {
	if v.Version == "" {
		v.Version = "devel"
	}
	if v.Commit == "" {
		v.Commit = "unknown"
	}
	return v
}

func (a *app) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit and Go version",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			v := buildVersion()
			_, err := fmt.Fprintf(a.stdout, "rampart %s\ncommit: %s\ngo: %s\n", v.Version, v.Commit, v.GoVersion)
			return err
		},
	}
}
