package reports

import (
	"fmt"
	"io"
	"strconv"

	"github.com/go-pdf/fpdf"

	"xxgk/typeset"
)

// PDFOptions configures WritePDF.
type PDFOptions struct {
	// Fonts, when set, are used as they are and FontDir is ignored.
	Fonts *typeset.Fonts
	// FontDir holds typeset.RegularFile and typeset.BoldFile; typeset.DefaultFontDir when empty.
	FontDir string
}

// Page geometry in millimetres (A4 portrait).
const (
	pageW        = 210.0
	pageH        = 297.0
	marginX      = 20.0
	marginTop    = 22.0
	marginBottom = 22.0
	contentW     = pageW - 2*marginX
	bottomY      = pageH - marginBottom
	footerY      = pageH - 14.0
	ptToMM       = 25.4 / 72
)

// Type sizes in points.
const (
	sizeTitle   = 18.0
	sizeHeading = 14.0
	sizeBody    = 12.0
	sizeTable   = 9.0
	sizeFooter  = 9.0
)

const fontFamily = "wenkai"

// pdfWriter draws one report; it lives for one WritePDF call.
type pdfWriter struct {
	f *fpdf.Fpdf
}

// WritePDF renders the report on A4: the title, the six sections in order with tables 二, 三 and
// 四 under theirs, and 第 N 页 / 共 M 页 on every page. Chinese text is wrapped by typeset.Wrap, never
// by fpdf's MultiCell, which loses characters at line breaks.
func (r *Report) WritePDF(w io.Writer, opts PDFOptions) error {
	if err := r.validate(); err != nil {
		return err
	}
	fonts := opts.Fonts
	if fonts == nil {
		var err error
		if fonts, err = typeset.LoadFonts(opts.FontDir); err != nil {
			return fmt.Errorf("reports: %w", err)
		}
	}
	f := fpdf.New("P", "mm", "A4", "")
	f.SetMargins(marginX, marginTop, marginX)
	// Pages are broken by the layout below, which knows what must stay together.
	f.SetAutoPageBreak(false, 0)
	f.AddUTF8FontFromBytes(fontFamily, "", fonts.Regular)
	f.AddUTF8FontFromBytes(fontFamily, "B", fonts.Bold)
	f.SetTitle(r.Title(), true)
	f.SetAuthor(r.Body.Name, true)
	f.SetCreator("xxgk", true)
	if !r.Generated.IsZero() {
		f.SetCreationDate(r.Generated)
		f.SetModificationDate(r.Generated)
	}
	f.SetDrawColor(0, 0, 0)
	f.SetLineWidth(0.2)
	p := &pdfWriter{f: f}
	f.AddPage()
	p.title(r.Title())
	p.heading(HeadingOverview, 2*p.lineHeight(sizeBody))
	p.paragraphs(r.Sections.Overview)
	p.table(HeadingProactive, r.table2Grid())
	p.table(HeadingApplications, r.table3Grid())
	p.table(HeadingReview, r.table4Grid())
	p.heading(HeadingProblems, 2*p.lineHeight(sizeBody))
	p.paragraphs(r.Sections.Problems)
	p.heading(HeadingOther, 2*p.lineHeight(sizeBody))
	p.paragraphs(r.Sections.Other)
	p.pageNumbers()
	if err := f.Output(w); err != nil {
		return fmt.Errorf("reports: write pdf: %w", err)
	}
	return nil
}

func (p *pdfWriter) lineHeight(size float64) float64 { return size * ptToMM * 1.6 }

func (p *pdfWriter) setFont(bold bool, size float64) {
	style := ""
	if bold {
		style = "B"
	}
	p.f.SetFont(fontFamily, style, size)
}

// lines wraps text in the current font.
func (p *pdfWriter) lines(text string, width float64) []string {
	return typeset.Wrap(text, width, p.f.GetStringWidth)
}

// ensure starts a new page unless h millimetres still fit on this one.
func (p *pdfWriter) ensure(h float64) {
	if p.f.GetY()+h > bottomY {
		p.f.AddPage()
	}
}

func (p *pdfWriter) title(text string) {
	p.setFont(true, sizeTitle)
	lh := p.lineHeight(sizeTitle)
	p.f.SetY(marginTop + 4)
	for _, l := range p.lines(text, contentW) {
		p.f.SetX(marginX)
		p.f.CellFormat(contentW, lh, l, "", 1, "C", false, 0, "")
	}
	p.f.SetY(p.f.GetY() + 6)
}

// heading draws a section heading, keeping it on the same page as the next keep millimetres.
func (p *pdfWriter) heading(text string, keep float64) {
	p.setFont(true, sizeHeading)
	lh := p.lineHeight(sizeHeading)
	p.f.SetY(p.f.GetY() + 2)
	p.ensure(lh + keep)
	for _, l := range p.lines(text, contentW) {
		p.f.SetX(marginX)
		p.f.CellFormat(contentW, lh, l, "", 1, "L", false, 0, "")
	}
	p.f.SetY(p.f.GetY() + 1)
}

// paragraphs draws narrative text with the customary two-character first-line indent.
func (p *pdfWriter) paragraphs(text string) {
	p.setFont(false, sizeBody)
	lh := p.lineHeight(sizeBody)
	for _, para := range paragraphs(text) {
		for _, l := range p.lines("　　"+para, contentW) {
			p.ensure(lh)
			p.f.SetX(marginX)
			p.f.CellFormat(contentW, lh, l, "", 1, "L", false, 0, "")
		}
	}
}

func (p *pdfWriter) pageNumbers() {
	n := p.f.PageCount()
	for i := 1; i <= n; i++ {
		p.f.SetPage(i)
		p.setFont(false, sizeFooter)
		p.f.SetXY(marginX, footerY)
		p.f.CellFormat(contentW, 5, "第 "+strconv.Itoa(i)+" 页 / 共 "+strconv.Itoa(n)+" 页", "", 0, "C", false, 0, "")
	}
}

// gridCell is one (possibly merged) cell of a table.
type gridCell struct {
	row, col, rows, cols int
	text                 string
	align                string // "C" or "L"
	bold                 bool
}

// grid is a table to draw: column widths, cells, how many leading rows form the header that is
// repeated on every page the table runs onto, and which rows must stay with the next one.
type grid struct {
	widths       []float64
	nrows        int
	header       int
	keepWithNext map[int]bool
	cells        []gridCell
}

// Table cell padding and line height in millimetres.
const (
	padX = 1.2
	padY = 1.4
)

func (p *pdfWriter) table(heading string, g grid) {
	lh := p.lineHeight(sizeTable) * 0.85
	lines := make([][]string, len(g.cells))
	heights := make([]float64, g.nrows)
	for i := range heights {
		heights[i] = lh + 2*padY
	}
	x := func(col int) float64 {
		s := marginX
		for _, w := range g.widths[:col] {
			s += w
		}
		return s
	}
	for i, c := range g.cells {
		p.setFont(c.bold, sizeTable)
		lines[i] = p.lines(c.text, x(c.col+c.cols)-x(c.col)-2*padX)
	}
	// Single-row cells first, then merged ones get any height they still lack, spread evenly.
	for pass := 0; pass < 2; pass++ {
		for i, c := range g.cells {
			need := float64(len(lines[i]))*lh + 2*padY
			if (c.rows == 1) != (pass == 0) {
				continue
			}
			have := 0.0
			for r := c.row; r < c.row+c.rows; r++ {
				have += heights[r]
			}
			if need > have {
				for r := c.row; r < c.row+c.rows; r++ {
					heights[r] += (need - have) / float64(c.rows)
				}
			}
		}
	}
	// A band is a run of rows no merged cell or keep rule lets us split.
	joined := make([]bool, g.nrows) // joined[r]: row r may not start a new page
	for _, c := range g.cells {
		for r := c.row + 1; r < c.row+c.rows; r++ {
			joined[r] = true
		}
	}
	for r := range g.nrows - 1 {
		if g.keepWithNext[r] || r < g.header {
			joined[r+1] = true
		}
	}
	var bands [][]int
	for r := range g.nrows {
		if r == 0 || !joined[r] {
			bands = append(bands, nil)
		}
		bands[len(bands)-1] = append(bands[len(bands)-1], r)
	}
	sum := func(rows []int) float64 {
		s := 0.0
		for _, r := range rows {
			s += heights[r]
		}
		return s
	}
	headerRows := bands[0][:g.header]

	// Place rows into page segments before drawing, since a merged cell needs every row's place.
	type segment struct {
		newPage bool
		y0      float64
		rows    []int
	}
	// A table that fits on one page is not split: a reader compares its rows side by side.
	all := make([]int, g.nrows)
	for r := range all {
		all[r] = r
	}
	headingH := p.lineHeight(sizeHeading) + 3
	if total := sum(all) + headingH; total <= bottomY-marginTop && p.f.GetY()+total > bottomY {
		p.f.AddPage()
	}
	p.heading(heading, sum(bands[0]))
	var segs []segment
	cur := segment{y0: p.f.GetY()}
	y := cur.y0
	breakPage := func() {
		if len(cur.rows) > 0 {
			segs = append(segs, cur)
		}
		cur = segment{newPage: true, y0: marginTop}
		y = marginTop
		for _, r := range headerRows {
			cur.rows = append(cur.rows, r)
			y += heights[r]
		}
	}
	room := bottomY - marginTop - sum(headerRows)
	for bi, band := range bands {
		if bi > 0 && y+sum(band) > bottomY {
			if sum(band) <= room {
				breakPage()
			}
		}
		for _, r := range band {
			if y+heights[r] > bottomY && bi > 0 {
				breakPage() // a band taller than a page: split it between rows
			}
			cur.rows = append(cur.rows, r)
			y += heights[r]
		}
	}
	segs = append(segs, cur)

	for _, s := range segs {
		if s.newPage {
			p.f.AddPage()
		}
		top := make(map[int]float64, len(s.rows))
		yy := s.y0
		for _, r := range s.rows {
			top[r] = yy
			yy += heights[r]
		}
		for i, c := range g.cells {
			y0, y1 := -1.0, -1.0
			for r := c.row; r < c.row+c.rows; r++ {
				if t, ok := top[r]; ok {
					if y0 < 0 {
						y0 = t
					}
					y1 = t + heights[r]
				}
			}
			if y0 < 0 {
				continue
			}
			x0, x1 := x(c.col), x(c.col+c.cols)
			p.f.Rect(x0, y0, x1-x0, y1-y0, "D")
			p.setFont(c.bold, sizeTable)
			ty := y0 + (y1-y0-float64(len(lines[i]))*lh)/2
			for _, l := range lines[i] {
				p.f.SetXY(x0+padX, ty)
				p.f.CellFormat(x1-x0-2*padX, lh, l, "", 0, c.align, false, 0, "")
				ty += lh
			}
		}
		p.f.SetY(yy)
	}
	p.f.SetY(p.f.GetY() + 4)
}

func (r *Report) table2Grid() grid {
	g := grid{widths: []float64{50, 40, 40, 40}, keepWithNext: map[int]bool{}}
	add := func(c gridCell) { g.cells = append(g.cells, c) }
	row := 0
	for _, b := range r.table2Blocks() {
		add(gridCell{row: row, col: 0, rows: 1, cols: 4, text: b.Caption, align: "C", bold: true})
		g.keepWithNext[row] = true
		row++
		add(gridCell{row: row, col: 0, rows: 1, cols: 1, text: LabelInfoContent, align: "C", bold: true})
		for i, sp := range table2Spans(len(b.Columns)) {
			add(gridCell{row: row, col: sp[0] - 1, rows: 1, cols: sp[1] - sp[0] + 1, text: b.Columns[i], align: "C", bold: true})
		}
		g.keepWithNext[row] = true
		row++
		for _, rw := range b.Rows {
			add(gridCell{row: row, col: 0, rows: 1, cols: 1, text: rw.Label, align: "C"})
			for i, sp := range table2Spans(len(rw.Cells)) {
				add(gridCell{row: row, col: sp[0] - 1, rows: 1, cols: sp[1] - sp[0] + 1, text: rw.Cells[i].text(), align: "C"})
			}
			row++
		}
	}
	g.nrows = row
	return g
}

func (r *Report) table3Grid() grid {
	num := (contentW - 10 - 21 - 53) / NumColumns
	g := grid{widths: []float64{10, 21, 53}, header: 3, nrows: 3 + len(r.Table3.Rows)}
	for range NumColumns {
		g.widths = append(g.widths, num)
	}
	add := func(c gridCell) { g.cells = append(g.cells, c) }
	cols := Table3Columns()
	add(gridCell{row: 0, col: 0, rows: 3, cols: 3, text: Table3Corner, align: "C", bold: true})
	add(gridCell{row: 0, col: 3, rows: 1, cols: 7, text: LabelApplicants, align: "C", bold: true})
	add(gridCell{row: 1, col: 3, rows: 2, cols: 1, text: cols[0], align: "C", bold: true})
	add(gridCell{row: 1, col: 4, rows: 1, cols: 5, text: LabelOrganisations, align: "C", bold: true})
	add(gridCell{row: 1, col: 9, rows: 2, cols: 1, text: cols[TotalColumn], align: "C", bold: true})
	for i := 1; i < TotalColumn; i++ {
		add(gridCell{row: 2, col: 3 + i, rows: 1, cols: 1, text: cols[i], align: "C", bold: true})
	}
	for _, m := range table3Merges(r.Table3.Rows) {
		align := "L"
		if m.centered {
			align = "C"
		}
		add(gridCell{row: 3 + m.row, col: m.col1 - 1, rows: m.rows, cols: m.col2 - m.col1 + 1, text: m.text, align: align})
	}
	for i, tr := range r.Table3.Rows {
		for j, v := range tr.Counts {
			add(gridCell{row: 3 + i, col: 3 + j, rows: 1, cols: 1, text: strconv.FormatInt(v, 10), align: "C"})
		}
	}
	return g
}

func (r *Report) table4Grid() grid {
	g := grid{header: 3, nrows: 4}
	for range 15 {
		g.widths = append(g.widths, contentW/15)
	}
	add := func(c gridCell) { g.cells = append(g.cells, c) }
	add(gridCell{row: 0, col: 0, rows: 1, cols: 5, text: LabelReview, align: "C", bold: true})
	add(gridCell{row: 0, col: 5, rows: 1, cols: 10, text: LabelLitigation, align: "C", bold: true})
	add(gridCell{row: 1, col: 5, rows: 1, cols: 5, text: LabelDirectSuit, align: "C", bold: true})
	add(gridCell{row: 1, col: 10, rows: 1, cols: 5, text: LabelSuitAfterReview, align: "C", bold: true})
	for i, c := range CaseColumns() {
		add(gridCell{row: 1, col: i, rows: 2, cols: 1, text: c, align: "C", bold: true})
		add(gridCell{row: 2, col: 5 + i, rows: 1, cols: 1, text: c, align: "C", bold: true})
		add(gridCell{row: 2, col: 10 + i, rows: 1, cols: 1, text: c, align: "C", bold: true})
	}
	for b, blk := range r.Table4.blocks() {
		for i, v := range blk.Counts.Values() {
			add(gridCell{row: 3, col: 5*b + i, rows: 1, cols: 1, text: strconv.FormatInt(v, 10), align: "C"})
		}
	}
	return g
}
