package audit_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/jmoiron/sqlx"
	"github.com/xuri/excelize/v2"

	"xxgk/audit"
	"xxgk/database"
	"xxgk/database/dbtest"
)

func appendAs(t *testing.T, db *sqlx.DB, actor audit.Actor, e audit.Event) {
	t.Helper()
	err := database.Transact(context.Background(), db, func(tx *sqlx.Tx) error {
		return audit.Append(context.Background(), tx, actor, e)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func seedLog(t *testing.T) *audit.Log {
	t.Helper()
	db := dbtest.New(t)
	li := audit.Actor{UserID: 7, Name: "li", Role: "officer", Via: "session"}
	bot := audit.Actor{UserID: 8, Name: "importer", Role: "officer", Via: "token:3"}
	appendAs(t, db, li, audit.Event{Action: "entry.create", Target: "entry:1", Body: "sy-fgw"})
	appendAs(t, db, li, audit.Event{Action: "entry.publish", Target: "entry:1", Body: "sy-fgw"})
	appendAs(t, db, bot, audit.Event{Action: "entry.publish", Target: "entry:2", Body: "hp-jyj"})
	appendAs(t, db, audit.System, audit.Event{Action: "entry.lapse", Target: "entry:1", Body: "sy-fgw"})
	appendAs(t, db, audit.CLI("root"), audit.Event{Action: "body.create", Target: "body:sy_100%", Body: "sy_100%",
		Changes: map[string]string{"name": "沈阳市测试局"}})
	return audit.NewLog(db)
}

func TestQueryFilters(t *testing.T) {
	log := seedLog(t)
	ctx := context.Background()
	tests := []struct {
		name    string
		f       audit.Filter
		targets []string // newest first
	}{
		{"all", audit.Filter{}, []string{"body:sy_100%", "entry:1", "entry:2", "entry:1", "entry:1"}},
		{"actor", audit.Filter{Actor: "li"}, []string{"entry:1", "entry:1"}},
		{"token actor by name", audit.Filter{Actor: "importer"}, []string{"entry:2"}},
		{"action exact", audit.Filter{Action: "entry.publish"}, []string{"entry:2", "entry:1"}},
		{"action family", audit.Filter{Action: "entry."}, []string{"entry:1", "entry:2", "entry:1", "entry:1"}},
		{"body", audit.Filter{Body: "hp-jyj"}, []string{"entry:2"}},
		{"body with LIKE characters", audit.Filter{Body: "sy_100%"}, []string{"body:sy_100%"}},
		{"target and body", audit.Filter{Target: "entry:1", Body: "sy-fgw"}, []string{"entry:1", "entry:1", "entry:1"}},
		{"paged", audit.Filter{PageSize: 2, Page: 2}, []string{"entry:2", "entry:1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			total, recs, err := log.Query(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range recs {
				got = append(got, r.Target)
			}
			if strings.Join(got, ",") != strings.Join(tt.targets, ",") {
				t.Errorf("targets = %v, want %v", got, tt.targets)
			}
			if tt.f.PageSize == 0 && total != len(tt.targets) {
				t.Errorf("total = %d, want %d", total, len(tt.targets))
			}
		})
	}
	// An action family is a prefix, not a pattern: "entry_" must not match "entry.".
	if total, _, err := log.Query(ctx, audit.Filter{Action: "entry_"}); err != nil || total != 0 {
		t.Errorf("action entry_: %d, %v; want nothing", total, err)
	}
}

func TestExportCSVAndXLSX(t *testing.T) {
	log := seedLog(t)
	ctx := context.Background()
	var buf bytes.Buffer
	if err := log.ExportCSV(ctx, &buf, audit.Filter{Body: "sy-fgw"}); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\uFEFF")) {
		t.Error("CSV lacks the byte-order mark Excel needs for UTF-8")
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[0][0] != "编号" {
		t.Fatalf("CSV rows = %v, want header and 3 events", rows)
	}
	if rows[1][5] != "entry.create" || rows[3][5] != "entry.lapse" {
		t.Errorf("CSV not oldest first: %v", rows)
	}
	if len(rows[1][11]) != 64 {
		t.Errorf("hash column = %q, want 64 hex digits", rows[1][11])
	}

	buf.Reset()
	if err := log.ExportXLSX(ctx, &buf, audit.Filter{}); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	xrows, err := x.GetRows("审计日志")
	if err != nil {
		t.Fatal(err)
	}
	if len(xrows) != 6 {
		t.Fatalf("xlsx has %d rows, want header + 5", len(xrows))
	}
	if got := xrows[5][7]; !strings.Contains(got, "沈阳市测试局") {
		t.Errorf("last row changes = %q, want the Chinese name intact", got)
	}
}
