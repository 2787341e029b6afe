package strblock

import (
	"strings"
	"testing"
	"unsafe"
)

func TestKeep(t *testing.T) {
	var k Block
	long := strings.Repeat("x", blockSize/4+1)
	inputs := []string{"", "a", "modules/vpc/main.tf", long, "b", strings.Repeat("y", blockSize/4)}
	for range 200 { // past several blocks
		for _, in := range inputs {
			if got := k.Keep(in); got != in {
				t.Fatalf("Keep(%.20q) = %.20q", in, got)
			}
		}
	}
}

// The strings kept before a block fills keep their bytes while later ones
// are written after them and into the next blocks.
func TestKeptStringsStay(t *testing.T) {
	var k Block
	var kept, want []string
	for i := range 5000 {
		s := strings.Repeat(string(rune('a'+i%26)), 1+i%40)
		kept, want = append(kept, k.Keep(s)), append(want, s)
	}
	for i := range kept {
		if kept[i] != want[i] {
			t.Fatalf("string %d is %q, want %q", i, kept[i], want[i])
		}
	}
}

// Short strings share blocks: 1,000 of them are not 1,000 objects.
func TestShortStringsShareABlock(t *testing.T) {
	var k Block
	a, b := k.Keep("modules/a/main.tf"), k.Keep("modules/b/main.tf")
	if unsafe.StringData(b) != (*byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(a)), len(a))) {
		t.Error("two short strings kept one after the other are not next to each other in one block")
	}
	in := "modules/c/main.tf"
	if unsafe.StringData(k.Keep(in)) == unsafe.StringData(in) {
		t.Error("Keep returned its argument, not a copy")
	}
}

func TestKeepAll(t *testing.T) {
	var k Block
	if got := k.KeepAll(nil); got != nil {
		t.Errorf("KeepAll(nil) = %#v", got)
	}
	in := []string{"a.tf", "", "b.tf"}
	got := k.KeepAll(in)
	if strings.Join(got, ",") != "a.tf,,b.tf" {
		t.Errorf("KeepAll = %q", got)
	}
	if &got[0] == &in[0] {
		t.Error("KeepAll changed its argument in place")
	}
}
