package terraform

import (
	"path/filepath"
	"runtime"
	"sync/atomic"
)

// parseAhead bounds the module directories parsed ahead of the one
// findRoots reads, and so the parsed modules in flight. One a core kept
// the cores waiting: findRoots reads the directories in order, and one
// that takes long to parse (a module of a thousand lines) holds the
// directories after it, parsed, in their slots. At four a core, finding
// the roots of the 200-copy tree took 3.3 s instead of 4.6, of the
// 20-copy tree 0.45 s instead of 0.55; at sixteen, no less.
func parseAhead() int { return max(1, 4*runtime.GOMAXPROCS(0)) }

// configStream hands out the configurations of a list of directories in
// order, as safeConfig would give them, parsing the ones the loader does
// not hold on other goroutines ahead of the reader.
type configStream struct {
	l *loader
	// slots holds, in directory order, a channel per directory that gets
	// its configuration; its capacity is how far parsing runs ahead.
	slots chan chan configResult
	// done stops handing out directories when the reader stops early.
	done chan struct{}
	// full is set once the loader keeps no more (loader.full): the
	// directories handed out after it are parsed for their calls only.
	full atomic.Bool
}

type configResult struct {
	dir string
	cfg *moduleConfig // nil when the parser panicked
	// parsed is set when cfg was parsed here, not found in the loader.
	parsed bool
	// callsOnly is set when cfg holds the module calls only
	// (loadModuleCalls): the loader would not keep it.
	callsOnly bool
}

// parseAll starts parsing dirs, parseAhead at a time. Parsing in parallel
// is safe: each goroutine has its own hcl parser; all of them give the
// for expressions the loader's iteration meter as the one to draw on
// without an evaluation's (forbudget), which is safe for concurrent use,
// and what checking literal defaults counts on it while parsing is reset
// before a root is evaluated. The configurations kept
// are those l.config would keep, read in the same order; of the
// directories beyond what the loader keeps, only the module calls are
// parsed (loadModuleCalls).
func (l *loader) parseAll(dirs []string) *configStream {
	cs := &configStream{l: l, slots: make(chan chan configResult, parseAhead()), done: make(chan struct{})}
	cached := make([]*moduleConfig, len(dirs))
	// kept counts the directories next will keep, as next counts them.
	counted := map[string]bool{}
	l.mu.Lock()
	for i, d := range dirs {
		cached[i] = l.configs[filepath.Clean(d)]
	}
	kept := len(l.configs)
	l.mu.Unlock()
	go func() {
		defer close(cs.slots)
		for i, d := range dirs {
			select {
			case <-cs.done:
				return
			default:
			}
			c := make(chan configResult, 1)
			select {
			case cs.slots <- c:
			case <-cs.done:
				return
			}
			if cached[i] != nil {
				c <- configResult{dir: d, cfg: cached[i]}
				continue
			}
			callsOnly := false
			if clean := filepath.Clean(d); !counted[clean] {
				callsOnly = l.keepAtMost > 0 && kept >= l.keepAtMost || cs.full.Load()
				if !callsOnly {
					counted[clean] = true
					kept++
				}
			}
			go func() {
				p := l.parser.sibling()
				c <- configResult{dir: d, cfg: safeParse(p, d, l.root, callsOnly), parsed: true, callsOnly: callsOnly}
			}()
		}
	}()
	return cs
}

// stop lets the goroutine handing out directories end when the reader
// has not read them all (a panic while finding the roots); the parses
// under way finish into channels nobody reads.
func (cs *configStream) stop() { close(cs.done) }

// next is the configuration of the next directory, kept in the loader
// as l.config would keep it.
func (cs *configStream) next() *moduleConfig {
	r := <-<-cs.slots
	if !r.parsed || r.cfg == nil || r.callsOnly {
		return r.cfg
	}
	dir := filepath.Clean(r.dir)
	cs.l.mu.Lock()
	defer cs.l.mu.Unlock()
	if c, ok := cs.l.configs[dir]; ok {
		return c // listed twice: the first parse stands
	}
	if !cs.l.full() {
		cs.l.keep(dir, r.cfg)
	}
	if cs.l.full() {
		cs.full.Store(true)
	}
	return r.cfg
}

// safeParse parses a module directory, or only its module calls; a
// parser panic is left for loadRoot to report on the unit.
func safeParse(p *parser, dir, root string, callsOnly bool) (cfg *moduleConfig) {
	defer func() {
		if recover() != nil {
			cfg = nil
		}
	}()
	if callsOnly {
		return loadModuleCalls(p, filepath.Clean(dir), root)
	}
	return loadModuleConfig(p, filepath.Clean(dir), root)
}
