package search_test

import (
	"testing"

	"xxgk/search"
)

// The benchmarks run on the small fixture and measure xxgk's overhead over the engine
// (request building, decoding, highlighting, the number lookup); the large-data benchmark
// is separate.

func benchSearch(b *testing.B, queries []search.Query) {
	b.Helper()
	e := loaded(b)
	ctx := testCtx(b)
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		q := queries[i%len(queries)]
		i++
		if _, err := e.Search(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSearchCommon(b *testing.B) {
	benchSearch(b, []search.Query{{Q: "营商环境"}, {Q: "规范性文件"}, {Q: "住房公积金"}, {Q: "就业"}})
}

func BenchmarkSearchDocNo(b *testing.B) {
	benchSearch(b, []search.Query{{Q: "沈政发〔2023〕12号"}, {Q: "沈政发[2022]12号"}, {Q: "11210100MB0123456X/2023-00001"}})
}

func BenchmarkSearchFacetsHighlight(b *testing.B) {
	benchSearch(b, []search.Query{
		{Q: "营商环境", Kind: search.KindNormative, Validity: search.ValidityInForce},
		{Q: "沈阳市", Bodies: []string{"shenyang", "sy-fgw"}, Year: 2023, Sort: search.SortDateDesc},
		{Q: "最低生活保障", Under: "shenyang", Page: 1, PageSize: 50},
	})
}
