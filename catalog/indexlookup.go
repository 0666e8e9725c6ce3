package catalog

import (
	"context"
	"fmt"
)

// FindByIndexNo returns the entries whose index number (索引号) is indexNo, cleaned with
// CleanIndexNo. An index number is unique within a body only, so there may be several (bodies
// sharing an organisation code, or imported numbers); entries of preferBody come first. An
// officer relating two entries names the other one this way.
func (s *Store) FindByIndexNo(ctx context.Context, indexNo, preferBody string) ([]Entry, error) {
	indexNo = CleanIndexNo(indexNo)
	if indexNo == "" {
		return []Entry{}, nil
	}
	es, err := s.selectEntries(ctx, s.db, selectEntry+` WHERE e.index_no = $1 ORDER BY b.code = $2 DESC, e.id`, indexNo, preferBody)
	if err != nil {
		return nil, fmt.Errorf("catalog: find index number %q: %w", indexNo, err)
	}
	return es, nil
}
