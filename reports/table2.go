package reports

import "strconv"

// LabelInfoContent heads the label column of every block of table 二.
const LabelInfoContent = "信息内容"

// DocumentCounts is a 2021 table-二 row for 规章 or 行政规范性文件, counted from the catalog.
type DocumentCounts struct {
	Issued   int64 // 本年制发件数
	Repealed int64 // 本年废止件数
	InForce  int64 // 现行有效件数
}

// Table2 is 主动公开政府信息情况 in the 2021 format. The four figures below the documents come
// from other systems and are typed in by the office; each may be not applicable.
type Table2 struct {
	Rules       DocumentCounts   // 规章
	Normative   DocumentCounts   // 行政规范性文件
	Licensing   Nullable[int64]  // 行政许可, 本年处理决定数量
	Penalty     Nullable[int64]  // 行政处罚, 本年处理决定数量
	Enforcement Nullable[int64]  // 行政强制, 本年处理决定数量
	Fees        Nullable[Amount] // 行政事业性收费, 本年收费金额（单位：万元）
}

// TrialDocumentCounts is a trial-format table-二 row for 规章 or 规范性文件.
type TrialDocumentCounts struct {
	Made      int64 // 本年新制作数量
	Published int64 // 本年新公开数量
	Total     int64 // 对外公开总数量
}

// TrialItemCounts is a trial-format row for 行政许可, 其他对外管理服务事项, 行政处罚 or 行政强制.
type TrialItemCounts struct {
	LastYear  Nullable[int64] // 上一年项目数量
	Change    Nullable[int64] // 本年增/减 (may be negative)
	Decisions Nullable[int64] // 处理决定数量
}

// TrialFeeCounts is the trial-format 行政事业性收费 row.
type TrialFeeCounts struct {
	LastYear Nullable[int64] // 上一年项目数量
	Change   Nullable[int64] // 本年增/减 (may be negative)
}

// TrialProcurement is the trial-format 政府集中采购 row.
type TrialProcurement struct {
	Projects Nullable[int64]  // 采购项目数量
	Amount   Nullable[Amount] // 采购总金额 (the format prints no unit; xxgk stores 万元)
}

// Table2Trial is table 二 in the 国办公开办函〔2019〕60号 trial format.
type Table2Trial struct {
	Rules         TrialDocumentCounts // 规章
	Normative     TrialDocumentCounts // 规范性文件
	Licensing     TrialItemCounts     // 行政许可
	OtherServices TrialItemCounts     // 其他对外管理服务事项
	Penalty       TrialItemCounts     // 行政处罚
	Enforcement   TrialItemCounts     // 行政强制
	Fees          TrialFeeCounts      // 行政事业性收费
	Procurement   TrialProcurement    // 政府集中采购
}

// table2Cell points at one figure of table 二. Exactly one pointer is set. Walking these
// descriptions (rather than each export spelling out the fields) keeps JSON, Excel, PDF and the
// checks on the same labels.
type table2Cell struct {
	Column     string
	Int        *int64
	NullInt    *Nullable[int64]
	NullAmount *Nullable[Amount]
	// Signed marks 本年增/减, the one figure that may legitimately be negative.
	Signed bool
}

type table2Row struct {
	Label string
	Cells []table2Cell
}

type table2Block struct {
	Caption string
	Columns []string
	Rows    []table2Row
}

// text is the figure as printed.
func (c table2Cell) text() string {
	switch {
	case c.Int != nil:
		return strconv.FormatInt(*c.Int, 10)
	case c.NullInt != nil && c.NullInt.Valid:
		return strconv.FormatInt(c.NullInt.Value, 10)
	case c.NullAmount != nil && c.NullAmount.Valid:
		return c.NullAmount.Value.String()
	}
	return NotApplicableText
}

// value is the figure for a spreadsheet cell; ok is false when it is not applicable.
func (c table2Cell) value() (v any, ok bool) {
	switch {
	case c.Int != nil:
		return *c.Int, true
	case c.NullInt != nil && c.NullInt.Valid:
		return c.NullInt.Value, true
	case c.NullAmount != nil && c.NullAmount.Valid:
		return c.NullAmount.Value.Float(), true
	}
	return nil, false
}

// jsonValue is the figure for JSON: a number, or nil for not applicable.
func (c table2Cell) jsonValue() any {
	switch {
	case c.Int != nil:
		return *c.Int
	case c.NullInt != nil:
		return *c.NullInt
	}
	return *c.NullAmount
}

// integer reports the figure as an integer count for the non-negativity check.
func (c table2Cell) integer() (int64, bool) {
	switch {
	case c.Int != nil:
		return *c.Int, true
	case c.NullInt != nil && c.NullInt.Valid:
		return c.NullInt.Value, true
	case c.NullAmount != nil && c.NullAmount.Valid:
		return int64(c.NullAmount.Value), true
	}
	return 0, false
}

func docCells(cols []string, a, b, c *int64) []table2Cell {
	return []table2Cell{{Column: cols[0], Int: a}, {Column: cols[1], Int: b}, {Column: cols[2], Int: c}}
}

// blocks describes the 2021 table 二.
func (t *Table2) blocks() []table2Block {
	docCols := []string{"本年制发件数", "本年废止件数", "现行有效件数"}
	decisions := []string{"本年处理决定数量"}
	fee := []string{"本年收费金额（单位：万元）"}
	return []table2Block{
		{"第二十条第（一）项", docCols, []table2Row{
			{"规章", docCells(docCols, &t.Rules.Issued, &t.Rules.Repealed, &t.Rules.InForce)},
			{"行政规范性文件", docCells(docCols, &t.Normative.Issued, &t.Normative.Repealed, &t.Normative.InForce)},
		}},
		{"第二十条第（五）项", decisions, []table2Row{
			{"行政许可", []table2Cell{{Column: decisions[0], NullInt: &t.Licensing}}},
		}},
		{"第二十条第（六）项", decisions, []table2Row{
			{"行政处罚", []table2Cell{{Column: decisions[0], NullInt: &t.Penalty}}},
			{"行政强制", []table2Cell{{Column: decisions[0], NullInt: &t.Enforcement}}},
		}},
		{"第二十条第（八）项", fee, []table2Row{
			{"行政事业性收费", []table2Cell{{Column: fee[0], NullAmount: &t.Fees}}},
		}},
	}
}

func itemCells(cols []string, c *TrialItemCounts) []table2Cell {
	return []table2Cell{
		{Column: cols[0], NullInt: &c.LastYear},
		{Column: cols[1], NullInt: &c.Change, Signed: true},
		{Column: cols[2], NullInt: &c.Decisions},
	}
}

// blocks describes the trial-format table 二.
func (t *Table2Trial) blocks() []table2Block {
	docCols := []string{"本年新制作数量", "本年新公开数量", "对外公开总数量"}
	items := []string{"上一年项目数量", "本年增/减", "处理决定数量"}
	fees := items[:2]
	buy := []string{"采购项目数量", "采购总金额"}
	return []table2Block{
		{"第二十条第（一）项", docCols, []table2Row{
			{"规章", docCells(docCols, &t.Rules.Made, &t.Rules.Published, &t.Rules.Total)},
			{"规范性文件", docCells(docCols, &t.Normative.Made, &t.Normative.Published, &t.Normative.Total)},
		}},
		{"第二十条第（五）项", items, []table2Row{
			{"行政许可", itemCells(items, &t.Licensing)},
			{"其他对外管理服务事项", itemCells(items, &t.OtherServices)},
		}},
		{"第二十条第（六）项", items, []table2Row{
			{"行政处罚", itemCells(items, &t.Penalty)},
			{"行政强制", itemCells(items, &t.Enforcement)},
		}},
		{"第二十条第（八）项", fees, []table2Row{
			{"行政事业性收费", []table2Cell{{Column: fees[0], NullInt: &t.Fees.LastYear}, {Column: fees[1], NullInt: &t.Fees.Change, Signed: true}}},
		}},
		{"第二十条第（九）项", buy, []table2Row{
			{"政府集中采购", []table2Cell{{Column: buy[0], NullInt: &t.Procurement.Projects}, {Column: buy[1], NullAmount: &t.Procurement.Amount}}},
		}},
	}
}

// table2Blocks describes the report's table 二 in its template.
func (r *Report) table2Blocks() []table2Block {
	if r.Template == Template2019 {
		if r.Table2Trial == nil {
			return (&Table2Trial{}).blocks()
		}
		return r.Table2Trial.blocks()
	}
	return r.Table2.blocks()
}
