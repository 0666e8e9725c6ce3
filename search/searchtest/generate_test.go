package searchtest

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"xxgk/calendar"
	"xxgk/catalog"
	"xxgk/search"
)

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := GenerateDocuments(1000, 50), GenerateDocuments(1000, 50)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two runs generated different documents")
	}
	if got := GenerateDocument(1010); !reflect.DeepEqual(got, a[10]) {
		t.Errorf("GenerateDocument(1010) differs from the 11th of GenerateDocuments(1000, 50)")
	}
	if reflect.DeepEqual(a[0], a[1]) {
		t.Error("documents 1000 and 1001 are equal")
	}
}

func TestGeneratedBodies(t *testing.T) {
	bs := GenBodies()
	if len(bs) < 250 || len(bs) > 400 {
		t.Errorf("%d bodies, want about 300 (a city's)", len(bs))
	}
	code := regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`) // bodies.Store's rule
	seen := map[string]bool{}
	for _, b := range bs {
		if !code.MatchString(b.Code) || seen[b.Code] {
			t.Errorf("body code %q is invalid or repeated", b.Code)
		}
		seen[b.Code] = true
		if b.Codes[0] != b.Code || b.Codes[len(b.Codes)-1] != "sy" || len(b.OrgCode) != 9 {
			t.Errorf("body %s: codes %v, org code %q", b.Code, b.Codes, b.OrgCode)
		}
	}
}

// The documents look like a catalog's: ~2.5 KB bodies, numbers that parse, fields the index
// and the importer accept, every topic present, kinds and validity in plausible shares.
func TestGeneratedDocumentsAreRealistic(t *testing.T) {
	const n = 3000
	docs := GenerateDocuments(0, n)
	var bodyBytes int
	kinds, validity, numbered := map[string]int{}, map[string]int{}, 0
	topics := map[string]bool{}
	id := regexp.MustCompile(`^[A-Za-z0-9_-]{1,511}$`)
	today := calendar.Today()
	for i, d := range docs {
		bodyBytes += len(d.Body)
		kinds[d.Kind]++
		if !id.MatchString(d.ID) || d.BodyCode == "" || d.BodyCodes[0] != d.BodyCode || d.ColumnName == "" {
			t.Fatalf("document %d: %+v", i, d)
		}
		if (d.Kind == search.KindNormative) != (d.Validity != "") {
			t.Errorf("document %d: kind %s with validity %q", i, d.Kind, d.Validity)
		}
		validity[d.Validity]++
		if d.DocNo != "" {
			numbered++
			p, err := catalog.ParseDocNo(d.DocNo)
			if err != nil || p.String() != d.DocNo || d.DocNoNorm != d.DocNo {
				t.Errorf("document %d: number %q does not parse to itself (%v)", i, d.DocNo, err)
			}
		}
		if d.Year != time.Unix(d.PublishedAt, 0).In(calendar.China).Year() || d.Year < 2008 || d.Year > 2025 {
			t.Errorf("document %d: year %d, published %s", i, d.Year, time.Unix(d.PublishedAt, 0))
		}
		if n := utf8.RuneCountInString(d.Title); n > 100 || utf8.RuneCountInString(d.Summary) > 300 {
			t.Errorf("document %d: title of %d characters: %s", i, n, d.Title)
		}
		if strings.Contains(d.Title+d.Summary+d.Body, "%!") {
			t.Fatalf("document %d: a template was filled wrongly: %s", i, d.Title+d.Summary+d.Body)
		}
		for _, tp := range GenTopics {
			if strings.Contains(d.Title, tp) {
				topics[tp] = true
			}
		}
		row := ImportRowOf(d, i+2)
		if row.PublishedOn.Before(row.FormedOn) || row.PublishedOn.After(today) || row.FormedOn.String() != d.FormedOn {
			t.Errorf("document %d: formed %s, published %s", i, row.FormedOn, row.PublishedOn)
		}
	}
	if avg := bodyBytes / n; avg < 2200 || avg > 3000 {
		t.Errorf("bodies average %d bytes, want about 2,500", avg)
	}
	if len(topics) != len(GenTopics) {
		t.Errorf("%d of %d topics appear in titles", len(topics), len(GenTopics))
	}
	if s := float64(kinds[search.KindNormative]) / n; s < 0.15 || s > 0.3 || kinds[search.KindRule] == 0 {
		t.Errorf("kinds %v: want ~20%% normative and a few rules", kinds)
	}
	if validity[search.ValidityInForce] < validity[search.ValidityLapsed] || validity[search.ValidityRepealed] == 0 {
		t.Errorf("validity %v", validity)
	}
	if s := float64(numbered) / n; s < 0.4 || s > 0.8 {
		t.Errorf("%.0f%% of documents have a number, want about 60%%", 100*s)
	}
}
