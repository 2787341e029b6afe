package cloudformation

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/internal/safefs"
)

// isStackType reports whether a resource type is a nested stack.
func isStackType(t string) bool {
	return t == "AWS::CloudFormation::Stack" || t == "AWS::Serverless::Application"
}

// loadChild parses the local template of a nested stack resource with the
// parameters its parent passes. Remote templates stay unanalysed, with a note.
func (st *stack) loadChild(e *resEntry) {
	attrs := e.out.Attrs
	key := "TemplateURL"
	if e.typ == "AWS::Serverless::Application" {
		key = "Location"
	}
	urlVal := attrs.Get(key)
	urlLoc := e.keyLoc
	if urlVal != nil {
		urlLoc = urlVal.Loc
	}
	if urlVal == nil {
		st.p.errorf(e.keyLoc, "nested stack %s has no %s", e.id, key)
		e.childErr = true
		return
	}
	url, ok := urlVal.AsString()
	if !ok {
		switch {
		case urlVal.IsUnknown():
			st.p.diags.Notef(urlLoc, "nested stack %s: %s is unknown (%s); its resources are not analysed", e.id, key, urlVal.Reason)
		case urlVal.Kind == graph.KindMap:
			st.p.diags.Notef(urlLoc, "nested stack %s comes from the Serverless Application Repository; its resources are not analysed", e.id)
		default:
			st.p.errorf(urlLoc, "nested stack %s: %s must be a string", e.id, key)
		}
		e.childErr = true
		return
	}
	lower := strings.ToLower(url)
	if strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "s3://") {
		st.p.diags.Notef(urlLoc, "nested stack %s: template %s is remote (as `aws cloudformation package` writes it); scan the local template instead", e.id, url)
		e.childErr = true
		return
	}
	path := filepath.Clean(filepath.Join(filepath.Dir(st.file), filepath.FromSlash(url)))
	if filepath.IsAbs(url) {
		path = filepath.Clean(url) // still has to be inside the scan root
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		st.p.errorf(urlLoc, "nested stack %s: %v", e.id, err)
		e.childErr = true
		return
	}
	if rel, err := filepath.Rel(st.p.root, abs); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		st.p.errorf(urlLoc, "nested stack %s: template %s is outside the scan root", e.id, url)
		e.childErr = true
		return
	}
	chain := append(append([]ancestor(nil), st.ancestry...), ancestor{abs: st.absFile(), file: st.file})
	for _, a := range chain {
		if a.abs == abs {
			st.p.errorf(urlLoc, "nested stack %s: template %s includes itself (a cycle of nested stacks)", e.id, url)
			e.childErr = true
			return
		}
	}
	if len(st.ancestry) >= MaxStackDepth {
		// The templates below the limit are not read: the file list says
		// so, under the parent that includes them.
		why := fmt.Sprintf("nested stacks nest deeper than %d levels: %s", MaxStackDepth, chainString(chain, path))
		st.p.errorf(urlLoc, "nested stack %s: %s", e.id, why)
		st.p.include(path, st.file, why)
		e.childErr = true
		return
	}
	// The check above is lexical; the read resolves symbolic links and
	// refuses one that leads outside the root, a FIFO or a device.
	src, err := safefs.ReadFile(path, st.p.root, MaxFileSize)
	if err != nil {
		st.p.errorf(urlLoc, "nested stack %s: cannot read template %s: %v", e.id, url, err)
		e.childErr = true
		return
	}
	st.p.addFile(path)
	st.p.include(path, st.file, "")
	overrides := map[string]paramValue{}
	given := map[string]graph.Location{}
	if ps := attrs.Get("Parameters"); ps != nil && ps.Kind == graph.KindMap {
		for _, k := range ps.Keys {
			v := ps.Fields[k]
			overrides[k] = paramValue{value: v, note: "parameter " + k + " of nested stack " + e.id}
			given[k] = v.Loc
		}
	}
	child := st.p.load(path, src, st.prefix+e.id+"/", overrides, chain)
	if child == nil {
		e.childErr = true
		return
	}
	for _, k := range slices.Sorted(maps.Keys(given)) {
		loc := given[k]
		if _, ok := child.params[k]; !ok {
			st.p.errorf(loc, "nested stack %s: template %s has no parameter %s", e.id, url, k)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(child.params)) {
		pm := child.params[name]
		if _, ok := given[name]; !ok && pm.value == nil && !strings.HasPrefix(name, "AWS::") {
			st.p.errorf(urlLoc, "nested stack %s: parameter %s of %s has no Default and is not given in Parameters", e.id, name, url)
		}
	}
	if tags := attrs.Get("Tags"); tags != nil {
		child.tags, child.tagsLoc = inheritedTags(tags), tags.Loc
	}
	e.child = child
	child.run()
}

// ancestor is a stack above another: its template's absolute path, for
// cycle detection, and its path as the messages name it.
type ancestor struct {
	abs, file string
}

// chainString names a chain of nested stacks down to the template file.
func chainString(chain []ancestor, file string) string {
	names := make([]string, 0, len(chain)+1)
	for _, a := range chain {
		names = append(names, a.file)
	}
	return strings.Join(append(names, file), " → ")
}

// absFile is the absolute path of the stack's template.
func (st *stack) absFile() string {
	abs, err := filepath.Abs(st.file)
	if err != nil {
		return st.file
	}
	return abs
}

// stackOutput resolves Fn::GetAtt Stack.Outputs.Name to the nested stack's
// output, located at the use site. nil means "not resolvable here".
func (st *stack) stackOutput(e *resEntry, name string, loc graph.Location, c evalCtx) *graph.Value {
	if e.busy {
		return nil
	}
	st.resolve(e.id)
	if e.child == nil {
		return nil
	}
	o := e.child.output(name)
	if o == nil {
		if _, exists := e.child.outputs[name]; !exists {
			st.p.errorf(loc, "nested stack %s has no output %s", e.id, name)
		}
		return graph.Unknown("output "+name+" of nested stack "+e.id+" is not defined", loc)
	}
	if o.value == nil {
		return graph.Unknown("output "+name+" of nested stack "+e.id+" is not created", loc)
	}
	v := o.value.Derive(loc, "output "+name+" of nested stack "+e.id)
	if v.Ref != nil {
		st.addEdge(c, v.Ref, loc)
	}
	return v
}
