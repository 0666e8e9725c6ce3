package requests

import (
	"strings"
	"testing"
)

func TestMasks(t *testing.T) {
	tests := []struct {
		name string
		mask func(string) string
		in   string
		want string
	}{
		{"name", MaskName, "李小明", "李**"},
		{"two-character name", MaskName, "李明", "李*"},
		{"compound surname", MaskName, "欧阳娜娜", "欧***"},
		{"one character", MaskName, "李", "*"},
		{"latin name", MaskName, "Li Xiaoming", "L* X*******"},
		{"empty name", MaskName, "  ", ""},
		{"resident id", MaskIDNumber, "110101199003071234", "110***********1234"},
		{"resident id with X", MaskIDNumber, "21010219850101002X", "210***********002X"},
		{"old 15-digit id", MaskIDNumber, "110101900307123", "110********7123"},
		{"passport", MaskIDNumber, "E12345678", "E******78"},
		{"mobile", MaskPhone, "13812345678", "138****5678"},
		{"mobile with country code", MaskPhone, "+86 138 1234 5678", "+86 138 **** 5678"},
		{"landline", MaskPhone, "024-22345678", "024-****5678"},
		{"short number", MaskPhone, "12345", "*****"},
		{"email", MaskEmail, "zhangsan@example.com", "z***@example.com"},
		{"not an email", MaskEmail, "zhangsan", "z*******"},
		{"address", MaskAddress, "辽宁省沈阳市和平区南京北街1号3单元502", "辽宁省沈阳市和平区****"},
		{"address without district", MaskAddress, "南京北街1号3单元502", "南京北街1号****"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.mask(tt.in); got != tt.want {
				t.Errorf("mask(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzMasksHideMost checks what every mask promises whatever the input: the result never
// equals a non-trivial input, and the masked ID and phone forms show at most 7 of the
// original characters.
func FuzzMasksHideMost(f *testing.F) {
	for _, s := range []string{"李小明", "110101199003071234", "13812345678", "a@b.c", "辽宁省沈阳市和平区南京北街1号"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = strings.TrimSpace(s)
		if len([]rune(s)) < 2 || strings.ContainsRune(s, '*') {
			return
		}
		for name, mask := range map[string]func(string) string{"name": MaskName, "id": MaskIDNumber, "phone": MaskPhone, "address": MaskAddress} {
			if got := mask(s); got == s {
				t.Errorf("%s mask of %q revealed it whole", name, s)
			}
		}
		if got := MaskIDNumber(s); strings.Count(got, "*") < len([]rune(got))-7 {
			t.Errorf("MaskIDNumber(%q) = %q shows more than 7 characters", s, got)
		}
	})
}
