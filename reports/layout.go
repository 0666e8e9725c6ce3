package reports

import "xxgk/catalog"

// The views below lay the tables out for an HTML page, with the same labels and merged cells as
// the Excel and PDF exports, and the drill-down Cell behind each number computed from records.

// SpanCell is a cell of an HTML table with its text, how many columns and rows it spans, and
// the drill-down cell behind its number ("" when none).
type SpanCell struct {
	Text    string
	ColSpan int
	RowSpan int
	Cell    Cell
}

// Table2BlockView is one block of table 二: its caption row, its header row and its rows, each
// row a label and its figures on the 4-column grid.
type Table2BlockView struct {
	Caption string
	Header  []SpanCell
	Rows    [][]SpanCell
}

// table2Drill maps the columns of a catalog-counted row of table 二 to the drill-down cells of
// the row ("rules" or "normative").
func table2Drill(row string) map[string]Cell {
	return map[string]Cell{"本年制发件数": Table2Cell(row, catalog.CellIssued), "本年废止件数": Table2Cell(row, catalog.CellRepealed),
		"现行有效件数": Table2Cell(row, catalog.CellInForce), "本年新制作数量": Table2Cell(row, catalog.CellFormed),
		"本年新公开数量": Table2Cell(row, catalog.CellIssued), "对外公开总数量": Table2Cell(row, catalog.CellTotal)}
}

// Table2View lays table 二 out in its template's blocks.
func (r *Report) Table2View() []Table2BlockView {
	drill := map[string]map[string]Cell{"规章": table2Drill("rules"), "行政规范性文件": table2Drill("normative"), "规范性文件": table2Drill("normative")}
	var out []Table2BlockView
	for _, b := range r.table2Blocks() {
		v := Table2BlockView{Caption: b.Caption, Header: []SpanCell{{Text: LabelInfoContent, ColSpan: 1, RowSpan: 1}}}
		spans := table2Spans(len(b.Columns))
		for i, c := range b.Columns {
			v.Header = append(v.Header, SpanCell{Text: c, ColSpan: spans[i][1] - spans[i][0] + 1, RowSpan: 1})
		}
		for _, row := range b.Rows {
			cells := []SpanCell{{Text: row.Label, ColSpan: 1, RowSpan: 1}}
			spans := table2Spans(len(row.Cells))
			for i, c := range row.Cells {
				cells = append(cells, SpanCell{Text: c.text(), ColSpan: spans[i][1] - spans[i][0] + 1, RowSpan: 1, Cell: drill[row.Label][c.Column]})
			}
			v.Rows = append(v.Rows, cells)
		}
		out = append(out, v)
	}
	return out
}

// Table3RowView is one row of table 三: the label cells it starts (merged cells beside several
// rows appear only on their first row) and its seven numbers.
type Table3RowView struct {
	Labels  []SpanCell
	Numbers []SpanCell
}

// Table3View lays table 三's rows out with their merged label cells.
func (r *Report) Table3View() []Table3RowView {
	rows := make([]Table3RowView, len(r.Table3.Rows))
	for _, m := range table3Merges(r.Table3.Rows) {
		rows[m.row].Labels = append(rows[m.row].Labels, SpanCell{Text: m.text, ColSpan: m.col2 - m.col1 + 1, RowSpan: m.rows})
	}
	for i, tr := range r.Table3.Rows {
		for j, v := range tr.Counts {
			rows[i].Numbers = append(rows[i].Numbers, SpanCell{Text: itoa(v), ColSpan: 1, RowSpan: 1, Cell: Table3Cell(tr.Key, j)})
		}
	}
	return rows
}

// Table4View is table 四's one row of fifteen numbers.
func (r *Report) Table4View() []SpanCell {
	var out []SpanCell
	for b, blk := range r.Table4.blocks() {
		for j, v := range blk.Counts.Values() {
			out = append(out, SpanCell{Text: itoa(v), ColSpan: 1, RowSpan: 1, Cell: Table4Cell(b, j)})
		}
	}
	return out
}

func itoa(v int64) string {
	return (table2Cell{Int: &v}).text()
}
