// Package typeset holds what every Chinese PDF that xxgk writes needs: the TrueType faces it is
// set in and line breaking by the rules of Chinese typesetting. The annual report (package
// reports) and the answer letters (package requests) both draw with go-pdf/fpdf, whose MultiCell
// and SplitText drop a Chinese character at every automatic line break and which cannot load the
// CFF or .ttc fonts (Noto CJK) Debian installs by default, so both wrap text with Wrap and embed
// the faces LoadFonts reads.
package typeset
