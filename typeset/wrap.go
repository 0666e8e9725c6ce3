package typeset

import "strings"

// closingPunct may not start a line (GB/T 15834 line-breaking practice): a line beginning with
// "，" or "）" reads as a typo in a government document.
const closingPunct = "，。、；：？！）」』”’》〕】〉…%,.;:?!)]}"

// openingPunct may not end a line.
const openingPunct = "（「『“‘《〔【〈([{"

func isClosing(r rune) bool { return strings.ContainsRune(closingPunct, r) }
func isOpening(r rune) bool { return strings.ContainsRune(openingPunct, r) }

// isWordRune marks runes that belong to a Latin word or a number ("2024", "12.5"), which should
// not be split across lines when it can be avoided.
func isWordRune(r rune) bool {
	return r < 0x80 && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '.' || r == '_' || r == '-')
}

// Wrap breaks text into lines no wider than width, as measured by measure (fpdf's
// GetStringWidth in production). It exists because fpdf's MultiCell and SplitText drop a Chinese
// character at every automatic break. Every rune of text ends up in exactly one line except the
// newlines, which force breaks; no line starts with closing punctuation or ends with opening
// punctuation unless a line would otherwise be empty; Latin words and numbers stay whole when
// they fit. A single rune wider than width gets a line of its own.
func Wrap(text string, width float64, measure func(string) float64) []string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		lines = append(lines, wrapParagraph([]rune(para), width, measure)...)
	}
	return lines
}

func wrapParagraph(rs []rune, width float64, measure func(string) float64) []string {
	if len(rs) == 0 {
		return []string{""}
	}
	w := make([]float64, len(rs))
	for i, r := range rs {
		w[i] = measure(string(r))
	}
	// canBreak(i): a line may start at rune i (i > start of the paragraph).
	canBreak := func(i int) bool {
		if isClosing(rs[i]) || isOpening(rs[i-1]) {
			return false
		}
		return !(isWordRune(rs[i]) && isWordRune(rs[i-1]))
	}
	var lines []string
	start := 0
	for start < len(rs) {
		// end is the first rune that no longer fits.
		end, sum := start, 0.0
		for end < len(rs) && sum+w[end] <= width+1e-9 {
			sum += w[end]
			end++
		}
		if end == start {
			end = start + 1 // a rune wider than the line: give it a line of its own
		}
		if end < len(rs) {
			brk := end
			for brk > start+1 && !canBreak(brk) {
				brk--
			}
			if brk == start+1 && !canBreak(brk) {
				// No good break point in the whole line (a very long number, a run of
				// punctuation): fall back to the punctuation rule alone, then to the width.
				brk = end
				for brk > start+1 && isClosing(rs[brk]) {
					brk--
				}
				if brk == start+1 && isClosing(rs[brk]) {
					brk = end
				}
			}
			end = brk
		}
		lines = append(lines, string(rs[start:end]))
		start = end
	}
	return lines
}
