package catalog

import (
	"errors"
	"testing"
)

// enumValue is what every enumeration of kinds.go provides.
type enumValue interface {
	~string
	Valid() bool
	Label() string
	LabelEN() string
}

func checkEnum[T enumValue](t *testing.T, all []T, parse func(string) (T, error)) {
	t.Helper()
	seen := map[string]bool{}
	for _, v := range all {
		if !v.Valid() || v.Label() == "" || v.LabelEN() == "" {
			t.Errorf("%q: Valid=%v Label=%q LabelEN=%q", v, v.Valid(), v.Label(), v.LabelEN())
		}
		if seen[v.Label()] {
			t.Errorf("label %q used twice", v.Label())
		}
		seen[v.Label()] = true
		for _, in := range []string{string(v), v.Label(), " " + v.Label() + " "} {
			got, err := parse(in)
			if err != nil || got != v {
				t.Errorf("parse(%q) = %q, %v; want %q", in, got, err, v)
			}
		}
	}
	var zero T
	if zero.Valid() || T("bogus").Valid() {
		t.Errorf("empty or bogus value reported valid")
	}
	for _, in := range []string{"", "bogus", "有 效"} {
		if _, err := parse(in); !errors.Is(err, ErrUnknownValue) {
			t.Errorf("parse(%q) error = %v, want ErrUnknownValue", in, err)
		}
	}
}

func TestEnums(t *testing.T) {
	t.Run("Kind", func(t *testing.T) { checkEnum(t, Kinds(), ParseKind) })
	t.Run("Validity", func(t *testing.T) { checkEnum(t, Validities(), ParseValidity) })
	t.Run("DisclosureMode", func(t *testing.T) { checkEnum(t, DisclosureModes(), ParseDisclosureMode) })
	t.Run("Status", func(t *testing.T) { checkEnum(t, Statuses(), ParseStatus) })
	t.Run("RelationKind", func(t *testing.T) { checkEnum(t, RelationKinds(), ParseRelationKind) })
}

func TestParseAliases(t *testing.T) {
	tests := []struct {
		in   string
		got  func(string) (string, error)
		want string
	}{
		{"修订", str(ParseValidity), "amended"},
		{"已修订", str(ParseValidity), "amended"},
		{"有效", str(ParseValidity), "in_force"},
		{"失效", str(ParseValidity), "lapsed"},
		{"废止", str(ParseValidity), "repealed"},
		{"现行有效", str(ParseValidity), "in_force"},
		{"IN_FORCE", str(ParseValidity), "in_force"},
		{"规范性文件", str(ParseKind), "normative"},
		{"Normative", str(ParseKind), "normative"},
		{"其他文件", str(ParseKind), "other"},
		{"修订", str(ParseRelationKind), "amends"},
	}
	for _, tt := range tests {
		got, err := tt.got(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("parse(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func str[T ~string](parse func(string) (T, error)) func(string) (string, error) {
	return func(s string) (string, error) {
		v, err := parse(s)
		return string(v), err
	}
}
