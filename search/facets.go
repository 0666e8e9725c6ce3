package search

import (
	"bytes"
	"encoding/json"
)

// Facets counts the matching documents per value of each facet attribute (body_code, column,
// kind, validity, subject, year). When nothing had to be merged it keeps Meilisearch's JSON as it
// came, so that the API passes it on without decoding and re-encoding hundreds of counts per
// search (a third of xxgk's own CPU per search before); Counts decodes it on demand.
type Facets struct {
	raw    json.RawMessage
	counts map[string]map[string]int64
}

// FacetsOf returns Facets holding counts (nil for none); every facet attribute is present.
func FacetsOf(counts map[string]map[string]int64) Facets {
	if counts == nil {
		counts = make(map[string]map[string]int64, len(searchFacets))
	}
	for _, name := range searchFacets {
		if counts[name] == nil {
			counts[name] = map[string]int64{}
		}
	}
	return Facets{counts: counts}
}

// facetsOfJSON keeps Meilisearch's facetDistribution as is when it is an object naming every
// facet attribute (as it does), and decodes it otherwise.
func facetsOfJSON(raw json.RawMessage) Facets {
	if len(raw) > 0 && raw[0] == '{' {
		complete := true
		for _, name := range searchFacets {
			if !bytes.Contains(raw, []byte(`"`+name+`":{`)) {
				complete = false
				break
			}
		}
		if complete {
			return Facets{raw: raw}
		}
	}
	var counts map[string]map[string]int64
	if len(raw) > 0 {
		_ = json.Unmarshal(raw, &counts) // raw is part of an answer that decoded; null stays nil
	}
	return FacetsOf(counts)
}

// Counts returns the counts: Counts()[attribute][value]. Every facet attribute is present. The
// map is decoded afresh from Meilisearch's JSON when the Facets hold that: call it once.
func (f Facets) Counts() map[string]map[string]int64 {
	if f.counts != nil {
		return f.counts
	}
	var counts map[string]map[string]int64
	if len(f.raw) > 0 {
		_ = json.Unmarshal(f.raw, &counts) // validated when the answer was decoded
	}
	return FacetsOf(counts).counts
}

// MarshalJSON writes the counts as an object of objects.
func (f Facets) MarshalJSON() ([]byte, error) {
	if f.counts == nil && len(f.raw) > 0 {
		return f.raw, nil
	}
	return json.Marshal(f.Counts())
}

func (f Facets) isZero() bool { return f.counts == nil && len(f.raw) == 0 }

// mergeFacets returns the facets of two parts of one result, drawn from disjoint sets of
// documents (number matches and the rest): their counts added. A part that matched no document
// counts nothing and is left out, so a number search whose number matches and nothing else (or
// whose words match and no number) passes Meilisearch's JSON on as it came instead of decoding
// both distributions into maps and encoding the sum.
func mergeFacets(a, b page) Facets {
	switch {
	case b.total == 0 && a.facets.isZero():
		return FacetsOf(nil)
	case b.total == 0:
		return a.facets
	case a.total == 0:
		return b.facets
	}
	out := a.facets.Counts()
	for name, values := range b.facets.Counts() {
		if out[name] == nil {
			out[name] = map[string]int64{}
		}
		for v, c := range values {
			out[name][v] += c
		}
	}
	return Facets{counts: out}
}
