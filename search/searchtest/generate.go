package searchtest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"xxgk/calendar"
	"xxgk/catalog"
	"xxgk/search"
)

// The generator below makes a city's disclosure catalog at any size for benchmarks: about 300
// bodies (the city, its departments, 13 districts and counties with theirs), titles, summaries
// and ~2.5 KB bodies written from the templates officers actually use, document numbers in the
// issuer's own prefix, index numbers, kinds, validity, subjects and publication dates spread
// over the years. Document i is a pure function of i, so an index built by one run can be
// reused by the next and a query mix means the same thing on every machine.

// GenBody is one issuing body of the generated catalog.
type GenBody struct {
	Code    string
	Name    string
	OrgCode string   // 9 characters, the index number's prefix (not a checksummed code)
	Codes   []string // the body and its ancestors, nearest first
	prefix  string   // document-number prefix, e.g. 沈发改
	place   string   // 沈阳市, or the district or county
	gov     bool     // a people's government, which may make rules (规章)
}

// GenTopics are the policy topics the generated titles and bodies are about; queries built
// from them find documents at any index size.
var GenTopics = []string{
	"优化营商环境", "住房公积金", "就业创业", "养老服务", "最低生活保障", "义务教育", "医疗保障", "乡村振兴",
	"数字经济", "安全生产", "生态环境保护", "城市更新", "公共资源交易", "价格监测", "节能审查", "项目审批",
	"招商引资", "科技创新", "民营经济发展", "小微企业", "食品安全", "消防安全", "老旧小区改造", "垃圾分类",
	"河长制", "冬季供暖", "交通运输", "农村人居环境整治", "文化旅游", "全民健身", "社会保险", "工伤保险",
	"失业保险", "残疾人帮扶", "退役军人服务", "知识产权保护", "外商投资", "跨境电子商务", "新能源汽车",
	"智慧城市", "政务服务", "一网通办", "社会信用体系建设", "统计调查", "财政预算", "政府采购", "国有资产管理",
	"审计监督", "行政执法", "法治政府建设", "土地供应", "不动产登记", "建筑市场", "物业管理", "城镇供水",
	"防汛抗旱", "森林防火", "地质灾害防治", "人才引进", "高校毕业生就业", "职业技能培训", "公共租赁住房",
	"保障性住房", "医疗卫生", "中医药", "学前教育", "粮食安全", "农业机械化", "水土保持", "大气污染防治",
}

var genSubjects = []string{
	`综合政务\政务公开`, `综合政务\应急管理`, `国民经济管理、国有资产监管\经济运行`, `国民经济管理、国有资产监管\国有资产监管`,
	`财政、金融、审计\财政`, `财政、金融、审计\审计`, `国土资源、能源\土地`, `农业、林业、水利\农业、农村`,
	`工业、交通\交通`, `商贸、海关、旅游\旅游`, `市场监管、安全生产监管\安全生产监管`, `城乡建设、环境保护\城市规划`,
	`城乡建设、环境保护\环境监测、保护与治理`, `科技、教育\教育`, `文化、广电、新闻出版\文化`, `卫生、体育\卫生`,
	`人口与计划生育、妇女儿童工作\妇女儿童`, `劳动、人事、监察\就业`, `民政、扶贫、救灾\社会福利`, `公安、安全、司法\司法`,
}

// Departments every government has, with the short form used in document numbers.
var genDepartments = []struct{ code, name, abbr string }{
	{"fgw", "发展和改革委员会", "发改"}, {"jyj", "教育局", "教"}, {"kjj", "科学技术局", "科"},
	{"gxj", "工业和信息化局", "工信"}, {"mzj", "民政局", "民"}, {"sfj", "司法局", "司"},
	{"czj", "财政局", "财"}, {"rsj", "人力资源和社会保障局", "人社"}, {"zrzyj", "自然资源局", "自然资"},
	{"sthjj", "生态环境局", "环"}, {"zjj", "住房和城乡建设局", "住建"}, {"jtj", "交通运输局", "交"},
	{"slj", "水利局", "水"}, {"nyncj", "农业农村局", "农"}, {"swj", "商务局", "商"},
	{"wlj", "文化旅游和广播电视局", "文旅"}, {"wjw", "卫生健康委员会", "卫健"}, {"tyjrj", "退役军人事务局", "退役"},
	{"yjj", "应急管理局", "应急"}, {"sjj", "审计局", "审"}, {"scjgj", "市场监督管理局", "市监"},
	{"tjj", "统计局", "统"}, {"ybj", "医疗保障局", "医保"}, {"ysj", "营商环境建设局", "营商"},
}

var genCityOnly = []struct{ code, name, abbr string }{
	{"gzw", "人民政府国有资产监督管理委员会", "国资"}, {"gaj", "公安局", "公"}, {"lyj", "林业和草原局", "林"},
	{"tyj", "体育局", "体"}, {"lsj", "粮食和物资储备局", "粮"}, {"fgzx", "住房公积金管理中心", "公积金"},
	{"rfb", "人民防空办公室", "人防"}, {"xfj", "信访局", "信"}, {"zfb", "城市管理行政执法局", "城管"},
	{"zwfw", "政务服务管理办公室", "政务"}, {"jrj", "地方金融监督管理局", "金融"}, {"mzw", "民族和宗教事务局", "民宗"},
	{"sjzx", "大数据管理局", "数据"}, {"qxj", "气象局", "气"}, {"dzj", "档案局", "档"}, {"bmj", "保密局", "保"},
	{"yzj", "园林绿化局", "园"}, {"kgj", "口岸办公室", "口岸"}, {"nmj", "农业机械化服务中心", "农机"},
	{"fyj", "扶贫开发办公室", "扶"}, {"dsj", "地方志办公室", "志"},
}

var genDistricts = []struct{ code, name, abbr string }{
	{"hp", "和平区", "和"}, {"shq", "沈河区", "沈河"}, {"dd", "大东区", "大东"}, {"hg", "皇姑区", "皇"},
	{"tx", "铁西区", "铁西"}, {"sjt", "苏家屯区", "苏"}, {"hn", "浑南区", "浑南"}, {"sb", "沈北新区", "沈北"},
	{"yh", "于洪区", "于洪"}, {"lz", "辽中区", "辽中"}, {"kp", "康平县", "康"}, {"fk", "法库县", "法"},
	{"xm", "新民市", "新"},
}

// GenBodies returns the generated catalog's bodies: 沈阳市人民政府 (code sy), its 45
// departments, and 13 district and county governments with 20 departments each (319 bodies).
func GenBodies() []GenBody {
	bs := []GenBody{{Code: "sy", Name: "沈阳市人民政府", OrgCode: "000014349", Codes: []string{"sy"}, prefix: "沈政", place: "沈阳市", gov: true}}
	org := func(n int) string { return fmt.Sprintf("%08d%c", 11000000+n*37, 'A'+rune(n%26)) }
	for _, d := range append(append([]struct{ code, name, abbr string }{}, genDepartments...), genCityOnly...) {
		bs = append(bs, GenBody{Code: "sy-" + d.code, Name: "沈阳市" + d.name, OrgCode: org(len(bs)),
			Codes: []string{"sy-" + d.code, "sy"}, prefix: "沈" + d.abbr, place: "沈阳市"})
	}
	for _, g := range genDistricts {
		bs = append(bs, GenBody{Code: g.code, Name: "沈阳市" + g.name + "人民政府", OrgCode: org(len(bs)),
			Codes: []string{g.code, "sy"}, prefix: g.abbr + "政", place: g.name, gov: true})
		for _, d := range genDepartments[:20] {
			bs = append(bs, GenBody{Code: g.code + "-" + d.code, Name: "沈阳市" + g.name + strings.TrimPrefix(d.name, "人民政府"),
				OrgCode: org(len(bs)), Codes: []string{g.code + "-" + d.code, g.code, "sy"}, prefix: g.abbr + d.abbr, place: g.name})
		}
	}
	return bs
}

// Title, summary and body templates. %[1]s is the topic, %[2]s the body's name, %[3]s the
// year, %[4]s a second topic, %[5]s the place (沈阳市 or a district).
var (
	genTitles = []string{
		"关于印发《%[5]s%[1]s实施方案》的通知", "%[2]s关于进一步加强%[1]s工作的意见", "%[5]s%[1]s管理办法",
		"关于开展%[1]s专项检查的通知", "%[2]s%[3]s年%[1]s工作情况的报告", "关于%[1]s有关事项的公告",
		"%[5]s关于推进%[1]s和%[4]s工作的若干措施", "关于做好%[3]s年%[1]s工作的通知", "%[5]s%[1]s三年行动计划（%[3]s—%[6]s年）",
		"关于调整%[1]s相关政策的通知", "《%[5]s%[1]s管理办法》政策解读", "%[2]s关于%[1]s资金分配情况的公示",
		"关于公布%[3]s年%[1]s名单的通知", "%[5]s%[1]s工作规则", "关于印发%[1]s考核办法的通知",
	}
	genSummaries = []string{
		"为深入贯彻落实党中央、国务院关于%[1]s的决策部署，%[2]s结合本地实际，制定本文件，明确了%[3]s年%[1]s的目标任务、重点措施和保障机制。",
		"本文件对%[5]s%[1]s工作作出部署，提出加强%[4]s协同、完善工作机制、强化督促检查等要求，自发布之日起施行。",
		"根据有关法律法规，%[2]s就%[1]s的适用范围、办理程序、监督管理和法律责任作出规定，请各单位认真贯彻执行。",
		"现将%[3]s年%[1]s有关情况予以公开，涉及%[4]s、资金安排和绩效目标等内容，接受社会监督。",
	}
	genSentences = []string{
		"第%[7]s条 为了规范%[1]s工作，保障人民群众合法权益，根据有关法律、法规，结合本市实际，制定本办法。",
		"各地区、各部门要充分认识做好%[1]s工作的重要意义，切实加强组织领导，明确责任分工，确保各项任务落到实处。",
		"到%[6]s年，全市%[1]s体系更加完善，%[4]s水平明显提升，人民群众获得感、幸福感、安全感不断增强。",
		"%[2]s负责本行政区域内%[1]s的统筹协调和监督管理工作，发展改革、财政、自然资源等部门按照各自职责做好相关工作。",
		"申请人可以通过政务服务网、移动端或者线下窗口提交申请材料，受理机关应当在%[8]s个工作日内作出决定。",
		"对在%[1]s工作中成绩突出的单位和个人，按照国家和省有关规定给予表彰和奖励。",
		"违反本办法规定，在%[1]s工作中有关部门及其工作人员玩忽职守、滥用职权、徇私舞弊的，依法依规给予处分；构成犯罪的，依法追究刑事责任。",
		"%[3]s年，全市共投入资金%[9]s万元，完成%[1]s项目%[8]s个，惠及群众%[10]s人次，各项指标均达到预期目标。",
		"加强%[4]s与%[1]s的衔接，推动数据共享和业务协同，提升一网通办、一网统管能力，进一步优化办事流程。",
		"建立健全%[1]s监测评估机制，定期开展督导检查，对工作推进不力的地区和单位予以通报，并限期整改。",
		"强化资金保障，市、区两级财政按照事权和支出责任划分，将%[1]s所需经费纳入年度预算，确保资金及时足额到位。",
		"加大宣传力度，充分利用报纸、广播、电视和网络等媒体，广泛宣传%[1]s政策措施和典型经验，营造良好社会氛围。",
		"本办法自%[3]s年%[8]s月1日起施行，有效期五年。此前有关规定与本办法不一致的，以本办法为准。",
		"坚持以人民为中心的发展思想，坚持稳中求进工作总基调，统筹发展和安全，扎实推进%[1]s高质量发展。",
		"各区、县（市）人民政府要结合实际制定具体实施方案，细化工作措施，并于每年12月底前将工作情况报送%[2]s。",
		"对符合条件的企业和个人，按照规定给予补贴，补贴标准为每人每月%[8]s00元，最长不超过%[8]s个月。",
		"完善%[1]s投诉举报处理机制，畅通12345政务服务便民热线等渠道，及时回应群众关切。",
		"深化“放管服”改革，持续优化营商环境，压减审批环节和办理时限，推行告知承诺制和容缺受理，让%[1]s相关事项“最多跑一次”。",
		"组织开展%[1]s专项整治行动，重点排查%[4]s领域风险隐患，建立问题清单、责任清单和整改清单。",
		"本通知由%[2]s负责解释，执行中遇到的问题请及时向%[2]s反映。",
	}
	genChineseNumerals = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"}
)

// genBodyRunes is the body length the generator aims at: ~830 Chinese characters ≈ 2.5 KB.
const genBodyRunes = 830

// genEpoch anchors publication dates, so that documents do not depend on the day the
// generator runs: documents are published 2008 to mid-2025.
var genEpoch = time.Date(2008, 1, 1, 9, 0, 0, 0, calendar.China)

// GenerateDocument returns generated document i (i ≥ 0): its id is gen-<i>, and every field is a
// function of i alone.
func GenerateDocument(i int) search.Document {
	return generate(i, GenBodies())
}

// GenerateDocuments returns documents from, from+1, …, from+n-1.
func GenerateDocuments(from, n int) []search.Document {
	bs := GenBodies()
	out := make([]search.Document, n)
	for k := range out {
		out[k] = generate(from+k, bs)
	}
	return out
}

func generate(i int, bs []GenBody) search.Document {
	r := rand.New(rand.NewPCG(uint64(i), 0x78786b67)) // "xxkg"
	// The city and its departments publish more than a district's departments do.
	var b GenBody
	if r.IntN(3) == 0 {
		b = bs[r.IntN(46)]
	} else {
		b = bs[r.IntN(len(bs))]
	}
	// Later years have more documents: the square root skews towards the end of the range.
	days := int(float64(6390) * (1 - (1-r.Float64())*(1-r.Float64())))
	formed := genEpoch.AddDate(0, 0, days)
	published := formed.AddDate(0, 0, r.IntN(30)).Add(time.Duration(r.IntN(9*3600)) * time.Second)
	year := published.Year()

	topic, topic2 := GenTopics[r.IntN(len(GenTopics))], GenTopics[r.IntN(len(GenTopics))]
	place := b.place
	args := func() []any {
		return []any{topic, b.Name, fmt.Sprint(formed.Year()), topic2, place, fmt.Sprint(formed.Year() + 3),
			genChineseNumerals[r.IntN(len(genChineseNumerals))], fmt.Sprint(1 + r.IntN(12)),
			fmt.Sprint(100 + r.IntN(90000)), fmt.Sprint(1000 + r.IntN(900000))}
	}

	d := search.Document{
		ID:       fmt.Sprintf("gen-%d", i),
		BodyCode: b.Code, BodyCodes: b.Codes, BodyName: b.Name,
		Subject:     genSubjects[r.IntN(len(genSubjects))],
		Year:        year,
		PublishedAt: published.Unix(),
		FormedOn:    formed.Format(time.DateOnly),
		Type:        search.TypeEntry,
		IndexNo:     fmt.Sprintf("%s/%d-%05d", b.OrgCode, year, 1+i%99999),
	}
	switch k := r.IntN(50); {
	case k == 0 && b.gov:
		d.Kind, d.Column = search.KindRule, catalog.ColumnPolicyRules
	case k < 11:
		d.Kind, d.Column = search.KindNormative, catalog.ColumnPolicyNormative
		switch v := r.IntN(20); {
		case v < 16:
			d.Validity = search.ValidityInForce
		case v < 18:
			d.Validity = search.ValidityLapsed
		case v < 19:
			d.Validity = search.ValidityRepealed
		default:
			d.Validity = search.ValidityAmended
		}
	default:
		d.Kind = search.KindOther
		cols := []string{catalog.ColumnPolicyOther, catalog.ColumnInterpretations, "art20-2", "art20-3", "art20-4",
			"art20-5", "art20-6", "art20-7", "art20-9", "art20-11", "art20-12", "art20-13", "art20-14", "art20-15"}
		d.Column = cols[r.IntN(len(cols))]
		if d.Column == catalog.ColumnInterpretations {
			d.Type = search.TypeInterpretation
		}
	}
	if c, ok := catalog.StandardColumn(d.Column); ok {
		d.ColumnName = c.Name
	}
	if d.Kind != search.KindOther || r.IntN(2) == 0 {
		kinds := []string{"发", "规", "办发", "函"}
		d.DocNo = fmt.Sprintf("%s%s〔%d〕%d号", b.prefix, kinds[r.IntN(len(kinds))], formed.Year(), 1+r.IntN(300))
		d.DocNoNorm = catalog.NormalizeDocNo(d.DocNo)
	}

	d.Title = fmt.Sprintf(genTitles[r.IntN(len(genTitles))], args()...)
	d.Summary = fmt.Sprintf(genSummaries[r.IntN(len(genSummaries))], args()...)
	var body strings.Builder
	for n := 0; n < genBodyRunes; {
		s := fmt.Sprintf(genSentences[r.IntN(len(genSentences))], args()...)
		body.WriteString(s)
		n += len([]rune(s))
		if r.IntN(3) == 0 {
			body.WriteString("\n")
		}
	}
	d.Body = body.String()
	return d
}

// ImportRowOf turns a generated document into a row for catalog.Store.ImportRows (published,
// with the document's dates, kind, column and texts; xxgk numbers it), so a benchmark can fill
// a catalog with the same documents it sends to Meilisearch. row is the spreadsheet row.
func ImportRowOf(d search.Document, row int) catalog.ImportRow {
	formed, _ := calendar.ParseDate(d.FormedOn)
	pub := time.Unix(d.PublishedAt, 0).In(calendar.China)
	return catalog.ImportRow{
		Row: row, Title: d.Title, DocNo: d.DocNo, Issuers: []string{d.BodyName},
		FormedOn: formed, PublishedOn: calendar.NewDate(pub.Year(), pub.Month(), pub.Day()),
		Kind: catalog.Kind(d.Kind), Column: d.Column, Subject: d.Subject, Summary: d.Summary, Body: d.Body,
	}
}

// GenVersion changes whenever the generator's output does, so that an index built from an
// older generator (a benchmark keeps its index between runs) is not mistaken for a current one.
const GenVersion = 1
