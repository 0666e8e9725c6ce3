package reports

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// objectKeys returns the keys of the JSON object at path (a list of member names) in document
// order, which a map would lose.
func objectKeys(t *testing.T, data []byte, path ...string) []string {
	t.Helper()
	raw := json.RawMessage(data)
	for _, p := range path {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		raw = m[p]
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("%v is not an object: %v", path, err)
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

func TestJSONKeys(t *testing.T) {
	tests := []struct {
		tmpl   Template
		table2 []string
		rows   [][3]string
	}{
		{Template2021, []string{"规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费"}, specRows2021()},
		{Template2019, []string{"规章", "规范性文件", "行政许可", "其他对外管理服务事项", "行政处罚", "行政强制", "行政事业性收费", "政府集中采购"}, specRows2019()},
	}
	for _, tt := range tests {
		t.Run(string(tt.tmpl), func(t *testing.T) {
			r := fixtureReport(t, tt.tmpl)
			data, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			top := []string{"body", "year", "template", "generated", "locked", "sections", "table2", "table3_columns", "table3", "table4_columns", "table4", "identities"}
			if got := objectKeys(t, data); !reflect.DeepEqual(got, top) {
				t.Errorf("top keys %q, want %q", got, top)
			}
			if got := objectKeys(t, data, "table2"); !reflect.DeepEqual(got, tt.table2) {
				t.Errorf("table2 keys %q, want %q", got, tt.table2)
			}
			var rows []string
			for _, r := range tt.rows {
				rows = append(rows, r[2])
			}
			if got := objectKeys(t, data, "table3"); !reflect.DeepEqual(got, rows) {
				t.Errorf("table3 keys %q, want %q", got, rows)
			}
			if got := objectKeys(t, data, "table4"); !reflect.DeepEqual(got, []string{"行政复议", "未经复议直接起诉", "复议后起诉"}) {
				t.Errorf("table4 keys %q", got)
			}
			var doc struct {
				Template      string                     `json:"template"`
				Table2        map[string]json.RawMessage `json:"table2"`
				Table3        map[string][]int64         `json:"table3"`
				Table3Columns []string                   `json:"table3_columns"`
				Table4        map[string][]int64         `json:"table4"`
				Identities    []IdentityResult           `json:"identities"`
			}
			if err := json.Unmarshal(data, &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Template != string(tt.tmpl) || !reflect.DeepEqual(doc.Table3Columns, specColumns()) || len(doc.Identities) != 7 {
				t.Errorf("template %q, columns %q, %d identities", doc.Template, doc.Table3Columns, len(doc.Identities))
			}
			want := expectedTable3(fixtureInput(), tt.tmpl)
			for label, w := range want {
				if got := doc.Table3[label]; !reflect.DeepEqual(got, w[:]) {
					t.Errorf("table3 %s = %v, want %v", label, got, w)
				}
			}
			if got := doc.Table4["复议后起诉"]; !reflect.DeepEqual(got, []int64{8, 9, 11, 12, 40}) {
				t.Errorf("复议后起诉 = %v", got)
			}
			t2 := map[Template]map[string]string{
				Template2021: {"规章": "[2,1,37]", "行政规范性文件": "[14,6,213]", "行政许可": "1523", "行政处罚": "418", "行政强制": "null", "行政事业性收费": "12.3456"},
				Template2019: {"规章": "[3,2,41]", "行政许可": "[120,-4,1688]", "其他对外管理服务事项": "[33,2,null]", "行政事业性收费": "[6,-1]", "政府集中采购": "[46,1234.5]"},
			}[tt.tmpl]
			for k, w := range t2 {
				if got := string(doc.Table2[k]); got != w {
					t.Errorf("table2 %s = %s, want %s", k, got, w)
				}
			}
		})
	}
}

func TestJSONRoundTrip(t *testing.T) {
	for _, tmpl := range []Template{Template2021, Template2019} {
		t.Run(string(tmpl), func(t *testing.T) {
			r := fixtureReport(t, tmpl)
			r.Previous = consistentPrevious(r)
			hash, err := r.ContentHash()
			if err != nil {
				t.Fatal(err)
			}
			r.Locked = &LockInfo{At: r.Generated, By: "张三", Hash: hash}
			data, err := r.ToJSON()
			if err != nil {
				t.Fatal(err)
			}
			got, err := ParseJSON(data)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Generated.Equal(r.Generated) || !got.Locked.At.Equal(r.Locked.At) {
				t.Errorf("times %v %v, want %v", got.Generated, got.Locked.At, r.Generated)
			}
			got.Generated, got.Locked.At = r.Generated, r.Locked.At
			if !reflect.DeepEqual(got, r) {
				a, _ := got.ToJSON()
				t.Errorf("round trip differs:\n%s\nwant\n%s", a, data)
			}
			if h, _ := got.ContentHash(); h != hash {
				t.Errorf("content hash %s after round trip, want %s", h, hash)
			}
		})
	}
}

func TestContentHashChangesWithFigures(t *testing.T) {
	r := fixtureReport(t, Template2021)
	a, _ := r.ContentHash()
	r.Table4.Review = NewCaseCounts(4, 1, 2, 4)
	b, _ := r.ContentHash()
	r.Generated = r.Generated.AddDate(0, 0, 1)
	c, _ := r.ContentHash()
	if a == b || b != c || len(a) != 64 {
		t.Errorf("hashes %s %s %s: want a change with figures only", a, b, c)
	}
}

// TestParseJSONImported edits the JSON as another system would and checks what ParseJSON does.
func TestParseJSONImported(t *testing.T) {
	base, err := json.Marshal(fixtureReport(t, Template2021))
	if err != nil {
		t.Fatal(err)
	}
	edit := func(f func(doc map[string]any)) []byte {
		var doc map[string]any
		if err := json.Unmarshal(base, &doc); err != nil {
			t.Fatal(err)
		}
		f(doc)
		b, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	table := func(doc map[string]any, name string) map[string]any { return doc[name].(map[string]any) }
	tests := []struct {
		name    string
		data    []byte
		wantErr string
		check   func(t *testing.T, r *Report)
	}{
		{
			name: "group labels as null are accepted",
			data: edit(func(d map[string]any) {
				table(d, "table3")["（三）不予公开"] = nil
				table(d, "table3")["三、本年度办理结果"] = nil
			}),
		},
		{
			name: "no template field: detected from labels",
			data: edit(func(d map[string]any) { delete(d, "template") }),
			check: func(t *testing.T, r *Report) {
				if r.Template != Template2021 {
					t.Errorf("template %q", r.Template)
				}
			},
		},
		{
			name: "hand-edited figure is flagged",
			data: edit(func(d map[string]any) {
				table(d, "table3")["四、结转下年度继续办理"] = []int{5, 7, 9, 11, 13, 15, 61}
			}),
			check: func(t *testing.T, r *Report) {
				s := statuses(r.Check())
				if s[1] != StatusFail || s[3] != StatusFail || s[2] != StatusPass {
					t.Errorf("statuses %v, want 1 and 3 failing", s)
				}
			},
		},
		{
			name: "not applicable stays null",
			data: base,
			check: func(t *testing.T, r *Report) {
				if r.Table2.Enforcement.Valid || !r.Table2.Penalty.Valid || r.Table2.Fees.Value != 12_345_600 {
					t.Errorf("table 二 = %+v", r.Table2)
				}
			},
		},
		{"half-width label", edit(func(d map[string]any) {
			t3 := table(d, "table3")
			t3["(一)予以公开"] = t3["（一）予以公开"]
			delete(t3, "（一）予以公开")
		}), "（一）予以公开", nil},
		{"unknown label", edit(func(d map[string]any) { table(d, "table3")["五、其他"] = []int{0, 0, 0, 0, 0, 0, 0} }), "五、其他", nil},
		{"fractional count", edit(func(d map[string]any) { table(d, "table4")["行政复议"] = []float64{1.5, 0, 0, 0, 1.5} }), "not an integer", nil},
		{"short row", edit(func(d map[string]any) { table(d, "table3")["2.重复申请"] = []int{1, 2} }), "2.重复申请", nil},
		{"template contradicts labels", edit(func(d map[string]any) { d["template"] = "2019试行" }), "contradicts", nil},
		{"null document count", edit(func(d map[string]any) { table(d, "table2")["规章"] = []any{nil, 1, 2} }), "规章", nil},
		{"fee with too many decimals", edit(func(d map[string]any) { table(d, "table2")["行政事业性收费"] = json.Number("1.1234567") }), "行政事业性收费", nil},
		{"no tables", []byte(`{"year": 2024}`), "cannot tell the template", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ParseJSON(tt.data)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to mention %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.check != nil {
				tt.check(t, r)
			}
		})
	}
}
