package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"

	"xxgk/attachments"
	"xxgk/audit"
	"xxgk/database"
)

// Attachment is a file attached to an entry (附件), as the attachments table names it. The
// content lives in the blob store under SHA256; the same content attached twice is stored once.
type Attachment struct {
	ID        int64  `db:"id" json:"id"`
	EntryID   int64  `db:"entry_id" json:"entry_id"`
	Name      string `db:"name" json:"name"`
	MediaType string `db:"media_type" json:"media_type"`
	Size      int64  `db:"size" json:"size"`
	SHA256    string `db:"sha256" json:"sha256"`
	// Text is the text extracted for search, given to AddAttachment and in what it returns; the
	// search feed reads it from the table, and the store's lists and lookups leave it empty (it
	// can be megabytes). It is not part of the JSON API.
	Text      string    `db:"text" json:"-"`
	Position  int       `db:"position" json:"position"`
	CreatedBy string    `db:"created_by" json:"created_by"`
	CreatedAt time.Time `db:"created_at" json:"created_at"`
	// RemovedAt is set when the attachment was taken off a published entry; it is then no
	// longer listed, and the public no longer gets it.
	RemovedAt *time.Time `db:"removed_at" json:"removed_at,omitempty"`
}

// MaxAttachments is the most attachments an entry carries at once.
const MaxAttachments = 50

const selectAttachment = `SELECT id, entry_id, name, media_type, size, sha256, position, created_by,
	created_at, removed_at FROM attachments`

// AddAttachment records a (stored and accepted) file as an attachment of entry entryID, last in
// its list. On a published entry the change is a correction: the entry gets a new version whose
// changes name the attachments before and after. A withdrawn entry takes no new attachments.
// The change is audited (attachment.add) and, when the public sees the entry, queued for the
// search index.
func (s *Store) AddAttachment(ctx context.Context, actor audit.Actor, entryID int64, a attachments.Attachment) (Attachment, error) {
	var added Attachment
	err := database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		if !attachments.ValidHash(a.SHA256) {
			return fmt.Errorf("sha256 %q: %w", a.SHA256, attachments.ErrInvalidHash)
		}
		name := strings.TrimSpace(a.Name)
		if n := utf8.RuneCountInString(name); n < 1 || n > attachments.MaxNameRunes {
			return ValidationError{"name": fmt.Sprintf("附件名称应为 1 至 %d 个字符", attachments.MaxNameRunes)}
		}
		if a.MediaType == "" || a.Size < 0 {
			return ValidationError{"file": "附件类型或大小无效"}
		}
		e, _, err := s.lock(ctx, tx, entryID)
		if err != nil {
			return err
		}
		if e.Status == StatusWithdrawn {
			return fmt.Errorf("entry is withdrawn: %w", ErrNotAllowed)
		}
		before, err := s.attachments(ctx, tx, entryID)
		if err != nil {
			return err
		}
		if len(before) >= MaxAttachments {
			return ValidationError{"file": fmt.Sprintf("每条信息最多 %d 个附件", MaxAttachments)}
		}
		for _, b := range before {
			if b.SHA256 == a.SHA256 {
				return ValidationError{"file": "该文件已是本信息的附件：" + b.Name}
			}
		}
		now := s.clock()
		text := strings.ToValidUTF8(strings.ReplaceAll(a.Text, "\x00", ""), "")
		if err := tx.GetContext(ctx, &added.ID, `INSERT INTO attachments (entry_id, sha256, name, media_type, size, text,
				position, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6,
				(SELECT coalesce(max(position), 0) + 1 FROM attachments WHERE entry_id = $1), $7, $8)
			RETURNING id`,
			entryID, a.SHA256, name, a.MediaType, a.Size, text, actor.Name, now); err != nil {
			return err
		}
		if added, err = s.attachment(ctx, tx, added.ID); err != nil {
			return err
		}
		added.Text = text
		if err := s.attachmentsChanged(ctx, tx, actor, e, before, "添加附件："+name); err != nil {
			return err
		}
		return audit.Append(ctx, tx, actor, audit.Event{Action: "attachment.add", Target: attachmentTarget(added.ID),
			Body: e.BodyCode, Changes: map[string]any{"entry_id": entryID, "name": name, "media_type": a.MediaType,
				"size": a.Size, "sha256": a.SHA256}})
	})
	if err != nil {
		return Attachment{}, wrapErr("add attachment to entry "+strconv.FormatInt(entryID, 10), err)
	}
	return added, nil
}

// RemoveAttachment takes an attachment off its entry. From a draft it is deleted (nothing was
// public, and the draft can then be deleted). From a published or withdrawn entry it is marked
// removed, never deleted, and the entry gets a new version noting the removal (note, or a
// default naming the file) — withdrawn entries included, so that a file published by mistake
// can always be taken down. The change is audited (attachment.remove) and, when the public sees
// the entry, queued for the search index. Removing it twice is ErrNotFound.
func (s *Store) RemoveAttachment(ctx context.Context, actor audit.Actor, attachmentID int64, note string) error {
	note = strings.TrimSpace(note)
	err := database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		if utf8.RuneCountInString(note) > maxSummaryRunes {
			return ValidationError{"note": fmt.Sprintf("说明最长 %d 个字符", maxSummaryRunes)}
		}
		var entryID int64
		err := tx.GetContext(ctx, &entryID, `SELECT entry_id FROM attachments WHERE id = $1`, attachmentID)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("attachment %d: %w", attachmentID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		// The entry is locked first, as AddAttachment and every entry change lock it.
		e, _, err := s.lock(ctx, tx, entryID)
		if err != nil {
			return err
		}
		a, err := s.attachment(ctx, tx, attachmentID)
		if err != nil {
			return err
		}
		if a.RemovedAt != nil {
			return fmt.Errorf("attachment %d was removed: %w", attachmentID, ErrNotFound)
		}
		before, err := s.attachments(ctx, tx, entryID)
		if err != nil {
			return err
		}
		if e.Status == StatusDraft {
			if _, err := tx.ExecContext(ctx, `DELETE FROM attachments WHERE id = $1`, attachmentID); err != nil {
				return err
			}
		} else if _, err := tx.ExecContext(ctx, `UPDATE attachments SET removed_at = $2 WHERE id = $1`,
			attachmentID, s.clock()); err != nil {
			return err
		}
		if note == "" {
			note = "删除附件：" + a.Name
		}
		if err := s.attachmentsChanged(ctx, tx, actor, e, before, note); err != nil {
			return err
		}
		return audit.Append(ctx, tx, actor, audit.Event{Action: "attachment.remove", Target: attachmentTarget(attachmentID),
			Body: e.BodyCode, Changes: map[string]any{"entry_id": entryID, "name": a.Name, "sha256": a.SHA256, "note": note}})
	})
	return wrapErr("remove attachment "+strconv.FormatInt(attachmentID, 10), err)
}

// attachmentsChanged records a change to the attachments of entry e (as locked before the
// change; before is its list then): the entry's updated time moves, a published or withdrawn
// entry gets a new version whose changes list the attachment names before and after, and a
// public entry is queued for the search index.
func (s *Store) attachmentsChanged(ctx context.Context, tx *sqlx.Tx, actor audit.Actor, e Entry, before []Attachment, note string) error {
	versioned := e.Status != StatusDraft
	if _, err := tx.ExecContext(ctx, `UPDATE entries SET updated_at = $2, version = version + $3 WHERE id = $1`,
		e.ID, s.clock(), boolInt(versioned)); err != nil {
		return err
	}
	if !versioned {
		return nil
	}
	after, err := s.attachments(ctx, tx, e.ID)
	if err != nil {
		return err
	}
	now, err := s.get(ctx, tx, e.ID)
	if err != nil {
		return err
	}
	changes := map[string]change{"attachments": {Before: attachmentNames(before), After: attachmentNames(after)}}
	if err := s.addVersion(ctx, tx, now, actor, note, changes); err != nil {
		return err
	}
	if now.Public() {
		return enqueue(ctx, tx, e.ID)
	}
	return nil
}

func attachmentNames(as []Attachment) []string {
	names := make([]string, len(as))
	for i, a := range as {
		names[i] = a.Name
	}
	return names
}

// Attachments returns the attachments of entry entryID in their order, removed ones left out.
// An entry without attachments (or no entry) has an empty list.
func (s *Store) Attachments(ctx context.Context, entryID int64) ([]Attachment, error) {
	as, err := s.attachments(ctx, s.reads, entryID)
	if err != nil {
		return nil, fmt.Errorf("catalog: attachments of entry %d: %w", entryID, err)
	}
	return as, nil
}

func (s *Store) attachments(ctx context.Context, q sqlx.QueryerContext, entryID int64) ([]Attachment, error) {
	as := []Attachment{}
	if err := sqlx.SelectContext(ctx, q, &as, selectAttachment+` WHERE entry_id = $1 AND removed_at IS NULL
		ORDER BY position, id`, entryID); err != nil {
		return nil, err
	}
	return as, nil
}

// Attachment returns the attachment with id, removed or not (RemovedAt says); the caller decides
// who may see it from its entry.
func (s *Store) Attachment(ctx context.Context, id int64) (Attachment, error) {
	a, err := s.attachment(ctx, s.db, id)
	if err != nil {
		return Attachment{}, fmt.Errorf("catalog: attachment %d: %w", id, err)
	}
	return a, nil
}

func (s *Store) attachment(ctx context.Context, q sqlx.QueryerContext, id int64) (Attachment, error) {
	var a Attachment
	err := sqlx.GetContext(ctx, q, &a, selectAttachment+` WHERE id = $1`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return Attachment{}, fmt.Errorf("attachment %d: %w", id, ErrNotFound)
	}
	return a, err
}

func attachmentTarget(id int64) string { return "attachment:" + strconv.FormatInt(id, 10) }
