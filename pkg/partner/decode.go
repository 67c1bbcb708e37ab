package partner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/klauspost/compress/zstd"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// How the bytes of an export become the UTF-8 text the readers take:
// decompression (gzip, zstd, by their magic bytes whatever the file is
// called), then the character encoding (a UTF-16 BOM, a forced
// --encoding, or Windows-1252 when the bytes are not UTF-8), then, for
// CSV, the delimiter. Each step streams: nothing is read whole.

// ExportOptions say how an export is laid out, where detection is not
// enough; the zero value detects everything.
type ExportOptions struct {
	Encoding      string            // --encoding; "" detects (UTF-8, UTF-16 with a BOM, else Windows-1252)
	Delimiter     byte              // --delimiter (CSV); 0 detects ',', ';' or tab
	DecimalComma  bool              // --decimal-comma: "1.234,5" and "1,234" read with a decimal comma
	Sheet         string            // --sheet (xlsx); "" is the first sheet
	SkipRows      int               // --skip-rows: the header is looked for below row N
	Map           map[string]string // --map and columns: (column name in lower case -> field name)
	IgnoreColumns bool              // --ignore-columns: columns that are no field are ignored
	JSONPath      string            // --json-path: the records are the array at this key (a.b for nested)
}

// peekSize is how much of an input detection looks at.
const peekSize = 64 << 10

var (
	gzipMagic = []byte{0x1f, 0x8b}
	zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}
	zipMagic  = []byte("PK\x03\x04")
	oleMagic  = []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}
)

// Decompress returns r's content, decompressed when it starts with gzip's
// or zstd's magic bytes, else as it is. Errors while reading are
// *HeaderError with a hint (a truncated or damaged stream).
func Decompress(r io.Reader) (io.Reader, error) {
	br := bufio.NewReaderSize(r, peekSize)
	p, _ := br.Peek(4)
	switch {
	case bytes.HasPrefix(p, gzipMagic):
		z, err := gzip.NewReader(br)
		if err != nil {
			return nil, compressErr("gzip", err)
		}
		return &unpacked{r: z, kind: "gzip"}, nil
	case bytes.HasPrefix(p, zstdMagic):
		z, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true))
		if err != nil {
			return nil, compressErr("zstd", err)
		}
		return &unpacked{r: z.IOReadCloser(), kind: "zstd"}, nil
	}
	return br, nil
}

// unpacked turns the errors of a decompressor into messages with a hint.
type unpacked struct {
	r    io.Reader
	kind string
}

func (u *unpacked) Read(p []byte) (int, error) {
	n, err := u.r.Read(p)
	if err != nil && err != io.EOF {
		err = compressErr(u.kind, err)
	}
	return n, err
}

func compressErr(kind string, err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return &HeaderError{Msg: kind + " data ends early: the file is truncated",
			Hint: "the copy or download was cut short; fetch or export the file again"}
	}
	return &HeaderError{Msg: "damaged " + kind + " data: " + err.Error(),
		Hint: "check the file with gzip -t or zstd -t, or export it again"}
}

// ParseEncoding returns the encoding named s ("utf-8", "utf-16",
// "windows-1252", "latin-1", "iso-8859-15", ... as the WHATWG Encoding
// standard names them) and its canonical name.
func ParseEncoding(s string) (encoding.Encoding, string, error) {
	name := strings.ToLower(strings.TrimSpace(s))
	switch name {
	case "latin-1", "latin1", "iso-8859-1", "iso8859-1":
		// Read as Windows-1252, its superset, as browsers do: the two
		// differ only in C1 control codes no export means.
		return charmap.Windows1252, "windows-1252", nil
	case "utf-16":
		return unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), "utf-16", nil
	}
	e, err := htmlindex.Get(name)
	if err != nil {
		return nil, "", fmt.Errorf("unknown encoding %q (e.g. utf-8, utf-16, windows-1252, latin-1, iso-8859-15)", s)
	}
	canon, _ := htmlindex.Name(e)
	return e, strings.ToLower(canon), nil
}

// decodeText returns r as UTF-8 text: a UTF-16 BOM or --encoding decides,
// else, when guess (CSV: JSON and YAML are UTF-8 by their standards),
// bytes that are not valid UTF-8 are read as Windows-1252 (or as UTF-16LE
// when every other byte is NUL), with a warning naming the encoding.
func decodeText(r io.Reader, file string, opt ReadOptions, guess bool) (*bufio.Reader, error) {
	br := bufio.NewReaderSize(r, peekSize)
	var dec transform.Transformer
	if opt.Encoding != "" {
		e, name, err := ParseEncoding(opt.Encoding)
		if err != nil {
			return nil, &HeaderError{File: file, Msg: err.Error()}
		}
		if name == "utf-8" {
			return br, nil // as it is: bytes that are not UTF-8 are named where they are
		}
		dec = unicode.BOMOverride(e.NewDecoder())
	} else {
		p, _ := br.Peek(peekSize)
		name, e := guessEncoding(p, guess)
		if e == nil {
			return br, nil
		}
		if name != "" && opt.Warn != nil {
			line, col := firstInvalid(p)
			opt.Warn(&RecordError{File: file, Line: line, Column: col, Msg: "not UTF-8: read as " + name + " (--encoding to read it as another)",
				Hint: "pass --encoding to read it otherwise, or save the file as UTF-8"})
		}
		dec = e.NewDecoder()
	}
	return bufio.NewReaderSize(transform.NewReader(br, dec), peekSize), nil
}

// guessEncoding names the encoding of text starting with p; a nil
// encoding for UTF-8, and no name when a BOM says it (no warning then).
func guessEncoding(p []byte, guess bool) (string, encoding.Encoding) {
	switch {
	case bytes.HasPrefix(p, []byte{0xff, 0xfe}), bytes.HasPrefix(p, []byte{0xfe, 0xff}):
		return "", unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
	case !guess || validUTF8Prefix(p):
		return "", nil
	case utf16LE(p):
		return "UTF-16LE (no BOM)", unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	}
	return "windows-1252", charmap.Windows1252
}

// validUTF8Prefix reports whether p is UTF-8, but for a rune cut at its end.
func validUTF8Prefix(p []byte) bool {
	if utf8.Valid(p) {
		return true
	}
	for cut := 1; cut < utf8.UTFMax && cut <= len(p); cut++ {
		if utf8.Valid(p[:len(p)-cut]) && !utf8.FullRune(p[len(p)-cut:]) {
			return true
		}
	}
	return false
}

// firstInvalid returns the line and byte column of p's first byte that is
// not UTF-8.
func firstInvalid(p []byte) (line, col int) {
	line, start := 1, 0
	for i := 0; i < len(p); {
		r, n := utf8.DecodeRune(p[i:])
		if r == utf8.RuneError && n == 1 {
			return line, i - start + 1
		}
		if p[i] == '\n' {
			line, start = line+1, i+1
		}
		i += n
	}
	return line, 0
}

// utf16LE reports whether p looks like UTF-16LE text without a BOM: mostly
// ASCII, so nearly every odd byte is NUL.
func utf16LE(p []byte) bool {
	if len(p) < 4 {
		return false
	}
	zeros := 0
	for i := 1; i < len(p); i += 2 {
		if p[i] == 0 {
			zeros++
		}
	}
	return zeros*10 >= len(p)/2*9
}

// delimiters are the separators detection chooses from, the default first.
var delimiters = []byte{',', ';', '\t'}

// detectDelimiter picks the separator of CSV text starting with p: the one
// that occurs most often outside quotes on a line among the first lines,
// ',' on a tie. A title row has few; the header has one less than it has
// columns.
func detectDelimiter(p []byte) byte {
	best, bestN := byte(','), 0
	for _, d := range delimiters {
		if n := maxPerLine(p, d, 50); n > bestN {
			best, bestN = d, n
		}
	}
	return best
}

// maxPerLine counts d outside quotes on each of the first lines of p and
// returns the largest count.
func maxPerLine(p []byte, d byte, lines int) int {
	most, n, quoted := 0, 0, false
	for _, c := range p {
		switch {
		case c == '"':
			quoted = !quoted
		case c == d && !quoted:
			n++
		case c == '\n' && !quoted:
			most, n = max(most, n), 0
			if lines--; lines == 0 {
				return most
			}
		}
	}
	return max(most, n)
}

// DelimiterName names a separator for messages and hints.
func DelimiterName(d byte) string {
	switch d {
	case ',':
		return "commas"
	case ';':
		return "semicolons"
	case '\t':
		return "tabs"
	}
	return fmt.Sprintf("%q", d)
}

// ParseDelimiter reads --delimiter: one character, or "tab", "comma",
// "semicolon" (and \t).
func ParseDelimiter(s string) (byte, error) {
	switch strings.ToLower(s) {
	case "tab", `\t`, "\t":
		return '\t', nil
	case "comma", ",":
		return ',', nil
	case "semicolon", ";":
		return ';', nil
	case "pipe", "|":
		return '|', nil
	}
	return 0, fmt.Errorf("want one of , ; tab or |, got %q", s)
}

// prepare puts the decoding layers in front of a reader of format f: for a
// text format, decompression, the encoding and (CSV) the delimiter; a zip
// or OLE file read as text is refused with its own message.
func prepare(r io.Reader, file string, f Format, opt *ReadOptions) (io.Reader, error) {
	r, err := Decompress(r)
	if err != nil {
		err.(*HeaderError).File = file
		return nil, err
	}
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, peekSize)
	}
	p, _ := br.Peek(len(oleMagic))
	if e := binaryErr(p, file, f); e != nil {
		return nil, e
	}
	text, err := decodeText(br, file, *opt, f == FormatCSV)
	if err != nil {
		return nil, err
	}
	if f == FormatCSV && opt.Delimiter == 0 {
		p, _ := text.Peek(peekSize)
		opt.Delimiter = detectDelimiter(p)
	}
	if f == FormatJSON {
		return jsonWrapped(text, file, opt)
	}
	return text, nil
}

// binaryErr refuses a workbook read as text.
func binaryErr(p []byte, file string, f Format) error {
	switch {
	case bytes.HasPrefix(p, zipMagic):
		return &HeaderError{File: file, Msg: "a zip archive (an .xlsx workbook?), not " + f.Name(),
			Hint: "name the file .xlsx, or pass --input-format xlsx"}
	case bytes.HasPrefix(p, oleMagic):
		return &HeaderError{File: file, Msg: "an Excel 97-2003 .xls workbook (or another OLE file), which tiercalc cannot read",
			Hint: "open it in Excel or LibreOffice and save it as .xlsx or CSV"}
	}
	return nil
}
