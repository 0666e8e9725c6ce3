package catalog_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"xxgk/calendar"
	"xxgk/catalog"
)

// TestDocumentIsGetHistoryAndAttachments: an entry page reads its entry, relations, history and
// attachments in one statement (Document); what it reads is what Get, History and Attachments
// read in four, in the same order, for an entry with all of them and for one with none.
func TestDocumentIsGetHistoryAndAttachments(t *testing.T) {
	f := newFixture(t)
	sy := f.city(t)
	policy := f.publish(t, f.create(t, sy, normative("沈阳市营商环境管理办法", "2023-01-10")).ID)
	amending := f.publish(t, f.create(t, sy, normative("关于修改营商环境管理办法的决定", "2025-06-10")).ID)
	replaced := f.publish(t, f.create(t, sy, normative("沈阳市营商环境暂行办法", "2020-03-01")).ID)
	interp := f.create(t, sy, catalog.EntryInput{Title: "《管理办法》政策解读", FormedOn: day("2025-06-12"), Column: catalog.ColumnInterpretations})

	// Relations are listed as they were made, whichever side and whatever the ids: the draft
	// interpretation (not public) first, then the amendment, then what the policy replaced.
	for i, rel := range []struct {
		from, to int64
		kind     catalog.RelationKind
	}{{interp.ID, policy.ID, catalog.RelationInterprets}, {amending.ID, policy.ID, catalog.RelationAmends}, {policy.ID, replaced.ID, catalog.RelationReplaces}} {
		f.setNow(at("2025-06-17 09:00").AddDate(0, 0, i))
		if err := f.s.Relate(f.ctx, f.actor, rel.from, rel.to, rel.kind, calendar.Date{}); err != nil {
			t.Fatal(err)
		}
	}
	f.setNow(at("2025-06-21 09:00"))
	var kept catalog.Attachment
	for _, name := range []string{"办法全文.txt", "起草说明.txt", "附表.txt"} {
		a, err := f.s.AddAttachment(f.ctx, f.actor, policy.ID, accept(t, name, name+"的内容"))
		if err != nil {
			t.Fatal(err)
		}
		if name == "起草说明.txt" {
			kept = a
		} else if err := f.s.RemoveAttachment(f.ctx, f.actor, a.ID, "撤下"+name); err != nil {
			t.Fatal(err)
		}
	}

	for _, e := range []catalog.Entry{policy, interp} {
		got, err := f.s.Document(f.ctx, e.ID)
		if err != nil {
			t.Fatalf("document %d: %v", e.ID, err)
		}
		want, err := f.s.Get(f.ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		history, err := f.s.History(f.ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		atts, err := f.s.Attachments(f.ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Times decoded from JSON and scanned from rows are the same instants, in locations
		// that reflect tells apart: the lists are compared as their JSON.
		sameJSON(t, e.Title+" relations", got.Entry.Relations, want.Relations)
		sameJSON(t, e.Title+" history", got.History, history)
		sameJSON(t, e.Title+" attachments", got.Attachments, atts)
		got.Entry.Relations, want.Relations = nil, nil
		if !reflect.DeepEqual(got.Entry, want) {
			t.Errorf("%s: Document's entry %+v, Get's %+v", e.Title, got.Entry, want)
		}
	}

	d, _ := f.s.Document(f.ctx, policy.ID)
	if len(d.Entry.Relations) != 3 || d.Entry.Relations[0].EntryID != interp.ID || d.Entry.Relations[0].Public ||
		d.Entry.Relations[1].Direction != "in" || d.Entry.Relations[2].Direction != "out" || d.Entry.Relations[2].EntryID != replaced.ID {
		t.Errorf("policy's relations: %+v", d.Entry.Relations)
	}
	if len(d.Attachments) != 1 || d.Attachments[0].ID != kept.ID || d.Attachments[0].SHA256 != kept.SHA256 || d.Attachments[0].RemovedAt != nil {
		t.Errorf("policy's attachments: %+v, want only %s", d.Attachments, kept.Name)
	}
	if n := len(d.History); n < 5 || d.History[n-1].Version != d.Entry.Version || d.History[n-1].Note != "撤下附表.txt" ||
		!d.History[n-1].At.Equal(at("2025-06-21 09:00")) {
		t.Errorf("policy's history: %+v (entry version %d)", d.History, d.Entry.Version)
	}
	// The draft has no versions and no attachments, and its relation is to a public entry.
	if d, _ := f.s.Document(f.ctx, interp.ID); d.History != nil || d.Attachments == nil || len(d.Attachments) != 0 ||
		len(d.Entry.Relations) != 1 || !d.Entry.Relations[0].Public {
		t.Errorf("draft's document: history %v attachments %#v relations %+v", d.History, d.Attachments, d.Entry.Relations)
	}
	if _, err := f.s.Document(f.ctx, 999999); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("an unknown entry: %v, want ErrNotFound", err)
	}
}

func sameJSON(t *testing.T, what string, got, want any) {
	t.Helper()
	g, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	w, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	if string(g) != string(w) {
		t.Errorf("%s:\n got %s\nwant %s", what, g, w)
	}
}
