package requests

import (
	"errors"
	"reflect"
	"testing"
)

func TestFeeForNthApplication(t *testing.T) {
	for _, tt := range []struct{ n, want int }{
		{-1, 0}, {0, 0}, {1, 0}, {10, 0},
		{11, 100}, {30, 100},
		{31, 200}, {40, 200},
		{41, 300}, {50, 300},
		{51, 400}, {100, 800}, {101, 900},
	} {
		if got := FeeForNthApplication(tt.n); got != tt.want {
			t.Errorf("FeeForNthApplication(%d) = %d, want %d", tt.n, got, tt.want)
		}
	}
}

func TestFeeForApplications(t *testing.T) {
	for _, tt := range []struct{ n, want int }{
		{-5, 0}, {0, 0}, {1, 0}, {10, 0},
		{11, 100},
		{30, 2000},
		{31, 2200},
		{35, 3000}, // law.md: 20×100 + 5×200
		{40, 4000}, // 20×100 + 10×200
		{41, 4300}, // + 1×300
		{50, 7000}, // 20×100 + 10×200 + 10×300
		{51, 7400},
	} {
		if got := FeeForApplications(tt.n); got != tt.want {
			t.Errorf("FeeForApplications(%d) = %d, want %d", tt.n, got, tt.want)
		}
	}
	// The closed form must equal charging each application in turn.
	sum := 0
	for n := 1; n <= 2000; n++ {
		sum += FeeForNthApplication(n)
		if got := FeeForApplications(n); got != sum {
			t.Fatalf("FeeForApplications(%d) = %d, sum of FeeForNthApplication = %d", n, got, sum)
		}
	}
}

func TestFeeForPages(t *testing.T) {
	for _, tt := range []struct{ pages, want int }{
		{-1, 0}, {0, 0}, {1, 0}, {30, 0},
		{31, 10},
		{100, 700},
		{101, 720},
		{200, 2700},
		{201, 2740},
		{250, 4700}, // law.md: 700 + 2,000 + 2,000
	} {
		if got := FeeForPages(tt.pages); got != tt.want {
			t.Errorf("FeeForPages(%d) = %d, want %d", tt.pages, got, tt.want)
		}
	}
}

func TestApplicationFees(t *testing.T) {
	got, err := ApplicationFees(35)
	if err != nil {
		t.Fatal(err)
	}
	want := FeeBreakdown{Method: FeePerApplication, Count: 35, Total: 3000, Bands: []FeeBand{
		{From: 1, To: 10, Count: 10, UnitPrice: 0, Subtotal: 0},
		{From: 11, To: 30, Count: 20, UnitPrice: 100, Subtotal: 2000},
		{From: 31, To: 40, Count: 5, UnitPrice: 200, Subtotal: 1000},
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ApplicationFees(35) = %+v, want %+v", got, want)
	}
	if f := got.Formula(); f != "20×100 + 5×200 = 3000" {
		t.Errorf("Formula = %q", f)
	}

	for _, n := range []int{1, 10, 11, 30, 31, 40, 41, 100, 101, 555} {
		fb, err := ApplicationFees(n)
		if err != nil {
			t.Fatalf("ApplicationFees(%d): %v", n, err)
		}
		count, total := 0, 0
		for _, b := range fb.Bands {
			count += b.Count
			total += b.Subtotal
			if b.Subtotal != b.Count*b.UnitPrice || b.Count < 1 || b.Count > b.To-b.From+1 {
				t.Errorf("ApplicationFees(%d): bad band %+v", n, b)
			}
		}
		if count != n || total != fb.Total || fb.Total != FeeForApplications(n) {
			t.Errorf("ApplicationFees(%d): bands count %d total %d, Total %d, want %d", n, count, total, fb.Total, FeeForApplications(n))
		}
	}
	if fb, _ := ApplicationFees(10); fb.Formula() != "0" || fb.Total != 0 {
		t.Errorf("ApplicationFees(10) = %+v, want free", fb)
	}
}

func TestPageFees(t *testing.T) {
	got, err := PageFees(250)
	if err != nil {
		t.Fatal(err)
	}
	want := FeeBreakdown{Method: FeePerPage, Count: 250, Total: 4700, Bands: []FeeBand{
		{From: 1, To: 30, Count: 30, UnitPrice: 0, Subtotal: 0},
		{From: 31, To: 100, Count: 70, UnitPrice: 10, Subtotal: 700},
		{From: 101, To: 200, Count: 100, UnitPrice: 20, Subtotal: 2000},
		{From: 201, To: 0, Count: 50, UnitPrice: 40, Subtotal: 2000},
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("PageFees(250) = %+v, want %+v", got, want)
	}
	if f := got.Formula(); f != "70×10 + 100×20 + 50×40 = 4700" {
		t.Errorf("Formula = %q", f)
	}
	for _, pages := range []int{1, 30, 31, 100, 101, 200, 201} {
		fb, err := PageFees(pages)
		if err != nil || fb.Total != FeeForPages(pages) {
			t.Errorf("PageFees(%d) = %+v, %v; want total %d", pages, fb, err, FeeForPages(pages))
		}
	}
}

func TestFeeInputErrors(t *testing.T) {
	for _, n := range []int{0, -1, MaxFeeCount + 1} {
		if _, err := ApplicationFees(n); !errors.Is(err, ErrFeeCount) {
			t.Errorf("ApplicationFees(%d) error = %v, want ErrFeeCount", n, err)
		}
		if _, err := PageFees(n); !errors.Is(err, ErrFeeCount) {
			t.Errorf("PageFees(%d) error = %v, want ErrFeeCount", n, err)
		}
	}
	if _, err := ApplicationFees(MaxFeeCount); err != nil {
		t.Errorf("ApplicationFees(MaxFeeCount): %v", err)
	}
}
