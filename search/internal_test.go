package search

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"in_force", `"in_force"`},
		{`x" OR kind = "rule`, `"x\" OR kind = \"rule"`},
		{`综合政务\政务公开`, `"综合政务\\政务公开"`},
		{`\" OR 1 = 1`, `"\\\" OR 1 = 1"`},
		{"", `""`},
	}
	for _, tt := range tests {
		if got := quote(tt.in); got != tt.want {
			t.Errorf("quote(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestFilterString(t *testing.T) {
	var f filter
	if f.String() != "" {
		t.Errorf("empty filter = %q, want \"\" (the request then omits it)", f.String())
	}
	f.in("body_code", []string{"a", "b"}).eq("kind", "normative").eqInt("year", 2023)
	var g filter
	g.notEq("doc_no_norm", `沈政发〔2023〕12号`)
	got := f.and(g).String()
	want := `(body_code IN ["a", "b"]) AND (kind = "normative") AND (year = 2023) AND (NOT doc_no_norm = "沈政发〔2023〕12号")`
	if got != want {
		t.Errorf("filter = %s\nwant     %s", got, want)
	}
	if len(f.parts) != 3 {
		t.Errorf("and modified its receiver: %d parts", len(f.parts))
	}
}

func TestSafeHighlight(t *testing.T) {
	tests := []struct{ in, want string }{
		{markPre + "营商" + markPost + markPre + "环境" + markPost + "建设", "<mark>营商环境</mark>建设"},
		{"优化" + markPre + "营商" + markPost + "和" + markPre + "环境" + markPost, "优化<mark>营商</mark>和<mark>环境</mark>"},
		{`<script>alert("x")</script>` + markPre + "通知" + markPost, `&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;<mark>通知</mark>`},
		{"A & B <mark>fake</mark>", "A &amp; B &lt;mark&gt;fake&lt;/mark&gt;"},
	}
	for _, tt := range tests {
		if got := string(safeHighlight(tt.in)); got != tt.want {
			t.Errorf("safeHighlight(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPrepare(t *testing.T) {
	long := strings.Repeat("营", MaxBodyRunes+10)
	docs := []Document{{ID: "e1", Title: "标题" + markPre + "x" + markPost, Body: long, DocNo: "沈政发[2023]12号", BodyCode: "sy"}}
	got, err := prepare(docs)
	if err != nil {
		t.Fatal(err)
	}
	d := got[0]
	if d.Title != "标题x" {
		t.Errorf("markers not stripped: %q", d.Title)
	}
	if n := runeCount(d.Body); n != MaxBodyRunes {
		t.Errorf("body has %d runes, want %d", n, MaxBodyRunes)
	}
	if d.DocNoNorm != "沈政发〔2023〕12号" {
		t.Errorf("doc_no_norm = %q", d.DocNoNorm)
	}
	if len(d.BodyCodes) != 1 || d.BodyCodes[0] != "sy" {
		t.Errorf("body_codes = %v", d.BodyCodes)
	}
	if docs[0].Body != long || docs[0].DocNoNorm != "" {
		t.Error("prepare modified the caller's documents")
	}
	for _, id := range []string{"", "a b", "a/b", strings.Repeat("x", 512)} {
		if _, err := prepare([]Document{{ID: id}}); err == nil {
			t.Errorf("prepare accepted id %q", id)
		}
	}
}

func TestTruncateRunes(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"abc", 5, "abc"}, {"营商环境", 2, "营商"}, {"营商环境", 4, "营商环境"}, {"", 3, ""},
	}
	for _, tt := range tests {
		if got := truncateRunes(tt.in, tt.n); got != tt.want {
			t.Errorf("truncateRunes(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func TestDetectNumber(t *testing.T) {
	tests := []struct {
		q, field, value string
	}{
		{"沈政发〔2023〕12号", "doc_no_norm", "沈政发〔2023〕12号"},
		{"沈政发[2023]12号", "doc_no_norm", "沈政发〔2023〕12号"},
		{" 沈政发2023 12号 ", "doc_no_norm", "沈政发〔2023〕12号"},
		{"沈政发（2023）第12号", "doc_no_norm", "沈政发〔2023〕12号"},
		{"000014349/2017-00110", "index_no", "000014349/2017-00110"},
		{"11441700007280420y/2021-00050", "index_no", "11441700007280420Y/2021-00050"},
		{"01527918X-2020-153077", "index_no", "01527918X-2020-153077"},
		{"营商环境", "", ""},
		{"第289号", "", ""},
		{"2023", "", ""},
	}
	for _, tt := range tests {
		got, ok := detectNumber(tt.q)
		if ok != (tt.field != "") || got.field != tt.field || got.value != tt.value {
			t.Errorf("detectNumber(%q) = %+v, %v; want %s %s", tt.q, got, ok, tt.field, tt.value)
		}
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name  string
		q     Query
		field string // "" means valid
	}{
		{"zero", Query{}, ""},
		{"full", Query{Q: "营商环境", Bodies: []string{"sy-fgw"}, Under: "shenyang", Kind: KindNormative, Validity: ValidityInForce, Year: 2023, Sort: SortDateDesc, Page: 3, PageSize: 100}, ""},
		{"long q", Query{Q: strings.Repeat("营", MaxQueryRunes+1)}, "q"},
		{"q at limit", Query{Q: strings.Repeat("营", MaxQueryRunes)}, ""},
		{"bad body", Query{Bodies: []string{`x" OR kind = "rule`}}, "bodies"},
		{"bad under", Query{Under: "a b"}, "under"},
		{"kind", Query{Kind: `rule" OR 1`}, "kind"},
		{"validity", Query{Validity: "valid"}, "validity"},
		{"year low", Query{Year: 1948}, "year"},
		{"year high", Query{Year: 2101}, "year"},
		{"page", Query{Page: MaxPage + 1}, "page"},
		{"negative page", Query{Page: -1}, "page"},
		{"page size", Query{PageSize: 101}, "page_size"},
		{"sort", Query{Sort: "title"}, "sort"},
	}
	for _, tt := range tests {
		err := tt.q.Validate()
		if tt.field == "" {
			if err != nil {
				t.Errorf("%s: unexpected error %v", tt.name, err)
			}
			continue
		}
		var ve ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("%s: error %v is not a ValidationError", tt.name, err)
			continue
		}
		if _, ok := ve[tt.field]; !ok || len(ve) != 1 {
			t.Errorf("%s: errors %v, want exactly field %s", tt.name, ve, tt.field)
		}
	}
}

func TestSynonymsSymmetric(t *testing.T) {
	m := synonyms()
	for w, others := range m {
		for _, o := range others {
			found := false
			for _, back := range m[o] {
				found = found || back == w
			}
			if !found {
				t.Errorf("synonym %s → %s has no way back", w, o)
			}
		}
	}
}

func TestBackoffCapped(t *testing.T) {
	ix := &Indexer{cfg: IndexerConfig{MinBackoff: 100 * time.Millisecond, MaxBackoff: time.Second}}
	prev := time.Duration(0)
	for f := 1; f <= 40; f++ {
		d := ix.backoff(f)
		if d < 80*time.Millisecond || d > 1200*time.Millisecond {
			t.Fatalf("backoff(%d) = %v outside [80ms, 1.2s]", f, d)
		}
		if f == 1 {
			prev = d
		}
	}
	if prev > 120*time.Millisecond {
		t.Errorf("first backoff %v, want about MinBackoff", prev)
	}
}

func TestFacetsJSON(t *testing.T) {
	full := `{"body_code":{"sy":2},"column":{},"kind":{"normative":2},"validity":{},"subject":{},"year":{"2023":2}}`
	f := facetsOfJSON(json.RawMessage(full))
	if out, err := json.Marshal(f); err != nil || string(out) != full {
		t.Errorf("complete facets re-encoded as %s, %v; want Meilisearch's JSON as is", out, err)
	}
	// A distribution without some attribute (or none at all) is completed.
	for _, raw := range []string{`{"kind":{"rule":1}}`, `null`, ``} {
		c := facetsOfJSON(json.RawMessage(raw)).Counts()
		if len(c) != len(facetAttributes()) || c["year"] == nil {
			t.Errorf("%q: counts %v lack attributes", raw, c)
		}
	}
	numbers := page{total: 2, facets: f}
	m := mergeFacets(numbers, page{total: 2, facets: facetsOfJSON(json.RawMessage(`{"kind":{"normative":1,"rule":1},"year":{"2024":1}}`))}).Counts()
	if m["kind"]["normative"] != 3 || m["kind"]["rule"] != 1 || m["year"]["2023"] != 2 || m["year"]["2024"] != 1 || m["body_code"]["sy"] != 2 {
		t.Errorf("merged facets = %v", m)
	}
	// A part that matched nothing adds nothing: the other part's JSON is passed on as it came,
	// whichever side it is on.
	none := page{facets: facetsOfJSON(json.RawMessage(`{"body_code":{},"column":{},"kind":{},"validity":{},"subject":{},"year":{}}`))}
	for _, merged := range []Facets{mergeFacets(numbers, none), mergeFacets(none, numbers)} {
		if out, err := json.Marshal(merged); err != nil || string(out) != full {
			t.Errorf("facets merged with a part that matched nothing = %s, %v; want %s", out, err, full)
		}
	}
	if c := mergeFacets(page{}, page{}).Counts(); len(c) != len(facetAttributes()) {
		t.Errorf("facets of two empty parts = %v, want every attribute", c)
	}
}
