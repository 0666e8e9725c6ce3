package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

//go:embed static
var staticFS embed.FS

// assets serves the embedded static files under content-hashed names (style.3f2a9c1b.css), so
// browsers may cache them for a year and a new release is picked up at once.
type assets struct {
	hashed  map[string]string // logical name → hashed name
	files   map[string][]byte // hashed name → content
	ctypes  map[string]string
	etagFor map[string]string
}

func loadAssets() (*assets, error) {
	a := &assets{hashed: map[string]string{}, files: map[string][]byte{}, ctypes: map[string]string{}, etagFor: map[string]string{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		sum := sha256.Sum256(b)
		h := hex.EncodeToString(sum[:])[:12]
		ext := path.Ext(name)
		hashedName := strings.TrimSuffix(name, ext) + "." + h + ext
		a.hashed[name] = hashedName
		a.files[hashedName] = b
		a.etagFor[hashedName] = `"` + h + `"`
		ct := mime.TypeByExtension(ext)
		if ct == "" {
			ct = "application/octet-stream"
		}
		a.ctypes[hashedName] = ct
		return nil
	})
	return a, err
}

// url returns the hashed URL of a static file; an unknown name is a programming error that the
// template test catches.
func (a *assets) url(name string) (string, error) {
	h, ok := a.hashed[name]
	if !ok {
		return "", fmt.Errorf("no static asset %q", name)
	}
	return "/static/" + h, nil
}

func (a *assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	b, ok := a.files[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", a.ctypes[name])
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Header().Set("ETag", a.etagFor[name])
	if r.Header.Get("If-None-Match") == a.etagFor[name] {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	_, _ = w.Write(b)
}
