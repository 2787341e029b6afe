package report

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// encoderIndented is what writeIndentedJSON must write: the Encoder's own
// indented output.
func encoderIndented(t *testing.T, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestWriteIndentedJSONMatchesEncoder(t *testing.T) {
	type inner struct {
		S []string       `json:"s"`
		M map[string]any `json:"m,omitempty"`
	}
	values := []any{
		nil, 1, "x", []int{}, map[string]int{}, []any{[]any{}, map[string]any{}},
		map[string]any{"a": []any{}, "b": map[string]any{}, "c": []any{map[string]any{}, []any{1, 2}}},
		`quotes " and \ backslashes \" and escapes \n \t and <html> & more`,
		map[string]string{`k"ey`: `v\al"ue`, "{": "}", "[": "]", ",": ":", "": ""},
		"invalid UTF-8 \xff and unicode é 日本 \u2028 \u0001",
		inner{S: []string{"a,b", "c:d", "{e}"}, M: map[string]any{"n": 1.5e300, "f": false, "z": nil}},
		[]inner{{}, {S: []string{}}},
	}
	for _, v := range values {
		var got bytes.Buffer
		if err := writeIndentedJSON(&got, v); err != nil {
			t.Fatal(err)
		}
		if want := encoderIndented(t, v); !bytes.Equal(got.Bytes(), want) {
			t.Errorf("%#v:\n got %s\nwant %s", v, got.Bytes(), want)
		}
	}
}

// streamCase has a field of every kind the streamEncoder takes apart or
// hands to the Encoder whole.
type streamCase struct {
	Name      string            `json:"name"`
	Omitted   string            `json:"omitted,omitempty"`
	Zero      int               `json:"zero,omitempty"`
	False     bool              `json:"false,omitempty"`
	NilSlice  []string          `json:"nil_slice"`
	NilOmit   []string          `json:"nil_omit,omitempty"`
	Empty     []streamItem      `json:"empty"`
	One       []streamCase      `json:"one,omitempty"`
	Many      []streamItem      `json:"many"`
	Pointer   *streamItem       `json:"pointer"`
	Any       any               `json:"any"`
	Map       map[string]any    `json:"map"`
	Bytes     []byte            `json:"bytes"`
	Skipped   string            `json:"-"`
	unexport  string            // left out by both
	Untagged  float64           // named as in Go by both
	Marshaled streamMarshaler   `json:"marshaled"`
	Text      streamText        `json:"text"`
	Embedding streamEmbedding   `json:"embedding"`
	Quoted    streamQuotedField `json:"quoted"`
	Nested    struct {
		Inner []streamItem `json:"inner"`
	} `json:"nested"`
}

type streamItem struct {
	A string `json:"a"`
	B []int  `json:"b,omitempty"`
}

type streamMarshaler struct{ V int }

func (m streamMarshaler) MarshalJSON() ([]byte, error) { return []byte(`{"custom":true}`), nil }

type streamText struct{ V string }

func (t *streamText) MarshalText() ([]byte, error) { return []byte("text:" + t.V), nil }

type streamEmbedding struct {
	streamItem
	C string `json:"c"`
}

type streamQuotedField struct {
	N int `json:"n,string"`
}

// TestStreamEncoderMatchesEncoder: taken apart or not, every kind of
// field comes out as the Encoder writes it.
func TestStreamEncoderMatchesEncoder(t *testing.T) {
	full := streamCase{
		Name: "<a & b>", Omitted: "", Empty: []streamItem{}, Many: []streamItem{{A: "1"}, {A: "2", B: []int{3}}},
		Pointer: &streamItem{A: "p"}, Any: []any{1, "x"}, Map: map[string]any{"z": 1, "a": []int{}}, Bytes: []byte("hi"),
		Skipped: "never", unexport: "never", Untagged: 2.5, Text: streamText{V: "t"},
		Embedding: streamEmbedding{streamItem: streamItem{A: "e"}, C: "c"}, Quoted: streamQuotedField{N: 7},
	}
	full.Nested.Inner = []streamItem{{A: "n"}}
	withOne := full
	withOne.One = []streamCase{full}
	for _, v := range []any{streamCase{}, full, withOne, []streamCase{withOne}, []streamCase{withOne, full}, &full, []*streamCase{&full}} {
		var got bytes.Buffer
		if err := writeIndentedJSON(&got, v); err != nil {
			t.Fatal(err)
		}
		if want := encoderIndented(t, v); !bytes.Equal(got.Bytes(), want) {
			t.Errorf("%#v:\n got %s\nwant %s", v, got.Bytes(), want)
		}
	}
}

// TestStreamEncoderWritesInPieces: a report's long arrays are written an
// element at a time, and the single run of a SARIF log is descended into,
// so no write holds more than one element.
func TestStreamEncoderWritesInPieces(t *testing.T) {
	type run struct {
		Results []streamItem `json:"results"`
	}
	type log struct {
		Runs []run `json:"runs"`
	}
	items := make([]streamItem, 10000)
	for i := range items {
		items[i] = streamItem{A: strings.Repeat("x", 100)}
	}
	for _, v := range []any{streamCase{Many: items}, log{Runs: []run{{Results: items}}}} {
		var rec writeRecorder
		if err := newStreamEncoder(&rec).value(reflect.ValueOf(v)); err != nil {
			t.Fatal(err)
		}
		if rec.largest > 200 {
			t.Errorf("%T: a write of %d bytes, want one element (%d bytes) at most", v, rec.largest, len(`{"a":"`)+100+len(`"}`))
		}
	}
}

type writeRecorder struct{ largest int }

func (r *writeRecorder) Write(p []byte) (int, error) {
	r.largest = max(r.largest, len(p))
	return len(p), nil
}

// TestWriteIndentedJSONRandomDocuments compares the two on random nested
// documents of strings full of JSON punctuation.
func TestWriteIndentedJSONRandomDocuments(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{`"`, `\`, "{", "}", "[", "]", ",", ":", " ", "\n", "a", "é", "\\u", "<", "\x00"}
	word := func() string {
		var b strings.Builder
		for range r.IntN(6) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		return b.String()
	}
	var gen func(depth int) any
	gen = func(depth int) any {
		switch k := r.IntN(7); {
		case depth > 4 || k == 0:
			return word()
		case k == 1:
			return r.Float64() * 1e6
		case k == 2:
			return r.IntN(2) == 0
		case k == 3:
			return nil
		case k == 4:
			l := make([]any, r.IntN(4))
			for i := range l {
				l[i] = gen(depth + 1)
			}
			return l
		default:
			m := map[string]any{}
			for range r.IntN(4) {
				m[word()] = gen(depth + 1)
			}
			return m
		}
	}
	for range 500 {
		v := gen(0)
		var got bytes.Buffer
		if err := writeIndentedJSON(&got, v); err != nil {
			t.Fatal(err)
		}
		if want := encoderIndented(t, v); !bytes.Equal(got.Bytes(), want) {
			t.Fatalf("%#v:\n got %q\nwant %q", v, got.Bytes(), want)
		}
	}
}

// TestIndenterAcrossWrites: the compact document split into writes of
// every size, strings and escapes cut anywhere, is indented as when it
// is written whole, and comes out in pieces of at most two chunks, a long
// string included.
func TestIndenterAcrossWrites(t *testing.T) {
	v := map[string]any{
		"findings": []any{map[string]any{"m": `a "quoted" \ word`, "e": []any{}, "o": map[string]any{}}, "x\\"},
		"big":      strings.Repeat(`{"k": [1, "\"]"]} `, 10000),
	}
	compact, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	compact = append(compact, '\n')
	want := encoderIndented(t, v)
	for _, size := range []int{1, 2, 3, 7, 64, 4096, len(compact)} {
		var out pieces
		in := &indenter{w: &out}
		for rest := compact; len(rest) > 0; {
			n := min(size, len(rest))
			if _, err := in.Write(rest[:n]); err != nil {
				t.Fatal(err)
			}
			rest = rest[n:]
		}
		if err := in.flush(); err != nil {
			t.Fatal(err)
		}
		if got := bytes.Join(out.writes, nil); !bytes.Equal(got, want) {
			t.Fatalf("writes of %d bytes: indented differently", size)
		}
		for _, w := range out.writes {
			if len(w) > 2*indentChunk {
				t.Errorf("writes of %d bytes: a piece of %d bytes", size, len(w))
			}
		}
	}
}

// pieces records each write.
type pieces struct{ writes [][]byte }

func (p *pieces) Write(b []byte) (int, error) {
	p.writes = append(p.writes, bytes.Clone(b))
	return len(b), nil
}
