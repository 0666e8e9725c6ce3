package catalog

import "time"

// FreshnessClass says how often a column must be updated to pass a national website inspection
// (国办秘函〔2019〕19号): five or more stale columns fail a site.
type FreshnessClass string

// The freshness classes.
const (
	// FreshnessNews columns (工作动态 and the like) are stale after 2 weeks without an update.
	FreshnessNews FreshnessClass = "news"
	// FreshnessPolicy columns (政策文件, 通知公告) are stale after 6 months without an update.
	FreshnessPolicy FreshnessClass = "policy"
	// FreshnessNone columns have no update deadline (the guide, organisation, annual reports):
	// they are checked for being empty only.
	FreshnessNone FreshnessClass = "none"
)

// Valid reports whether f is one of the defined classes.
func (f FreshnessClass) Valid() bool {
	return f == FreshnessNews || f == FreshnessPolicy || f == FreshnessNone
}

// StaleAt returns the moment a column of this class last updated at lastUpdate becomes stale, and
// false for FreshnessNone (never stale). Months are calendar months, as inspectors count them,
// clamped to the month's end (31 August + 6 months is 28 or 29 February, not 3 March).
func (f FreshnessClass) StaleAt(lastUpdate time.Time) (time.Time, bool) {
	switch f {
	case FreshnessNews:
		return lastUpdate.AddDate(0, 0, 14), true
	case FreshnessPolicy:
		return addMonthsClamped(lastUpdate, 6), true
	}
	return time.Time{}, false
}

func addMonthsClamped(t time.Time, months int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(months), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	if last := first.AddDate(0, 1, -1).Day(); d > last {
		d = last
	}
	return first.AddDate(0, 0, d-1)
}

// ColumnTemplate is one column of the standard tree a new body starts with.
type ColumnTemplate struct {
	// Code is a stable slug, unique in the tree; stored with the body's column so that reports,
	// the importer and DefaultColumnForKind can find a standard column after officers rename it.
	Code string
	// Parent is the parent column's Code, "" for a top column.
	Parent string
	Name   string // Chinese name shown on the site
	NameEN string
	// Art20Item is the item (1–15) of Art. 20 of the Regulation the column serves, 0 if none. The
	// annual report counts items (一), (五), (六) and (八) by it.
	Art20Item int
	Freshness FreshnessClass
	// EmptyNote is shown instead of an empty list when the column legitimately has no content
	// (a department without rule-making power publishes no 规章). "" means the column must never
	// be empty: an empty guide or annual-report column is a compliance problem to report.
	EmptyNote string
}

// Codes of the standard columns that other code refers to.
const (
	ColumnGuide           = "guide"
	ColumnRules           = "rules" // 政府信息公开制度: the body's rules on disclosure, not 规章
	ColumnStatutory       = "statutory"
	ColumnPolicy          = "art20-1"
	ColumnPolicyRules     = "policy-rules"     // 规章, under 政策文件
	ColumnPolicyNormative = "policy-normative" // 行政规范性文件, under 政策文件
	ColumnPolicyOther     = "policy-other"     // 其他文件, under 政策文件
	ColumnInterpretations = "interpretations"
	ColumnAnnualReports   = "annual-reports"
)

// StandardColumns returns the standard column tree as a flat list in display order, each column
// after its parent (so a store can insert them in order and resolve Parent codes as it goes). The
// four top columns follow 国办公开办函〔2019〕61号; under 法定主动公开内容 come the Art. 20 items
// with their usual short names, in the order most sites show them (机构职能 before 政策文件). A new
// slice is returned on every call, so callers may modify it.
func StandardColumns() []ColumnTemplate {
	const (
		none   = FreshnessNone
		policy = FreshnessPolicy
	)
	return []ColumnTemplate{
		{Code: ColumnGuide, Name: "政府信息公开指南", NameEN: "Disclosure guide", Freshness: none},
		{Code: ColumnRules, Name: "政府信息公开制度", NameEN: "Disclosure rules", Freshness: none,
			EmptyNote: "本机关执行《中华人民共和国政府信息公开条例》及上级机关有关规定，未另行制定政府信息公开制度。"},
		{Code: ColumnStatutory, Name: "法定主动公开内容", NameEN: "Statutory proactive disclosure", Freshness: none},

		{Code: "art20-2", Parent: ColumnStatutory, Art20Item: 2, Freshness: none,
			Name: "机构职能", NameEN: "Functions and organisation"},
		{Code: ColumnPolicy, Parent: ColumnStatutory, Art20Item: 1, Freshness: policy,
			Name: "政策文件", NameEN: "Policy documents"},
		{Code: ColumnPolicyRules, Parent: ColumnPolicy, Art20Item: 1, Freshness: policy,
			Name: "规章", NameEN: "Rules",
			EmptyNote: "本机关不具有规章制定权，本栏目无规章。"},
		{Code: ColumnPolicyNormative, Parent: ColumnPolicy, Art20Item: 1, Freshness: policy,
			Name: "行政规范性文件", NameEN: "Normative documents",
			EmptyNote: "本机关暂未制发行政规范性文件。"},
		{Code: ColumnPolicyOther, Parent: ColumnPolicy, Art20Item: 1, Freshness: policy,
			Name: "其他文件", NameEN: "Other documents",
			EmptyNote: "本机关暂无其他政策文件。"},
		{Code: ColumnInterpretations, Parent: ColumnStatutory, Art20Item: 1, Freshness: policy,
			Name: "政策解读", NameEN: "Policy interpretations",
			EmptyNote: "本机关暂未制发需要解读的政策文件。"},
		{Code: "art20-3", Parent: ColumnStatutory, Art20Item: 3, Freshness: none,
			Name: "规划信息", NameEN: "Plans",
			EmptyNote: "本机关不承担国民经济和社会发展规划、专项规划、区域规划的编制职责。"},
		{Code: "art20-4", Parent: ColumnStatutory, Art20Item: 4, Freshness: none,
			Name: "统计信息", NameEN: "Statistics",
			EmptyNote: "本机关不承担统计信息发布职责。"},
		{Code: "art20-5", Parent: ColumnStatutory, Art20Item: 5, Freshness: none,
			Name: "行政许可", NameEN: "Licensing and services",
			EmptyNote: "本机关无行政许可事项。"},
		{Code: "art20-6", Parent: ColumnStatutory, Art20Item: 6, Freshness: none,
			Name: "行政处罚", NameEN: "Penalties and enforcement",
			EmptyNote: "本机关不具有行政处罚、行政强制职权。"},
		{Code: "art20-7", Parent: ColumnStatutory, Art20Item: 7, Freshness: none,
			Name: "财政预决算", NameEN: "Budgets and final accounts"},
		{Code: "art20-8", Parent: ColumnStatutory, Art20Item: 8, Freshness: none,
			Name: "收费", NameEN: "Administrative fees",
			EmptyNote: "本机关无行政事业性收费项目。"},
		{Code: "art20-9", Parent: ColumnStatutory, Art20Item: 9, Freshness: none,
			Name: "政府采购", NameEN: "Government procurement",
			EmptyNote: "本机关暂无政府集中采购项目。"},
		{Code: "art20-10", Parent: ColumnStatutory, Art20Item: 10, Freshness: none,
			Name: "重大建设项目", NameEN: "Major construction projects",
			EmptyNote: "本机关无重大建设项目。"},
		{Code: "art20-11", Parent: ColumnStatutory, Art20Item: 11, Freshness: none,
			Name: "民生", NameEN: "Livelihood (poverty, education, health, social security, employment)",
			EmptyNote: "本机关不承担扶贫、教育、医疗、社会保障、促进就业等方面的职责。"},
		{Code: "art20-12", Parent: ColumnStatutory, Art20Item: 12, Freshness: none,
			Name: "应急管理", NameEN: "Emergency management",
			EmptyNote: "本机关暂无突发公共事件应急预案、预警信息及应对情况。"},
		{Code: "art20-13", Parent: ColumnStatutory, Art20Item: 13, Freshness: none,
			Name: "监督检查", NameEN: "Supervision and inspection",
			EmptyNote: "本机关不承担环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查职责。"},
		{Code: "art20-14", Parent: ColumnStatutory, Art20Item: 14, Freshness: none,
			Name: "人事", NameEN: "Civil service recruitment",
			EmptyNote: "本机关暂无公务员招考录用信息。"},
		{Code: "art20-15", Parent: ColumnStatutory, Art20Item: 15, Freshness: none,
			Name: "其他法定公开信息", NameEN: "Other statutory information",
			EmptyNote: "本机关暂无法律、法规、规章和国家有关规定要求主动公开的其他政府信息。"},

		{Code: ColumnAnnualReports, Name: "政府信息公开年报", NameEN: "Annual reports", Freshness: none},
	}
}

// StandardColumn returns the standard column with the given code.
func StandardColumn(code string) (ColumnTemplate, bool) {
	for _, c := range StandardColumns() {
		if c.Code == code {
			return c, true
		}
	}
	return ColumnTemplate{}, false
}

// DefaultColumnForKind returns the code of the standard column an entry of kind k goes to when the
// officer or the import file names none: rules to policy-rules (规章) and normative documents to
// policy-normative (行政规范性文件), both children of 政策文件 (art20-1, Art. 20 item (一)). Other
// entries have no default ("") because "other" spans every Art. 20 item.
func DefaultColumnForKind(k Kind) string {
	switch k {
	case KindRule:
		return ColumnPolicyRules
	case KindNormative:
		return ColumnPolicyNormative
	}
	return ""
}
