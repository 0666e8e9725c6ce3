package requests

import (
	"strings"
	"testing"

	"xxgk/accounts"
)

// FuzzQueryCodeVerification checks what tracking relies on: a typed code opens the application
// exactly when, normalised (case, spaces, hyphens), it is the code that was issued; normalising
// twice changes nothing; and a damaged stored hash is an error or a refusal, never a panic or
// a match.
func FuzzQueryCodeVerification(f *testing.F) {
	// Cheap parameters: the property is the comparison, not the cost (Track uses NewStore's).
	h := accounts.Hasher{Memory: 64, Time: 1, Threads: 1}
	const issued = "K7M2-QX9P"
	want := NormalizeQueryCode(issued)
	hash, err := h.Hash(want)
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{issued, "k7m2qx9p", " K7M2 QX9P ", "K7M2-QX9", "K7M2QX9PP", "", "Ｋ７Ｍ２ＱＸ９Ｐ", "K7M2\u200bQX9P", "K7M2\tQX9P"} {
		f.Add(s, hash)
	}
	f.Add(issued, "")
	f.Add(issued, "$argon2id$v=19$m=64,t=1,p=1$")
	f.Fuzz(func(t *testing.T, typed, stored string) {
		n := NormalizeQueryCode(typed)
		if NormalizeQueryCode(n) != n {
			t.Fatalf("NormalizeQueryCode not idempotent on %q", typed)
		}
		if strings.ContainsAny(n, " -\t") || n != strings.ToUpper(n) && strings.ContainsAny(n, "abcdefghijklmnopqrstuvwxyz") {
			t.Fatalf("NormalizeQueryCode(%q) = %q", typed, n)
		}
		ok, err := h.Verify(n, hash)
		if err != nil || ok != (n == want) {
			t.Fatalf("Verify(%q) = %v, %v; issued %q", n, ok, err, want)
		}
		if stored != hash {
			if ok, err := h.Verify(n, stored); ok && err == nil && stored != "" && !strings.HasPrefix(stored, "$argon2") {
				t.Fatalf("a damaged hash %q matched %q", stored, n)
			}
		}
	})
}
