package synth

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

func TestWriteIsDeterministic(t *testing.T) {
	var a, b, c bytes.Buffer
	for _, w := range []struct {
		buf  *bytes.Buffer
		seed uint64
	}{{&a, 1}, {&b, 1}, {&c, 2}} {
		if err := Write(w.buf, 2000, w.seed); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same seed gave different files")
	}
	if bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Error("different seeds gave the same file")
	}
	rows, err := csv.NewReader(&a).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2001 || strings.Join(rows[0], ",") != Header {
		t.Fatalf("%d rows, header %q", len(rows), rows[0])
	}
	if per := b.Len() / 2000; per < 80 || per > 130 {
		t.Errorf("%d bytes a row, want about 100", per)
	}
}
