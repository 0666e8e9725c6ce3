package catalog

import (
	"errors"
	"fmt"
	"strings"
)

// The enumerations below are stored in the database and used in the API by their code; never
// rename a code. Chinese labels are what officers and the public see and what import files carry.

// ErrUnknownValue is wrapped by the Parse functions of this file when a value is neither a code
// nor a label.
var ErrUnknownValue = errors.New("unknown value")

// Kind is what sort of document an entry is. Only normative documents carry a validity status.
type Kind string

// The kinds.
const (
	KindRule      Kind = "rule"      // 规章: rules made by ministries and provincial/city governments
	KindNormative Kind = "normative" // 行政规范性文件
	KindOther     Kind = "other"     // 其他: everything else the catalog lists
)

// Kinds returns every Kind in display order.
func Kinds() []Kind { return []Kind{KindRule, KindNormative, KindOther} }

// Valid reports whether k is one of the defined kinds.
func (k Kind) Valid() bool { return k.Label() != "" }

// Label returns the Chinese label, or "" for an invalid kind.
func (k Kind) Label() string {
	switch k {
	case KindRule:
		return "规章"
	case KindNormative:
		return "行政规范性文件"
	case KindOther:
		return "其他"
	}
	return ""
}

// LabelEN returns the English label, or "" for an invalid kind.
func (k Kind) LabelEN() string {
	switch k {
	case KindRule:
		return "Rule"
	case KindNormative:
		return "Normative document"
	case KindOther:
		return "Other"
	}
	return ""
}

// ParseKind accepts a code (normative), the Chinese label (行政规范性文件) or the common variants
// 规范性文件 and 其他文件.
func ParseKind(s string) (Kind, error) {
	return parseEnum("kind", s, Kinds(), func(s string) (Kind, bool) {
		switch s {
		case "规范性文件":
			return KindNormative, true
		case "其他文件":
			return KindOther, true
		}
		return "", false
	})
}

// Validity is the validity status (有效性) of a normative document.
type Validity string

// The validity statuses.
const (
	ValidityInForce  Validity = "in_force" // 有效
	ValidityLapsed   Validity = "lapsed"   // 失效: valid-until passed, or its basis is gone
	ValidityRepealed Validity = "repealed" // 废止: repealed by decision
	ValidityAmended  Validity = "amended"  // 已修订: a newer version exists and is linked
)

// Validities returns every Validity in display order.
func Validities() []Validity {
	return []Validity{ValidityInForce, ValidityLapsed, ValidityRepealed, ValidityAmended}
}

// Valid reports whether v is one of the defined statuses.
func (v Validity) Valid() bool { return v.Label() != "" }

// Label returns the Chinese label, or "" for an invalid status.
func (v Validity) Label() string {
	switch v {
	case ValidityInForce:
		return "有效"
	case ValidityLapsed:
		return "失效"
	case ValidityRepealed:
		return "废止"
	case ValidityAmended:
		return "已修订"
	}
	return ""
}

// LabelEN returns the English label, or "" for an invalid status.
func (v Validity) LabelEN() string {
	switch v {
	case ValidityInForce:
		return "In force"
	case ValidityLapsed:
		return "Lapsed"
	case ValidityRepealed:
		return "Repealed"
	case ValidityAmended:
		return "Amended"
	}
	return ""
}

// ParseValidity accepts a code, the Chinese label, or the variants found in clean-up lists
// (修订, 现行有效, 已失效, 已废止).
func ParseValidity(s string) (Validity, error) {
	return parseEnum("validity", s, Validities(), func(s string) (Validity, bool) {
		switch s {
		case "修订", "已修改", "修改":
			return ValidityAmended, true
		case "现行有效", "继续有效":
			return ValidityInForce, true
		case "已失效":
			return ValidityLapsed, true
		case "已废止":
			return ValidityRepealed, true
		}
		return "", false
	})
}

// DisclosureMode is how an entry is disclosed (公开方式).
type DisclosureMode string

// The disclosure modes.
const (
	DisclosureProactive DisclosureMode = "proactive"  // 主动公开
	DisclosureOnRequest DisclosureMode = "on_request" // 依申请公开
	DisclosureWithheld  DisclosureMode = "withheld"   // 不予公开: not public; carries a reason and a review date
)

// DisclosureModes returns every DisclosureMode in display order.
func DisclosureModes() []DisclosureMode {
	return []DisclosureMode{DisclosureProactive, DisclosureOnRequest, DisclosureWithheld}
}

// Valid reports whether m is one of the defined modes.
func (m DisclosureMode) Valid() bool { return m.Label() != "" }

// Label returns the Chinese label, or "" for an invalid mode.
func (m DisclosureMode) Label() string {
	switch m {
	case DisclosureProactive:
		return "主动公开"
	case DisclosureOnRequest:
		return "依申请公开"
	case DisclosureWithheld:
		return "不予公开"
	}
	return ""
}

// LabelEN returns the English label, or "" for an invalid mode.
func (m DisclosureMode) LabelEN() string {
	switch m {
	case DisclosureProactive:
		return "Proactive"
	case DisclosureOnRequest:
		return "On request"
	case DisclosureWithheld:
		return "Withheld"
	}
	return ""
}

// ParseDisclosureMode accepts a code or the Chinese label.
func ParseDisclosureMode(s string) (DisclosureMode, error) {
	return parseEnum("disclosure mode", s, DisclosureModes(), nil)
}

// Status is an entry's life-cycle state. Publication is a one-way door: a published entry is never
// changed in place or deleted, only corrected by a new version or withdrawn with a reason.
type Status string

// The statuses.
const (
	StatusDraft     Status = "draft"
	StatusPublished Status = "published"
	StatusWithdrawn Status = "withdrawn"
)

// Statuses returns every Status in life-cycle order.
func Statuses() []Status { return []Status{StatusDraft, StatusPublished, StatusWithdrawn} }

// Valid reports whether s is one of the defined statuses.
func (s Status) Valid() bool { return s.Label() != "" }

// Label returns the Chinese label, or "" for an invalid status.
func (s Status) Label() string {
	switch s {
	case StatusDraft:
		return "草稿"
	case StatusPublished:
		return "已发布"
	case StatusWithdrawn:
		return "已撤回"
	}
	return ""
}

// LabelEN returns the English label, or "" for an invalid status.
func (s Status) LabelEN() string {
	switch s {
	case StatusDraft:
		return "Draft"
	case StatusPublished:
		return "Published"
	case StatusWithdrawn:
		return "Withdrawn"
	}
	return ""
}

// ParseStatus accepts a code or the Chinese label.
func ParseStatus(s string) (Status, error) {
	return parseEnum("status", s, Statuses(), nil)
}

// RelationKind is how one entry relates to another: the link goes from the newer entry (the
// interpretation, the amending or repealing document) to the one it concerns.
type RelationKind string

// The relation kinds.
const (
	RelationInterprets RelationKind = "interprets" // 政策解读 of a policy
	RelationAmends     RelationKind = "amends"
	RelationRepeals    RelationKind = "repeals"
	RelationReplaces   RelationKind = "replaces"
)

// RelationKinds returns every RelationKind in display order.
func RelationKinds() []RelationKind {
	return []RelationKind{RelationInterprets, RelationAmends, RelationRepeals, RelationReplaces}
}

// Valid reports whether r is one of the defined relation kinds.
func (r RelationKind) Valid() bool { return r.Label() != "" }

// Label returns the Chinese label, or "" for an invalid relation kind.
func (r RelationKind) Label() string {
	switch r {
	case RelationInterprets:
		return "解读"
	case RelationAmends:
		return "修改"
	case RelationRepeals:
		return "废止"
	case RelationReplaces:
		return "替代"
	}
	return ""
}

// LabelEN returns the English label, or "" for an invalid relation kind.
func (r RelationKind) LabelEN() string {
	switch r {
	case RelationInterprets:
		return "Interprets"
	case RelationAmends:
		return "Amends"
	case RelationRepeals:
		return "Repeals"
	case RelationReplaces:
		return "Replaces"
	}
	return ""
}

// ParseRelationKind accepts a code, the Chinese label, or 修订 for amends.
func ParseRelationKind(s string) (RelationKind, error) {
	return parseEnum("relation kind", s, RelationKinds(), func(s string) (RelationKind, bool) {
		if s == "修订" {
			return RelationAmends, true
		}
		return "", false
	})
}

// parseEnum matches s, trimmed, against each value's code (case-insensitively, so Excel's
// auto-capitalised "Normative" works) and Chinese label, then against the aliases.
func parseEnum[T interface {
	~string
	Label() string
}](what, s string, all []T, alias func(string) (T, bool)) (T, error) {
	t := strings.TrimSpace(s)
	for _, v := range all {
		if strings.EqualFold(t, string(v)) || t == v.Label() {
			return v, nil
		}
	}
	if alias != nil {
		if v, ok := alias(t); ok {
			return v, nil
		}
	}
	labels := make([]string, len(all))
	for i, v := range all {
		labels[i] = v.Label()
	}
	var zero T
	return zero, fmt.Errorf("catalog: %s %q: %w (want one of %s)", what, s, ErrUnknownValue, strings.Join(labels, ", "))
}
