// Package attachments stores the files attached to catalog entries (PDF, Word, Excel, images,
// OFD, plain text) and prepares them for publication, knowing nothing of HTTP or SQL.
//
// Blobs are addressed by the SHA-256 of their content. A [Store] keeps them; [Dir] is the
// filesystem implementation (path/ab/cd/abcd…), written through a temporary file that is
// hashed while it streams, fsynced and renamed into place, so a reader never sees half a file,
// the same content is kept once however many entries attach it, and two uploads of the same
// file at the same moment both succeed (the second rename replaces identical bytes). The
// interface leaves room for object storage later. A hash is checked against ^[0-9a-f]{64}$
// before it goes anywhere near a path, so a blob path can never be steered by a caller.
//
// [Accept] is the single door for uploads: it reads at most [Limits].MaxBytes, decides the type
// from the content alone (the client's file name and Content-Type are never trusted), refuses
// anything outside a short allowlist (HTML, SVG, executables and scripts would become stored
// XSS or malware on a government site), makes the file name safe and its extension agree with
// the content, stores the blob and extracts text for search. The catalog store records the
// returned [Attachment] in its own table; the web layer serves the blob with
// [ContentDisposition] and the recorded media type.
//
// Text extraction reads untrusted archives: every zip entry is read through a cap
// ([MaxZipEntryBytes]) so a zip bomb costs at most that much, and text is cut at
// [MaxTextRunes]. PDF text comes from poppler's pdftotext (Debian poppler-utils), run with a
// timeout: the pure-Go PDF readers on the module proxy (ledongthuc/pdf, dslipak/pdf) garble
// Chinese text set in Identity-H fonts with a ToUnicode range, which is how fpdf, and many
// Chinese producers, write it.
package attachments
