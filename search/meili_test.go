package search

import (
	"encoding/json"
	"os"
	"reflect"
	"testing"
)

// Answers Meilisearch gave to xxgk's searches on generated documents (searchtest): a number
// search's /multi-search and a 20-hit full-text page.
var recordedAnswers = []struct {
	file    string
	queries int
}{
	{"testdata/answer-number.json", 2},
	{"testdata/answer-20-hits.json", 1},
}

// TestDecodeAnswerAsStandardLibrary holds the v2 decoder to what encoding/json makes of the
// same answers, field for field, and checks that the facets passed on do not alias the read
// buffer, which goes back to its pool once the answer is decoded.
func TestDecodeAnswerAsStandardLibrary(t *testing.T) {
	for _, a := range recordedAnswers {
		data, err := os.ReadFile(a.file)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeAnswer(data, a.queries)
		if err != nil {
			t.Fatalf("%s: %v", a.file, err)
		}
		var want []searchResponse
		if a.queries == 1 {
			want = make([]searchResponse, 1)
			err = json.Unmarshal(data, &want[0])
		} else {
			var multi struct {
				Results []searchResponse `json:"results"`
			}
			err = json.Unmarshal(data, &multi)
			want = multi.Results
		}
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: decoded\n%+v\nencoding/json decodes\n%+v", a.file, got, want)
		}
		hits := 0
		for _, r := range got {
			hits += len(r.Hits)
			for _, h := range r.Hits {
				if h.ID == "" || h.Title == "" || h.BodyCode == "" || h.PublishedAt == 0 || h.Formatted.Title == "" {
					t.Errorf("%s: hit with a field left empty: %+v", a.file, h)
				}
			}
		}
		if hits == 0 {
			t.Errorf("%s: no hits decoded", a.file)
		}
		facets := string(got[0].FacetDistribution)
		clear(data)
		if string(got[0].FacetDistribution) != facets || facets == "" {
			t.Errorf("%s: the facets alias the answer's buffer", a.file)
		}
	}
	if _, err := decodeAnswer([]byte(`{"results":[{"hits":[],"totalHits":0}]}`), 2); err == nil {
		t.Error("one result to two queries: no error")
	}
	if _, err := decodeAnswer([]byte(`{"hits":[{"id":1}]}`), 1); err == nil {
		t.Error("a number for a string: no error")
	}
}

// BenchmarkDecodeAnswer is the decoding of Meilisearch's answer, most of the CPU xxgk spends
// on a search; std is encoding/json on the same bytes, for comparison.
func BenchmarkDecodeAnswer(b *testing.B) {
	for _, a := range recordedAnswers {
		data, err := os.ReadFile(a.file)
		if err != nil {
			b.Fatal(err)
		}
		name := a.file[len("testdata/answer-") : len(a.file)-len(".json")]
		b.Run("answer="+name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := decodeAnswer(data, a.queries); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("answer="+name+"/std", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				var r struct {
					Results []searchResponse `json:"results"`
					searchResponse
				}
				if err := json.Unmarshal(data, &r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
