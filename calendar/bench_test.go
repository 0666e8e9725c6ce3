package calendar

import (
	"math/rand/v2"
	"testing"
)

func benchStarts(b *testing.B) (*Calendar, []Date) {
	c := defaultCalendar(b)
	r := rand.New(rand.NewPCG(1, 1))
	starts := make([]Date, 1024)
	for i := range starts {
		starts[i] = d("2019-01-01").AddDays(r.IntN(8 * 365))
	}
	return c, starts
}

// BenchmarkAddWorkingDays measures one 20-WD answer deadline per op from random starts in the
// loaded years. The product's budget is ≥ 1,000,000 per second; ns/op ≤ 1000 meets it.
func BenchmarkAddWorkingDays(b *testing.B) {
	c, starts := benchStarts(b)
	var sink Date
	i := 0
	for b.Loop() {
		sink, _ = c.AddWorkingDays(starts[i&1023], 20)
		i++
	}
	_ = sink
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "due-dates/s")
}

// BenchmarkAddWorkingDaysParallel is the same from every core at once: the Calendar is read-only,
// so throughput scales with GOMAXPROCS.
func BenchmarkAddWorkingDaysParallel(b *testing.B) {
	c, starts := benchStarts(b)
	b.RunParallel(func(pb *testing.PB) {
		var sink Date
		i := 0
		for pb.Next() {
			sink, _ = c.AddWorkingDays(starts[i&1023], 20)
			i++
		}
		_ = sink
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "due-dates/s")
}

func BenchmarkWorkingDaysBetween(b *testing.B) {
	c, starts := benchStarts(b)
	var sink int
	i := 0
	for b.Loop() {
		sink += c.WorkingDaysBetween(starts[i&1023], starts[(i+1)&1023])
		i++
	}
	_ = sink
}
