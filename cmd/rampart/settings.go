package main

import (
	"fmt"

	"github.com/spf13/pflag"

	"github.com/rampart-iac/rampart/analyzer/config"
)

// loadSettings resolves a command's settings: the flags it was given, then
// RAMPART_* environment variables, then the configuration file (--config,
// RAMPART_CONFIG, or the .rampart.yaml found from start upwards to the
// repository root). Every failure is a usage error (exit 2).
func (a *app) loadSettings(fs *pflag.FlagSet, start string) (config.Settings, error) {
	flags, err := flagLayer(fs)
	if err != nil {
		return config.Settings{}, err
	}
	env, err := config.EnvLayer(a.environ)
	if err != nil {
		return config.Settings{}, usageError{err}
	}
	for _, name := range config.UnknownEnv(a.environ) {
		fmt.Fprintf(a.stderr, "rampart: warning: ignoring unknown environment variable %s\n", name)
	}

	path := config.Resolve(flags, env).ConfigFile
	if path == "" {
		if path, err = config.Find(start); err != nil {
			return config.Settings{}, usageError{err}
		}
	}
	var file config.Layer
	if path != "" {
		c, err := config.Load(path)
		if err != nil {
			return config.Settings{}, usageError{err}
		}
		file = c.Layer()
	}
	s := config.Resolve(flags, env, file)
	s.ConfigFile = path
	return s, nil
}
