package web

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// TestTemplatesHaveNoHardCodedText: the interface text of every page comes from the message
// catalogues (web/i18n), so an English visitor never meets a Chinese label and the reverse.
// What is left of a template once its actions ({{…}}) and tags are removed must hold no Han
// character and no English word, except the few texts listed here that are the same in both
// languages by law or by format.
func TestTemplatesHaveNoHardCodedText(t *testing.T) {
	// The national format of the annual report (国办公开办函〔2021〕30号) fixes its table
	// headings in Chinese; a calendar file's sample is data in the file's own format; file
	// format names are names; an API path is code.
	allowed := map[string][]string{
		"report.html":         {"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况", "法人或其他组织", "行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "表"},
		"calendar_admin.html": {"date,kind,name", "2027-02-06,holiday,春节", "2027-02-20,workday,春节"},
		"console.html":        {"Excel", "PDF"},
		"deadline.html":       {"/api/v1/calendar/deadline?from=", "days="},
	}
	actions := regexp.MustCompile(`(?s)\{\{.*?\}\}`)
	tags := regexp.MustCompile(`(?s)<[^>]*>`)
	entities := regexp.MustCompile(`&[a-zA-Z]+;|&#\d+;`)
	han := regexp.MustCompile(`\p{Han}`)
	word := regexp.MustCompile(`[A-Za-z]{2,}`)
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil || len(names) == 0 {
		t.Fatalf("no templates: %v", err)
	}
	for _, name := range names {
		b, _ := templateFS.ReadFile(name)
		text := tags.ReplaceAllString(actions.ReplaceAllString(string(b), " "), " ")
		text = entities.ReplaceAllString(text, " ")
		base := strings.TrimPrefix(name, "templates/")
		for _, ok := range allowed[base] {
			text = strings.ReplaceAll(text, ok, " ")
		}
		for _, line := range strings.Split(text, "\n") {
			if line = strings.TrimSpace(line); line != "" && (han.MatchString(line) || word.MatchString(line)) {
				t.Errorf("%s: interface text outside the message catalogues: %q", base, line)
			}
		}
	}
}
