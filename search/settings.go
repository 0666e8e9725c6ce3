package search

import (
	"context"
	"fmt"

	"github.com/meilisearch/meilisearch-go"
)

// searchableAttributes in priority order: Meilisearch's attribute ranking rule prefers a
// match in an earlier attribute, so a title match outranks a body match.
// They are functions rather than package variables so no caller can change them.
func searchableAttributes() []string {
	return []string{
		"title", "doc_no", "doc_no_norm", "index_no", "summary", "body", "attachment_text",
		"title_en", "summary_en",
	}
}

// filterableAttributes. doc_no_norm and index_no are nearly unique per document, which costs
// indexing time (tech notes), but the exact number lookup needs them.
func filterableAttributes() []string {
	return []string{
		"body_code", "body_codes", "column", "kind", "validity", "subject", "year", "type",
		"doc_no_norm", "index_no",
	}
}

// rankingRules are Meilisearch's defaults with two changes. "sort" comes right after
// "words", so that a user who asks for date order gets date order among the documents that
// match every word (Search matches all words unless nothing does), instead of date only
// breaking ties of relevance. And the newest document is the last tie-break of a relevance
// search: between two equally relevant policies, the current one is the better answer.
func rankingRules() []string {
	return []string{
		"words", "sort", "typo", "proximity", "attribute", "exactness", "published_at:desc",
	}
}

// facetAttributes are computed for every search.
func facetAttributes() []string {
	return []string{"body_code", "column", "kind", "validity", "subject", "year"}
}

// synonymGroups are sets of interchangeable names: abbreviations of bodies and policy terms
// that residents type while documents use the full form (or the reverse). Every member of a
// group finds the others. Keep groups small and unambiguous: a synonym widens every query
// containing it.
func synonymGroups() [][]string {
	return [][]string{
		{"发改委", "发展改革委", "发展和改革委员会"},
		{"民营企业", "民营经济"},
		{"人社局", "人力资源和社会保障局"},
		{"人社厅", "人力资源和社会保障厅"},
		{"住建局", "住房和城乡建设局"},
		{"住建厅", "住房和城乡建设厅"},
		{"工信局", "工业和信息化局"},
		{"工信厅", "工业和信息化厅"},
		{"市场监管局", "市场监督管理局"},
		{"卫健委", "卫生健康委员会"},
		{"国资委", "国有资产监督管理委员会"},
		{"医保局", "医疗保障局"},
		{"应急局", "应急管理局"},
		{"交通局", "交通运输局"},
		{"营商局", "营商环境建设局"},
		{"环保局", "生态环境局"},
		{"小微企业", "小型微型企业"},
		{"双创", "大众创业万众创新"},
		{"低保", "最低生活保障"},
		{"社保", "社会保险"},
		{"医保", "医疗保障"},
		{"公积金", "住房公积金"},
	}
}

// synonyms expands synonymGroups into Meilisearch's one-directional map.
func synonyms() map[string][]string {
	m := make(map[string][]string)
	for _, g := range synonymGroups() {
		for _, w := range g {
			for _, o := range g {
				if o != w {
					m[w] = append(m[w], o)
				}
			}
		}
	}
	return m
}

// Settings limits. maxValuesPerFacet must exceed the number of bodies (~300 in a city)
// or the body facet silently drops some; maxTotalHits bounds how deep pagination goes.
const (
	maxValuesPerFacet = 1000
	maxTotalHits      = 100000
)

// settings returns the index settings xxgk relies on. They live in code so that every index,
// including a fresh one built by Rebuild, is configured identically.
func settings() *meilisearch.Settings {
	return &meilisearch.Settings{
		SearchableAttributes: searchableAttributes(),
		FilterableAttributes: filterableAttributes(),
		SortableAttributes:   []string{"published_at", "formed_on"},
		RankingRules:         rankingRules(),
		Synonyms:             synonyms(),
		LocalizedAttributes: []*meilisearch.LocalizedAttributes{
			{Locales: []string{"cmn"}, AttributePatterns: []string{
				"title", "doc_no", "doc_no_norm", "summary", "body", "attachment_text",
			}},
			{Locales: []string{"eng"}, AttributePatterns: []string{"title_en", "summary_en"}},
		},
		TypoTolerance: &meilisearch.TypoTolerance{
			Enabled: true,
			// Meilisearch's defaults; the struct has no omitempty, so zeros would mean
			// "typos from the first letter".
			MinWordSizeForTypos: meilisearch.MinWordSizeForTypos{OneTypo: 5, TwoTypos: 9},
			// A typo in a number finds a different document, never the intended one.
			DisableOnAttributes: []string{"doc_no", "doc_no_norm", "index_no"},
			DisableOnNumbers:    true,
			DisableOnWords:      []string{},
		},
		Pagination: &meilisearch.Pagination{MaxTotalHits: maxTotalHits},
		Faceting: &meilisearch.Faceting{
			MaxValuesPerFacet: maxValuesPerFacet,
			SortFacetValuesBy: map[string]meilisearch.SortFacetType{"*": meilisearch.SortFacetTypeCount},
		},
	}
}

// applySettings configures index uid and waits for Meilisearch to finish. Settings on an
// index that does not exist yet create it.
func (e *Engine) applySettings(ctx context.Context, uid string) error {
	idx := e.client.Index(uid)
	task, err := idx.UpdateSettingsWithContext(ctx, settings())
	if err != nil {
		return fmt.Errorf("search: update settings of %s: %w", uid, err)
	}
	if err := e.wait(ctx, task); err != nil {
		return fmt.Errorf("search: update settings of %s: %w", uid, err)
	}
	// facetSearch has omitempty in meilisearch.Settings, so false cannot travel there.
	// The facet-search structure costs about half of each update's latency and the
	// endpoint is useless for Chinese substrings (tech notes).
	task, err = idx.UpdateFacetSearchWithContext(ctx, false)
	if err != nil {
		return fmt.Errorf("search: disable facet search on %s: %w", uid, err)
	}
	if err := e.wait(ctx, task); err != nil {
		return fmt.Errorf("search: disable facet search on %s: %w", uid, err)
	}
	return nil
}
