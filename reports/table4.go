package reports

// Labels of table 四.
const (
	LabelReview          = "行政复议"
	LabelLitigation      = "行政诉讼"
	LabelDirectSuit      = "未经复议直接起诉"
	LabelSuitAfterReview = "复议后起诉"
)

// CaseColumns are the five columns of each block of table 四, in order.
func CaseColumns() []string {
	return []string{"结果维持", "结果纠正", "其他结果", "尚未审结", LabelTotal}
}

// CaseCounts is one block of table 四. Total is stored, not derived, because imported reports
// carry their own total and identity 5 checks it.
type CaseCounts struct {
	Upheld    int64 // 结果维持
	Corrected int64 // 结果纠正
	Other     int64 // 其他结果
	Pending   int64 // 尚未审结
	Total     int64 // 总计
}

// NewCaseCounts returns a block with its total filled in.
func NewCaseCounts(upheld, corrected, other, pending int64) CaseCounts {
	return CaseCounts{upheld, corrected, other, pending, upheld + corrected + other + pending}
}

// Values returns the block's five numbers in column order.
func (c CaseCounts) Values() [5]int64 {
	return [5]int64{c.Upheld, c.Corrected, c.Other, c.Pending, c.Total}
}

func caseCountsOf(v [5]int64) CaseCounts { return CaseCounts{v[0], v[1], v[2], v[3], v[4]} }

// Table4 is 政府信息公开行政复议、行政诉讼情况: one row of 15 numbers.
type Table4 struct {
	Review      CaseCounts // 行政复议
	Direct      CaseCounts // 行政诉讼 / 未经复议直接起诉
	AfterReview CaseCounts // 行政诉讼 / 复议后起诉
}

// table4Block names a block and points at its numbers, so JSON, Excel, PDF and the checks walk
// the same list.
type table4Block struct {
	Label  string
	Counts *CaseCounts
}

func (t *Table4) blocks() []table4Block {
	return []table4Block{{LabelReview, &t.Review}, {LabelDirectSuit, &t.Direct}, {LabelSuitAfterReview, &t.AfterReview}}
}
