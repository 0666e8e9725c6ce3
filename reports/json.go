package reports

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// The JSON document (see MarshalJSON) keys every number by its exact printed label:
//
//	{
//	  "body": {"name": …, "code": …}, "year": 2024, "template": "2021",
//	  "generated": "…", "locked": null | {"at", "by", "hash"},
//	  "sections": {"overview": …, "problems": …, "other": …},
//	  "table2": {"规章": [制发, 废止, 现行有效], "行政规范性文件": […], "行政许可": n | null, …},
//	  "table3_columns": ["自然人", …, "总计"],
//	  "table3": {"一、本年新收政府信息公开申请数量": [7 numbers], …},
//	  "table4_columns": ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
//	  "table4": {"行政复议": [5], "未经复议直接起诉": [5], "复议后起诉": [5]},
//	  "previous_year": {…} (only when known),
//	  "identities": [{"id", "description", "soft", "status", "mismatches", "note"}]
//	}
//
// Table 二 rows with one figure map to a number (or null when not applicable), rows with several
// to an array in column order. Table 三's group labels (三、本年度办理结果, （三）不予公开 …) carry
// no numbers and are omitted; ParseJSON accepts them when their value is null. Objects keep the
// printed row order.

// MarshalJSON writes the report with its identity results, numbers keyed by their labels.
func (r *Report) MarshalJSON() ([]byte, error) { return r.marshal(true) }

// ToJSON is MarshalJSON indented for people and files.
func (r *Report) ToJSON() ([]byte, error) {
	b, err := r.marshal(true)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// object is a JSON object that keeps its key order, so the document reads like the printed tables.
type object []member

type member struct {
	Key   string
	Value any
}

func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(m.Key)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(m.Value)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", m.Key, err)
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func (r *Report) marshal(withIdentities bool) ([]byte, error) {
	if err := r.validate(); err != nil {
		return nil, err
	}
	var t2 object
	for _, b := range r.table2Blocks() {
		for _, row := range b.Rows {
			if len(row.Cells) == 1 {
				t2 = append(t2, member{row.Label, row.Cells[0].jsonValue()})
				continue
			}
			vals := make([]any, len(row.Cells))
			for i, c := range row.Cells {
				vals[i] = c.jsonValue()
			}
			t2 = append(t2, member{row.Label, vals})
		}
	}
	var t3 object
	for _, row := range r.Table3.Rows {
		t3 = append(t3, member{row.Label, row.Counts})
	}
	var t4 object
	for _, b := range r.Table4.blocks() {
		t4 = append(t4, member{b.Label, b.Counts.Values()})
	}
	doc := object{
		{"body", r.Body},
		{"year", r.Year},
		{"template", r.Template},
		{"generated", r.Generated},
		{"locked", r.Locked},
		{"sections", r.Sections},
		{"table2", t2},
		{"table3_columns", Table3Columns()},
		{"table3", t3},
		{"table4_columns", CaseColumns()},
		{"table4", t4},
	}
	if r.Previous != nil {
		doc = append(doc, member{"previous_year", r.Previous})
	}
	if withIdentities {
		doc = append(doc, member{"identities", r.Check()})
	}
	return json.Marshal(doc)
}

// jsonReport is the document as read back; the tables stay raw until the template is known.
type jsonReport struct {
	Body         Body                       `json:"body"`
	Year         int                        `json:"year"`
	Template     Template                   `json:"template"`
	Generated    time.Time                  `json:"generated"`
	Locked       *LockInfo                  `json:"locked"`
	Sections     Sections                   `json:"sections"`
	Table2       map[string]json.RawMessage `json:"table2"`
	Table3       map[string]json.RawMessage `json:"table3"`
	Table4       map[string]json.RawMessage `json:"table4"`
	PreviousYear *PreviousYear              `json:"previous_year"`
}

// ParseJSON reads a report written by MarshalJSON (or typed by another system in the same shape)
// so that it can be checked. The template is detected from the labels, not from the year, and a
// "template" field that contradicts the labels is an error. Every label must be known and every
// row present: a label with half-width punctuation is reported, never guessed. Identity results
// in the input are ignored; call Check.
func ParseJSON(data []byte) (*Report, error) {
	var doc jsonReport
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("reports: parse JSON: %w", err)
	}
	t, err := detectTemplate(doc.Table2, doc.Table3)
	if err != nil {
		return nil, err
	}
	if doc.Template != "" && doc.Template != t {
		return nil, fmt.Errorf("reports: template %q contradicts the labels, which are those of %q", doc.Template, t)
	}
	r := New(doc.Body, doc.Year, t)
	r.Generated, r.Locked, r.Sections, r.Previous = doc.Generated, doc.Locked, doc.Sections, doc.PreviousYear
	if err := parseTable2(r, doc.Table2); err != nil {
		return nil, err
	}
	if err := parseTable3(&r.Table3, doc.Table3); err != nil {
		return nil, err
	}
	if err := parseTable4(&r.Table4, doc.Table4); err != nil {
		return nil, err
	}
	return r, nil
}

// detectTemplate tells the formats apart by labels only the one or the other has.
func detectTemplate(t2, t3 map[string]json.RawMessage) (Template, error) {
	var votes []Template
	if _, ok := t2["行政规范性文件"]; ok {
		votes = append(votes, Template2021)
	}
	if _, ok := t2["规范性文件"]; ok {
		votes = append(votes, Template2019)
	}
	if v, ok := t3["（六）其他处理"]; ok && !isNull(v) {
		votes = append(votes, Template2019)
	}
	if _, ok := t3["3.其他"]; ok {
		votes = append(votes, Template2021)
	}
	if len(votes) == 0 {
		return "", fmt.Errorf("reports: cannot tell the template from the labels (neither 行政规范性文件 nor 规范性文件 in table2)")
	}
	for _, v := range votes[1:] {
		if v != votes[0] {
			return "", fmt.Errorf("reports: labels of both templates %q and %q present", Template2021, Template2019)
		}
	}
	return votes[0], nil
}

func isNull(b json.RawMessage) bool { return bytes.Equal(bytes.TrimSpace(b), []byte("null")) }

func parseTable2(r *Report, in map[string]json.RawMessage) error {
	seen := map[string]bool{}
	for _, b := range r.table2Blocks() {
		for _, row := range b.Rows {
			raw, ok := in[row.Label]
			if !ok {
				return fmt.Errorf("reports: table2: missing %q", row.Label)
			}
			seen[row.Label] = true
			elems := []json.RawMessage{raw}
			if len(row.Cells) > 1 {
				elems = nil
				if err := json.Unmarshal(raw, &elems); err != nil || len(elems) != len(row.Cells) {
					return fmt.Errorf("reports: table2: %q must be an array of %d figures", row.Label, len(row.Cells))
				}
			}
			for i, c := range row.Cells {
				if err := parseTable2Cell(c, elems[i]); err != nil {
					return fmt.Errorf("reports: table2: %s / %s: %w", row.Label, c.Column, err)
				}
			}
		}
	}
	for k := range in {
		if !seen[k] {
			return fmt.Errorf("reports: table2: unknown label %q for template %s", k, r.Template)
		}
	}
	return nil
}

func parseTable2Cell(c table2Cell, raw json.RawMessage) error {
	switch {
	case c.Int != nil:
		if isNull(raw) {
			return fmt.Errorf("must be a number, not null")
		}
		n, err := parseInteger(raw)
		if err != nil {
			return err
		}
		*c.Int = n
	case c.NullInt != nil:
		if isNull(raw) {
			*c.NullInt = Nullable[int64]{}
			return nil
		}
		n, err := parseInteger(raw)
		if err != nil {
			return err
		}
		*c.NullInt = Some(n)
	default:
		return json.Unmarshal(raw, c.NullAmount)
	}
	return nil
}

// parseInteger accepts only whole numbers, so a fractional count is reported rather than cut.
func parseInteger(raw json.RawMessage) (int64, error) {
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil {
		return 0, fmt.Errorf("not a number: %s", raw)
	}
	v, err := strconv.ParseInt(n.String(), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("not an integer: %s", n)
	}
	return v, nil
}

func parseIntegers(raw json.RawMessage, want int) ([]int64, error) {
	var elems []json.RawMessage
	if err := json.Unmarshal(raw, &elems); err != nil || len(elems) != want {
		return nil, fmt.Errorf("must be an array of %d integers", want)
	}
	out := make([]int64, want)
	for i, e := range elems {
		v, err := parseInteger(e)
		if err != nil {
			return nil, fmt.Errorf("element %d: %w", i+1, err)
		}
		out[i] = v
	}
	return out, nil
}

func parseTable3(t *Table3, in map[string]json.RawMessage) error {
	headings := map[string]bool{LabelResults: true}
	for i := range t.Rows {
		row := &t.Rows[i]
		if row.Group != "" {
			headings[row.Group] = true
		}
		raw, ok := in[row.Label]
		if !ok {
			return fmt.Errorf("reports: table3: missing row %q", row.Label)
		}
		vals, err := parseIntegers(raw, NumColumns)
		if err != nil {
			return fmt.Errorf("reports: table3: %s: %w", row.Label, err)
		}
		copy(row.Counts[:], vals)
	}
	for k, v := range in {
		if t.Row(k) == nil && !(headings[k] && isNull(v)) {
			return fmt.Errorf("reports: table3: unknown row label %q", k)
		}
	}
	return nil
}

func parseTable4(t *Table4, in map[string]json.RawMessage) error {
	blocks := t.blocks()
	for _, b := range blocks {
		raw, ok := in[b.Label]
		if !ok {
			return fmt.Errorf("reports: table4: missing %q", b.Label)
		}
		vals, err := parseIntegers(raw, 5)
		if err != nil {
			return fmt.Errorf("reports: table4: %s: %w", b.Label, err)
		}
		*b.Counts = caseCountsOf([5]int64(vals))
	}
	if len(in) != len(blocks) {
		for k := range in {
			if k != LabelReview && k != LabelDirectSuit && k != LabelSuitAfterReview {
				return fmt.Errorf("reports: table4: unknown label %q", k)
			}
		}
	}
	return nil
}
