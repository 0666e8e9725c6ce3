package reports

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Nullable is a figure that may be "not applicable" (Valid false), which the national format
// distinguishes from 0: a body without licensing powers reports no 行政许可 figure at all.
type Nullable[T any] struct {
	Value T
	Valid bool
}

// Some returns an applicable figure.
func Some[T any](v T) Nullable[T] { return Nullable[T]{Value: v, Valid: true} }

// MarshalJSON writes null for a figure that is not applicable.
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	if !n.Valid {
		return []byte("null"), nil
	}
	return json.Marshal(n.Value)
}

// UnmarshalJSON reads null as "not applicable".
func (n *Nullable[T]) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		*n = Nullable[T]{}
		return nil
	}
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*n = Some(v)
	return nil
}

// NotApplicableText is how a "not applicable" figure is printed in Excel and PDF. It is text on
// purpose, so that a re-read never confuses it with 0.
const NotApplicableText = "/"

// Amount is a sum of money in 万元 held exactly as a whole number of fen (0.01 yuan), so that
// 1 万元 is 1,000,000. Offices type fees with decimals; a float would not give back what they typed.
type Amount int64

// amountScale is the number of Amount units in one 万元.
const amountScale = 1_000_000

// AmountFromWan converts whole 万元 to an Amount.
func AmountFromWan(wan int64) Amount { return Amount(wan * amountScale) }

// ParseAmount reads a decimal number of 万元 with at most six decimals ("12.5", "0.0035").
func ParseAmount(s string) (Amount, error) {
	t := strings.TrimSpace(s)
	neg := strings.HasPrefix(t, "-")
	t = strings.TrimPrefix(t, "-")
	whole, frac, _ := strings.Cut(t, ".")
	if whole == "" || len(frac) > 6 || !allDigits(whole) || !allDigits(frac) {
		return 0, fmt.Errorf("reports: invalid amount %q (want 万元 with at most 6 decimals)", s)
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > (1<<63-1)/amountScale-1 {
		return 0, fmt.Errorf("reports: amount %q out of range", s)
	}
	f := int64(0)
	if frac != "" {
		f, _ = strconv.ParseInt(frac+strings.Repeat("0", 6-len(frac)), 10, 64)
	}
	a := Amount(w*amountScale + f)
	if neg {
		a = -a
	}
	return a, nil
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// String formats a in 万元 without trailing zeros ("12.5", "3").
func (a Amount) String() string {
	v := int64(a)
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	s := fmt.Sprintf("%s%d.%06d", sign, v/amountScale, v%amountScale)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// Float is a in 万元 for spreadsheet cells, which only hold doubles.
func (a Amount) Float() float64 { return float64(a) / amountScale }

// MarshalJSON writes a as a JSON number in 万元.
func (a Amount) MarshalJSON() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalJSON reads a JSON number in 万元 exactly, without going through float64.
func (a *Amount) UnmarshalJSON(b []byte) error {
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("reports: amount must be a number: %w", err)
	}
	v, err := ParseAmount(n.String())
	if err != nil {
		return err
	}
	*a = v
	return nil
}
