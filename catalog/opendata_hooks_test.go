package catalog

// SetEachChunk makes EachPublic and EachPublicRef read n rows per query until the returned
// function restores the default.
func SetEachChunk(n int) (restore func()) {
	old := eachChunk
	eachChunk = n
	return func() { eachChunk = old }
}
