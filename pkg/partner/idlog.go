package partner

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
)

// idLog is the id set's record of each id's first occurrence, in the order
// the ids came: per id, uvarint(line<<1 | odd), uvarint(len(key)), key. The
// first spillAt bytes stay in memory; past them the log moves, a block at
// a time, to a temporary file that is unlinked as soon as it is made (so
// nothing is left behind), and memory keeps only the unwritten tail and an
// offset for every idLogStride-th id. Where no temporary file can be
// written the log stays in memory: slower to outgrow, never inexact.
type idLog struct {
	buf     []byte // the tail not yet in the file
	spilled int64  // bytes in the file
	file    *idFile
	noSpill bool // making or writing the file failed
	spillAt int  // 0: idSpillAt
	index   []int64
	n       int // ids logged
	scratch []byte
}

const (
	idSpillAt   = 1 << 20
	idLogStride = 64
)

// idFile holds the temporary file, closed when the set is collected.
type idFile struct{ f *os.File }

func (l *idLog) append(key string, line int, odd bool) {
	if l.buf == nil && !l.noSpill {
		// room for a block and the short id that passes it: the tail
		// seldom grows (and is copied) on the way
		l.buf = make([]byte, 0, l.spillSize()+256)
	}
	if l.n%idLogStride == 0 {
		l.index = append(l.index, l.spilled+int64(len(l.buf)))
	}
	v := uint64(line) << 1
	if odd {
		v |= 1
	}
	l.buf = binary.AppendUvarint(l.buf, v)
	l.buf = binary.AppendUvarint(l.buf, uint64(len(key)))
	l.buf = append(l.buf, key...)
	l.n++
	if len(l.buf) >= l.spillSize() && !l.noSpill {
		l.spill()
	}
}

// spillSize is the tail's size that sends it to the file.
func (l *idLog) spillSize() int {
	if l.spillAt == 0 {
		return idSpillAt
	}
	return l.spillAt
}

// spill writes the tail to the file; on failure the log stays in memory.
func (l *idLog) spill() {
	if l.file == nil {
		f, err := os.CreateTemp("", "tiercalc-ids-*")
		if err != nil {
			l.noSpill = true
			return
		}
		_ = os.Remove(f.Name()) // open files stay readable once unlinked
		l.file = &idFile{f}
		runtime.AddCleanup(l.file, func(f *os.File) { _ = f.Close() }, f)
	}
	if _, err := l.file.f.WriteAt(l.buf, l.spilled); err != nil {
		l.noSpill = true
		return
	}
	l.spilled += int64(len(l.buf))
	l.buf = l.buf[:0]
}

// at returns the key, line and oddness of the ord-th id logged.
func (l *idLog) at(ord int) (key string, line int, odd bool) {
	r := bufio.NewReaderSize(io.NewSectionReader(l, l.index[ord/idLogStride], math.MaxInt64), 512)
	for i := ord % idLogStride; ; i-- {
		v, err := binary.ReadUvarint(r)
		l.must(err)
		n, err := binary.ReadUvarint(r)
		l.must(err)
		if i > 0 {
			_, err = r.Discard(int(n))
			l.must(err)
			continue
		}
		if uint64(cap(l.scratch)) < n {
			l.scratch = make([]byte, n)
		}
		l.scratch = l.scratch[:n]
		_, err = io.ReadFull(r, l.scratch)
		l.must(err)
		return string(l.scratch), int(v >> 1), v&1 == 1
	}
}

// must stops the run on a failed read of the log's own temporary file:
// going on would decide duplicates without their first occurrence.
func (l *idLog) must(err error) {
	if err != nil {
		panic(fmt.Errorf("reading back the duplicate-id log: %w", err))
	}
}

// ReadAt reads the log as one stream: the file, then the tail in memory.
func (l *idLog) ReadAt(p []byte, off int64) (int, error) {
	n := 0
	if off < l.spilled {
		k, err := l.file.f.ReadAt(p[:min(int64(len(p)), l.spilled-off)], off)
		if n, off = k, off+int64(k); err != nil || n == len(p) {
			return n, err
		}
	}
	i := off - l.spilled
	if i >= int64(len(l.buf)) {
		return n, io.EOF
	}
	n += copy(p[n:], l.buf[i:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}
