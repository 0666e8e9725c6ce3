package seed

import "xxgk/requests"

// The demo applications' content: what people ask each demo body for, who they are, and how
// the offices answer. Requests are typical of a Chinese city's disclosure applications; people,
// companies, plots and projects are made up. Placeholders: {Y} a year up to the one received,
// {Y0} the year before {Y}, {D} a district of Shenyang, {P} a place name (plot, estate, project),
// {C} a company, {R} a road, {N} a metro line.

// appTopics are the usual requests of each body.
var appTopics = map[string][]string{
	"sy": {
		"申请公开沈阳市{Y}年政府工作报告重点任务分解及落实情况",
		"申请公开{D}{P}地块国有土地上房屋征收决定及补偿安置方案",
		"申请公开沈阳市{Y}年民生实事项目清单及完成情况",
		"申请公开沈阳市人民政府关于{D}{P}片区城市更新实施方案的批复",
		"申请公开沈阳市{Y}年政府信息公开工作年度报告中依申请公开数据的统计口径",
	},
	"sy-fgw": {
		"申请公开沈阳市{Y}年城镇老旧小区改造中央预算内投资计划及项目清单",
		"申请公开沈阳市{Y}年重点建设项目名单及年度投资计划",
		"申请公开{C}{P}项目的核准（备案）文件",
		"申请公开沈阳市居民生活用气价格调整的成本监审报告及听证会材料",
		"申请公开沈阳市{Y}年集中供热价格成本监审结论",
		"申请公开{D}{P}项目的节能审查意见",
		"申请公开沈阳市{Y}年社会信用体系建设工作要点及失信惩戒对象认定依据",
		"申请公开沈阳市{Y}年地方粮食储备规模及轮换计划",
		"申请公开沈阳市{Y}年以工代赈项目资金安排及劳务报酬发放情况",
	},
	"sy-jyj": {
		"申请公开沈阳市{Y}年义务教育阶段学区划分方案及{D}各学校招生范围",
		"申请公开沈阳市{Y}年中考各批次录取控制分数线及录取人数",
		"申请公开{D}{P}学校新建工程的立项批复及建设资金来源",
		"申请公开沈阳市{Y}年中小学教师招聘面试成绩及拟聘用人员名单",
		"申请公开沈阳市{Y}年校外培训机构审批及年检结果",
	},
	"sy-czj": {
		"申请公开沈阳市{Y}年市本级部门预算明细及“三公”经费支出情况",
		"申请公开沈阳市{Y}年政府债务限额及专项债券资金使用项目清单",
		"申请公开沈阳市{Y}年政府采购{P}项目的采购合同",
		"申请公开沈阳市{Y}年对{D}的转移支付资金分配明细",
		"申请公开沈阳市{Y}年惠民惠农财政补贴资金发放明细",
	},
	"sy-rsj": {
		"申请公开沈阳市{Y}年最低工资标准调整的测算依据",
		"申请公开沈阳市{Y}年事业单位公开招聘考试成绩及拟聘用人员名单",
		"申请公开对{C}拖欠工资问题的劳动保障监察处理决定",
		"申请公开沈阳市{Y}年企业职工基本养老保险基金收支情况",
		"申请公开沈阳市{Y}年职业技能培训补贴发放名单",
	},
	"sy-zjj": {
		"申请公开沈阳市{Y}年老旧小区改造项目清单及资金使用情况",
		"申请公开{D}{P}小区的竣工验收备案材料",
		"申请公开{C}开发的{P}项目商品房预售许可证及预售资金监管账户信息",
		"申请公开沈阳市{Y}年公共租赁住房分配名单及轮候情况",
		"申请公开{D}{P}小区住宅专项维修资金使用情况",
		"申请公开{D}{P}项目的建筑工程施工许可证",
	},
	"sy-sthjj": {
		"申请公开{C}{P}项目的环境影响报告书及环评批复",
		"申请公开{D}{P}垃圾焚烧发电厂{Y}年污染物排放自行监测数据",
		"申请公开沈阳市{Y}年环境监管重点单位名录",
		"申请公开对{C}的环境行政处罚决定书",
		"申请公开{D}{R}沿线噪声污染投诉的监测报告",
	},
	"sy-jtj": {
		"申请公开沈阳地铁{N}号线{P}段工程的建设批复及征地范围",
		"申请公开沈阳市{Y}年巡游出租汽车经营权配置方案",
		"申请公开{D}{R}改造工程的施工许可及交通组织方案",
		"申请公开沈阳市{Y}年公交线路调整的论证报告",
	},
	"sy-wjw": {
		"申请公开沈阳市{Y}年医疗机构执业许可校验结果",
		"申请公开沈阳市{Y}年基本公共卫生服务项目资金分配情况",
		"申请公开沈阳市{Y}年卫生健康系统事业单位招聘拟聘用人员名单",
		"申请公开{D}{P}社区卫生服务中心{Y}年绩效考核结果",
	},
	"sy-scjgj": {
		"申请公开{C}的企业登记档案（股东及出资情况）",
		"申请公开沈阳市{Y}年食品安全监督抽检不合格产品信息",
		"申请公开对{C}的行政处罚决定书",
		"申请公开沈阳市{Y}年电梯安全监督检查结果",
	},
	"sy-zrzyj": {
		"申请公开{D}{P}地块国有建设用地使用权出让合同",
		"申请公开{D}{P}地块征收补偿安置方案及征地批复",
		"申请公开{D}{P}片区控制性详细规划调整的批复",
		"申请公开{D}{P}集体土地征收的土地现状调查结果",
		"申请公开{C}{P}项目的建设用地规划许可证及附图",
	},
	"sy-mzj": {
		"申请公开沈阳市{Y}年城乡低保资金发放情况及保障人数",
		"申请公开沈阳市{Y}年养老服务机构运营补贴发放明细",
		"申请公开沈阳市{Y}年社会组织年度检查结果",
		"申请公开{D}{P}社区居民委员会换届选举结果",
	},
	"sy-yshj": {
		"申请公开沈阳市{Y}年营商环境评价报告",
		"申请公开沈阳市{Y}年12345热线关于{D}供暖问题诉求的办理统计",
		"申请公开沈阳市政务服务事项清单（{Y}年版）的编制依据",
	},
	"hp": {
		"申请公开和平区{Y}年老旧小区改造项目清单及资金使用情况",
		"申请公开和平区{P}地块国有土地上房屋征收补偿方案",
		"申请公开和平区{Y}年部门预算明细",
		"申请公开和平区{Y}年民生实事项目完成情况",
	},
	"hp-jyj": {
		"申请公开和平区{Y}年小学入学学区划分及{P}小学招生范围",
		"申请公开和平区{Y}年义务教育教师交流轮岗名单",
		"申请公开和平区{P}学校校舍维修工程的招标及验收材料",
	},
	"hp-mzj": {
		"申请公开和平区{Y}年最低生活保障及特困供养审批情况",
		"申请公开和平区{Y}年居家养老服务补贴发放明细",
		"申请公开和平区{P}社区养老服务中心运营方的招标文件",
	},
	"hp-scjgj": {
		"申请公开{C}的食品经营许可及{Y}年监督检查记录",
		"申请公开本人对{C}投诉举报的处理结果",
		"申请公开和平区{Y}年餐饮服务单位量化分级结果",
	},
	"hp-zjj": {
		"申请公开和平区{P}小区{Y}年老旧小区改造工程的设计方案及施工合同",
		"申请公开和平区{P}小区住宅专项维修资金使用情况",
		"申请公开和平区{Y}年既有住宅加装电梯补贴发放名单",
		"申请公开和平区{P}小区危房鉴定报告",
	},
	"sh": {
		"申请公开沈河区{P}地块国有土地上房屋征收补偿安置方案",
		"申请公开沈河区{Y}年部门预算明细及“三公”经费",
		"申请公开沈河区{Y}年老旧小区改造项目清单",
	},
	"sh-jyj": {
		"申请公开沈河区{Y}年义务教育学区划分方案",
		"申请公开沈河区{Y}年普惠性民办幼儿园认定名单",
	},
	"sh-wjj": {
		"申请公开沈河区{Y}年社区卫生服务中心绩效考核结果",
		"申请公开沈河区{P}诊所医疗废物处置的检查记录",
	},
	"sh-rsj": {
		"申请公开沈河区{Y}年公益性岗位人员名单及补贴发放情况",
		"申请公开沈河区{Y}年就业补助资金使用情况",
	},
}

// outcomeTopics are requests whose nature decides the outcome (a complaint, a request for a
// publication, a query about oneself); random applications with these outcomes take one.
var outcomeTopics = map[requests.Outcome][]string{
	requests.OutcomePetitionComplaint: {
		"反映{D}{P}小区开发商夜间违规施工噪声扰民，要求查处并公开处理结果",
		"举报{C}违规排放污水，要求公开查处情况",
		"投诉{D}某街道工作人员服务态度问题，要求调查处理",
	},
	requests.OutcomeAdministrativeInquiry: {
		"查询本人{Y}年城镇职工养老保险缴费记录",
		"查询本人名下的不动产登记信息",
		"查询本人公共租赁住房轮候排序情况",
	},
	requests.OutcomeRepeatApplication: {
		"再次申请公开{D}{P}地块征收补偿安置方案（本机关已于此前作出答复）",
	},
	requests.OutcomeUnclearAfterCorrection: {
		"申请公开关于我家房子的有关文件",
		"申请公开有关部门那个关于拆迁的文件",
	},
	requests.OutcomeAbandonedNoCorrection: {
		"申请公开{D}拆迁的有关情况",
		"申请公开我反映问题的所有材料",
	},
}

// appSpecial is an application whose outcome is rare: every year of the demo has one of each,
// so that every row of the annual report's table 三 is filled.
type appSpecial struct {
	body    string
	outcome requests.Outcome
	text    string
}

var appSpecials = []appSpecial{
	{"sy-jtj", requests.OutcomeDisclosed, "申请公开沈阳市{Y}年公交线路调整的论证报告"},
	{"sy-czj", requests.OutcomePartlyDisclosed, "申请公开沈阳市{Y}年政府采购{P}项目的采购合同"},
	{"sy", requests.OutcomeStateSecret, "申请公开沈阳市人民防空工程总体规划及重要防护目标分布图"},
	{"sy-jyj", requests.OutcomeForbiddenByLaw, "申请公开{D}某中学涉罪未成年学生的处分及案件记录"},
	{"sy-sthjj", requests.OutcomeSecurityStability, "申请公开沈阳市饮用水水源地取水口、加压泵站的具体位置及安保布防方案"},
	{"sy-zrzyj", requests.OutcomeThirdPartyRights, "申请公开{D}{P}小区邻居家的房屋征收补偿协议及补偿金额"},
	{"sy-rsj", requests.OutcomeInternalAffairs, "申请公开本局{Y}年机关工作人员考勤管理及内部财务报销规定"},
	{"sy-fgw", requests.OutcomeProcessInformation, "申请公开{C}{P}项目核准过程中的内部审查意见及专家论证会讨论记录"},
	{"sy-scjgj", requests.OutcomeEnforcementFile, "申请公开对{C}行政处罚案件的全部执法案卷，包括调查询问笔录和证据材料"},
	{"sy-rsj", requests.OutcomeAdministrativeInquiry, "查询本人{Y}年城镇职工养老保险缴费记录"},
	{"sy-wjw", requests.OutcomeNotHeld, "申请公开{D}{P}医院新建住院部的建设工程规划许可证"},
	{"sy-zjj", requests.OutcomeNeedsNewWork, "申请按区、按年份汇总统计{Y0}—{Y}年全市商品房预售许可面积及均价，并制作分析报表"},
	{"hp", requests.OutcomeUnclearAfterCorrection, "申请公开关于我家房子的有关文件"},
	{"hp-zjj", requests.OutcomePetitionComplaint, "反映{P}小区楼上住户私自拆改承重墙，要求住建部门查处并公开处理结果"},
	{"sy-fgw", requests.OutcomeRepeatApplication, "再次申请公开沈阳市{Y}年集中供热价格成本监审结论（本机关已于此前作出答复）"},
	{"sy", requests.OutcomePublication, "要求提供《沈阳市人民政府公报》{Y}年全年各期的纸质版"},
	{"sy-zrzyj", requests.OutcomeUnreasonableBulk, "申请公开{D}{Y0}年以来全部土地征收项目的所有批复、会议纪要、补偿协议、公告及经办人员名单"},
	{"sy-zjj", requests.OutcomeConfirmOrReissue, "要求对此前答复提供的{P}小区规划许可证复印件加盖公章，确认其真实性"},
	{"sh", requests.OutcomeAbandonedNoCorrection, "申请公开沈河区拆迁的有关情况"},
	{"hp-scjgj", requests.OutcomeAbandonedFeeUnpaid, "申请获取和平区{Y}年全部食品经营许可证核发档案的纸质复印件"},
	{"sy-mzj", requests.OutcomeOther, "申请公开沈阳市{Y}年养老服务机构运营补贴发放明细"},
}

// answerTexts summarise each outcome's answer (the letter itself is generated from the outcome).
var answerTexts = map[requests.Outcome]string{
	requests.OutcomeDisclosed:              "经审查，您申请获取的政府信息属于公开范围，现予以提供，详见附件。",
	requests.OutcomePartlyDisclosed:        "经审查，您申请获取的信息中部分内容涉及商业秘密和个人隐私，已作区分处理，对可以公开的部分予以提供。",
	requests.OutcomeStateSecret:            "经审查，您申请获取的信息经依法确定为国家秘密，根据条例第十四条，不予公开。",
	requests.OutcomeForbiddenByLaw:         "您申请获取的信息属于法律禁止公开的未成年人相关记录，根据条例第十四条，不予公开。",
	requests.OutcomeSecurityStability:      "您申请获取的信息公开后可能危及公共安全，根据条例第十四条，不予公开。",
	requests.OutcomeThirdPartyRights:       "经征求第三方意见，第三方不同意公开，且不公开不会对公共利益造成重大影响，根据条例第十五条，不予公开。",
	requests.OutcomeInternalAffairs:        "您申请获取的信息属于本机关内部管理信息，根据条例第十六条第一款，不予公开。",
	requests.OutcomeProcessInformation:     "您申请获取的信息属于审查过程中的讨论记录和内部意见，根据条例第十六条第二款，不予公开。",
	requests.OutcomeEnforcementFile:        "您申请获取的信息属于行政执法案卷，根据条例第十六条第二款，不予公开。",
	requests.OutcomeAdministrativeInquiry:  "您申请的是查询与本人相关的登记或缴费信息，属于行政查询事项，请持身份证件按有关规定办理查询。",
	requests.OutcomeNotHeld:                "经检索，本机关未制作或获取您申请的信息；据了解该信息由其他机关掌握，已在答复书中告知其名称和联系方式。",
	requests.OutcomeNeedsNewWork:           "本机关没有您要求的汇总分析报表，需另行制作，根据条例第三十八条，无法提供。",
	requests.OutcomeUnclearAfterCorrection: "经补正，您的申请内容仍不明确，无法确定所需信息，根据条例第三十条，无法提供。",
	requests.OutcomePetitionComplaint:      "您的申请属于投诉举报事项，已转本机关执法部门按照相关程序处理。",
	requests.OutcomeRepeatApplication:      "本机关已就相同内容作出答复，您重复申请，根据条例第三十六条第（六）项，不予重复处理。",
	requests.OutcomePublication:            "您要求提供的为公开出版物，可通过图书馆或出版发行渠道获取。",
	requests.OutcomeUnreasonableBulk:       "您申请的数量明显超过合理范围，且未说明理由，根据条例第三十五条，不予处理。",
	requests.OutcomeConfirmOrReissue:       "您要求本机关确认已获取的信息，不属于政府信息公开申请，不予处理。",
}

// appDistricts are the districts of Shenyang with their administrative division codes, postcodes and a few streets.
var appDistricts = []struct {
	name, code, postcode string
	streets              []string
}{
	{"和平区", "210102", "110001", []string{"南京南街", "太原北街", "中华路", "三好街", "长白西路"}},
	{"沈河区", "210103", "110011", []string{"青年大街", "北京街", "五爱街", "小北关街", "大南街"}},
	{"大东区", "210104", "110041", []string{"东北大马路", "小什字街", "大东路", "东望街"}},
	{"皇姑区", "210105", "110031", []string{"黄河南大街", "崇山中路", "北陵大街", "昆山中路"}},
	{"铁西区", "210106", "110021", []string{"兴华北街", "建设东路", "北二中路", "保工街"}},
	{"苏家屯区", "210111", "110101", []string{"枫杨路", "雪松路", "迎春街"}},
	{"浑南区", "210112", "110179", []string{"浑南中路", "全运路", "金卡路", "创新路"}},
	{"沈北新区", "210113", "110121", []string{"蒲河路", "道义南大街", "虎石台大街"}},
	{"于洪区", "210114", "110141", []string{"黄海路", "洪湖北街", "沈辽西路"}},
}

var (
	places   = []string{"北市场", "南湖", "长白岛", "五里河", "西塔", "太原街", "中街", "南塔", "北陵", "砂山", "马路湾", "浑河湾", "滂江街", "保工街", "兴顺", "塔湾", "万柳塘", "长青"}
	roads    = []string{"青年大街", "南京街", "北陵大街", "黄河大街", "沈辽路", "北一路", "文化路", "浑南大道"}
	surnames = []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗",
		"郑", "梁", "谢", "宋", "唐", "韩", "冯", "于", "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "姜", "崔", "谭", "付", "白", "孟"}
	givenNames = []string{"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞",
		"平", "刚", "桂英", "建华", "志强", "海燕", "玉兰", "春梅", "国庆", "晓东", "立新", "淑珍", "丽娟", "宏伟", "雪梅", "振华", "子涵", "浩然", "思雨", "一鸣",
		"宇轩", "欣怡", "凤霞", "德明", "文斌", "红梅", "建国", "成林"}
)

// demoOrg is an organisation that applies; prefix is the first two characters of its unified
// social credit code (registering authority and type: 91 enterprise, 12 public institution,
// 31 law firm, 51/52/53 social organisations, N2 rural collective).
type demoOrg struct {
	kind     requests.ApplicantType
	name     string
	prefix   string
	region   string
	legalRep string
	contact  string
	address  string
}

var demoOrgs = []demoOrg{
	{requests.ApplicantCompany, "沈阳华信置业有限公司", "91", "210102", "郑国梁", "刘晓东", "沈阳市和平区三好街56号"},
	{requests.ApplicantCompany, "辽宁盛京建设工程有限公司", "91", "210103", "韩立新", "孙艳", "沈阳市沈河区青年大街219号"},
	{requests.ApplicantCompany, "沈阳北方环保科技有限公司", "91", "210112", "高振华", "王磊", "沈阳市浑南区创新路155号"},
	{requests.ApplicantCompany, "沈阳东陵物业管理有限公司", "91", "210104", "吕德明", "何静", "沈阳市大东区东望街22号"},
	{requests.ApplicantCompany, "辽宁恒通新能源有限公司", "91", "210106", "唐宏伟", "许丽", "沈阳市铁西区北二中路8号"},
	{requests.ApplicantCompany, "沈阳鑫源商贸有限公司", "91", "210114", "袁成林", "袁子涵", "沈阳市于洪区黄海路101号"},
	{requests.ApplicantLegalServices, "辽宁正和律师事务所", "31", "210102", "程文斌", "彭思雨", "沈阳市和平区南京南街1号"},
	{requests.ApplicantLegalServices, "辽宁盛达律师事务所", "31", "210103", "曹建国", "谭一鸣", "沈阳市沈河区北京街7号"},
	{requests.ApplicantLegalServices, "沈阳市浑南区法律援助中心", "12", "210112", "傅玉兰", "姜浩然", "沈阳市浑南区全运路33号"},
	{requests.ApplicantResearch, "东北城市发展研究院", "12", "210105", "沈成林", "崔欣怡", "沈阳市皇姑区崇山中路61号"},
	{requests.ApplicantResearch, "辽宁省环境规划研究中心", "12", "210103", "宋海燕", "白宇轩", "沈阳市沈河区大南街45号"},
	{requests.ApplicantNonprofit, "沈阳市绿色家园环保志愿者协会", "51", "210102", "萧红梅", "林子涵", "沈阳市和平区长白西路9号"},
	{requests.ApplicantNonprofit, "沈阳市和平区阳光助残服务中心", "52", "210102", "梁淑珍", "董丽娟", "沈阳市和平区太原北街88号"},
	{requests.ApplicantNonprofit, "辽宁省公益环境保护基金会", "53", "210100", "谢振华", "冯凤霞", "沈阳市沈河区五爱街12号"},
	{requests.ApplicantOther, "沈阳市沈北新区兴隆台村股份经济合作社", "N2", "210113", "孟德明", "孟国庆", "沈阳市沈北新区蒲河路300号"},
	{requests.ApplicantOther, "沈阳市苏家屯区枫杨社区业主大会", "Y1", "210111", "于春梅", "罗晓东", "沈阳市苏家屯区枫杨路19号"},
}

// bulkApplicant is the company whose many applications in one month are charged by the
// piece (按件计收), and bulkPerson the person whose fee goes unpaid.
var bulkApplicant = demoOrg{requests.ApplicantCompany, "沈阳智信企业管理咨询有限公司", "91", "210112", "周立新", "周晓东", "沈阳市浑南区金卡路16号"}

// officeHeads approve extensions (条例第三十三条): the head of each body's disclosure office.
var officeHeads = []string{"王建华", "李淑珍", "张宏伟", "刘振华", "陈海燕", "赵国庆", "孙立新", "周春梅"}
