//go:build !unix

package engine

import "time"

// cpuTime is 0 where the process's CPU time is not read: benchmarks then
// report wall time only.
func cpuTime() time.Duration { return 0 }
