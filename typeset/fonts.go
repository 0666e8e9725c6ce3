package typeset

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// DefaultFontDir is where the Debian package fonts-lxgw-wenkai installs its fonts. LXGW WenKai is
// a TrueType (glyf) font with every GB2312 character, which fpdf can embed as a subset.
const DefaultFontDir = "/usr/share/fonts/truetype/lxgw-wenkai"

// Font files looked for in the font folder.
const (
	RegularFile = "LXGWWenKai-Regular.ttf"
	BoldFile    = "LXGWWenKai-Bold.ttf"
)

// Fonts are the regular and bold TrueType faces embedded in a PDF. Loading them reads about
// 30 MB, so a server loads them once and passes them to every report and letter it renders.
type Fonts struct {
	Regular []byte
	Bold    []byte
}

// OK reports whether both faces are present.
func (f *Fonts) OK() bool { return f != nil && len(f.Regular) > 0 && len(f.Bold) > 0 }

// LoadFonts reads RegularFile and BoldFile from dir (DefaultFontDir when empty). A missing file
// is an error that says which package to install.
func LoadFonts(dir string) (*Fonts, error) {
	if dir == "" {
		dir = DefaultFontDir
	}
	read := func(name string) ([]byte, error) {
		path := filepath.Join(dir, name)
		b, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("font file %s not found: install the Debian package fonts-lxgw-wenkai (apt-get install fonts-lxgw-wenkai) or give a folder holding %s and %s", path, RegularFile, BoldFile)
		}
		if err != nil {
			return nil, fmt.Errorf("read font: %w", err)
		}
		return b, nil
	}
	reg, err := read(RegularFile)
	if err != nil {
		return nil, err
	}
	bold, err := read(BoldFile)
	if err != nil {
		return nil, err
	}
	return &Fonts{Regular: reg, Bold: bold}, nil
}
