package requests

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Processing fees (信息处理费) under Art. 42 and 国办函〔2020〕109号 (law.md §4). Disclosure is free
// in principle; a fee is charged only when quantity or frequency clearly exceeds a reasonable
// range, by one of two marginal (超额累进) methods chosen per application. Amounts are whole 元.

// FeeMethod is how a processing fee is computed.
type FeeMethod string

// The two methods of 国办函〔2020〕109号.
const (
	// FeePerApplication (按件计收) counts the same applicant's applications in one calendar month.
	FeePerApplication FeeMethod = "per_application"
	// FeePerPage (按量计收) counts the pages of information provided for one application.
	FeePerPage FeeMethod = "per_page"
)

// MaxFeeCount bounds the counts the breakdown functions accept: far above anything real, low
// enough that no arithmetic overflows and no letter lists thousands of bands.
const MaxFeeCount = 100_000

// ErrFeeCount is returned (wrapped) for a count that cannot be charged: zero, negative or above
// MaxFeeCount.
var ErrFeeCount = errors.New("fee count must be between 1 and 100000")

// FeeBand is one line of a fee computation: Count items of the band From–To at UnitPrice 元
// each. To is 0 for the open-ended last band.
type FeeBand struct {
	From, To  int
	Count     int
	UnitPrice int
	Subtotal  int
}

// FeeBreakdown is the computation a fee notice shows: every band the count reaches, free bands
// included, and the total.
type FeeBreakdown struct {
	Method FeeMethod
	Count  int
	Bands  []FeeBand
	Total  int
}

// FeeForNthApplication is the fee for an applicant's n-th application in a calendar month: free
// up to the 10th, 100 元 for the 11th to 30th, then 100 元 more for each further band of ten
// (31st–40th: 200, 41st–50th: 300, …). It is 0 for n < 1.
func FeeForNthApplication(n int) int {
	switch {
	case n <= 10:
		return 0
	case n <= 30:
		return 100
	}
	return 100 * (2 + (n-31)/10)
}

// FeeForApplications is the total fee for n applications by the same applicant in one calendar
// month, each charged at FeeForNthApplication. 35 applications cost 20×100 + 5×200 = 3,000 元.
// It is 0 for n < 1. The result saturates at math.MaxInt for counts beyond any meaning (≈1.3
// billion), where the quadratic growth would overflow.
func FeeForApplications(n int) int {
	if n <= 10 {
		return 0
	}
	if n <= 30 {
		return 100 * (n - 10)
	}
	if n > 1_000_000_000 {
		return math.MaxInt
	}
	// Band k (k = 0, 1, …) covers applications 31+10k … 40+10k at 100×(k+2) each.
	m := n - 30
	full, rest := m/10, m%10
	return 2000 + 1000*(full*(full-1)/2+2*full) + rest*100*(full+2)
}

// FeeForPages is the fee for one application's pages: 1–30 free, 31–100 at 10 元, 101–200 at
// 20 元, from 201 at 40 元 a page. 250 pages cost 700 + 2,000 + 2,000 = 4,700 元. It is 0 for
// pages < 1.
func FeeForPages(pages int) int {
	total := 0
	for _, b := range pageBands(pages) {
		total += b.Subtotal
	}
	return total
}

// pageBands is the per-page schedule applied to pages; a page count is linear in each band, so
// there is no overflow concern short of absurd inputs, which the callers bound.
func pageBands(pages int) []FeeBand {
	schedule := [...]FeeBand{
		{From: 1, To: 30, UnitPrice: 0},
		{From: 31, To: 100, UnitPrice: 10},
		{From: 101, To: 200, UnitPrice: 20},
		{From: 201, To: 0, UnitPrice: 40},
	}
	var bands []FeeBand
	for _, b := range schedule {
		if pages < b.From {
			break
		}
		hi := pages
		if b.To != 0 && b.To < hi {
			hi = b.To
		}
		b.Count = hi - b.From + 1
		b.Subtotal = b.Count * b.UnitPrice
		bands = append(bands, b)
	}
	return bands
}

// ApplicationFees is the per-application computation for the n-th application in a month
// (1 ≤ n ≤ MaxFeeCount): the applications of the month so far, by band.
func ApplicationFees(n int) (FeeBreakdown, error) {
	if n < 1 || n > MaxFeeCount {
		return FeeBreakdown{}, fmt.Errorf("requests: applications in a month = %d: %w", n, ErrFeeCount)
	}
	fb := FeeBreakdown{Method: FeePerApplication, Count: n}
	add := func(from, to, price int) {
		hi := min(n, to)
		b := FeeBand{From: from, To: to, Count: hi - from + 1, UnitPrice: price}
		b.Subtotal = b.Count * price
		fb.Bands = append(fb.Bands, b)
		fb.Total += b.Subtotal
	}
	add(1, 10, 0)
	if n > 10 {
		add(11, 30, 100)
	}
	for from := 31; from <= n; from += 10 {
		add(from, from+9, FeeForNthApplication(from))
	}
	return fb, nil
}

// PageFees is the per-page computation for one application of pages pages
// (1 ≤ pages ≤ MaxFeeCount).
func PageFees(pages int) (FeeBreakdown, error) {
	if pages < 1 || pages > MaxFeeCount {
		return FeeBreakdown{}, fmt.Errorf("requests: pages = %d: %w", pages, ErrFeeCount)
	}
	fb := FeeBreakdown{Method: FeePerPage, Count: pages, Bands: pageBands(pages)}
	for _, b := range fb.Bands {
		fb.Total += b.Subtotal
	}
	return fb, nil
}

// Formula writes the computation as the law's examples do, leaving out free bands:
// "20×100 + 5×200 = 3000". A count within the free bands gives "0".
func (fb FeeBreakdown) Formula() string {
	var terms []string
	for _, b := range fb.Bands {
		if b.UnitPrice > 0 {
			terms = append(terms, strconv.Itoa(b.Count)+"×"+strconv.Itoa(b.UnitPrice))
		}
	}
	if len(terms) == 0 {
		return "0"
	}
	return strings.Join(terms, " + ") + " = " + strconv.Itoa(fb.Total)
}
