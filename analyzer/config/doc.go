// Package config resolves rampart's settings from three sources, in order of
// precedence: command-line flags, RAMPART_* environment variables, and the
// .rampart.yaml configuration file.
//
// Each source becomes a Layer: a set of optional values, where an unset value
// leaves the layer below in force. Resolve folds layers into the Settings a
// command runs with and remembers where every value came from, so an error
// about a value can name its origin ("fail_on at .rampart.yaml:4",
// "RAMPART_FORMAT").
//
// The file is parsed strictly: an unknown key, a value of the wrong type or an
// invalid severity is an error naming the file and line. Paths in the file are
// relative to the file's own directory, so a configuration means the same
// thing whichever directory rampart runs from. Nothing is read from or written
// to disk besides the file itself: there is no hidden state.
package config
