package analyzer

import "sync"

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
	return &readAhead{files: map[string][]byte{}, budget: budget}
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
