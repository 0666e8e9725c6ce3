package requests

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"xxgk/attachments"
	"xxgk/audit"
	"xxgk/database"
)

// Purposes of an application's files (the CHECK of application_files.purpose).
const (
	// FileApplicant is a file the applicant sent with the application (an ID scan, a
	// supporting document). It carries personal data: only the handling body's officers,
	// administrators and auditors ever see it.
	FileApplicant = "applicant"
	// FileRelease is information the body releases with its answer (答复附件); the applicant
	// downloads it with the tracking number and query code.
	FileRelease = "release"
	// FileLetter is a signed answer letter kept with the application.
	FileLetter = "letter"
)

// File is a file kept with an application. The bytes are in the blob store under SHA256.
type File struct {
	ID            int64     `db:"id" json:"id"`
	ApplicationID int64     `db:"application_id" json:"-"`
	TrackingNo    string    `db:"tracking_no" json:"tracking_no"`
	BodyCode      string    `db:"body_code" json:"body_code"`
	Purpose       string    `db:"purpose" json:"purpose"`
	SHA256        string    `db:"sha256" json:"sha256"`
	Name          string    `db:"name" json:"name"`
	MediaType     string    `db:"media_type" json:"media_type"`
	Size          int64     `db:"size" json:"size"`
	CreatedBy     string    `db:"created_by" json:"-"`
	CreatedAt     time.Time `db:"created_at" json:"created_at"`
}

const selectFiles = `SELECT f.id, f.application_id, a.tracking_no, b.code AS body_code, f.purpose, f.sha256, f.name,
	f.media_type, f.size, f.created_by, f.created_at
	FROM application_files f JOIN applications a ON a.id = f.application_id JOIN bodies b ON b.id = a.body_id`

// AddFile records an accepted upload (its blob already in the store) as a file of the
// application, audited in the same transaction. Who may add what is the caller's rule (the
// public form adds applicant files, the handling body's officers release files); the store
// checks the state: applicant files only while the application awaits confirmation (they come
// with the submission), released files while it is open or on the day it was answered (with
// the answer, before the letter goes out), letters once it is answered.
func (s *Store) AddFile(ctx context.Context, actor audit.Actor, trackingNo string, purpose string, a attachments.Attachment) (File, error) {
	no := NormalizeTrackingNo(trackingNo)
	switch {
	case purpose != FileApplicant && purpose != FileRelease && purpose != FileLetter:
		return File{}, fmt.Errorf("requests: add file to %s: unknown purpose %q", no, purpose)
	case !attachments.ValidHash(a.SHA256) || a.Name == "" || a.MediaType == "" || a.Size <= 0:
		return File{}, fmt.Errorf("requests: add file to %s: not an accepted attachment", no)
	}
	var id int64
	err := database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		app, err := s.get(ctx, tx, no, true)
		if err != nil {
			return err
		}
		if err := s.fileAllowed(app, purpose); err != nil {
			return err
		}
		if err := tx.GetContext(ctx, &id, `INSERT INTO application_files (application_id, purpose, sha256, name, media_type, size, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			app.ID, purpose, a.SHA256, a.Name, a.MediaType, a.Size, actor.Name, s.clock()); err != nil {
			return fmt.Errorf("insert file: %w", err)
		}
		changes := map[string]any{"file_id": id, "purpose": purpose, "media_type": a.MediaType, "size": a.Size, "sha256": a.SHA256}
		if purpose != FileApplicant {
			// An applicant's own file name may be their name ("张三身份证.jpg"): it stays out of
			// the audit log, which auditors read across bodies.
			changes["name"] = a.Name
		}
		return audit.Append(ctx, tx, actor, audit.Event{Action: "application.file_add", Target: "application:" + no, Body: app.BodyCode, Changes: changes})
	})
	if err != nil {
		return File{}, fmt.Errorf("requests: add %s file to %s: %w", purpose, no, err)
	}
	return s.File(ctx, id)
}

// fileAllowed is the state rule of AddFile.
func (s *Store) fileAllowed(app Application, purpose string) error {
	refuse := func(zh, en string) error {
		return &StateError{Action: "add_file", Status: app.Status, ZH: zh, EN: en}
	}
	switch purpose {
	case FileApplicant:
		if app.Status != StatusSubmitted {
			return refuse("申请人的材料只能随申请一并提交", "the applicant's files come with the submission only")
		}
	case FileRelease:
		answeredToday := app.Status == StatusAnswered && app.AnsweredOn.Valid && !app.AnsweredOn.Date.Before(s.today())
		if !app.Status.Open() && !answeredToday {
			return refuse("申请已办结：公开的文件应在答复前或随答复一并提供", "the application is concluded: released files go before or with the answer")
		}
	case FileLetter:
		if app.Status != StatusAnswered {
			return refuse("尚未答复，不能归档答复书", "not answered yet: there is no letter to keep")
		}
	}
	return nil
}

// Files returns the application's files, oldest first; ErrNotFound when there is no such
// application. It includes the applicant's files: filter with Released for the public.
func (s *Store) Files(ctx context.Context, trackingNo string) ([]File, error) {
	no := NormalizeTrackingNo(trackingNo)
	var exists bool
	if err := s.db.GetContext(ctx, &exists, `SELECT EXISTS (SELECT 1 FROM applications WHERE tracking_no = $1)`, no); err != nil {
		return nil, fmt.Errorf("requests: files of %s: %w", no, err)
	}
	if !exists {
		return nil, fmt.Errorf("requests: files of %s: %w", no, ErrNotFound)
	}
	var out []File
	if err := s.db.SelectContext(ctx, &out, selectFiles+` WHERE a.tracking_no = $1 ORDER BY f.id`, no); err != nil {
		return nil, fmt.Errorf("requests: files of %s: %w", no, err)
	}
	return out, nil
}

// File returns the file with id, with its application's tracking number and body.
func (s *Store) File(ctx context.Context, id int64) (File, error) {
	var f File
	err := s.db.GetContext(ctx, &f, selectFiles+` WHERE f.id = $1`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return File{}, fmt.Errorf("requests: file %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return File{}, fmt.Errorf("requests: file %d: %w", id, err)
	}
	return f, nil
}

// Released picks the files the applicant may download: those released with the answer.
func Released(files []File) []File {
	var out []File
	for _, f := range files {
		if f.Purpose == FileRelease {
			out = append(out, f)
		}
	}
	return out
}
