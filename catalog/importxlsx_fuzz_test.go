package catalog

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzParseImportXLSX feeds arbitrary bytes to the XLSX reader of the catalog import (seeded
// with the template workbook and broken workbooks): it never panics, and any row it returns is
// valid and free of NUL, which PostgreSQL would refuse at COPY.
func FuzzParseImportXLSX(f *testing.F) {
	var b bytes.Buffer
	if err := WriteImportTemplate(&b); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add(b.Bytes()[:len(b.Bytes())/2])
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := parseImport("fuzz.xlsx", bytes.NewReader(data))
		if err != nil {
			return
		}
		rows, _ := p.finish()
		for _, r := range rows {
			if r.Title == "" || r.FormedOn.IsZero() || !r.Kind.Valid() || r.Row <= p.headerRow {
				t.Fatalf("invalid row returned: %+v", r)
			}
			if strings.ContainsRune(r.Title+r.DocNo+r.Summary+r.Body+r.Subject+strings.Join(r.Issuers, ""), 0) {
				t.Fatalf("row with a NUL returned: %+v", r)
			}
		}
	})
}
