package attachments

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"os"
	"testing"
	"unicode/utf16"

	"github.com/go-pdf/fpdf"
	"github.com/xuri/excelize/v2"
)

// The fixtures are built in the tests so each one shows what makes it the type it is.

const fontPath = "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"

// chinesePDF returns a one-page PDF set in LXGW WenKai, as reports writes them.
func chinesePDF(t *testing.T, lines ...string) []byte {
	t.Helper()
	font, err := os.ReadFile(fontPath)
	if err != nil {
		t.Fatalf("read font (install fonts-lxgw-wenkai): %v", err)
	}
	p := fpdf.New("P", "mm", "A4", "")
	p.AddUTF8FontFromBytes("wenkai", "", font)
	p.AddPage()
	p.SetFont("wenkai", "", 16)
	for i, line := range lines {
		p.Text(20, 30+float64(i)*12, line)
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		t.Fatalf("write PDF: %v", err)
	}
	return buf.Bytes()
}

// zipOf returns a zip archive of the files, in the order given (name, content, name, ...).
func zipOf(t *testing.T, nameContent ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(nameContent); i += 2 {
		w, err := zw.Create(nameContent[i])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(nameContent[i+1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const docxContentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`

const docxRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`

// documentXML returns word/document.xml with one paragraph per element of paras; each paragraph
// is split into two runs, as Word splits text at edits and formatting changes.
func documentXML(paras ...string) string {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	for _, p := range paras {
		r := []rune(p)
		half := len(r) / 2
		b.WriteString(`<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>`)
		xmlEscape(&b, string(r[:half]))
		b.WriteString(`</w:t></w:r><w:r><w:t xml:space="preserve">`)
		xmlEscape(&b, string(r[half:]))
		b.WriteString(`</w:t></w:r></w:p>`)
	}
	b.WriteString(`<w:sectPr/></w:body></w:document>`)
	return b.String()
}

func xmlEscape(b *bytes.Buffer, s string) {
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '&':
			b.WriteString("&amp;")
		default:
			b.WriteRune(r)
		}
	}
}

// docx returns a minimal Word document with the paragraphs.
func docx(t *testing.T, paras ...string) []byte {
	t.Helper()
	return zipOf(t, "[Content_Types].xml", docxContentTypes, "_rels/.rels", docxRels,
		"word/document.xml", documentXML(paras...))
}

// xlsx returns a workbook written by excelize with rows on two sheets.
func xlsx(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{
		{"项目", "预算数（万元）"},
		{"一般公共预算支出", 1234.5},
		{"政府性基金预算支出", 678},
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.NewSheet("说明"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue("说明", "B2", "数据来源：市财政局"); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// ole returns a minimal compound file (version 3, 512-byte sectors) whose root holds one empty
// stream named stream: WordDocument makes a Word 97 file, Workbook an Excel 97 one.
func ole(stream string) []byte {
	const (
		sector     = 512
		endOfChain = 0xFFFFFFFE
		freeSect   = 0xFFFFFFFF
		fatSect    = 0xFFFFFFFD
		noStream   = 0xFFFFFFFF
	)
	b := make([]byte, 3*sector) // header, FAT (sector 0), directory (sector 1)
	le := binary.LittleEndian
	copy(b, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le.PutUint16(b[24:], 0x003E) // minor version
	le.PutUint16(b[26:], 0x0003) // major version
	le.PutUint16(b[28:], 0xFFFE) // byte order
	le.PutUint16(b[30:], 9)      // sector shift: 512
	le.PutUint16(b[32:], 6)      // mini sector shift: 64
	le.PutUint32(b[44:], 1)      // FAT sectors
	le.PutUint32(b[48:], 1)      // first directory sector
	le.PutUint32(b[56:], 0x1000) // mini stream cutoff
	le.PutUint32(b[60:], endOfChain)
	le.PutUint32(b[68:], endOfChain)
	le.PutUint32(b[76:], 0) // DIFAT[0]: the FAT is sector 0
	for i := 1; i < 109; i++ {
		le.PutUint32(b[76+4*i:], freeSect)
	}
	fat := b[sector : 2*sector]
	for i := range sector / 4 {
		le.PutUint32(fat[4*i:], freeSect)
	}
	le.PutUint32(fat[0:], fatSect)
	le.PutUint32(fat[4:], endOfChain)

	dir := b[2*sector:]
	entry := func(i int, name string, typ byte, child uint32) {
		e := dir[128*i : 128*(i+1)]
		u := utf16.Encode([]rune(name))
		for j, c := range u {
			le.PutUint16(e[2*j:], c)
		}
		le.PutUint16(e[64:], uint16(2*(len(u)+1)))
		e[66] = typ
		e[67] = 1 // black
		le.PutUint32(e[68:], noStream)
		le.PutUint32(e[72:], noStream)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], endOfChain)
	}
	entry(0, "Root Entry", 5, 1)
	entry(1, stream, 2, noStream)
	for i := 2; i < 4; i++ {
		e := dir[128*i:]
		le.PutUint32(e[68:], noStream)
		le.PutUint32(e[72:], noStream)
		le.PutUint32(e[76:], noStream)
	}
	return b
}

// Smallest valid images: a 1×1 PNG, a JPEG start (detection needs no more) and a 1×1 GIF.
var (
	pngBytes  = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
	jpegBytes = []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9")
	gifBytes  = []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
	elfBytes  = append([]byte("\x7fELF\x02\x01\x01\x00"), make([]byte, 56)...)
	peBytes   = append([]byte("MZ\x90\x00\x03\x00\x00\x00"), make([]byte, 120)...)
)

// ofd returns the skeleton of an OFD document: OFD.xml at the root names the document.
func ofd(t *testing.T) []byte {
	t.Helper()
	return zipOf(t,
		"OFD.xml", `<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
		"Doc_0/Document.xml", `<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"/>`)
}
