package partner

import "testing"

// BenchmarkReadCSVSerial reads CSV on one goroutine, the duplicate-id
// claim included: its time per op is the CPU that parsing and claiming
// cost, which BenchmarkReadCSV's wall time spreads over the cores.
func BenchmarkReadCSVSerial(b *testing.B) {
	defer func() { serialReading = false }()
	serialReading = true
	benchRead(b, FormatCSV, 100_000)
}
