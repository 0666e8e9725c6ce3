package faults

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestStoredInjectionInBrowser stores HTML/JS payloads where xxgk legitimately accepts them (an
// entry's title, summary, document number and issuer; a search query; a tracking number) and
// loads the pages that show them in headless Chromium: no dialog opens, no payload script runs,
// no payload markup reaches the DOM, and the payload's text is shown as text.
func TestStoredInjectionInBrowser(t *testing.T) {
	quickParallel(t)
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node is not installed: run 'make test' (it installs what is missing)")
	}
	if _, err := os.Stat("/usr/bin/chromium"); err != nil {
		t.Fatal("Chromium is not installed at /usr/bin/chromium: run 'make test' (it installs it)")
	}
	var payloads []string
	for _, l := range readLines(t, "testdata/hostile/html.txt") {
		if strings.ContainsAny(l, "<>\"'") && len([]rune(l)) < 200 && strings.TrimSpace(l) == l {
			payloads = append(payloads, l)
		}
	}
	payloads = payloads[:min(len(payloads), scale(3, len(payloads)))]
	e := baseEnv(t)
	b := newBody(t, e, "ft-xss", 0)
	srv := serve(t, e, true)
	type page struct {
		URL  string `json:"url"`
		Text string `json:"text"`
	}
	var pages []page
	for i, p := range payloads {
		code, out, err := call("POST", srv.URL+"/api/v1/bodies/"+b.Code+"/entries", b.Token, map[string]any{
			"title": p, "summary": "摘要" + p, "formed_on": "2026-03-02", "column": "policy-other",
			"doc_no": fmt.Sprintf("沈故发〔2026〕%d号", i+1), "issuer": p, "subject": p, "body": "正文" + p,
		})
		if err != nil || code != 201 {
			// Refusing a payload is fine too; it then shows nowhere.
			t.Logf("payload %q refused: %d %v", p, code, out)
			continue
		}
		id := fmt.Sprint(out["id"])
		if code, out, _ := call("POST", srv.URL+"/api/v1/entries/"+id+"/publish", b.Token, "{}"); code != 200 {
			t.Fatalf("publish: %d %v", code, out)
		}
		pages = append(pages,
			page{srv.URL + "/entries/" + id, p},
			page{srv.URL + "/search?q=" + url.QueryEscape(p), p},
		)
	}
	if len(pages) == 0 {
		t.Fatal("no payload was stored: the check would prove nothing")
	}
	// The search pages must find the entries: wait until the index holds every one (the
	// indexer runs as it does in production, a moment behind the publish).
	for deadline := time.Now().Add(60 * time.Second); meiliCount(t, sharedMeili(), e["XXGK_MEILI_INDEX"]) < len(pages)/2; {
		if time.Now().After(deadline) {
			t.Fatalf("after 60 s the index holds %d of %d published entries", meiliCount(t, sharedMeili(), e["XXGK_MEILI_INDEX"]), len(pages)/2)
		}
		time.Sleep(100 * time.Millisecond)
	}
	pages = append(pages,
		page{srv.URL + "/bodies/" + b.Code + "/entries", ""},
		page{srv.URL + "/bodies/" + b.Code, ""},
		page{srv.URL + "/deadline?from=" + url.QueryEscape(payloads[0]) + "&days=" + url.QueryEscape(payloads[1]), ""},
	)
	in, _ := json.Marshal(map[string]any{"pages": pages})
	cmd := exec.Command(node, filepath.Join(root(t), "faults", "xss.mjs"))
	cmd.Dir = root(t)
	cmd.Stdin = bytes.NewReader(in)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("xss.mjs: %v\n%s", err, stderr.String())
	}
	var res struct {
		Results []struct {
			URL                       string
			Status                    int
			Dialogs                   []string
			XSS                       bool
			Inline, Handlers, JSLinks int
			TextShown                 bool
		}
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("xss.mjs answered %q: %v", out.String(), err)
	}
	ran, fives := 0, 0
	for _, r := range res.Results {
		if len(r.Dialogs) > 0 || r.XSS || r.Inline > 0 || r.Handlers > 0 || r.JSLinks > 0 {
			ran++
			t.Errorf("%s: dialogs %v, script ran %v, inline scripts %d, event handlers %d, javascript: links %d",
				r.URL, r.Dialogs, r.XSS, r.Inline, r.Handlers, r.JSLinks)
		}
		if r.Status >= 500 {
			fives++
			t.Errorf("%s: %d", r.URL, r.Status)
		}
		if !r.TextShown {
			t.Errorf("%s: the payload's text is not shown as text", r.URL)
		}
	}
	if len(res.Results) != len(pages) {
		t.Errorf("%d results for %d pages", len(res.Results), len(pages))
	}
	recordInputs(t, "pages with stored payloads loaded in Chromium (no script ran)", len(res.Results), fives)
	t.Logf("%d pages with %d stored payloads; on %d of them something ran", len(res.Results), len(payloads), ran)
}
