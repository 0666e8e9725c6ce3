package seed

// The demo catalog's content: what each demo body has issued. The documents are typical of a
// Chinese city's disclosure catalog (names of real laws and regulations as their legal basis);
// the local documents, companies and figures are made up.

// normTopic is a normative document (行政规范性文件) of a body, with what later happens to it.
type normTopic struct {
	name    string // the document's own name, quoted 《》 in texts
	area    string // what it governs, for generated texts ("民营经济发展")
	basis   string // its legal basis
	subject string // 主题分类
	when    string // YYYY-MM it was signed
	office  bool   // issued by the government's office (办公室), with the office's document series
	trial   bool   // 试行/暂行: a two-year validity period instead of five
	// expiring sets the valid-until date a few months after today, so the officers' expiry
	// warnings always have something to show.
	expiring bool
	interp   bool   // a 政策解读 accompanies it
	replaced string // YYYY-MM a revised edition replaces it
	amended  string // YYYY-MM a decision amends it
	repealed string // YYYY-MM a decision repeals it (the body's repeal decision of that month)
	late     bool   // published more than 20 working days after signing
	// corrected is the note of a correction made after publication.
	corrected string
	// en is the document's name in English, for the bodies that publish English versions of
	// their main documents (the city government's): its entry then has an English title and
	// summary, which English searches find.
	en string
}

// ruleTopic is a government rule (规章) of the city government, published as 沈阳市人民政府令.
type ruleTopic struct {
	name, area, basis, subject, when string
	interp                           bool
	amendedBy                        string // name of a later rule in the list that amends it
	en                               string // its name in English
}

// otherItem is an entry that is neither a rule nor a normative document.
type otherItem struct {
	col     string // standard column code
	title   string // "关于…" titles get the issuer in front
	subject string
	when    string // YYYY-MM
	tmpl    string // notice, plan, report, stats, list, permit, inspect, emergency, recruit
	area    string
	summary string // "" generates one
	late    bool
}

// demoProfile is what the generator knows of one body.
type demoProfile struct {
	code      string
	series    string // document number series (机关代字) of its normative and other documents
	office    string // series of its office's documents (governments only)
	penalties string // series of its penalty decisions, "" when it publishes none
	// violations are the offences its penalty decisions punish.
	violations []violation
	subject    string // its usual subject, for generic entries
	normative  []normTopic
	others     []otherItem
}

// violation is an offence, the provision broken and the one the penalty follows.
type violation struct {
	fact, law, penaltyLaw, industry string
	minFine, maxFine                int // in 10,000 yuan × 10 (so 5 is 0.5 万元)
}

const (
	subjGovOpen    = `综合政务\政务公开`
	subjGovOther   = `综合政务\其他`
	subjEconomy    = `国民经济管理、国有资产监管\经济运行`
	subjInvest     = `国民经济管理、国有资产监管\固定资产投资`
	subjPrice      = `国民经济管理、国有资产监管\物价`
	subjPlan       = `国民经济管理、国有资产监管\发展规划`
	subjAssets     = `国民经济管理、国有资产监管\国有资产监管`
	subjFinance    = `财政、金融、审计\财政`
	subjBanking    = `财政、金融、审计\金融`
	subjLand       = `国土资源、能源\土地`
	subjEnergy     = `国土资源、能源\能源`
	subjTransport  = `工业、交通\交通运输`
	subjIndustry   = `工业、交通\其他`
	subjTrade      = `商贸、海关、旅游\国内贸易（含供销）`
	subjMarket     = `市场监管、安全生产监管\市场监管`
	subjFood       = `市场监管、安全生产监管\食品药品监管`
	subjSafety     = `市场监管、安全生产监管\安全生产`
	subjBuild      = `城乡建设、环境保护\城乡建设`
	subjHousing    = `城乡建设、环境保护\住房保障`
	subjUtilities  = `城乡建设、环境保护\市政公用事业`
	subjEnv        = `城乡建设、环境保护\环境监测、保护与治理`
	subjEducation  = `科技、教育\教育`
	subjScience    = `科技、教育\科技`
	subjHealth     = `卫生、体育\卫生`
	subjJobs       = `劳动、人事、监察\劳动就业`
	subjSocialSec  = `劳动、人事、监察\社会保障`
	subjPersonnel  = `劳动、人事、监察\人事工作`
	subjWelfare    = `民政、扶贫、救灾\社会福利`
	subjCivil      = `民政、扶贫、救灾\社会组织`
	subjEmergency  = `综合政务\应急管理`
	subjSupervisor = `综合政务\政务督查`
)

// demoRules are the city government's rules, oldest first.
var demoRules = []ruleTopic{
	{"沈阳市生活垃圾分类管理办法", "生活垃圾分类", "《中华人民共和国固体废物污染环境防治法》", subjEnv, "2021-06", true, "", "Measures of Shenyang for the Management of Household Waste Sorting"},
	{"沈阳市城市绿化管理办法", "城市绿化", "《城市绿化条例》", subjBuild, "2021-12", false, "沈阳市人民政府关于修改和废止部分市政府规章的决定", "Measures of Shenyang for the Management of Urban Greening"},
	{"沈阳市户外广告设置管理办法", "户外广告设置", "《辽宁省城市市容和环境卫生管理条例》", subjBuild, "2022-09", true, "沈阳市人民政府关于修改和废止部分市政府规章的决定", "Measures of Shenyang for the Management of Outdoor Advertising"},
	{"沈阳市地下管线管理办法", "地下管线", "《城市道路管理条例》", subjUtilities, "2023-06", false, "", "Measures of Shenyang for the Management of Underground Pipelines"},
	{"沈阳市公共租赁住房管理办法", "公共租赁住房", "《公共租赁住房管理办法》", subjHousing, "2024-03", true, "", "Measures of Shenyang for the Management of Public Rental Housing"},
	{"沈阳市人民政府关于修改和废止部分市政府规章的决定", "规章清理", "《中华人民共和国立法法》《规章制定程序条例》", subjGovOther, "2024-12", false, "", "Decision of the Shenyang Municipal People's Government on Amending and Repealing Certain Municipal Government Rules"},
	{"沈阳市消防安全责任制实施办法", "消防安全责任制", "《中华人民共和国消防法》", subjSafety, "2025-08", true, "", "Measures of Shenyang for Implementing the Fire Safety Responsibility System"},
	{"沈阳市城市市容和环境卫生管理办法", "城市市容和环境卫生", "《城市市容和环境卫生管理条例》", subjBuild, "2026-06", true, "", "Measures of Shenyang for the Management of City Appearance and Environmental Sanitation"},
}

// Common violations.
var (
	envViolations = []violation{
		{"在生产过程中超过大气污染物排放标准排放大气污染物", "《中华人民共和国大气污染防治法》第十八条", "《中华人民共和国大气污染防治法》第九十九条第二项", "化工", 100, 500},
		{"未按照规定设置危险废物识别标志", "《中华人民共和国固体废物污染环境防治法》第七十七条", "《中华人民共和国固体废物污染环境防治法》第一百一十二条第一款第一项", "机械制造", 10, 60},
		{"建设项目环境影响报告表未经批准擅自开工建设", "《中华人民共和国环境影响评价法》第二十五条", "《中华人民共和国环境影响评价法》第三十一条第一款", "建筑工程", 20, 80},
		{"未采取有效覆盖措施防治扬尘污染", "《中华人民共和国大气污染防治法》第六十九条第三款", "《中华人民共和国大气污染防治法》第一百一十五条第一款第一项", "建筑工程", 1, 10},
		{"通过逃避监管的方式排放水污染物", "《中华人民共和国水污染防治法》第三十九条", "《中华人民共和国水污染防治法》第八十三条第三项", "食品", 20, 100},
	}
	marketViolations = []violation{
		{"销售不符合食品安全标准的食品", "《中华人民共和国食品安全法》第三十四条第（二）项", "《中华人民共和国食品安全法》第一百二十四条第一款", "商贸", 5, 50},
		{"经营超过保质期的食品", "《中华人民共和国食品安全法》第三十四条第（十）项", "《中华人民共和国食品安全法》第一百二十四条第一款第（五）项", "超市", 5, 20},
		{"发布虚假广告", "《中华人民共和国广告法》第二十八条", "《中华人民共和国广告法》第五十五条第一款", "医疗美容", 10, 60},
		{"不明码标价", "《中华人民共和国价格法》第十三条", "《明码标价和禁止价格欺诈规定》第二十一条", "餐饮管理", 1, 5},
		{"使用未经定期检验的电梯", "《中华人民共和国特种设备安全法》第四十条", "《中华人民共和国特种设备安全法》第八十四条第一项", "物业管理", 3, 30},
		{"生产销售不合格产品", "《中华人民共和国产品质量法》第三十二条", "《中华人民共和国产品质量法》第五十条", "电器", 5, 40},
	}
	transportViolations = []violation{
		{"未取得道路运输经营许可擅自从事道路普通货物运输经营", "《中华人民共和国道路运输条例》第二十四条", "《中华人民共和国道路运输条例》第六十三条", "物流", 1, 10},
		{"未取得网络预约出租汽车运输证从事网约车经营", "《网络预约出租汽车经营服务管理暂行办法》第十二条", "《网络预约出租汽车经营服务管理暂行办法》第三十四条", "汽车租赁", 1, 3},
		{"车辆超限运输", "《公路安全保护条例》第三十五条", "《公路安全保护条例》第六十四条", "运输", 1, 3},
	}
)

// demoProfiles is the catalog of every demo body, in the order of demoTree.
var demoProfiles = []demoProfile{
	{code: "sy", series: "沈政发", office: "沈政办发", subject: subjGovOther,
		normative: []normTopic{
			{name: "沈阳市城市道路挖掘管理办法", area: "城市道路挖掘管理", basis: "《城市道路管理条例》", subject: subjUtilities, when: "2021-03", repealed: "2025-06", en: "Measures of Shenyang for the Management of Urban Road Excavation"},
			{name: "沈阳市住房公积金缴存管理办法", area: "住房公积金缴存管理", basis: "《住房公积金管理条例》", subject: subjHousing, when: "2021-04", interp: true, amended: "2024-05", en: "Measures of Shenyang for the Management of Housing Provident Fund Contributions"},
			{name: "沈阳市城市供热管理办法实施细则", area: "城市供热管理", basis: "《辽宁省城市供热条例》", subject: subjUtilities, when: "2021-09", interp: true, en: "Detailed Rules of Shenyang for Implementing the Measures for the Management of Urban Heating"},
			{name: "沈阳市最低生活保障实施办法", area: "最低生活保障", basis: "《社会救助暂行办法》《辽宁省最低生活保障办法》", subject: subjWelfare, when: "2021-11", interp: true, expiring: true, en: "Measures of Shenyang for Implementing Minimum Living Allowances"},
			{name: "沈阳市促进民营经济高质量发展若干政策措施", area: "民营经济发展", basis: "《中共中央 国务院关于促进民营经济发展壮大的意见》", subject: subjEconomy, when: "2022-03", interp: true, replaced: "2025-04", en: "Policy Measures of Shenyang to Promote the High-Quality Development of the Private Economy"},
			{name: "沈阳市促进高校毕业生就业创业若干措施（试行）", area: "高校毕业生就业创业", basis: "《国务院办公厅关于进一步做好高校毕业生等青年就业创业工作的通知》", subject: subjJobs, when: "2022-05", office: true, trial: true, interp: true, en: "Measures of Shenyang to Promote Employment and Entrepreneurship of College Graduates (Trial)"},
			{name: "沈阳市重大行政决策程序实施办法", area: "重大行政决策", basis: "《重大行政决策程序暂行条例》", subject: subjSupervisor, when: "2022-06", office: true, interp: true, en: "Measures of Shenyang for Implementing the Procedures for Major Administrative Decisions"},
			{name: "沈阳市国有土地上房屋征收与补偿办法", area: "国有土地上房屋征收与补偿", basis: "《国有土地上房屋征收与补偿条例》", subject: subjLand, when: "2022-08", repealed: "2025-06", en: "Measures of Shenyang for the Expropriation of and Compensation for Buildings on State-Owned Land"},
			{name: "沈阳市养老服务体系建设实施方案", area: "养老服务体系建设", basis: "《辽宁省养老服务条例》", subject: subjWelfare, when: "2023-02", office: true, interp: true, en: "Implementation Plan of Shenyang for Building the Elderly Care Service System"},
			{name: "沈阳市工程建设项目审批制度改革实施方案", area: "工程建设项目审批制度改革", basis: "《国务院办公厅关于全面开展工程建设项目审批制度改革的实施意见》", subject: subjBuild, when: "2023-05", office: true, en: "Implementation Plan of Shenyang for Reforming the Approval of Construction Projects"},
			{name: "沈阳市政府投资项目管理办法", area: "政府投资项目管理", basis: "《政府投资条例》", subject: subjInvest, when: "2023-08", interp: true, corrected: "更正第七条中引用的条款序号", en: "Measures of Shenyang for the Management of Government Investment Projects"},
			{name: "沈阳市支持科技型中小企业发展若干政策", area: "科技型中小企业发展", basis: "《中华人民共和国促进科技成果转化法》", subject: subjScience, when: "2023-11", interp: true, en: "Policies of Shenyang to Support Technology-Based Small and Medium-Sized Enterprises"},
			{name: "沈阳市促进消费扩容提质若干措施（试行）", area: "促进消费", basis: "《国务院办公厅关于进一步释放消费潜力促进消费持续恢复的意见》", subject: subjTrade, when: "2024-04", office: true, trial: true, interp: true, en: "Measures of Shenyang to Expand and Upgrade Consumption (Trial)"},
			{name: "沈阳市城乡居民基本医疗保险实施办法", area: "城乡居民基本医疗保险", basis: "《中华人民共和国社会保险法》", subject: subjSocialSec, when: "2024-09", interp: true, en: "Measures of Shenyang for Implementing Basic Medical Insurance for Urban and Rural Residents"},
			{name: "沈阳市“兴沈英才计划”若干政策措施", area: "人才引进和培养", basis: "《中共中央关于深化人才发展体制机制改革的意见》", subject: subjPersonnel, when: "2025-02", interp: true, en: "Policy Measures of Shenyang for the Xingshen Talent Program"},
			{name: "沈阳市优化营商环境条例实施细则", area: "优化营商环境", basis: "《优化营商环境条例》《辽宁省优化营商环境条例》", subject: subjGovOther, when: "2025-09", interp: true, en: "Detailed Rules of Shenyang for Implementing the Regulations on Optimizing the Business Environment"},
			{name: "沈阳市公共数据资源管理办法", area: "公共数据资源管理", basis: "《辽宁省大数据发展条例》", subject: subjGovOther, when: "2026-03", office: true, interp: true, en: "Measures of Shenyang for the Management of Public Data Resources"},
			{name: "沈阳市城市更新实施办法", area: "城市更新", basis: "《中华人民共和国城乡规划法》", subject: subjBuild, when: "2026-07", interp: true, en: "Measures of Shenyang for Implementing Urban Renewal"},
			{name: "沈阳市促进低空经济发展若干措施", area: "低空经济发展", basis: "《无人驾驶航空器飞行管理暂行条例》", subject: subjIndustry, when: "2026-10", office: true, interp: true, en: "Measures of Shenyang to Promote the Low-Altitude Economy"},
		},
		others: []otherItem{
			{col: "rules", title: "沈阳市人民政府办公室关于印发沈阳市政府信息公开工作考核办法的通知", subject: subjGovOpen, when: "2021-05", tmpl: "notice", area: "政府信息公开工作考核"},
			{col: "rules", title: "沈阳市人民政府办公室关于印发沈阳市政府信息公开申请办理工作规范的通知", subject: subjGovOpen, when: "2023-04", tmpl: "notice", area: "政府信息公开申请办理"},
			{col: "art20-3", title: "沈阳市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", subject: subjPlan, when: "2021-03", tmpl: "plan", area: "国民经济和社会发展"},
			{col: "art20-3", title: "沈阳市国民经济和社会发展第十五个五年规划纲要", subject: subjPlan, when: "2026-02", tmpl: "plan", area: "国民经济和社会发展"},
			{col: "art20-12", title: "沈阳市人民政府办公室关于印发沈阳市突发事件总体应急预案的通知", subject: subjEmergency, when: "2022-07", tmpl: "emergency", area: "突发事件应对"},
			{col: "art20-12", title: "沈阳市人民政府办公室关于印发沈阳市防汛抗旱应急预案的通知", subject: subjEmergency, when: "2024-05", tmpl: "emergency", area: "防汛抗旱"},
			{col: "policy-other", title: "沈阳市人民政府办公室关于印发2024年沈阳市政务公开工作要点的通知", subject: subjGovOpen, when: "2024-04", tmpl: "notice", area: "政务公开"},
			{col: "policy-other", title: "沈阳市人民政府办公室关于印发2025年沈阳市政务公开工作要点的通知", subject: subjGovOpen, when: "2025-04", tmpl: "notice", area: "政务公开"},
			{col: "policy-other", title: "沈阳市人民政府办公室关于印发沈阳市2026年民生实事工作方案的通知", subject: subjGovOther, when: "2026-02", tmpl: "notice", area: "民生实事"},
			{col: "policy-other", title: "沈阳市人民政府办公室关于印发2026年沈阳市政务公开工作要点的通知", subject: subjGovOpen, when: "2026-04", tmpl: "notice", area: "政务公开"},
			{col: "policy-other", title: "沈阳市人民政府办公室关于做好2026—2027年度冬季供暖工作的通知", subject: subjUtilities, when: "2026-10", tmpl: "notice", area: "冬季供暖"},
			{col: "art20-15", title: "沈阳市人民政府关于2025年度市级重点民生实事完成情况的通报", subject: subjGovOther, when: "2026-01", tmpl: "report", area: "重点民生实事"},
		},
	},
	{code: "sy-fgw", series: "沈发改发", subject: subjEconomy,
		normative: []normTopic{
			{name: "沈阳市企业投资项目核准和备案管理办法", area: "企业投资项目核准和备案", basis: "《企业投资项目核准和备案管理条例》", subject: subjInvest, when: "2021-07", interp: true},
			{name: "沈阳市定价成本监审办法", area: "定价成本监审", basis: "《政府制定价格成本监审办法》", subject: subjPrice, when: "2021-12", interp: true, expiring: true},
			{name: "沈阳市地方储备粮管理办法", area: "地方储备粮管理", basis: "《粮食流通管理条例》", subject: `国民经济管理、国有资产监管\其他`, when: "2022-04", interp: true, replaced: "2026-04"},
			{name: "沈阳市守信联合激励和失信联合惩戒实施办法（试行）", area: "守信联合激励和失信联合惩戒", basis: "《国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》", subject: subjGovOther, when: "2022-10", trial: true},
			{name: "沈阳市居民阶梯电价实施办法", area: "居民阶梯电价", basis: "《中华人民共和国价格法》", subject: subjPrice, when: "2023-03", interp: true, amended: "2025-11"},
			{name: "沈阳市服务业发展引导资金管理办法", area: "服务业发展引导资金管理", basis: "《中华人民共和国预算法》", subject: subjFinance, when: "2023-09", repealed: "2026-02"},
			{name: "沈阳市固定资产投资项目节能审查实施办法", area: "固定资产投资项目节能审查", basis: "《固定资产投资项目节能审查办法》", subject: subjEnergy, when: "2024-06", interp: true},
			{name: "沈阳市政府定价的经营服务性收费管理办法", area: "经营服务性收费管理", basis: "《中华人民共和国价格法》", subject: subjPrice, when: "2025-05", interp: true, late: true},
			{name: "沈阳市重点项目建设管理办法", area: "重点项目建设管理", basis: "《政府投资条例》", subject: subjInvest, when: "2026-08", interp: true},
		},
		others: []otherItem{
			{col: "art20-3", title: "关于印发沈阳市“十四五”现代服务业发展规划的通知", subject: subjPlan, when: "2022-01", tmpl: "plan", area: "现代服务业发展"},
			{col: "art20-3", title: "关于印发沈阳市“十四五”节能减排综合工作实施方案的通知", subject: subjEnergy, when: "2022-08", tmpl: "plan", area: "节能减排"},
			{col: "art20-3", title: "关于印发沈阳市“十五五”规划编制工作方案的通知", subject: subjPlan, when: "2025-03", tmpl: "plan", area: "“十五五”规划编制"},
			{col: "art20-4", title: "2025年前三季度沈阳市经济运行情况", subject: subjEconomy, when: "2025-10", tmpl: "stats", area: "经济运行"},
			{col: "art20-4", title: "2025年沈阳市经济运行情况", subject: subjEconomy, when: "2026-01", tmpl: "stats", area: "经济运行"},
			{col: "art20-4", title: "2026年一季度沈阳市经济运行情况", subject: subjEconomy, when: "2026-04", tmpl: "stats", area: "经济运行"},
			{col: "art20-4", title: "2026年上半年沈阳市经济运行情况", subject: subjEconomy, when: "2026-07", tmpl: "stats", area: "经济运行"},
			{col: "art20-4", title: "2026年前三季度沈阳市经济运行情况", subject: subjEconomy, when: "2026-10", tmpl: "stats", area: "经济运行"},
			{col: "art20-5", title: "企业投资项目核准结果公示（2025年第1期）", subject: subjInvest, when: "2025-04", tmpl: "permit", area: "企业投资项目核准"},
			{col: "art20-5", title: "企业投资项目核准结果公示（2025年第2期）", subject: subjInvest, when: "2025-10", tmpl: "permit", area: "企业投资项目核准"},
			{col: "art20-5", title: "企业投资项目核准结果公示（2026年第1期）", subject: subjInvest, when: "2026-03", tmpl: "permit", area: "企业投资项目核准"},
			{col: "art20-5", title: "企业投资项目核准结果公示（2026年第2期）", subject: subjInvest, when: "2026-06", tmpl: "permit", area: "企业投资项目核准"},
			{col: "art20-5", title: "企业投资项目核准结果公示（2026年第3期）", subject: subjInvest, when: "2026-09", tmpl: "permit", area: "企业投资项目核准"},
			{col: "art20-8", title: "关于公布沈阳市政府定价的经营服务性收费目录清单（2025年版）的通知", subject: subjPrice, when: "2025-06", tmpl: "list", area: "经营服务性收费"},
			{col: "art20-10", title: "关于印发沈阳市2024年重大项目建设计划的通知", subject: subjInvest, when: "2024-02", tmpl: "list", area: "重大项目建设"},
			{col: "art20-10", title: "关于印发沈阳市2025年重大项目建设计划的通知", subject: subjInvest, when: "2025-02", tmpl: "list", area: "重大项目建设"},
			{col: "policy-other", title: "关于做好2024年冬季供暖期间价格监管工作的通知", subject: subjPrice, when: "2024-10", tmpl: "notice", area: "供暖期价格监管"},
			{col: "policy-other", title: "关于组织申报2025年省级服务业发展引导资金项目的通知", subject: subjFinance, when: "2025-03", tmpl: "notice", area: "服务业发展引导资金项目申报"},
			{col: "policy-other", title: "关于做好2025年冬季供暖期间价格监管工作的通知", subject: subjPrice, when: "2025-10", tmpl: "notice", area: "供暖期价格监管"},
			{col: "policy-other", title: "关于组织申报2026年省级服务业发展引导资金项目的通知", subject: subjFinance, when: "2026-03", tmpl: "notice", area: "服务业发展引导资金项目申报"},
			{col: "policy-other", title: "关于开展2026年度节能目标责任评价考核工作的通知", subject: subjEnergy, when: "2026-06", tmpl: "notice", area: "节能目标责任评价考核", late: true},
			{col: "policy-other", title: "关于印发2026年全市价格监督检查工作方案的通知", subject: subjPrice, when: "2026-09", tmpl: "notice", area: "价格监督检查"},
		},
	},
	{code: "sy-jyj", series: "沈教发", subject: subjEducation,
		normative: []normTopic{
			{name: "沈阳市中小学生校服管理办法", area: "中小学生校服管理", basis: "《教育部等四部门关于进一步加强中小学生校服管理工作的意见》", subject: subjEducation, when: "2021-08"},
			{name: "沈阳市民办学校收费管理实施细则", area: "民办学校收费管理", basis: "《中华人民共和国民办教育促进法实施条例》", subject: subjEducation, when: "2022-07", interp: true, amended: "2025-07"},
			{name: "沈阳市普惠性民办幼儿园认定和扶持办法", area: "普惠性民办幼儿园认定和扶持", basis: "《中共中央 国务院关于学前教育深化改革规范发展的若干意见》", subject: subjEducation, when: "2023-04", interp: true},
			{name: "沈阳市中小学校课后服务管理办法（试行）", area: "中小学校课后服务", basis: "《教育部办公厅关于做好中小学生课后服务工作的指导意见》", subject: subjEducation, when: "2023-09", trial: true, interp: true},
			{name: "沈阳市义务教育阶段学校招生入学管理办法", area: "义务教育招生入学", basis: "《中华人民共和国义务教育法》", subject: subjEducation, when: "2026-06", interp: true},
		},
		others: []otherItem{
			{col: "art20-3", title: "关于印发沈阳市“十四五”教育事业发展规划的通知", subject: subjEducation, when: "2021-12", tmpl: "plan", area: "教育事业发展"},
			{col: "art20-4", title: "2025年沈阳市教育事业统计公报", subject: subjEducation, when: "2026-03", tmpl: "stats", area: "教育事业"},
			{col: "art20-11", title: "关于做好2023年义务教育招生入学工作的通知", subject: subjEducation, when: "2023-05", tmpl: "notice", area: "义务教育招生入学"},
			{col: "art20-11", title: "关于做好2024年义务教育招生入学工作的通知", subject: subjEducation, when: "2024-05", tmpl: "notice", area: "义务教育招生入学"},
			{col: "art20-11", title: "关于做好2025年义务教育招生入学工作的通知", subject: subjEducation, when: "2025-05", tmpl: "notice", area: "义务教育招生入学"},
			{col: "art20-11", title: "关于做好2026年义务教育招生入学工作的通知", subject: subjEducation, when: "2026-05", tmpl: "notice", area: "义务教育招生入学"},
			{col: "art20-11", title: "关于公布2026年沈阳市普通高中招生计划的通知", subject: subjEducation, when: "2026-06", tmpl: "list", area: "普通高中招生"},
			{col: "art20-14", title: "沈阳市教育局所属事业单位2025年公开招聘工作人员拟聘用人员公示", subject: subjPersonnel, when: "2025-08", tmpl: "recruit", area: "事业单位公开招聘"},
			{col: "art20-14", title: "沈阳市教育局所属事业单位2026年公开招聘工作人员拟聘用人员公示", subject: subjPersonnel, when: "2026-08", tmpl: "recruit", area: "事业单位公开招聘"},
			{col: "policy-other", title: "关于开展2025年中小学生暑期安全教育工作的通知", subject: subjEducation, when: "2025-07", tmpl: "notice", area: "暑期安全教育"},
			{col: "policy-other", title: "关于开展2026年中小学生暑期安全教育工作的通知", subject: subjEducation, when: "2026-07", tmpl: "notice", area: "暑期安全教育", late: true},
			{col: "policy-other", title: "关于做好2026年秋季学期开学工作的通知", subject: subjEducation, when: "2026-08", tmpl: "notice", area: "秋季学期开学"},
		},
	},
	{code: "sy-czj", series: "沈财发", subject: subjFinance,
		normative: []normTopic{
			{name: "沈阳市市级财政专项资金管理办法", area: "市级财政专项资金管理", basis: "《中华人民共和国预算法》", subject: subjFinance, when: "2021-06"},
			{name: "沈阳市政府采购代理机构监督管理办法", area: "政府采购代理机构监督管理", basis: "《中华人民共和国政府采购法》", subject: subjFinance, when: "2022-11", interp: true},
			{name: "沈阳市行政事业单位国有资产管理办法", area: "行政事业单位国有资产管理", basis: "《行政事业性国有资产管理条例》", subject: subjAssets, when: "2023-07", interp: true},
			{name: "沈阳市政府性融资担保风险补偿资金管理办法（试行）", area: "政府性融资担保风险补偿", basis: "《国务院关于促进融资担保行业加快发展的意见》", subject: subjBanking, when: "2024-02", trial: true},
			{name: "沈阳市预算绩效管理办法", area: "预算绩效管理", basis: "《中共中央 国务院关于全面实施预算绩效管理的意见》", subject: subjFinance, when: "2026-06", interp: true},
		},
		others: []otherItem{
			{col: "art20-7", title: "关于沈阳市2024年预算执行情况和2025年预算草案的报告", subject: subjFinance, when: "2025-02", tmpl: "report", area: "预算执行"},
			{col: "art20-7", title: "关于沈阳市2025年预算执行情况和2026年预算草案的报告", subject: subjFinance, when: "2026-02", tmpl: "report", area: "预算执行"},
			{col: "art20-8", title: "关于公布沈阳市行政事业性收费目录清单（2024年版）的通知", subject: subjFinance, when: "2024-03", tmpl: "list", area: "行政事业性收费"},
			{col: "art20-8", title: "关于公布沈阳市行政事业性收费目录清单（2026年版）的通知", subject: subjFinance, when: "2026-03", tmpl: "list", area: "行政事业性收费"},
			{col: "art20-9", title: "关于印发沈阳市2025年政府集中采购目录及标准的通知", subject: subjFinance, when: "2024-12", tmpl: "list", area: "政府集中采购"},
			{col: "art20-9", title: "关于印发沈阳市2026年政府集中采购目录及标准的通知", subject: subjFinance, when: "2025-12", tmpl: "list", area: "政府集中采购"},
			{col: "policy-other", title: "关于做好2025年度部门决算编报工作的通知", subject: subjFinance, when: "2025-12", tmpl: "notice", area: "部门决算编报"},
			{col: "policy-other", title: "关于开展2026年政府采购领域专项检查的通知", subject: subjFinance, when: "2026-07", tmpl: "notice", area: "政府采购专项检查"},
		},
	},
	{code: "sy-rsj", series: "沈人社发", subject: subjJobs,
		normative: []normTopic{
			{name: "沈阳市就业创业补贴资金管理办法", area: "就业创业补贴资金管理", basis: "《就业补助资金管理办法》", subject: subjJobs, when: "2021-05", interp: true, replaced: "2024-09"},
			{name: "沈阳市工伤保险辅助器具配置管理办法", area: "工伤保险辅助器具配置", basis: "《工伤保险条例》", subject: subjSocialSec, when: "2022-03", interp: true},
			{name: "沈阳市技能人才评价管理办法", area: "技能人才评价", basis: "《国家职业技能标准编制技术规程》", subject: subjPersonnel, when: "2023-06", interp: true},
			{name: "沈阳市保障农民工工资支付实施细则", area: "保障农民工工资支付", basis: "《保障农民工工资支付条例》", subject: subjJobs, when: "2026-06", interp: true},
		},
		others: []otherItem{
			{col: "art20-4", title: "2025年度沈阳市人力资源和社会保障事业发展统计公报", subject: subjJobs, when: "2026-05", tmpl: "stats", area: "人力资源和社会保障事业"},
			{col: "art20-11", title: "关于2024年调整退休人员基本养老金的通知", subject: subjSocialSec, when: "2024-07", tmpl: "notice", area: "退休人员基本养老金调整"},
			{col: "art20-11", title: "关于2025年调整退休人员基本养老金的通知", subject: subjSocialSec, when: "2025-07", tmpl: "notice", area: "退休人员基本养老金调整"},
			{col: "art20-11", title: "关于调整沈阳市最低工资标准的通知", subject: subjJobs, when: "2025-11", tmpl: "notice", area: "最低工资标准调整"},
			{col: "art20-11", title: "关于2026年调整退休人员基本养老金的通知", subject: subjSocialSec, when: "2026-07", tmpl: "notice", area: "退休人员基本养老金调整"},
			{col: "art20-14", title: "沈阳市2025年度考试录用公务员拟录用人员名单公示", subject: subjPersonnel, when: "2025-07", tmpl: "recruit", area: "考试录用公务员"},
			{col: "art20-14", title: "沈阳市2026年度考试录用公务员公告", subject: subjPersonnel, when: "2026-02", tmpl: "recruit", area: "考试录用公务员"},
			{col: "art20-14", title: "沈阳市2026年度考试录用公务员拟录用人员名单公示", subject: subjPersonnel, when: "2026-07", tmpl: "recruit", area: "考试录用公务员"},
			{col: "policy-other", title: "关于做好2026年高校毕业生就业服务工作的通知", subject: subjJobs, when: "2026-06", tmpl: "notice", area: "高校毕业生就业服务"},
		},
	},
	{code: "sy-zjj", series: "沈建发", subject: subjBuild,
		normative: []normTopic{
			{name: "沈阳市物业服务收费管理办法", area: "物业服务收费", basis: "《物业管理条例》", subject: subjHousing, when: "2021-06", interp: true},
			{name: "沈阳市既有住宅加装电梯实施办法", area: "既有住宅加装电梯", basis: "《中华人民共和国民法典》《物业管理条例》", subject: subjBuild, when: "2022-04", interp: true},
			{name: "沈阳市建筑工程施工许可管理实施细则", area: "建筑工程施工许可", basis: "《建筑工程施工许可管理办法》", subject: subjBuild, when: "2023-03", amended: "2025-03"},
			{name: "沈阳市老旧小区改造工作实施方案（试行）", area: "老旧小区改造", basis: "《国务院办公厅关于全面推进城镇老旧小区改造工作的指导意见》", subject: subjBuild, when: "2024-05", trial: true},
			{name: "沈阳市保障性租赁住房管理办法", area: "保障性租赁住房管理", basis: "《国务院办公厅关于加快发展保障性租赁住房的意见》", subject: subjHousing, when: "2026-07", interp: true},
		},
		others: []otherItem{
			{col: "art20-5", title: "建筑工程施工许可证核发情况公示（2026年6月）", subject: subjBuild, when: "2026-07", tmpl: "permit", area: "建筑工程施工许可"},
			{col: "art20-5", title: "建筑工程施工许可证核发情况公示（2026年8月）", subject: subjBuild, when: "2026-09", tmpl: "permit", area: "建筑工程施工许可"},
			{col: "art20-5", title: "建筑工程施工许可证核发情况公示（2026年10月）", subject: subjBuild, when: "2026-11", tmpl: "permit", area: "建筑工程施工许可"},
			{col: "art20-10", title: "沈阳地铁3号线一期工程建设进展情况", subject: subjBuild, when: "2025-06", tmpl: "report", area: "地铁建设"},
			{col: "art20-10", title: "2026年沈阳市城市更新重点项目实施情况", subject: subjBuild, when: "2026-09", tmpl: "report", area: "城市更新重点项目"},
			{col: "art20-13", title: "2026年上半年全市建筑施工安全生产监督检查情况通报", subject: subjSafety, when: "2026-07", tmpl: "inspect", area: "建筑施工安全生产"},
			{col: "policy-other", title: "关于做好2025年建筑工地冬季施工安全管理工作的通知", subject: subjSafety, when: "2025-11", tmpl: "notice", area: "冬季施工安全管理"},
			{col: "policy-other", title: "关于开展2026年房地产市场秩序专项整治的通知", subject: subjHousing, when: "2026-08", tmpl: "notice", area: "房地产市场秩序专项整治"},
		},
	},
	{code: "sy-sthjj", series: "沈环发", penalties: "沈环罚", violations: envViolations, subject: subjEnv,
		normative: []normTopic{
			{name: "沈阳市建设项目环境影响评价文件分级审批管理办法", area: "建设项目环境影响评价文件分级审批", basis: "《中华人民共和国环境影响评价法》", subject: subjEnv, when: "2021-12", interp: true, expiring: true},
			{name: "沈阳市排污许可管理实施细则", area: "排污许可管理", basis: "《排污许可管理条例》", subject: subjEnv, when: "2022-09", interp: true},
			{name: "沈阳市生态环境行政处罚自由裁量基准", area: "生态环境行政处罚自由裁量", basis: "《生态环境行政处罚办法》", subject: subjEnv, when: "2023-02", replaced: "2025-12"},
			{name: "沈阳市扬尘污染防治管理办法", area: "扬尘污染防治", basis: "《中华人民共和国大气污染防治法》", subject: subjEnv, when: "2026-06", interp: true},
		},
		others: []otherItem{
			{col: "art20-3", title: "关于印发沈阳市“十四五”生态环境保护规划的通知", subject: subjEnv, when: "2022-03", tmpl: "plan", area: "生态环境保护"},
			{col: "art20-4", title: "2024年沈阳市生态环境状况公报", subject: subjEnv, when: "2025-06", tmpl: "stats", area: "生态环境状况"},
			{col: "art20-4", title: "2025年沈阳市生态环境状况公报", subject: subjEnv, when: "2026-06", tmpl: "stats", area: "生态环境状况"},
			{col: "art20-5", title: "建设项目环境影响评价文件审批结果公示（2026年第一季度）", subject: subjEnv, when: "2026-04", tmpl: "permit", area: "建设项目环境影响评价文件审批"},
			{col: "art20-5", title: "建设项目环境影响评价文件审批结果公示（2026年第二季度）", subject: subjEnv, when: "2026-07", tmpl: "permit", area: "建设项目环境影响评价文件审批"},
			{col: "art20-5", title: "建设项目环境影响评价文件审批结果公示（2026年第三季度）", subject: subjEnv, when: "2026-10", tmpl: "permit", area: "建设项目环境影响评价文件审批"},
			{col: "art20-12", title: "关于印发沈阳市重污染天气应急预案（2024年修订）的通知", subject: subjEmergency, when: "2024-10", tmpl: "emergency", area: "重污染天气应对"},
			{col: "art20-12", title: "关于启动重污染天气黄色预警的通知", subject: subjEmergency, when: "2025-12", tmpl: "notice", area: "重污染天气应急"},
			{col: "art20-13", title: "2026年第一季度重点排污单位监督性监测结果", subject: subjEnv, when: "2026-04", tmpl: "inspect", area: "重点排污单位监督性监测"},
			{col: "art20-13", title: "2026年第二季度重点排污单位监督性监测结果", subject: subjEnv, when: "2026-07", tmpl: "inspect", area: "重点排污单位监督性监测"},
			{col: "art20-13", title: "2026年第三季度重点排污单位监督性监测结果", subject: subjEnv, when: "2026-10", tmpl: "inspect", area: "重点排污单位监督性监测", late: true},
			{col: "policy-other", title: "关于开展2026年度生态环境执法大练兵活动的通知", subject: subjEnv, when: "2026-07", tmpl: "notice", area: "生态环境执法大练兵"},
		},
	},
	{code: "sy-jtj", series: "沈交发", penalties: "沈交罚", violations: transportViolations, subject: subjTransport,
		normative: []normTopic{
			{name: "沈阳市网络预约出租汽车经营服务管理实施细则", area: "网络预约出租汽车经营服务管理", basis: "《网络预约出租汽车经营服务管理暂行办法》", subject: subjTransport, when: "2021-08", interp: true},
			{name: "沈阳市互联网租赁自行车管理办法（试行）", area: "互联网租赁自行车管理", basis: "《交通运输部等十部门关于鼓励和规范互联网租赁自行车发展的指导意见》", subject: subjTransport, when: "2022-06", trial: true},
			{name: "沈阳市城市公共交通运营服务管理办法", area: "城市公共交通运营服务", basis: "《城市公共交通条例》", subject: subjTransport, when: "2024-07", interp: true},
			{name: "沈阳市道路货物运输源头治超管理办法", area: "道路货物运输源头治超", basis: "《公路安全保护条例》", subject: subjTransport, when: "2026-08", interp: true},
		},
		others: []otherItem{
			{col: "art20-3", title: "关于印发沈阳市“十四五”综合交通运输发展规划的通知", subject: subjTransport, when: "2022-02", tmpl: "plan", area: "综合交通运输发展"},
			{col: "art20-5", title: "道路运输经营许可结果公示（2026年第一季度）", subject: subjTransport, when: "2026-04", tmpl: "permit", area: "道路运输经营许可"},
			{col: "art20-5", title: "道路运输经营许可结果公示（2026年第三季度）", subject: subjTransport, when: "2026-10", tmpl: "permit", area: "道路运输经营许可"},
			{col: "art20-10", title: "关于印发沈阳市2025年农村公路建设计划的通知", subject: subjTransport, when: "2025-03", tmpl: "list", area: "农村公路建设"},
			{col: "art20-10", title: "关于印发沈阳市2026年农村公路建设计划的通知", subject: subjTransport, when: "2026-03", tmpl: "list", area: "农村公路建设"},
			{col: "policy-other", title: "关于做好2025年春运工作的通知", subject: subjTransport, when: "2025-01", tmpl: "notice", area: "春运"},
			{col: "policy-other", title: "关于做好2026年春运工作的通知", subject: subjTransport, when: "2026-01", tmpl: "notice", area: "春运"},
			{col: "policy-other", title: "关于做好2026年冬季道路交通运输保通保畅工作的通知", subject: subjTransport, when: "2026-10", tmpl: "notice", area: "冬季道路交通运输保通保畅"},
		},
	},
	{code: "sy-wjw", series: "沈卫发", subject: subjHealth,
		normative: []normTopic{
			{name: "沈阳市医疗机构依法执业自查管理实施办法", area: "医疗机构依法执业自查", basis: "《医疗机构依法执业自查管理办法》", subject: subjHealth, when: "2022-01", interp: true, expiring: true},
			{name: "沈阳市家庭医生签约服务管理办法", area: "家庭医生签约服务", basis: "《关于推进家庭医生签约服务高质量发展的指导意见》", subject: subjHealth, when: "2022-12", interp: true, amended: "2025-09"},
			{name: "沈阳市托育机构管理办法（试行）", area: "托育机构管理", basis: "《托育机构设置标准（试行）》《托育机构管理规范（试行）》", subject: subjHealth, when: "2023-10", trial: true},
			{name: "沈阳市院前医疗急救管理实施细则", area: "院前医疗急救", basis: "《院前医疗急救管理办法》", subject: subjHealth, when: "2026-09", interp: true},
		},
		others: []otherItem{
			{col: "art20-4", title: "2025年沈阳市卫生健康事业发展统计公报", subject: subjHealth, when: "2026-07", tmpl: "stats", area: "卫生健康事业"},
			{col: "art20-5", title: "医疗机构执业许可结果公示（2026年第二季度）", subject: subjHealth, when: "2026-07", tmpl: "permit", area: "医疗机构执业许可"},
			{col: "art20-5", title: "医疗机构执业许可结果公示（2026年第三季度）", subject: subjHealth, when: "2026-10", tmpl: "permit", area: "医疗机构执业许可"},
			{col: "art20-11", title: "关于做好2025年基本公共卫生服务项目工作的通知", subject: subjHealth, when: "2025-06", tmpl: "notice", area: "基本公共卫生服务"},
			{col: "art20-11", title: "关于做好2026年基本公共卫生服务项目工作的通知", subject: subjHealth, when: "2026-06", tmpl: "notice", area: "基本公共卫生服务"},
			{col: "art20-12", title: "关于印发沈阳市突发公共卫生事件应急预案的通知", subject: subjEmergency, when: "2023-03", tmpl: "emergency", area: "突发公共卫生事件应对"},
			{col: "art20-13", title: "2025年公共场所卫生监督抽检结果", subject: subjHealth, when: "2025-12", tmpl: "inspect", area: "公共场所卫生"},
			{col: "art20-13", title: "2026年上半年公共场所卫生监督抽检结果", subject: subjHealth, when: "2026-07", tmpl: "inspect", area: "公共场所卫生"},
			{col: "policy-other", title: "关于做好2026—2027年冬春季传染病防控工作的通知", subject: subjHealth, when: "2026-10", tmpl: "notice", area: "冬春季传染病防控"},
		},
	},
	{code: "sy-scjgj", series: "沈市监发", penalties: "沈市监处罚", violations: marketViolations, subject: subjMarket,
		normative: []normTopic{
			{name: "沈阳市食品小作坊登记管理办法", area: "食品小作坊登记管理", basis: "《辽宁省食品安全条例》", subject: subjFood, when: "2021-10"},
			{name: "沈阳市市场监督管理行政处罚裁量基准", area: "市场监管行政处罚裁量", basis: "《市场监督管理行政处罚程序规定》", subject: subjMarket, when: "2022-08", interp: true, replaced: "2025-08"},
			{name: "沈阳市电梯安全监督管理办法", area: "电梯安全监督管理", basis: "《中华人民共和国特种设备安全法》", subject: subjSafety, when: "2024-01", interp: true},
			{name: "沈阳市经营主体信用风险分类管理办法", area: "经营主体信用风险分类管理", basis: "《企业信息公示暂行条例》", subject: subjMarket, when: "2026-07", interp: true},
		},
		others: []otherItem{
			{col: "art20-5", title: "食品经营许可审批结果公示（2026年第二季度）", subject: subjFood, when: "2026-07", tmpl: "permit", area: "食品经营许可"},
			{col: "art20-5", title: "食品经营许可审批结果公示（2026年第三季度）", subject: subjFood, when: "2026-10", tmpl: "permit", area: "食品经营许可"},
			{col: "art20-13", title: "2026年第1期食品安全监督抽检信息公告", subject: subjFood, when: "2026-02", tmpl: "inspect", area: "食品安全监督抽检"},
			{col: "art20-13", title: "2026年第2期食品安全监督抽检信息公告", subject: subjFood, when: "2026-04", tmpl: "inspect", area: "食品安全监督抽检"},
			{col: "art20-13", title: "2026年第3期食品安全监督抽检信息公告", subject: subjFood, when: "2026-06", tmpl: "inspect", area: "食品安全监督抽检"},
			{col: "art20-13", title: "2026年第4期食品安全监督抽检信息公告", subject: subjFood, when: "2026-08", tmpl: "inspect", area: "食品安全监督抽检"},
			{col: "art20-13", title: "2026年第5期食品安全监督抽检信息公告", subject: subjFood, when: "2026-10", tmpl: "inspect", area: "食品安全监督抽检"},
			{col: "policy-other", title: "关于做好2026年元旦春节期间食品安全工作的通知", subject: subjFood, when: "2025-12", tmpl: "notice", area: "节日期间食品安全"},
			{col: "policy-other", title: "关于开展2026年“双随机、一公开”监管工作的通知", subject: subjMarket, when: "2026-04", tmpl: "notice", area: "“双随机、一公开”监管"},
			{col: "policy-other", title: "关于开展2026年电梯安全专项检查的通知", subject: subjSafety, when: "2026-09", tmpl: "notice", area: "电梯安全专项检查"},
		},
	},
	{code: "sy-zrzyj", series: "沈自然资发", subject: subjLand,
		normative: []normTopic{
			{name: "沈阳市国有建设用地使用权出让管理办法", area: "国有建设用地使用权出让", basis: "《中华人民共和国土地管理法》", subject: subjLand, when: "2022-02", interp: true},
			{name: "沈阳市不动产登记若干规定", area: "不动产登记", basis: "《不动产登记暂行条例》", subject: subjLand, when: "2023-05", interp: true},
			{name: "沈阳市征收集体土地补偿安置办法", area: "征收集体土地补偿安置", basis: "《中华人民共和国土地管理法实施条例》", subject: subjLand, when: "2026-06", interp: true},
		},
		others: []otherItem{
			{col: "art20-3", title: "关于公布沈阳市国土空间总体规划（2021—2035年）的通知", subject: subjLand, when: "2024-09", tmpl: "plan", area: "国土空间规划"},
			{col: "art20-3", title: "沈阳市浑南区部分地块控制性详细规划批前公示", subject: subjLand, when: "2026-05", tmpl: "plan", area: "控制性详细规划"},
			{col: "art20-3", title: "沈阳市铁西区部分地块控制性详细规划批前公示", subject: subjLand, when: "2026-09", tmpl: "plan", area: "控制性详细规划"},
			{col: "art20-5", title: "建设用地规划许可证核发情况公示（2026年第二季度）", subject: subjLand, when: "2026-07", tmpl: "permit", area: "建设用地规划许可"},
			{col: "art20-5", title: "建设用地规划许可证核发情况公示（2026年第三季度）", subject: subjLand, when: "2026-10", tmpl: "permit", area: "建设用地规划许可"},
			{col: "art20-8", title: "关于公布自然资源领域行政事业性收费项目的通知", subject: subjLand, when: "2024-04", tmpl: "list", area: "自然资源领域收费"},
			{col: "policy-other", title: "关于做好2026年度耕地保护工作的通知", subject: subjLand, when: "2026-06", tmpl: "notice", area: "耕地保护"},
		},
	},
	// 民政局 stopped updating its policy columns in 2025: the freshness check has something to
	// report (和平区民政局 too, since 2022).
	{code: "sy-mzj", series: "沈民发", subject: subjWelfare,
		normative: []normTopic{
			{name: "沈阳市临时救助实施办法", area: "临时救助", basis: "《社会救助暂行办法》", subject: subjWelfare, when: "2021-07"},
			{name: "沈阳市养老机构管理实施办法", area: "养老机构管理", basis: "《养老机构管理办法》", subject: subjWelfare, when: "2022-06", interp: true},
			{name: "沈阳市困难残疾人生活补贴和重度残疾人护理补贴实施办法", area: "残疾人两项补贴", basis: "《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》", subject: subjWelfare, when: "2024-11", interp: true},
		},
		others: []otherItem{
			{col: "art20-11", title: "关于提高2024年城乡最低生活保障标准的通知", subject: subjWelfare, when: "2024-06", tmpl: "notice", area: "城乡最低生活保障标准"},
			{col: "art20-11", title: "关于提高2025年城乡最低生活保障标准的通知", subject: subjWelfare, when: "2025-07", tmpl: "notice", area: "城乡最低生活保障标准"},
			{col: "art20-11", title: "关于提高2026年城乡最低生活保障标准的通知", subject: subjWelfare, when: "2026-07", tmpl: "notice", area: "城乡最低生活保障标准", late: true},
			{col: "art20-15", title: "2025年度市本级社会组织年度检查结果公告", subject: subjCivil, when: "2026-06", tmpl: "list", area: "社会组织年度检查"},
			{col: "policy-other", title: "关于做好2025年元旦春节期间困难群众走访慰问工作的通知", subject: subjWelfare, when: "2024-12", tmpl: "notice", area: "困难群众走访慰问"},
			{col: "policy-other", title: "关于开展2025年度社会组织年度检查工作的通知", subject: subjCivil, when: "2025-03", tmpl: "notice", area: "社会组织年度检查"},
		},
	},
	{code: "sy-yshj", series: "沈营商发", subject: subjGovOther,
		normative: []normTopic{
			{name: "沈阳市政务服务“好差评”管理办法", area: "政务服务“好差评”", basis: "《国务院办公厅关于建立政务服务“好差评”制度提高政务服务水平的意见》", subject: subjGovOther, when: "2021-10"},
			{name: "沈阳市营商环境监督员管理办法", area: "营商环境监督员管理", basis: "《辽宁省优化营商环境条例》", subject: subjGovOther, when: "2023-01", interp: true},
			{name: "沈阳市政务服务事项“一网通办”实施办法", area: "政务服务“一网通办”", basis: "《国务院关于加快推进全国一体化在线政务服务平台建设的指导意见》", subject: subjGovOther, when: "2026-06", interp: true},
		},
		others: []otherItem{
			{col: "art20-5", title: "关于公布沈阳市政务服务事项目录（2025年版）的通知", subject: subjGovOther, when: "2025-04", tmpl: "list", area: "政务服务事项目录"},
			{col: "art20-15", title: "2026年第一季度营商环境投诉举报处理情况通报", subject: subjGovOther, when: "2026-04", tmpl: "report", area: "营商环境投诉举报处理"},
			{col: "art20-15", title: "2026年第二季度营商环境投诉举报处理情况通报", subject: subjGovOther, when: "2026-07", tmpl: "report", area: "营商环境投诉举报处理"},
			{col: "art20-15", title: "2026年第三季度营商环境投诉举报处理情况通报", subject: subjGovOther, when: "2026-10", tmpl: "report", area: "营商环境投诉举报处理"},
			{col: "policy-other", title: "关于开展2026年度全市营商环境评价工作的通知", subject: subjGovOther, when: "2026-08", tmpl: "notice", area: "营商环境评价"},
		},
	},
	{code: "hp", series: "沈和政发", office: "沈和政办发", subject: subjGovOther,
		normative: []normTopic{
			{name: "和平区城市精细化管理网格化实施办法", area: "城市精细化网格化管理", basis: "《沈阳市城市市容和环境卫生管理办法》", subject: subjBuild, when: "2021-05", repealed: "2024-11"},
			{name: "和平区居家社区养老服务补贴实施办法", area: "居家社区养老服务补贴", basis: "《辽宁省养老服务条例》", subject: subjWelfare, when: "2021-12", interp: true, expiring: true},
			{name: "和平区促进楼宇经济高质量发展若干政策", area: "楼宇经济发展", basis: "《沈阳市促进民营经济高质量发展若干政策措施》", subject: subjEconomy, when: "2022-05", interp: true, replaced: "2025-05"},
			{name: "和平区老旧小区物业管理办法（试行）", area: "老旧小区物业管理", basis: "《物业管理条例》", subject: subjBuild, when: "2023-03", office: true, trial: true},
			{name: "和平区促进夜间经济发展实施办法", area: "夜间经济发展", basis: "《沈阳市促进消费扩容提质若干措施（试行）》", subject: subjTrade, when: "2024-04", interp: true, corrected: "更正正文第七条引用条款错误"},
			{name: "和平区重点商圈管理办法", area: "重点商圈管理", basis: "《沈阳市优化营商环境条例实施细则》", subject: subjTrade, when: "2026-06", interp: true, late: true},
		},
		others: []otherItem{
			{col: "rules", title: "沈阳市和平区人民政府办公室关于印发和平区政府信息公开工作制度的通知", subject: subjGovOpen, when: "2022-04", tmpl: "notice", area: "政府信息公开"},
			{col: "art20-3", title: "沈阳市和平区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", subject: subjPlan, when: "2021-04", tmpl: "plan", area: "国民经济和社会发展"},
			{col: "art20-12", title: "沈阳市和平区人民政府办公室关于印发和平区突发事件总体应急预案的通知", subject: subjEmergency, when: "2023-08", tmpl: "emergency", area: "突发事件应对"},
			{col: "art20-11", title: "沈阳市和平区人民政府关于印发和平区2026年民生实事项目的通知", subject: subjGovOther, when: "2026-03", tmpl: "notice", area: "民生实事"},
			{col: "policy-other", title: "沈阳市和平区人民政府办公室关于印发和平区2024年政务公开工作要点的通知", subject: subjGovOpen, when: "2024-05", tmpl: "notice", area: "政务公开"},
			{col: "policy-other", title: "沈阳市和平区人民政府办公室关于印发和平区2025年政务公开工作要点的通知", subject: subjGovOpen, when: "2025-05", tmpl: "notice", area: "政务公开"},
			{col: "policy-other", title: "沈阳市和平区人民政府办公室关于印发和平区2026年政务公开工作要点的通知", subject: subjGovOpen, when: "2026-05", tmpl: "notice", area: "政务公开"},
			{col: "policy-other", title: "沈阳市和平区人民政府办公室关于做好2026年冬季清雪工作的通知", subject: subjUtilities, when: "2026-10", tmpl: "notice", area: "冬季清雪"},
		},
	},
	{code: "hp-jyj", series: "沈和教发", subject: subjEducation,
		normative: []normTopic{
			{name: "和平区校外培训机构监督管理办法", area: "校外培训机构监督管理", basis: "《中共中央办公厅 国务院办公厅关于进一步减轻义务教育阶段学生作业负担和校外培训负担的意见》", subject: subjEducation, when: "2026-06", interp: true},
		},
		others: []otherItem{
			{col: "art20-11", title: "关于做好2025年和平区义务教育招生入学工作的通知", subject: subjEducation, when: "2025-05", tmpl: "notice", area: "义务教育招生入学"},
			{col: "art20-11", title: "关于做好2026年和平区义务教育招生入学工作的通知", subject: subjEducation, when: "2026-05", tmpl: "notice", area: "义务教育招生入学"},
			{col: "policy-other", title: "关于开展2026年校园安全隐患排查整治工作的通知", subject: subjEducation, when: "2026-09", tmpl: "notice", area: "校园安全隐患排查整治"},
		},
	},
	{code: "hp-mzj", series: "沈和民发", subject: subjWelfare,
		normative: []normTopic{
			{name: "和平区困难群众临时救助实施细则", area: "困难群众临时救助", basis: "《沈阳市临时救助实施办法》", subject: subjWelfare, when: "2022-09", interp: true},
		},
		others: []otherItem{
			{col: "art20-11", title: "和平区2026年第一季度城乡低保对象名单公示", subject: subjWelfare, when: "2026-04", tmpl: "list", area: "城乡低保"},
			{col: "art20-11", title: "和平区2026年第二季度城乡低保对象名单公示", subject: subjWelfare, when: "2026-07", tmpl: "list", area: "城乡低保"},
			{col: "art20-11", title: "和平区2026年第三季度城乡低保对象名单公示", subject: subjWelfare, when: "2026-10", tmpl: "list", area: "城乡低保"},
			{col: "policy-other", title: "关于做好2026年高龄老人津贴发放工作的通知", subject: subjWelfare, when: "2026-08", tmpl: "notice", area: "高龄老人津贴发放"},
		},
	},
	{code: "hp-scjgj", series: "沈和市监发", penalties: "沈和市监处罚", violations: marketViolations, subject: subjMarket,
		others: []otherItem{
			{col: "art20-13", title: "和平区2026年上半年食品安全监督抽检结果", subject: subjFood, when: "2026-07", tmpl: "inspect", area: "食品安全监督抽检"},
			{col: "art20-13", title: "和平区2026年第三季度食品安全监督抽检结果", subject: subjFood, when: "2026-10", tmpl: "inspect", area: "食品安全监督抽检"},
			{col: "policy-other", title: "关于开展2026年校园周边食品安全专项整治的通知", subject: subjFood, when: "2026-08", tmpl: "notice", area: "校园周边食品安全专项整治"},
		},
	},
	{code: "hp-zjj", series: "沈和建发", subject: subjBuild,
		normative: []normTopic{
			{name: "和平区既有住宅加装电梯补贴办法", area: "既有住宅加装电梯补贴", basis: "《沈阳市既有住宅加装电梯实施办法》", subject: subjBuild, when: "2026-07", interp: true},
		},
		others: []otherItem{
			{col: "art20-5", title: "和平区建筑工程施工许可核发情况公示（2026年第二季度）", subject: subjBuild, when: "2026-07", tmpl: "permit", area: "建筑工程施工许可"},
			{col: "art20-5", title: "和平区建筑工程施工许可核发情况公示（2026年第三季度）", subject: subjBuild, when: "2026-10", tmpl: "permit", area: "建筑工程施工许可"},
			{col: "policy-other", title: "关于做好2026年老旧小区改造项目施工管理工作的通知", subject: subjBuild, when: "2026-07", tmpl: "notice", area: "老旧小区改造施工管理"},
		},
	},
	{code: "sh", series: "沈河政发", office: "沈河政办发", subject: subjGovOther,
		normative: []normTopic{
			{name: "沈河区促进金融业发展若干政策", area: "金融业发展", basis: "《辽宁省地方金融监督管理条例》", subject: subjBanking, when: "2022-07", interp: true},
			{name: "沈河区老旧小区改造实施方案（试行）", area: "老旧小区改造", basis: "《沈阳市老旧小区改造工作实施方案（试行）》", subject: subjBuild, when: "2023-06", office: true, trial: true},
			{name: "沈河区促进中街商圈高质量发展若干措施", area: "中街商圈发展", basis: "《沈阳市促进消费扩容提质若干措施（试行）》", subject: subjTrade, when: "2026-06", interp: true},
		},
		others: []otherItem{
			{col: "rules", title: "沈阳市沈河区人民政府办公室关于印发沈河区政府信息公开工作制度的通知", subject: subjGovOpen, when: "2022-06", tmpl: "notice", area: "政府信息公开"},
			{col: "art20-3", title: "沈阳市沈河区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", subject: subjPlan, when: "2021-05", tmpl: "plan", area: "国民经济和社会发展"},
			{col: "art20-12", title: "沈阳市沈河区人民政府办公室关于印发沈河区防汛应急预案的通知", subject: subjEmergency, when: "2024-06", tmpl: "emergency", area: "防汛"},
			{col: "policy-other", title: "沈阳市沈河区人民政府办公室关于印发沈河区2025年政务公开工作要点的通知", subject: subjGovOpen, when: "2025-05", tmpl: "notice", area: "政务公开"},
			{col: "policy-other", title: "沈阳市沈河区人民政府办公室关于印发沈河区2026年政务公开工作要点的通知", subject: subjGovOpen, when: "2026-05", tmpl: "notice", area: "政务公开"},
			{col: "policy-other", title: "沈阳市沈河区人民政府办公室关于做好2026年安全生产大检查工作的通知", subject: subjSafety, when: "2026-09", tmpl: "notice", area: "安全生产大检查"},
		},
	},
	{code: "sh-jyj", series: "沈河教发", subject: subjEducation,
		normative: []normTopic{
			{name: "沈河区学前教育资助实施办法", area: "学前教育资助", basis: "《关于建立学前教育资助制度的意见》", subject: subjEducation, when: "2026-06", interp: true},
		},
		others: []otherItem{
			{col: "art20-11", title: "关于做好2025年沈河区义务教育招生入学工作的通知", subject: subjEducation, when: "2025-05", tmpl: "notice", area: "义务教育招生入学"},
			{col: "art20-11", title: "关于做好2026年沈河区义务教育招生入学工作的通知", subject: subjEducation, when: "2026-05", tmpl: "notice", area: "义务教育招生入学"},
			{col: "policy-other", title: "关于开展2026年中小学生秋季开学安全检查的通知", subject: subjEducation, when: "2026-08", tmpl: "notice", area: "秋季开学安全检查"},
		},
	},
	{code: "sh-wjj", series: "沈河卫发", subject: subjHealth,
		others: []otherItem{
			{col: "art20-11", title: "关于开展2026年老年人免费健康体检工作的通知", subject: subjHealth, when: "2026-04", tmpl: "notice", area: "老年人健康体检"},
			{col: "art20-13", title: "沈河区2025年医疗机构依法执业监督检查情况通报", subject: subjHealth, when: "2026-01", tmpl: "inspect", area: "医疗机构依法执业"},
			{col: "art20-13", title: "沈河区2026年上半年公共场所卫生监督检查情况通报", subject: subjHealth, when: "2026-07", tmpl: "inspect", area: "公共场所卫生", late: true},
			{col: "policy-other", title: "关于做好2026年秋冬季流感防控工作的通知", subject: subjHealth, when: "2026-09", tmpl: "notice", area: "秋冬季流感防控"},
		},
	},
	{code: "sh-rsj", series: "沈河人社发", subject: subjJobs,
		others: []otherItem{
			{col: "art20-11", title: "关于做好2025年沈河区就业困难人员认定工作的通知", subject: subjJobs, when: "2025-04", tmpl: "notice", area: "就业困难人员认定"},
			{col: "art20-11", title: "关于发放2026年沈河区一次性创业补贴的公示", subject: subjJobs, when: "2026-06", tmpl: "list", area: "一次性创业补贴"},
			{col: "art20-14", title: "沈河区2026年公开招聘社区工作者拟聘用人员公示", subject: subjPersonnel, when: "2026-08", tmpl: "recruit", area: "社区工作者招聘"},
			{col: "policy-other", title: "关于开展2026年根治欠薪冬季专项行动的通知", subject: subjJobs, when: "2026-10", tmpl: "notice", area: "根治欠薪冬季专项行动"},
		},
	},
}

// Words the generator builds companies, places and clauses from.
var (
	companyWords = []string{"鑫源", "华泰", "恒达", "德盛", "金桥", "瑞丰", "众诚", "北方", "盛京", "辽沈",
		"浑河", "启航", "宏远", "东泰", "嘉禾", "永盛", "博远", "中兴", "天润", "铭远"}
	districts = []string{"和平区", "沈河区", "皇姑区", "大东区", "铁西区", "浑南区", "于洪区", "沈北新区", "苏家屯区"}
	streets   = []string{"南京北街", "青年大街", "北陵大街", "建设中路", "小北关街", "浑南中路", "长江北街",
		"沈辽路", "北京街", "和平北大街", "市府大路", "崇山中路"}
	// subUnits are internal divisions that offices list.
	subUnits = []string{"办公室", "政策法规处", "规划财务处", "行政审批处", "监督检查处", "人事处", "机关党委"}
)
