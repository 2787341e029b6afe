package main

import (
	"errors"

	"github.com/rampart-iac/rampart/analyzer/config"
	"github.com/rampart-iac/rampart/analyzer/engine"
)

// parameterError turns an engine error about a rule_config parameter into
// a usage error at the line the configuration sets it ("file:line:
// rule_config: admin_port: ..."); any other error is returned as it is.
func parameterError(err error, source func(key string) string) error {
	var pe *engine.ParameterError
	if !errors.As(err, &pe) {
		return err
	}
	where := source(config.ParameterKey(pe.Name))
	if where == "default" || where == "" {
		where = source("rule_config")
	}
	return usagef("%s: %w", where, pe)
}
