package analyzer

import (
	"sync"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// readAhead keeps the bytes of the small files the nesting pass has read
// whole, up to a budget, for their parse. Without it every YAML/JSON file
// of a scan is opened and read twice, and opening a file resolves its
// symbolic links and the boundary's, a dozen system calls. The bytes are
// what the parse would read: the whole file, read inside the same
// boundary.
type readAhead struct {
	mu     sync.Mutex
	files  map[string][]byte
	budget int // bytes that may still be kept
	// parsed holds templates parsed to find the nested stacks
	// (keepParsed), within parsedBudget bytes of their source.
	parsed       map[string]parsedTemplate
	parsedBudget int
}

const (
	// readAheadBudget bounds the bytes kept at once: a scan's peak memory
	// grows by no more than this.
	readAheadBudget = 16 << 20
	// readAheadFile is the largest file kept: the saving is in system
	// calls, which small files need as many of as large ones.
	readAheadFile = 256 << 10
)

func newReadAhead(budget int) *readAhead {
	return &readAhead{files: map[string][]byte{}, budget: budget, parsedBudget: parsedAheadBudget}
}

// keep stores src, the whole content of the file at path, when it is small
// enough and the budget allows. A nil readAhead keeps nothing.
func (r *readAhead) keep(path string, src []byte) {
	if r == nil || len(src) > readAheadFile {
		return
	}
	if src == nil {
		src = []byte{}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(src) > r.budget {
		return
	}
	if old, ok := r.files[path]; ok {
		r.budget += len(old)
	}
	r.files[path] = src
	r.budget -= len(src)
}

// take returns and forgets the bytes kept for path; nil when none are.
func (r *readAhead) take(path string) []byte {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	src, ok := r.files[path]
	if !ok {
		return nil
	}
	delete(r.files, path)
	r.budget += len(src)
	return src
}

// parsedTemplate is what parsing a structured file gave.
type parsedTemplate struct {
	u        *graph.Unit
	f        result.File
	unmarked bool
}

// parsedAheadBudget bounds the source bytes of the templates whose
// parse is kept between finding the nested stacks and taking them: a
// parsed template holds some ten to twenty times its source.
const parsedAheadBudget = 4 << 20

// keepParsed stores what parsing the file at path, size bytes read whole,
// gave, when the budget allows, so that it is not parsed again; the bytes
// kept for it are then let go. A nil readAhead keeps nothing.
func (r *readAhead) keepParsed(path string, size int, p parsedTemplate) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if size > r.parsedBudget {
		return
	}
	if r.parsed == nil {
		r.parsed = map[string]parsedTemplate{}
	}
	if _, ok := r.parsed[path]; ok {
		return
	}
	r.parsed[path] = p
	r.parsedBudget -= size
	if src, ok := r.files[path]; ok {
		delete(r.files, path)
		r.budget += len(src)
	}
}

// takeParsed returns and forgets the parse kept for path.
func (r *readAhead) takeParsed(path string) (parsedTemplate, bool) {
	if r == nil {
		return parsedTemplate{}, false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	p, ok := r.parsed[path]
	delete(r.parsed, path)
	return p, ok
}
