package accounts

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// MinPasswordLength is the shortest password accepted, in characters.
const MinPasswordLength = 10

// maxPasswordLength bounds the work one sign-in attempt can cause.
const maxPasswordLength = 1024

// Hasher hashes passwords with argon2id into PHC strings
// ($argon2id$v=19$m=65536,t=1,p=2$salt$hash). Verification reads the parameters from the
// stored hash, so changing them affects new passwords only.
type Hasher struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
	SaltLen uint32 // bytes; 16 when zero
	KeyLen  uint32 // bytes; 32 when zero
}

// DefaultHasher is the production setting: 64 MiB, one pass, two lanes (OWASP's argon2id
// minimum is 19 MiB with two passes; more memory is the stronger defence against GPUs).
func DefaultHasher() Hasher { return Hasher{Memory: 64 * 1024, Time: 1, Threads: 2} }

// Hash returns the PHC string of password under a fresh random salt.
func (h Hasher) Hash(password string) (string, error) {
	saltLen, keyLen := h.SaltLen, h.KeyLen
	if saltLen == 0 {
		saltLen = 16
	}
	if keyLen == 0 {
		keyLen = 32
	}
	if h.Memory < 8*uint32(max(h.Threads, 1)) || h.Time == 0 || h.Threads == 0 {
		return "", fmt.Errorf("accounts: argon2id parameters m=%d t=%d p=%d are invalid", h.Memory, h.Time, h.Threads)
	}
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("accounts: salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, h.Time, h.Memory, h.Threads, keyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, h.Memory, h.Time, h.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// errBadHash means a stored hash is not one this package can check.
var errBadHash = errors.New("accounts: stored password hash is not an argon2id PHC string")

// Verify reports whether password matches the PHC string encoded, comparing in constant time.
func (h Hasher) Verify(password, encoded string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return false, errBadHash
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, errBadHash
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false, errBadHash
	}
	// A hash in the database is trusted input, but a corrupted one must not make one sign-in
	// allocate gigabytes or spin for minutes.
	if m < 8 || m > 1<<20 || t == 0 || t > 16 || p == 0 || m < 8*uint32(p) {
		return false, errBadHash
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil || len(salt) < 8 {
		return false, errBadHash
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) < 16 || len(want) > 64 {
		return false, errBadHash
	}
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}
