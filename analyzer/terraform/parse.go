package terraform

import (
	"runtime"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/rampart-iac/rampart/analyzer/terraform/forbudget"
	"github.com/rampart-iac/rampart/analyzer/terraform/nesting"
)

// parser parses configuration and variables files once per scan (hcl's
// parser caches them by name) and bounds the for expressions of every
// file it parses with the iteration budget of the root module being
// evaluated: one meter, reset for each root, since roots are evaluated
// one after the other and share the parsed files.
type parser struct {
	*hclparse.Parser
	iterations *forbudget.Meter
	// sources are the files parsed so far by this parser and its
	// siblings, by their bytes; nil when none are kept.
	sources *sourceCache
	// read, when set, is called with every file read (Options.Read).
	read func(path string, src []byte)
	// wd is the working directory relative paths are read from, taken
	// once for the loader (safefs.ReadFileFrom); empty, each read asks.
	wd string
}

func newParser() *parser {
	return &parser{Parser: hclparse.NewParser(), iterations: forbudget.NewMeter(forbudget.MaxIterations)}
}

// sibling is a parser of its own (hcl's are not safe for concurrent use)
// drawing on p's budget and sharing its files by their bytes.
func (p *parser) sibling() *parser {
	return &parser{Parser: hclparse.NewParser(), iterations: p.iterations, sources: p.sources, read: p.read, wd: p.wd}
}

// readSource reads a file as readSource does, and tells p.read.
func (p *parser) readSource(path, root string) ([]byte, hcl.Diagnostics) {
	src, diags := readSource(p.wd, path, root)
	if p.read != nil && !diags.HasErrors() {
		p.read(path, src)
	}
	return src, diags
}

// parseSource parses a configuration or variables file read from path,
// native syntax or JSON by its name, after checking its nesting: hcl's
// parsers recurse once per level, and a deep enough file overflows the
// stack, which no recover catches. A large native syntax file is parsed
// in pieces when it can be (parseInPieces), each checked the same way. A
// JSON file's expressions are bounded when they are rewritten as native
// syntax (jsonAsSyntax). A native syntax file whose bytes p's sources
// hold is copied from there instead, and one most of whose lines they
// hold is filled from them (sourceCache.fill).
func parseSource(p *parser, src []byte, path string) (*hcl.File, hcl.Diagnostics) {
	if strings.HasSuffix(path, ".json") {
		if diags := nesting.JSON(src, path); diags.HasErrors() {
			return nil, diags
		}
		return p.ParseJSON(src, path)
	}
	if f, ok := p.Files()[path]; ok {
		return f, nil // as p.ParseHCL gives it
	}
	// The same bytes passed the nesting check when they were parsed.
	if f, ok := p.sources.clone(src, path); ok {
		p.record(path, f)
		return f, nil
	}
	if f, ok := p.sources.fill(src, path); ok {
		p.record(path, f)
		p.sources.add(src, f)
		return f, nil
	}
	if f, ok := parseInPieces(src, path); ok {
		p.record(path, f)
		p.sources.add(src, f)
		return f, nil
	}
	if diags := nesting.HCL(src, path, hcl.InitialPos, false); diags.HasErrors() {
		return nil, diags
	}
	f, diags := p.ParseHCL(src, path)
	if f != nil {
		if body, ok := f.Body.(*hclsyntax.Body); ok && forbudget.MayHoldFor(src) {
			forbudget.Bound(body, p.iterations)
		}
		if len(diags) == 0 {
			p.sources.add(src, f)
		}
	}
	return f, diags
}

// record keeps f, a native syntax file p did not parse itself (copied,
// filled or parsed in pieces), as p.ParseHCL keeps what it parses, with
// its for expressions bounded.
func (p *parser) record(path string, f *hcl.File) {
	p.AddFile(path, f)
	if forbudget.MayHoldFor(f.Bytes) {
		forbudget.Bound(f.Body.(*hclsyntax.Body), p.iterations)
	}
}

// parseExpression parses a variable value given as text (-var, TF_VAR_*,
// a configuration file), with the same nesting check and iteration budget.
func parseExpression(p *parser, src []byte, name string) (hclsyntax.Expression, hcl.Diagnostics) {
	if diags := nesting.HCL(src, name, hcl.InitialPos, false); diags.HasErrors() {
		return nil, diags
	}
	expr, diags := hclsyntax.ParseExpression(src, name, hcl.InitialPos)
	if !diags.HasErrors() {
		forbudget.Bound(expr, p.iterations)
	}
	return expr, diags
}

// parsedFile is what parsing one file of a module gave: the file, nil
// when it was not read or not parsed, and its diagnostics.
type parsedFile struct {
	file  *hcl.File
	diags hcl.Diagnostics
	// panicked holds what the parser panicked with, if it did.
	panicked any
	// skimmed is set when file holds only the module blocks of the
	// source, each with its source argument (skimModuleBlocks).
	skimmed bool
}

// parseFiles parses the configuration files paths of one module, those
// only accepts (every file when only is nil), and records them in p in
// path order, as parsing them one after the other with p would. A file p
// holds already is not parsed again. With only set, the module's calls
// alone are read (loadModuleCalls): a file that cannot be read or is not
// accepted gives neither a file nor diagnostics, the load that parses
// every file reports it, and a native syntax file is skimmed for its
// module blocks where that gives what parsing it would
// (skimModuleBlocks); p does not keep what was skimmed.
//
// The files are parsed in parallel, each on a parser of its own, up to
// GOMAXPROCS at a time: a root module's few large files (terraform-aws-vpc
// has 140 KB in three) would otherwise be parsed on one core while the
// scan waits for them to find its roots. A parser panic is raised again
// on the caller's goroutine, for the first file in path order that
// panicked, where the callers recover it.
func parseFiles(p *parser, paths []string, root string, only func(path string, src []byte) bool) []parsedFile {
	out := make([]parsedFile, len(paths))
	known := p.Files() // only read until every parse is done
	var missing []int
	for i, path := range paths {
		if f, ok := known[path]; ok && only == nil {
			out[i].file = f
			continue
		}
		missing = append(missing, i)
	}
	parse := func(q *parser, path string) parsedFile {
		src, diags := q.readSource(path, root)
		if only != nil && (diags.HasErrors() || !only(path, src)) {
			return parsedFile{}
		}
		if diags.HasErrors() {
			return parsedFile{diags: diags}
		}
		if f, ok := known[path]; ok {
			return parsedFile{file: f}
		}
		if only != nil && !strings.HasSuffix(path, ".json") {
			if body, ok := skimModuleBlocks(src, path); ok {
				return parsedFile{file: &hcl.File{Body: body, Bytes: src}, skimmed: true}
			}
		}
		f, diags := parseSource(q, src, path)
		return parsedFile{file: f, diags: diags}
	}
	if len(missing) == 1 {
		out[missing[0]] = parse(p, paths[missing[0]])
		return out
	}
	var wg sync.WaitGroup
	slots := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	for _, i := range missing {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() {
				if v := recover(); v != nil {
					out[i] = parsedFile{panicked: v}
				}
				<-slots
			}()
			out[i] = parse(p.sibling(), paths[i])
		})
	}
	wg.Wait()
	for _, i := range missing {
		if out[i].panicked != nil {
			panic(out[i].panicked)
		}
		if out[i].file != nil && !out[i].skimmed {
			p.AddFile(paths[i], out[i].file)
		}
	}
	return out
}
