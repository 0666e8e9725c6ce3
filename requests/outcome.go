package requests

import "fmt"

// Outcome is how an application ended. Every terminal application has exactly one, and every
// outcome maps to exactly one leaf row of table 三 of the annual report (shared/spec/annual-report.md).
type Outcome string

// The outcomes, in the order of table 三. The code is stored in the database and used in the API;
// never rename one.
const (
	OutcomeDisclosed              Outcome = "disclosed"                // （一）予以公开, Art. 36(一)(二)
	OutcomePartlyDisclosed        Outcome = "partly_disclosed"         // （二）部分公开, Art. 37
	OutcomeStateSecret            Outcome = "state_secret"             // （三）1, Art. 14
	OutcomeForbiddenByLaw         Outcome = "forbidden_by_law"         // （三）2, Art. 14
	OutcomeSecurityStability      Outcome = "security_stability"       // （三）3, Art. 14
	OutcomeThirdPartyRights       Outcome = "third_party_rights"       // （三）4, Art. 15
	OutcomeInternalAffairs        Outcome = "internal_affairs"         // （三）5, Art. 16
	OutcomeProcessInformation     Outcome = "process_information"      // （三）6, Art. 16
	OutcomeEnforcementFile        Outcome = "enforcement_file"         // （三）7, Art. 16
	OutcomeAdministrativeInquiry  Outcome = "administrative_inquiry"   // （三）8, Art. 36(七)
	OutcomeNotHeld                Outcome = "not_held"                 // （四）1, Art. 36(四)(五)
	OutcomeNeedsNewWork           Outcome = "needs_new_work"           // （四）2, Art. 38
	OutcomeUnclearAfterCorrection Outcome = "unclear_after_correction" // （四）3, Art. 30
	OutcomePetitionComplaint      Outcome = "petition_complaint"       // （五）1, Art. 39
	OutcomeRepeatApplication      Outcome = "repeat_application"       // （五）2, Art. 36(六)
	OutcomePublication            Outcome = "publication"              // （五）3, Art. 39
	OutcomeUnreasonableBulk       Outcome = "unreasonable_bulk"        // （五）4, Art. 35
	OutcomeConfirmOrReissue       Outcome = "confirm_or_reissue"       // （五）5
	OutcomeAbandonedNoCorrection  Outcome = "abandoned_no_correction"  // （六）1, Art. 30
	OutcomeAbandonedFeeUnpaid     Outcome = "abandoned_fee_unpaid"     // （六）2, Art. 42
	OutcomeOther                  Outcome = "other"                    // （六）3, e.g. withdrawn
)

// OutcomeInfo describes an outcome's place in table 三 and its legal basis.
type OutcomeInfo struct {
	Outcome Outcome
	// Group is the table-三 group it counts under: "（一）" … "（六）".
	Group string
	// Number is the sub-row number within the group ("1" … "8"), empty for （一） and （二）.
	Number string
	// Label is the exact leaf-row label without its number, as printed in the national format.
	Label string
	// Basis is the article of the Regulation an officer cites.
	Basis string
	// English is the outcome's name in the English interface.
	English string
}

// Row is the exact label of the outcome's table-三 row as printed, with its number prefix
// (`（一）予以公开`, `4.保护第三方合法权益`).
func (o OutcomeInfo) Row() string {
	if o.Number == "" {
		return o.Group + o.Label
	}
	return o.Number + "." + o.Label
}

// OutcomeGroups are table 三's groups in order with their exact labels.
var OutcomeGroups = []struct{ Group, Label string }{
	{"（一）", "予以公开"},
	{"（二）", "部分公开（区分处理的，只计这一情形，不计其他情形）"},
	{"（三）", "不予公开"},
	{"（四）", "无法提供"},
	{"（五）", "不予处理"},
	{"（六）", "其他处理"},
}

var outcomes = []OutcomeInfo{
	{OutcomeDisclosed, "（一）", "", "予以公开", "第三十六条第（一）（二）项", "Disclosed"},
	{OutcomePartlyDisclosed, "（二）", "", "部分公开（区分处理的，只计这一情形，不计其他情形）", "第三十七条", "Partly disclosed"},
	{OutcomeStateSecret, "（三）", "1", "属于国家秘密", "第十四条", "Withheld: state secret"},
	{OutcomeForbiddenByLaw, "（三）", "2", "其他法律行政法规禁止公开", "第十四条", "Withheld: forbidden by law or regulation"},
	{OutcomeSecurityStability, "（三）", "3", "危及“三安全一稳定”", "第十四条", "Withheld: endangers security or stability"},
	{OutcomeThirdPartyRights, "（三）", "4", "保护第三方合法权益", "第十五条", "Withheld: third-party rights"},
	{OutcomeInternalAffairs, "（三）", "5", "属于三类内部事务信息", "第十六条第一款", "Withheld: internal affairs"},
	{OutcomeProcessInformation, "（三）", "6", "属于四类过程性信息", "第十六条第二款", "Withheld: process information"},
	{OutcomeEnforcementFile, "（三）", "7", "属于行政执法案卷", "第十六条第二款", "Withheld: law-enforcement file"},
	{OutcomeAdministrativeInquiry, "（三）", "8", "属于行政查询事项", "第三十六条第（七）项", "Withheld: administrative inquiry matter"},
	{OutcomeNotHeld, "（四）", "1", "本机关不掌握相关政府信息", "第三十六条第（四）（五）项", "Cannot provide: not held by this body"},
	{OutcomeNeedsNewWork, "（四）", "2", "没有现成信息需要另行制作", "第三十八条", "Cannot provide: would need new work"},
	{OutcomeUnclearAfterCorrection, "（四）", "3", "补正后申请内容仍不明确", "第三十条", "Cannot provide: still unclear after correction"},
	{OutcomePetitionComplaint, "（五）", "1", "信访举报投诉类申请", "第三十九条", "Not processed: petition or complaint"},
	{OutcomeRepeatApplication, "（五）", "2", "重复申请", "第三十六条第（六）项", "Not processed: repeat application"},
	{OutcomePublication, "（五）", "3", "要求提供公开出版物", "第三十九条", "Not processed: published material"},
	{OutcomeUnreasonableBulk, "（五）", "4", "无正当理由大量反复申请", "第三十五条", "Not processed: unreasonable bulk applications"},
	{OutcomeConfirmOrReissue, "（五）", "5", "要求行政机关确认或重新出具已获取信息", "第三十九条", "Not processed: confirm or re-issue held information"},
	{OutcomeAbandonedNoCorrection, "（六）", "1", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "第三十条", "Other: abandoned, no correction"},
	{OutcomeAbandonedFeeUnpaid, "（六）", "2", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "第四十二条", "Other: abandoned, fee unpaid"},
	{OutcomeOther, "（六）", "3", "其他", "", "Other"},
}

// Outcomes lists every outcome in table-三 order.
func Outcomes() []OutcomeInfo { return append([]OutcomeInfo(nil), outcomes...) }

// Info describes o; ok is false for an unknown code.
func (o Outcome) Info() (OutcomeInfo, bool) {
	for _, info := range outcomes {
		if info.Outcome == o {
			return info, true
		}
	}
	return OutcomeInfo{}, false
}

// Valid reports whether o is a known outcome code.
func (o Outcome) Valid() bool { _, ok := o.Info(); return ok }

// ParseOutcome accepts an outcome code, a table-三 row label as printed (`（一）予以公开`,
// `4.保护第三方合法权益`), or the same label without its number prefix. Imports from older
// systems use all three.
func ParseOutcome(s string) (Outcome, error) {
	for _, info := range outcomes {
		if s == string(info.Outcome) || s == info.Label || s == info.Row() {
			return info.Outcome, nil
		}
	}
	// The short form of （二）'s label, as officers write it.
	if s == "部分公开" || s == "（二）部分公开" {
		return OutcomePartlyDisclosed, nil
	}
	return "", fmt.Errorf("unknown outcome %q", s)
}

// ApplicantType is the applicant column of table 三.
type ApplicantType string

// Applicant types in table-三 column order.
const (
	ApplicantPerson        ApplicantType = "person"         // 自然人
	ApplicantCompany       ApplicantType = "company"        // 商业企业
	ApplicantResearch      ApplicantType = "research"       // 科研机构
	ApplicantNonprofit     ApplicantType = "nonprofit"      // 社会公益组织
	ApplicantLegalServices ApplicantType = "legal_services" // 法律服务机构
	ApplicantOther         ApplicantType = "other"          // 其他
)

// ApplicantTypes lists the applicant types in table-三 column order with their exact labels.
var ApplicantTypes = []struct {
	Type    ApplicantType
	Label   string
	English string
}{
	{ApplicantPerson, "自然人", "Natural person"},
	{ApplicantCompany, "商业企业", "Business"},
	{ApplicantResearch, "科研机构", "Research institution"},
	{ApplicantNonprofit, "社会公益组织", "Non-profit organisation"},
	{ApplicantLegalServices, "法律服务机构", "Legal services"},
	{ApplicantOther, "其他", "Other organisation"},
}

// ParseApplicantType accepts a code or a table-三 column label.
func ParseApplicantType(s string) (ApplicantType, error) {
	for _, a := range ApplicantTypes {
		if s == string(a.Type) || s == a.Label {
			return a.Type, nil
		}
	}
	return "", fmt.Errorf("unknown applicant type %q", s)
}
