package catalog_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"xxgk/attachments"
	"xxgk/catalog"
)

// accept stores content as an upload named name, as the web layer does.
func accept(t *testing.T, name, content string) attachments.Attachment {
	t.Helper()
	dir, err := attachments.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	a, err := attachments.Accept(t.Context(), dir, name, strings.NewReader(content), attachments.DefaultLimits())
	if err != nil {
		t.Fatalf("accept %s: %v", name, err)
	}
	return a
}

func names(as []catalog.Attachment) []string {
	out := []string{}
	for _, a := range as {
		out = append(out, a.Name)
	}
	return out
}

func TestAttachmentsOfADraft(t *testing.T) {
	f := newFixture(t)
	sy := f.city(t)
	draft := f.create(t, sy, other("关于开展营商环境评价的通知", "2025-06-01"))

	a, err := f.s.AddAttachment(f.ctx, f.actor, draft.ID, accept(t, "评价方案.txt", "一、评价范围\n二、评价方法\n"))
	if err != nil {
		t.Fatal(err)
	}
	if a.ID == 0 || a.EntryID != draft.ID || a.Name != "评价方案.txt" || a.MediaType != attachments.MediaText ||
		a.Size != int64(len("一、评价范围\n二、评价方法\n")) || !attachments.ValidHash(a.SHA256) ||
		!strings.Contains(a.Text, "评价方法") || a.CreatedBy != "officer1" || a.Position != 1 {
		t.Errorf("added: %+v", a)
	}
	b, err := f.s.AddAttachment(f.ctx, f.actor, draft.ID, accept(t, "附表.csv", "序号,名称\n1,甲\n"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.s.Attachments(f.ctx, draft.ID)
	if err != nil || !slices.Equal(names(got), []string{"评价方案.txt", "附表.csv"}) {
		t.Fatalf("attachments: %v %v", names(got), err)
	}
	// The same file twice on one entry is a mistake.
	_, err = f.s.AddAttachment(f.ctx, f.actor, draft.ID, accept(t, "评价方案(1).txt", "一、评价范围\n二、评价方法\n"))
	wantValidation(t, err, "file")

	// A draft is not public: no version, nothing for the search index; but the audit log knows.
	if vs, _ := f.s.Versions(f.ctx, draft.ID); len(vs) != 0 {
		t.Errorf("draft has %d versions", len(vs))
	}
	if n := f.outbox(t, draft.ID); n != 0 {
		t.Errorf("draft queued %d outbox rows", n)
	}
	if n := f.events(t, "attachment.add", fmt.Sprintf("attachment:%d", a.ID)); n != 1 {
		t.Errorf("%d attachment.add events", n)
	}

	// Removed from a draft, an attachment is gone, and the draft can then be deleted.
	for _, id := range []int64{a.ID, b.ID} {
		if err := f.s.RemoveAttachment(f.ctx, f.actor, id, ""); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.s.Attachment(f.ctx, a.ID); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("attachment removed from a draft: %v, want ErrNotFound", err)
	}
	if n := f.events(t, "attachment.remove", fmt.Sprintf("attachment:%d", a.ID)); n != 1 {
		t.Errorf("%d attachment.remove events", n)
	}
	if err := f.s.DeleteDraft(f.ctx, f.actor, draft.ID); err != nil {
		t.Errorf("delete draft after removing its attachments: %v", err)
	}
	if _, err := f.s.AddAttachment(f.ctx, f.actor, draft.ID, accept(t, "x.txt", "x")); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("attach to a deleted entry: %v, want ErrNotFound", err)
	}
}

func TestAttachmentsOfAPublishedEntryAreVersions(t *testing.T) {
	f := newFixture(t)
	sy := f.city(t)
	e := f.create(t, sy, normative("沈阳市优化营商环境若干措施", "2025-06-10"))
	pub := f.publish(t, e.ID)
	outbox := f.outbox(t, e.ID)

	f.setNow(at("2025-06-17 09:00"))
	a, err := f.s.AddAttachment(f.ctx, f.actor, e.ID, accept(t, "措施全文.txt", "第一条 为优化营商环境……"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.s.Get(f.ctx, e.ID)
	if err != nil || got.Version != pub.Version+1 || !got.UpdatedAt.Equal(at("2025-06-17 09:00")) {
		t.Fatalf("after adding: version %d (was %d) updated %v, %v", got.Version, pub.Version, got.UpdatedAt, err)
	}
	if n := f.outbox(t, e.ID); n != outbox+1 {
		t.Errorf("outbox rows %d, want %d", n, outbox+1)
	}

	f.setNow(at("2025-06-18 09:00"))
	if err := f.s.RemoveAttachment(f.ctx, f.actor, a.ID, "附件有误，撤下"); err != nil {
		t.Fatal(err)
	}
	vs, err := f.s.Versions(f.ctx, e.ID)
	if err != nil || len(vs) != 3 {
		t.Fatalf("versions: %d %v", len(vs), err)
	}
	var changes map[string]struct{ Before, After []string }
	if err := json.Unmarshal(vs[1].Changes, &changes); err != nil {
		t.Fatal(err)
	}
	if c := changes["attachments"]; len(c.Before) != 0 || !slices.Equal(c.After, []string{"措施全文.txt"}) || vs[1].Note != "添加附件：措施全文.txt" {
		t.Errorf("version 2: note %q changes %s", vs[1].Note, vs[1].Changes)
	}
	changes = nil
	if err := json.Unmarshal(vs[2].Changes, &changes); err != nil {
		t.Fatal(err)
	}
	if c := changes["attachments"]; !slices.Equal(c.Before, []string{"措施全文.txt"}) || len(c.After) != 0 ||
		vs[2].Note != "附件有误，撤下" || vs[2].Actor != "officer1" || !vs[2].At.Equal(at("2025-06-18 09:00")) {
		t.Errorf("version 3: %+v changes %s", vs[2], vs[2].Changes)
	}

	// Published content is never deleted: the row stays, marked removed, and is no longer listed.
	removed, err := f.s.Attachment(f.ctx, a.ID)
	if err != nil || removed.RemovedAt == nil || !removed.RemovedAt.Equal(at("2025-06-18 09:00")) {
		t.Errorf("removed attachment: %+v %v", removed, err)
	}
	if as, _ := f.s.Attachments(f.ctx, e.ID); len(as) != 0 {
		t.Errorf("removed attachment still listed: %v", names(as))
	}
	if err := f.s.RemoveAttachment(f.ctx, f.actor, a.ID, ""); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("remove twice: %v, want ErrNotFound", err)
	}
	if err := f.s.RemoveAttachment(f.ctx, f.actor, 999999, ""); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("remove a missing attachment: %v, want ErrNotFound", err)
	}

	// A withdrawn entry takes no new files, but a file can still be taken down.
	b, err := f.s.AddAttachment(f.ctx, f.actor, e.ID, accept(t, "政策解读.txt", "解读"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Withdraw(f.ctx, f.actor, e.ID, "内容有误"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.AddAttachment(f.ctx, f.actor, e.ID, accept(t, "y.txt", "y")); !errors.Is(err, catalog.ErrNotAllowed) {
		t.Errorf("attach to a withdrawn entry: %v, want ErrNotAllowed", err)
	}
	if err := f.s.RemoveAttachment(f.ctx, f.actor, b.ID, ""); err != nil {
		t.Errorf("remove from a withdrawn entry: %v", err)
	}
	if vs, _ := f.s.Versions(f.ctx, e.ID); len(vs) != 6 || vs[5].Note != "删除附件：政策解读.txt" {
		t.Errorf("versions after withdrawal: %d", len(vs))
	}
}

func TestAttachmentOfAWithheldEntryIsNotQueued(t *testing.T) {
	f := newFixture(t)
	sy := f.city(t)
	in := other("内部管理文件", "2025-06-01")
	in.DisclosureMode, in.WithheldReason = catalog.DisclosureWithheld, "内部事务信息"
	e := f.create(t, sy, in)
	f.publish(t, e.ID)
	before := f.outbox(t, e.ID)
	if _, err := f.s.AddAttachment(f.ctx, f.actor, e.ID, accept(t, "x.txt", "x")); err != nil {
		t.Fatal(err)
	}
	if n := f.outbox(t, e.ID); n != before {
		t.Errorf("withheld entry queued for search: %d rows, had %d", n, before)
	}
}

func TestAddAttachmentRefusesBadInput(t *testing.T) {
	f := newFixture(t)
	sy := f.city(t)
	e := f.create(t, sy, other("通知", "2025-06-01"))
	good := accept(t, "x.txt", "x")

	bad := good
	bad.SHA256 = "../../etc/passwd"
	if _, err := f.s.AddAttachment(f.ctx, f.actor, e.ID, bad); !errors.Is(err, attachments.ErrInvalidHash) {
		t.Errorf("bad hash: %v", err)
	}
	bad = good
	bad.Name = "   "
	_, err := f.s.AddAttachment(f.ctx, f.actor, e.ID, bad)
	wantValidation(t, err, "name")
}
