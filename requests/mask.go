package requests

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Applicants' names, identity-document numbers, phone numbers, addresses and e-mail addresses
// are personal information (PIPL, 个人信息保护法). Only officers of the handling body,
// administrators and auditors see them in full; every other view, export and log line shows
// the masked forms below. They keep just enough to let an applicant recognise their own
// application (李**, 138****5678) and nothing that identifies them to anyone else.

// maskRune is what hidden characters become.
const maskRune = '*'

// MaskName keeps the first character of a personal name (the family name, for Chinese names)
// and hides the rest: 李小明 → 李**, 欧阳娜娜 → 欧***, "Li Xiaoming" → "L* X*******". Organisation
// names are not personal data and are not passed here.
func MaskName(name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		return ""
	}
	if !strings.ContainsFunc(name, unicode.IsSpace) || containsHan(name) {
		return keepEnds(name, 1, 0)
	}
	words := strings.Fields(name)
	for i, w := range words {
		words[i] = keepEnds(w, 1, 0)
	}
	return strings.Join(words, " ")
}

// MaskIDNumber keeps the first 3 and last 4 characters of an identity-document number:
// 110101199003071234 → 110***********1234. Short numbers (passports, permits) keep the first
// and last 2 characters, so that no more than half is ever shown.
func MaskIDNumber(id string) string {
	id = strings.TrimSpace(id)
	n := utf8.RuneCountInString(id)
	switch {
	case n == 0:
		return ""
	case n >= 15:
		return keepEnds(id, 3, 4)
	case n >= 6:
		return keepEnds(id, 1, 2)
	}
	return strings.Repeat(string(maskRune), n)
}

// MaskPhone hides the middle of a phone number and keeps its separators: 13812345678 →
// 138****5678, +86 138 1234 5678 → +86 138 **** 5678, 024-22345678 → 024-****5678. Only the
// last 4 digits and a mobile number's 3-digit network prefix (or a landline's area code)
// are shown.
func MaskPhone(phone string) string {
	phone = strings.TrimSpace(phone)
	if phone == "" {
		return ""
	}
	var digits []int // byte offsets of the digits
	for i, r := range phone {
		if r >= '0' && r <= '9' {
			digits = append(digits, i)
		}
	}
	if len(digits) < 7 {
		return strings.Repeat(string(maskRune), utf8.RuneCountInString(phone))
	}
	// The leading digits to keep: a country code, then 3 (mobile prefix or area code).
	keepHead := 3
	if strings.HasPrefix(phone, "+") || strings.HasPrefix(phone, "0086") {
		keepHead += len(digits) - 11 // the country code's digits, for an 11-digit national number
		keepHead = max(keepHead, 3)
	} else if i := strings.IndexAny(phone, "-— "); i > 0 && i <= 5 && phone[0] == '0' {
		keepHead = 0
		for _, d := range digits {
			if d < i {
				keepHead++
			}
		}
	}
	keepTail := 4
	if keepHead+keepTail >= len(digits) {
		keepHead = max(0, len(digits)-keepTail-3)
	}
	b := []byte(phone)
	for k, off := range digits {
		if k >= keepHead && k < len(digits)-keepTail {
			b[off] = maskRune
		}
	}
	return string(b)
}

// MaskEmail keeps the first character of the local part and the domain: zhangsan@example.com →
// z***@example.com. The number of stars is fixed, so the mask does not reveal the length.
func MaskEmail(email string) string {
	email = strings.TrimSpace(email)
	at := strings.LastIndexByte(email, '@')
	if at <= 0 {
		return MaskName(email)
	}
	r, _ := utf8.DecodeRuneInString(email)
	return string(r) + "***" + email[at:]
}

// MaskAddress keeps an address down to its county or district (辽宁省沈阳市和平区南京北街1号 →
// 辽宁省沈阳市和平区****) and hides the street, building and room. Addresses without a
// recognisable district keep their first 6 characters.
func MaskAddress(addr string) string {
	addr = strings.TrimSpace(addr)
	if addr == "" {
		return ""
	}
	runes := []rune(addr)
	keep := -1
	// The last administrative suffix within the first 12 characters ends the kept part.
	for i := 0; i < len(runes) && i < 12; i++ {
		switch runes[i] {
		case '省', '市', '区', '县', '旗', '州', '盟':
			keep = i + 1
		}
	}
	if keep < 0 {
		keep = min(6, len(runes)/2)
	}
	// Always four stars: the mask reveals neither whether nor how much follows.
	return string(runes[:min(keep, len(runes))]) + "****"
}

// keepEnds shows the first head and last tail runes of s and masks the rest rune by rune.
func keepEnds(s string, head, tail int) string {
	runes := []rune(s)
	if len(runes) <= head+tail {
		if len(runes) <= 1 {
			return strings.Repeat(string(maskRune), len(runes))
		}
		head, tail = 1, 0
	}
	for i := head; i < len(runes)-tail; i++ {
		runes[i] = maskRune
	}
	return string(runes)
}

func containsHan(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) })
}
