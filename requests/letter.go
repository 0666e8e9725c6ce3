package requests

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/go-pdf/fpdf"

	"xxgk/calendar"
	"xxgk/typeset"
)

// Letter is what an answer letter (答复书 or 告知书) says. It goes to the applicant, so nothing in
// it is masked. Build it from the application and its answer; WriteLetterPDF renders it.
type Letter struct {
	BodyName    string // the answering body, as it signs
	BodyAddress string // for the contact line; optional
	BodyPhone   string // for the contact line; optional
	TrackingNo  string
	// ApplicantName is the applicant's full name (a person or an organisation): the letter is
	// addressed to them.
	ApplicantName    string
	ApplicantAddress string // where the letter is delivered; optional
	ReceivedOn       calendar.Date
	Description      string // what was asked, as the applicant wrote it
	Outcome          Outcome
	// AnswerText is the officer's own text after the decision: reasons, where the information is
	// published, what is released and how. Newlines separate paragraphs.
	AnswerText    string
	ReleasedFiles []string // names of the files released with the letter, listed as 附件
	Date          calendar.Date
	// ReviewBody and CourtName are where the applicant may seek administrative review and sue;
	// empty gives the general wording DefaultReviewBody / DefaultCourtName.
	ReviewBody, CourtName string

	// AlreadyPublished, for OutcomeDisclosed, says the information was already published
	// proactively (Art. 36(一): the letter tells where) rather than provided now (Art. 36(二)).
	AlreadyPublished bool
	// NotThisBody, for OutcomeNotHeld, says the information is not this body's to disclose
	// (Art. 36(五)) rather than not existing after a search (Art. 36(四)); ReferTo names the body
	// that is responsible, when known.
	NotThisBody bool
	ReferTo     string
}

// The remedy wording when a letter names no particular review body or court.
const (
	DefaultReviewBody = "本机关的上一级行政机关或者同级人民政府"
	DefaultCourtName  = "有管辖权的人民法院"
)

// Letter titles.
const (
	TitleAnswer = "政府信息公开申请答复书"
	TitleNotice = "政府信息公开申请告知书"
)

// regulation is the law every letter cites.
const regulation = "《中华人民共和国政府信息公开条例》"

// LetterTitle is the title of the letter that concludes an application with o. Decisions on
// disclosure itself — groups （一） to （三） of table 三: disclosed, partly disclosed, withheld
// (including the administrative-inquiry matters of Art. 36(七), which are a decision not to
// disclose through this channel) — are answers (答复书). Outcomes where the body decides nothing
// about disclosure but informs the applicant — groups （四） to （六）: the information is not
// held or not this body's, would need new work, the application is not processed, abandoned or
// otherwise ended — are notices (告知书). An unknown outcome gets the answer title.
func LetterTitle(o Outcome) string {
	info, ok := o.Info()
	if !ok {
		return TitleAnswer
	}
	switch info.Group {
	case "（四）", "（五）", "（六）":
		return TitleNotice
	}
	return TitleAnswer
}

// ChineseDate writes d as official documents date it since GB/T 9704-2012 (§7.3.5.3: Arabic
// numerals, the year in full, no leading zeros): 2026年11月23日.
func ChineseDate(d calendar.Date) string {
	y, m, dd := d.Date()
	return strconv.Itoa(y) + "年" + strconv.Itoa(int(m)) + "月" + strconv.Itoa(dd) + "日"
}

// Validate reports what is missing or inconsistent; the error text is English, for logs and the
// officer's console, naming the field.
func (l Letter) Validate() error {
	var problems []string
	for _, f := range []struct{ name, v string }{
		{"body name", l.BodyName}, {"tracking number", l.TrackingNo},
		{"applicant name", l.ApplicantName}, {"description", l.Description},
	} {
		if strings.TrimSpace(f.v) == "" {
			problems = append(problems, f.name+" is empty")
		}
	}
	if !l.Outcome.Valid() {
		problems = append(problems, fmt.Sprintf("unknown outcome %q", l.Outcome))
	}
	if l.ReceivedOn.IsZero() {
		problems = append(problems, "received date is missing")
	}
	if l.Date.IsZero() {
		problems = append(problems, "letter date is missing")
	} else if !l.ReceivedOn.IsZero() && l.Date.Before(l.ReceivedOn) {
		problems = append(problems, fmt.Sprintf("letter date %s is before the received date %s", l.Date, l.ReceivedOn))
	}
	if len(problems) > 0 {
		return errors.New("requests: letter: " + strings.Join(problems, "; "))
	}
	return nil
}

// letterText is the letter's wording, paragraph by paragraph, before layout.
type letterText struct {
	title       string
	number      string   // 申请编号 line
	addressee   string   // 张三：
	paragraphs  []string // body text, each drawn with a two-character indent
	closing     []string // the remedy and 特此答复: kept on the page of the signature
	attachments []string
	signature   string
	date        string
	notes       []string // contact lines after the date
}

func (l Letter) text() letterText {
	info, _ := l.Outcome.Info()
	title := LetterTitle(l.Outcome)
	t := letterText{
		title:     title,
		number:    "申请编号：" + l.TrackingNo,
		addressee: strings.TrimSpace(l.ApplicantName) + "：",
		signature: strings.TrimSpace(l.BodyName),
		date:      ChineseDate(l.Date),
	}
	t.paragraphs = append(t.paragraphs, "本机关于"+ChineseDate(l.ReceivedOn)+"收到您（单位）提交的政府信息公开申请，申请获取“"+
		oneLine(l.Description)+"”的政府信息。")
	t.paragraphs = append(t.paragraphs, decision(l, info))
	for _, p := range strings.Split(l.AnswerText, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			t.paragraphs = append(t.paragraphs, p)
		}
	}
	word := "答复"
	if title == TitleNotice {
		word = "告知"
	}
	review, court := strings.TrimSpace(l.ReviewBody), strings.TrimSpace(l.CourtName)
	if review == "" {
		review = DefaultReviewBody
	}
	if court == "" {
		court = DefaultCourtName
	}
	t.closing = []string{"如对本" + word + "不服，可以自收到本" + word + "之日起60日内向" + review +
		"申请行政复议，或者在6个月内向" + court + "提起行政诉讼。", "特此" + word + "。"}
	for _, f := range l.ReleasedFiles {
		if f = strings.TrimSpace(f); f != "" {
			t.attachments = append(t.attachments, f)
		}
	}
	var contact []string
	if s := strings.TrimSpace(l.BodyAddress); s != "" {
		contact = append(contact, "联系地址："+s)
	}
	if s := strings.TrimSpace(l.BodyPhone); s != "" {
		contact = append(contact, "联系电话："+s)
	}
	if len(contact) > 0 {
		t.notes = append(t.notes, strings.Join(contact, "　"))
	}
	if s := strings.TrimSpace(l.ApplicantAddress); s != "" {
		t.notes = append(t.notes, "送达地址："+s)
	}
	return t
}

// oneLine folds the applicant's description into one run of text, which the letter quotes, and
// drops the full stop it may end with (the letter's sentence supplies its own).
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.TrimRight(s, "。.；;，, ")
}

// decision is the paragraph that states the outcome and cites its article (OutcomeInfo.Basis,
// except where the letter's facts select one item of a multi-item basis).
func decision(l Letter, info OutcomeInfo) string {
	cite := func(basis string) string { return "根据" + regulation + basis + "的规定，" }
	basis := cite(info.Basis)
	switch info.Outcome {
	case OutcomeDisclosed:
		if l.AlreadyPublished {
			return "经审查，您申请获取的政府信息本机关已经主动公开。" + cite("第三十六条第（一）项") + "现告知您获取该政府信息的方式和途径。"
		}
		s := "经审查，您申请获取的政府信息属于公开范围。" + cite("第三十六条第（二）项") + "本机关决定予以公开"
		if len(l.ReleasedFiles) > 0 {
			return s + "，现将该政府信息提供给您（见附件）。"
		}
		return s + "。"
	case OutcomePartlyDisclosed:
		s := "经审查，您申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理。" + basis +
			"本机关决定部分公开：可以公开的内容予以提供"
		if len(l.ReleasedFiles) > 0 {
			s += "（见附件）"
		}
		return s + "，其余内容不予公开。"
	case OutcomeStateSecret:
		return "经审查，您申请获取的政府信息属于国家秘密。" + basis + "本机关决定不予公开。"
	case OutcomeForbiddenByLaw:
		return "经审查，您申请获取的政府信息属于法律、行政法规禁止公开的政府信息。" + basis + "本机关决定不予公开。"
	case OutcomeSecurityStability:
		return "经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。" + basis + "本机关决定不予公开。"
	case OutcomeThirdPartyRights:
		return "经审查，您申请获取的政府信息涉及商业秘密、个人隐私等公开后会对第三方合法权益造成损害的内容，且第三方不同意公开，" +
			"不公开亦不会对公共利益造成重大影响。" + basis + "本机关决定不予公开。"
	case OutcomeInternalAffairs:
		return "经审查，您申请获取的政府信息属于人事管理、后勤管理、内部工作流程等方面的内部事务信息。" + basis + "本机关决定不予公开。"
	case OutcomeProcessInformation:
		return "经审查，您申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息。" +
			basis + "本机关决定不予公开。"
	case OutcomeEnforcementFile:
		return "经审查，您申请获取的政府信息属于行政执法案卷信息。" + basis + "本机关决定不予公开。"
	case OutcomeAdministrativeInquiry:
		return "经审查，您申请获取的信息属于工商、不动产登记资料等有关法律、行政法规对信息的获取有特别规定的情形。" + basis +
			"请您依照有关法律、行政法规的规定办理。"
	case OutcomeNotHeld:
		if l.NotThisBody {
			s := "经审查，您申请获取的政府信息不属于本机关负责公开。" + cite("第三十六条第（五）项")
			if r := strings.TrimSpace(l.ReferTo); r != "" {
				return s + "该政府信息由" + r + "负责公开，您可以向其提出申请。"
			}
			return s + "特此说明理由。"
		}
		return "经检索查找，本机关未制作或者获取您申请获取的政府信息，该政府信息不存在。" + cite("第三十六条第（四）项") + "本机关无法提供。"
	case OutcomeNeedsNewWork:
		return "经审查，本机关没有您申请获取的现成政府信息，提供该信息需要对现有政府信息进行加工、分析。" + basis + "本机关不予提供。"
	case OutcomeUnclearAfterCorrection:
		return "本机关已告知您对申请内容作出补正，但补正后的申请内容仍不明确，本机关无法确定您申请获取的政府信息。" + basis + "本机关无法提供。"
	case OutcomePetitionComplaint:
		return "经审查，您以政府信息公开申请的形式提出的是信访、投诉、举报等事项。" + basis +
			"本机关不作为政府信息公开申请处理，请您通过相应渠道提出。"
	case OutcomeRepeatApplication:
		return "经审查，您的申请属于重复申请，本机关已就相同内容向您作出答复。" + basis + "本机关不予重复处理。"
	case OutcomePublication:
		return "经审查，您申请获取的是政府公报、报刊、书籍等公开出版物。" + basis + "请您通过获取公开出版物的途径获取。"
	case OutcomeUnreasonableBulk:
		return "经审查，您申请公开政府信息的数量、频次明显超过合理范围，且说明的理由不合理。" + basis + "本机关不予处理。"
	case OutcomeConfirmOrReissue:
		return "经审查，您的申请是要求本机关确认或者重新出具您已获取的信息，不属于政府信息公开申请。" + basis + "本机关不作为政府信息公开申请处理。"
	case OutcomeAbandonedNoCorrection:
		return "本机关已告知您对申请内容作出补正，您无正当理由逾期未补正。" + basis + "视为您放弃申请，本机关不再处理该政府信息公开申请。"
	case OutcomeAbandonedFeeUnpaid:
		return "本机关已向您发出收取信息处理费的通知，您逾期未按收费通知的要求缴纳费用。" + basis +
			"视为您放弃申请，本机关不再处理该政府信息公开申请。"
	}
	// OutcomeOther (a withdrawal, …): the officer's text says what happened.
	return "本机关对您的申请处理情况如下。"
}

// Layout of a letter, in millimetres and points, after GB/T 9704-2012 (the national format of
// official documents): a 156 × 225 mm text block, 三号 (16 pt) body text with about 22 lines a
// page, a 二号 (22 pt) title, the page number as "— N —" below the text block.
const (
	letterPageW     = 210.0
	letterPageH     = 297.0
	letterLeft      = 28.0
	letterTop       = 37.0
	letterTextW     = 156.0
	letterBottom    = letterTop + 225.0
	letterFooterY   = letterBottom + 7.0
	letterSizeTitle = 22.0
	letterSizeBody  = 16.0
	letterSizeNote  = 12.0
	letterPtToMM    = 25.4 / 72
	letterFont      = "wenkai"
)

// letterPDF draws one letter.
type letterPDF struct {
	f *fpdf.Fpdf
}

// WriteLetterPDF renders l in fonts (typeset.LoadFonts; a server loads them once): the title (LetterTitle), the tracking number, the addressee, the
// received-date paragraph quoting the request, the decision with its article, the officer's
// text, the review and lawsuit remedy, the released files as 附件, the body's name and the date
// (ChineseDate) at the right, contact lines, and "— N —" on every page. Chinese text is wrapped
// by typeset.Wrap, never by fpdf's MultiCell, which loses a character at every line break.
func WriteLetterPDF(w io.Writer, l Letter, fonts *typeset.Fonts) error {
	if err := l.Validate(); err != nil {
		return err
	}
	if !fonts.OK() {
		return errors.New("requests: letter: no fonts (typeset.LoadFonts)")
	}
	t := l.text()
	f := fpdf.New("P", "mm", "A4", "")
	f.SetMargins(letterLeft, letterTop, letterPageW-letterLeft-letterTextW)
	f.SetAutoPageBreak(false, 0)
	f.AddUTF8FontFromBytes(letterFont, "", fonts.Regular)
	f.AddUTF8FontFromBytes(letterFont, "B", fonts.Bold)
	f.SetTitle(t.title+" "+l.TrackingNo, true)
	f.SetAuthor(l.BodyName, true)
	f.SetCreator("xxgk", true)
	// The document is dated the letter's date, not the moment it was rendered.
	f.SetCreationDate(l.Date.Time(calendar.China))
	f.SetModificationDate(l.Date.Time(calendar.China))
	p := &letterPDF{f: f}
	f.AddPage()

	lh := p.lineHeight(letterSizeBody)
	p.font(true, letterSizeTitle)
	f.SetY(letterTop)
	for _, line := range p.wrap(t.title, letterTextW) {
		p.cell(letterLeft, letterTextW, p.lineHeight(letterSizeTitle), line, "C")
	}
	p.font(false, letterSizeBody)
	p.cell(letterLeft, letterTextW, lh, t.number, "R")
	f.SetY(f.GetY() + lh*0.5)
	for _, line := range p.wrap(t.addressee, letterTextW) {
		p.line(lh, line, 0)
	}
	for _, para := range t.paragraphs {
		for _, line := range p.wrap("　　"+para, letterTextW) {
			p.line(lh, line, 0)
		}
	}

	// The closing paragraphs, the attachments and the signature stay together on one page when
	// they fit on one: a signature alone on a page is not a valid document (GB/T 9704 §7.3.5.1).
	var closing []string
	for _, para := range t.closing {
		closing = append(closing, p.wrap("　　"+para, letterTextW)...)
	}
	type indented struct {
		text   string
		indent float64
	}
	var attach []indented
	if len(t.attachments) > 0 {
		// GB/T 9704 §7.3.4: 附件：1.… with the names aligned under each other.
		label := "　　附件："
		indent := f.GetStringWidth(label)
		for i, name := range t.attachments {
			item := name
			if len(t.attachments) > 1 {
				item = strconv.Itoa(i+1) + "." + name
			}
			for j, line := range p.wrap(item, letterTextW-indent) {
				if i == 0 && j == 0 {
					attach = append(attach, indented{label + line, 0})
				} else {
					attach = append(attach, indented{line, indent})
				}
			}
		}
	}
	sigLines := p.wrap(t.signature, letterTextW*0.6)
	tail := float64(len(closing)+len(sigLines)+2) * lh
	if len(attach) > 0 {
		tail += float64(len(attach)+1) * lh
	}
	if tail <= letterBottom-letterTop && f.GetY()+tail > letterBottom {
		p.newPage()
	}
	for _, line := range closing {
		p.line(lh, line, 0)
	}
	if len(attach) > 0 {
		p.gap(lh)
		for _, a := range attach {
			p.line(lh, a.text, a.indent)
		}
	}
	// The date ends four characters from the right edge and the body's name is centred over it
	// (GB/T 9704 §7.3.5.1), one blank line below the text.
	p.ensure(lh * float64(len(sigLines)+2))
	p.gap(lh)
	charW := f.GetStringWidth("　")
	dateW := f.GetStringWidth(t.date)
	dateX := letterLeft + letterTextW - 4*charW - dateW
	centre := dateX + dateW/2
	for _, line := range sigLines {
		w := f.GetStringWidth(line)
		x := min(centre-w/2, letterLeft+letterTextW-w)
		p.cell(x, w, lh, line, "L")
	}
	p.cell(dateX, dateW, lh, t.date, "L")
	if len(t.notes) > 0 {
		p.gap(lh * 0.5)
		p.font(false, letterSizeNote)
		nlh := p.lineHeight(letterSizeNote)
		for _, note := range t.notes {
			for _, line := range p.wrap("（"+note+"）", letterTextW) {
				p.line(nlh, line, 0)
			}
		}
	}
	p.pageNumbers()
	if err := f.Output(w); err != nil {
		return fmt.Errorf("requests: write letter pdf: %w", err)
	}
	return nil
}

func (p *letterPDF) lineHeight(size float64) float64 { return size * letterPtToMM * 1.8 }

func (p *letterPDF) font(bold bool, size float64) {
	style := ""
	if bold {
		style = "B"
	}
	p.f.SetFont(letterFont, style, size)
}

func (p *letterPDF) wrap(text string, width float64) []string {
	return typeset.Wrap(text, width, p.f.GetStringWidth)
}

// ensure starts a new page unless h millimetres still fit on this one.
func (p *letterPDF) ensure(h float64) {
	if p.f.GetY()+h > letterBottom {
		p.newPage()
	}
}

func (p *letterPDF) newPage() {
	p.f.AddPage()
	p.f.SetY(letterTop)
}

// gap leaves h millimetres of space, except at the top of a page.
func (p *letterPDF) gap(h float64) {
	if y := p.f.GetY(); y > letterTop+0.01 {
		p.f.SetY(min(y+h, letterBottom))
	}
}

// line draws one line of text at the left margin plus indent, on a new page if needed.
func (p *letterPDF) line(lh float64, text string, indent float64) {
	p.ensure(lh)
	p.cell(letterLeft+indent, letterTextW-indent, lh, text, "L")
}

func (p *letterPDF) cell(x, w, h float64, text, align string) {
	p.f.SetX(x)
	p.f.CellFormat(w, h, text, "", 1, align, false, 0, "")
}

func (p *letterPDF) pageNumbers() {
	n := p.f.PageCount()
	for i := 1; i <= n; i++ {
		p.f.SetPage(i)
		p.font(false, 14)
		p.f.SetXY(letterLeft, letterFooterY)
		p.f.CellFormat(letterTextW, 6, "— "+strconv.Itoa(i)+" —", "", 0, "C", false, 0, "")
	}
}
