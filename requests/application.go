package requests

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/mail"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"xxgk/bodies"
	"xxgk/calendar"
)

// Errors the store returns (wrapped, with a prefix naming the operation); the HTTP layer maps
// them to status codes.
var (
	ErrNotFound = errors.New("not found")
	// ErrBadCode means a tracking number exists but the query code given for it is wrong.
	ErrBadCode = errors.New("wrong query code")
	// ErrTooManyAttempts means too many wrong tracking attempts came from one address or for
	// one tracking number recently; the caller should wait (TrackWindow).
	ErrTooManyAttempts = errors.New("too many tracking attempts")
	// ErrNotAllowed means the action is not allowed in the application's current state. The
	// error is a *StateError that says why, in Chinese and English.
	ErrNotAllowed = errors.New("not allowed in this state")
)

// ValidationError maps a field (the JSON field name: applicant_name, on, outcome, ...) to what is
// wrong with it, in Chinese for the interface.
type ValidationError map[string]string

func (v ValidationError) Error() string {
	keys := make([]string, 0, len(v))
	for f := range v {
		keys = append(keys, f)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, f := range keys {
		parts[i] = f + ": " + v[f]
	}
	return "requests: invalid input: " + strings.Join(parts, "; ")
}

// StateError is an action refused in the application's current state (law.md §6). ZH and EN
// are written for the officer and are safe to show. It matches ErrNotAllowed with errors.Is.
type StateError struct {
	Action ActionKind
	Status Status
	ZH, EN string
}

func (e *StateError) Error() string {
	return fmt.Sprintf("requests: %s while %s: %s", e.Action, e.Status, e.EN)
}

// Is makes errors.Is(err, ErrNotAllowed) true.
func (e *StateError) Is(target error) bool { return target == ErrNotAllowed }

func notAllowed(k ActionKind, st Status, zh, en string) error {
	return &StateError{Action: k, Status: st, ZH: zh, EN: en}
}

// Status is where an application stands (law.md §6).
type Status string

// The statuses. The codes are stored; never rename one.
const (
	StatusSubmitted          Status = "submitted"           // online, awaiting the office's confirmation
	StatusReceived           Status = "received"            // received (Art. 31); the clock runs
	StatusInProgress         Status = "in_progress"         // the office is working on it
	StatusAwaitingCorrection Status = "awaiting_correction" // the applicant was asked to correct it (Art. 30)
	StatusConsulting         Status = "consulting"          // a third party or another body is consulted (Arts. 32, 34)
	StatusExtended           Status = "extended"            // the deadline was extended (Art. 33)
	StatusFeePending         Status = "fee_pending"         // a processing fee is unpaid (Art. 42)
	StatusAnswered           Status = "answered"            // answered with an outcome
	StatusClosed             Status = "closed"              // abandoned: no correction, or the fee unpaid
	StatusWithdrawn          Status = "withdrawn"           // withdrawn by the applicant
	StatusTransferred        Status = "transferred"         // sent on to the body that holds the information
)

var statusLabels = map[Status][2]string{
	StatusSubmitted:          {"已提交，待确认", "Submitted, awaiting confirmation"},
	StatusReceived:           {"已收到", "Received"},
	StatusInProgress:         {"办理中", "In progress"},
	StatusAwaitingCorrection: {"待补正", "Awaiting correction"},
	StatusConsulting:         {"征求意见中", "Consulting"},
	StatusExtended:           {"已延期", "Extended"},
	StatusFeePending:         {"待缴费", "Fee pending"},
	StatusAnswered:           {"已答复", "Answered"},
	StatusClosed:             {"已终止", "Closed"},
	StatusWithdrawn:          {"已撤回", "Withdrawn"},
	StatusTransferred:        {"已转办", "Transferred"},
}

// Statuses lists every status in workflow order.
func Statuses() []Status {
	return []Status{StatusSubmitted, StatusReceived, StatusInProgress, StatusAwaitingCorrection, StatusConsulting,
		StatusExtended, StatusFeePending, StatusAnswered, StatusClosed, StatusWithdrawn, StatusTransferred}
}

// Label is the status's name in lang ("zh" or "en").
func (s Status) Label(lang string) string {
	l, ok := statusLabels[s]
	if !ok {
		return string(s)
	}
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

// Open reports whether an application with this status still waits for an answer: it counts
// in the queues, and on 31 December it is carried over to the next year's report.
func (s Status) Open() bool {
	switch s {
	case StatusAnswered, StatusClosed, StatusWithdrawn, StatusTransferred:
		return false
	}
	return true
}

// terminalStatuses are the statuses of concluded applications, as SQL literals.
const terminalStatuses = `('answered', 'closed', 'withdrawn', 'transferred')`

// The values of the application's form fields (the CHECK constraints of the applications table).
var (
	// IDTypes are the identity documents of the usual form: uscc for organisations.
	IDTypes = []string{"resident_id", "passport", "hk_macao_permit", "taiwan_permit", "foreign_permanent_id", "uscc", "other"}
	// FormsWanted are the carriers an applicant may ask for.
	FormsWanted = []string{"electronic", "paper", "onsite"}
	// Deliveries are the ways to receive the information.
	Deliveries = []string{"online", "email", "post", "fax", "pickup", "onsite"}
	// Channels are the ways an application reaches the office. online is the public form;
	// the others are registered by an officer (Register), import by the import.
	Channels = []string{"online", "in_person", "post", "registered_post", "fax", "email", "import"}
)

// NewApplication is what an applicant submits or an officer registers. The HTML form, the
// JSON API and the import build it and call the same store method.
type NewApplication struct {
	ApplicantType ApplicantType `json:"applicant_type"`
	// ApplicantName is the person's name, or the organisation's.
	ApplicantName string `json:"applicant_name"`
	// IDType is one of IDTypes; empty means resident_id for a person and uscc for an organisation.
	IDType   string `json:"id_type"`
	IDNumber string `json:"id_number"`
	// LegalRep and ContactPerson are for organisations.
	LegalRep      string `json:"legal_rep"`
	ContactPerson string `json:"contact_person"`
	Phone         string `json:"phone"`
	Email         string `json:"email"`
	Address       string `json:"address"`
	Postcode      string `json:"postcode"`
	// Description is the information sought; DocHint its title, document or index number if known.
	Description string `json:"description"`
	DocHint     string `json:"doc_hint"`
	// FormWanted is one of FormsWanted (default electronic); Delivery one of Deliveries
	// (default online).
	FormWanted string `json:"form_wanted"`
	Delivery   string `json:"delivery"`
	// Consent is the applicant's agreement to the privacy notice; required online.
	Consent bool `json:"consent"`
	// Channel and ReceivedOn are set by an officer registering an application (Register);
	// Submit ignores them: online applications are received when the office confirms them.
	Channel    string        `json:"channel"`
	ReceivedOn calendar.Date `json:"received_on"`
	// Source is the door the application came through (online, console, api, seed); set by
	// the caller, never by the applicant.
	Source string `json:"-"`
}

// Application is an application with its state, its events and its deadline.
//
// It holds personal data in full: only officers of the handling body, administrators and
// auditors may see it so. Every other view uses Masked.
type Application struct {
	ID         int64  `db:"id" json:"id"`
	TrackingNo string `db:"tracking_no" json:"tracking_no"`
	BodyCode   string `db:"body_code" json:"body_code"`
	BodyName   string `db:"body_name" json:"body_name"`
	Year       int    `db:"year" json:"year"`

	ApplicantType ApplicantType `db:"applicant_type" json:"applicant_type"`
	ApplicantName string        `db:"applicant_name" json:"applicant_name"`
	IDType        string        `db:"id_type" json:"id_type"`
	IDNumber      string        `db:"id_number" json:"id_number"`
	LegalRep      string        `db:"legal_rep" json:"legal_rep"`
	ContactPerson string        `db:"contact_person" json:"contact_person"`
	Phone         string        `db:"phone" json:"phone"`
	Email         string        `db:"email" json:"email"`
	Address       string        `db:"address" json:"address"`
	Postcode      string        `db:"postcode" json:"postcode"`
	Description   string        `db:"description" json:"description"`
	DocHint       string        `db:"doc_hint" json:"doc_hint"`
	FormWanted    string        `db:"form_wanted" json:"form_wanted"`
	Delivery      string        `db:"delivery" json:"delivery"`
	Consent       bool          `db:"consent" json:"consent"`
	Channel       string        `db:"channel" json:"channel"`

	Status Status `db:"status" json:"status"`
	// ReceivedOn is the Art. 31 received date; NULL while an online application awaits
	// confirmation.
	ReceivedOn calendar.NullDate `db:"received_on" json:"received_on"`
	// DueOn is the answer deadline as last stored (for queues); NULL while the clock waits for a
	// correction or an unpaid fee. DueProvisional: it depends on a year whose holidays are not
	// loaded.
	DueOn          calendar.NullDate `db:"due_on" json:"due_on"`
	DueProvisional bool              `db:"due_provisional" json:"due_provisional"`
	// Deadline is computed on read (Get, Track) from the events and the current calendar, with
	// its explanation; lists (Queue) leave it zero. For an online application not yet
	// confirmed it assumes receipt on the submission day, the confirmation's default.
	Deadline Deadline `db:"-" json:"deadline"`
	Extended bool     `db:"extended" json:"extended"`

	Outcome    Outcome           `db:"outcome" json:"outcome,omitempty"`
	AnsweredOn calendar.NullDate `db:"answered_on" json:"answered_on"`
	AnswerText string            `db:"answer_text" json:"answer_text"`
	FeeYuan    *int              `db:"fee_yuan" json:"fee_yuan"`
	// TransferredTo and TransferredFrom are tracking numbers of the linked applications.
	TransferredTo   string `db:"transferred_to" json:"transferred_to,omitempty"`
	TransferredFrom string `db:"transferred_from" json:"transferred_from,omitempty"`

	// Events are oldest first; Get and Track load them, lists do not.
	Events      []Event   `db:"-" json:"events"`
	SubmittedAt time.Time `db:"submitted_at" json:"submitted_at"`
	Source      string    `db:"source" json:"source"`
	CreatedBy   string    `db:"created_by" json:"created_by,omitempty"`
	UpdatedAt   time.Time `db:"updated_at" json:"updated_at"`
}

// Event is one step of an application, as the applicant's tracking page and the officer's
// history show it.
type Event struct {
	ID   int64  `db:"id" json:"-"`
	Kind string `db:"kind" json:"kind"`
	// On is the day it happened; At when it was recorded.
	On    calendar.Date `db:"on_date" json:"on"`
	At    time.Time     `db:"at" json:"at"`
	Actor string        `db:"actor" json:"actor,omitempty"`
	Basis string        `db:"basis" json:"basis,omitempty"`
	Note  string        `db:"note" json:"note,omitempty"`
	// Data is kind-specific: pause reason, extension days and approver, fee, outcome, the
	// deadline before and after a recomputation.
	Data   json.RawMessage `db:"-" json:"data,omitempty"`
	Public bool            `db:"public" json:"public"`
}

// The event kinds. Clock events use the ClockEventKind codes so that the clock is computed from
// the stored events directly. The codes are stored; never rename one.
const (
	EventSubmitted           = "submitted"
	EventReceived            = "received"
	EventStarted             = "started"
	EventCorrectionRequested = string(ClockCorrectionRequested)
	EventCorrectionReceived  = string(ClockCorrectionReceived)
	EventPauseStarted        = string(ClockPauseStarted)
	EventPauseEnded          = string(ClockPauseEnded)
	EventFeeNoticeSent       = string(ClockFeeNoticeSent)
	EventFeePaid             = string(ClockFeePaid)
	EventExtended            = string(ClockExtended)
	EventAnswered            = "answered"
	EventWithdrawn           = "withdrawn"
	EventAbandoned           = "abandoned"
	EventTransferredOut      = "transferred_out"
	EventTransferredIn       = "transferred_in"
	EventNote                = "note"
	EventDeadlineRecomputed  = "deadline_recomputed"
)

// isClockKind reports whether events of kind k move the answer clock.
func isClockKind(k string) bool {
	switch ClockEventKind(k) {
	case ClockCorrectionRequested, ClockCorrectionReceived, ClockPauseStarted, ClockPauseEnded,
		ClockFeeNoticeSent, ClockFeePaid, ClockExtended:
		return true
	}
	return false
}

// eventData is the JSON stored with an event; only what the kind needs is set.
type eventData struct {
	Channel    string      `json:"channel,omitempty"`
	Reason     PauseReason `json:"reason,omitempty"`
	Days       int         `json:"days,omitempty"`
	ApprovedBy string      `json:"approved_by,omitempty"`
	FeeMethod  FeeMethod   `json:"fee_method,omitempty"`
	FeeCount   int         `json:"fee_count,omitempty"`
	FeeYuan    int         `json:"fee_yuan,omitempty"`
	Formula    string      `json:"formula,omitempty"`
	Outcome    Outcome     `json:"outcome,omitempty"`
	TrackingNo string      `json:"tracking_no,omitempty"` // the other side of a transfer
	BodyCode   string      `json:"body_code,omitempty"`
	BodyName   string      `json:"body_name,omitempty"`
	DueBefore  string      `json:"due_before,omitempty"`
	DueAfter   string      `json:"due_after,omitempty"`
}

// officerOnlyData are event data keys the applicant does not see.
var officerOnlyData = []string{"approved_by"}

// Masked returns the view of a for anyone but the officers of its body, administrators and
// auditors — in particular the applicant tracking with the query code: every personal field
// masked with the Mask* functions, events not meant for the applicant dropped, and officers'
// names hidden. An organisation's own name is not personal data and stays (MaskName).
func (a Application) Masked() Application {
	m := a
	if a.ApplicantType == ApplicantPerson || a.ApplicantType == "" {
		m.ApplicantName = MaskName(a.ApplicantName)
	}
	m.IDNumber = MaskIDNumber(a.IDNumber)
	m.LegalRep = MaskName(a.LegalRep)
	m.ContactPerson = MaskName(a.ContactPerson)
	m.Phone = MaskPhone(a.Phone)
	m.Email = MaskEmail(a.Email)
	m.Address = MaskAddress(a.Address)
	if a.Postcode != "" {
		m.Postcode = "******"
	}
	m.CreatedBy = ""
	m.Events = nil
	for _, e := range a.Events {
		if !e.Public {
			continue
		}
		e.Actor = ""
		e.Data = scrubData(e.Data)
		m.Events = append(m.Events, e)
	}
	return m
}

func scrubData(d json.RawMessage) json.RawMessage {
	if len(d) == 0 {
		return d
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(d, &fields) != nil {
		return nil
	}
	for _, k := range officerOnlyData {
		delete(fields, k)
	}
	if len(fields) == 0 {
		return nil
	}
	b, _ := json.Marshal(fields)
	return b
}

// Field limits, in characters.
const (
	maxNameRunes        = 200
	maxIDRunes          = 40
	maxPersonRunes      = 100
	maxPhoneRunes       = 40
	maxEmailRunes       = 254
	maxAddressRunes     = 300
	maxDescriptionRunes = 5000
	maxDocHintRunes     = 500
	maxNoteRunes        = 2000
	maxBasisRunes       = 200
)

// normalize trims every text field and fills the defaults.
func (in *NewApplication) normalize() {
	for _, p := range []*string{&in.ApplicantName, &in.IDType, &in.IDNumber, &in.LegalRep, &in.ContactPerson,
		&in.Phone, &in.Email, &in.Address, &in.Postcode, &in.Description, &in.DocHint, &in.FormWanted,
		&in.Delivery, &in.Channel, &in.Source} {
		*p = strings.TrimSpace(*p)
	}
	in.IDNumber = strings.ToUpper(strings.ReplaceAll(in.IDNumber, " ", ""))
	if in.IDType == "" {
		if in.ApplicantType == ApplicantPerson {
			in.IDType = "resident_id"
		} else if in.ApplicantType != "" {
			in.IDType = "uscc"
		}
	}
	if in.FormWanted == "" {
		in.FormWanted = "electronic"
	}
	if in.Delivery == "" {
		in.Delivery = "online"
	}
}

// validate checks in after normalize; problems are keyed by JSON field, in Chinese.
func (in *NewApplication) validate() ValidationError {
	p := ValidationError{}
	if _, err := ParseApplicantType(string(in.ApplicantType)); err != nil {
		p["applicant_type"] = "请选择申请人类型：自然人，或商业企业、科研机构、社会公益组织、法律服务机构、其他组织"
	}
	checkLen := func(field, value, what string, max int, required bool) {
		n := utf8.RuneCountInString(value)
		switch {
		case n == 0 && required:
			p[field] = "请填写" + what
		case n > max:
			p[field] = fmt.Sprintf("%s最长 %d 个字符", what, max)
		}
	}
	nameWhat := "姓名"
	if in.ApplicantType != ApplicantPerson {
		nameWhat = "名称"
	}
	checkLen("applicant_name", in.ApplicantName, nameWhat, maxNameRunes, true)
	checkLen("legal_rep", in.LegalRep, "法定代表人", maxPersonRunes, false)
	checkLen("contact_person", in.ContactPerson, "联系人", maxPersonRunes, false)
	checkLen("description", in.Description, "所需信息的内容描述", maxDescriptionRunes, true)
	checkLen("doc_hint", in.DocHint, "信息名称、文号或索引号", maxDocHintRunes, false)
	checkLen("address", in.Address, "通信地址", maxAddressRunes, false)

	if !oneOf(in.IDType, IDTypes) {
		p["id_type"] = "证件类型无效"
	}
	switch {
	case in.IDNumber == "":
		if in.ApplicantType == ApplicantPerson {
			p["id_number"] = "请填写身份证件号码"
		} else {
			p["id_number"] = "请填写统一社会信用代码"
		}
	case utf8.RuneCountInString(in.IDNumber) > maxIDRunes:
		p["id_number"] = fmt.Sprintf("证件号码最长 %d 个字符", maxIDRunes)
	case in.IDType == "resident_id" && !validResidentID(in.IDNumber):
		p["id_number"] = "居民身份证号码应为18位，且末位校验码正确"
	case in.IDType == "uscc" && (len(in.IDNumber) != 18 || bodies.ValidateOrgCode(in.IDNumber) != nil):
		p["id_number"] = "统一社会信用代码应为18位，且末位校验码正确"
	}

	if in.Phone == "" && in.Email == "" && in.Address == "" {
		p["phone"] = "请至少填写一种联系方式：电话、电子邮箱或通信地址"
	}
	if in.Phone != "" && !validPhone(in.Phone) {
		p["phone"] = "电话号码格式不正确"
	}
	if in.Email != "" {
		if a, err := mail.ParseAddress(in.Email); err != nil || a.Address != in.Email || utf8.RuneCountInString(in.Email) > maxEmailRunes || !strings.Contains(in.Email[strings.LastIndexByte(in.Email, '@'):], ".") {
			p["email"] = "电子邮箱格式不正确"
		}
	}
	if in.Postcode != "" && (len(in.Postcode) != 6 || strings.Trim(in.Postcode, "0123456789") != "") {
		p["postcode"] = "邮政编码应为6位数字"
	}
	if !oneOf(in.FormWanted, FormsWanted) {
		p["form_wanted"] = "请选择获取信息的载体形式：电子、纸质或现场查阅"
	}
	if !oneOf(in.Delivery, Deliveries) {
		p["delivery"] = "请选择获取信息的方式"
	} else {
		switch {
		case in.Delivery == "email" && in.Email == "":
			p["email"] = "选择电子邮件获取时请填写电子邮箱"
		case in.Delivery == "post" && in.Address == "":
			p["address"] = "选择邮寄获取时请填写通信地址"
		case in.Delivery == "fax" && in.Phone == "":
			p["phone"] = "选择传真获取时请填写传真号码"
		}
	}
	return p
}

func oneOf(s string, set []string) bool {
	for _, v := range set {
		if s == v {
			return true
		}
	}
	return false
}

// validResidentID checks an 18-digit resident identity card number (GB 11643-1999): 17 digits
// and an ISO 7064 MOD 11-2 check character.
func validResidentID(s string) bool {
	if len(s) != 18 {
		return false
	}
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 17; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return false
		}
		sum += int(c-'0') * weights[i]
	}
	return s[17] == "10X98765432"[sum%11]
}

// ResidentIDCheckChar returns the check character of the first 17 digits of a resident identity
// card number, for test and demo data.
func ResidentIDCheckChar(first17 string) byte {
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 17 && i < len(first17); i++ {
		sum += int(first17[i]-'0') * weights[i]
	}
	return "10X98765432"[sum%11]
}

func validPhone(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' || r == '-' || r == ' ' || r == '(' || r == ')' || r == '—' || r == '转':
		default:
			return false
		}
	}
	return digits >= 7 && digits <= 20 && utf8.RuneCountInString(s) <= maxPhoneRunes
}
