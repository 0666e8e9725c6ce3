package search

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// Searches go to Meilisearch over plain HTTP rather than through meilisearch-go: the SDK decodes
// every hit into a map of raw messages that DecodeInto then re-marshals and decodes again, which
// was most of xxgk's own CPU per search (issue #5's benchmark compares xxgk with the bare
// engine). Here the request is encoded once from a struct and the answer decoded once into the
// fields a result needs. Index management and writes stay with the SDK.

// searchRequest is the body of POST /indexes/{uid}/search, and one query of /multi-search
// (which also wants IndexUID).
type searchRequest struct {
	IndexUID              string   `json:"indexUid,omitempty"`
	Q                     string   `json:"q"`
	Filter                string   `json:"filter,omitempty"`
	Sort                  []string `json:"sort,omitempty"`
	HitsPerPage           int      `json:"hitsPerPage"`
	Page                  int      `json:"page"`
	Facets                []string `json:"facets"`
	AttributesToRetrieve  []string `json:"attributesToRetrieve"`
	AttributesToHighlight []string `json:"attributesToHighlight"`
	AttributesToCrop      []string `json:"attributesToCrop"`
	CropLength            int      `json:"cropLength"`
	HighlightPreTag       string   `json:"highlightPreTag"`
	HighlightPostTag      string   `json:"highlightPostTag"`
	MatchingStrategy      string   `json:"matchingStrategy"`
}

// searchResponse is the part of Meilisearch's answer xxgk reads.
type searchResponse struct {
	Hits              []hitDoc        `json:"hits"`
	TotalHits         int64           `json:"totalHits"`
	FacetDistribution json.RawMessage `json:"facetDistribution"`
}

// APIError is an error answer of Meilisearch's HTTP API.
type APIError struct {
	Status  int
	Code    string
	Message string
}

func (e *APIError) Error() string {
	return fmt.Sprintf("Meilisearch answered %d: %s (%s)", e.Status, e.Message, e.Code)
}

// bufPool holds answer buffers between searches.
var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// search sends reqs as one HTTP request: POST /indexes/{uid}/search for one query, POST
// /multi-search for several (Meilisearch runs them in one call, so a number search costs one
// round trip). It returns one response per request, in order.
func (e *Engine) search(ctx context.Context, reqs ...searchRequest) ([]searchResponse, error) {
	// The request body is not pooled: the transport may still hold it when Do returns.
	var body bytes.Buffer
	enc := json.NewEncoder(&body)
	enc.SetEscapeHTML(false)
	path := "/indexes/" + e.name + "/search"
	var err error
	if len(reqs) == 1 {
		err = enc.Encode(&reqs[0])
	} else {
		path = "/multi-search"
		for i := range reqs {
			reqs[i].IndexUID = e.name
		}
		err = enc.Encode(struct {
			Queries []searchRequest `json:"queries"`
		}{reqs})
	}
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, e.url+path, bytes.NewReader(body.Bytes()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if e.key != "" {
		req.Header.Set("Authorization", "Bearer "+e.key)
	}
	resp, err := e.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		ae := &APIError{Status: resp.StatusCode}
		var m struct{ Code, Message string }
		if json.Unmarshal(msg, &m) == nil && m.Message != "" {
			ae.Code, ae.Message = m.Code, m.Message
		} else {
			ae.Message = string(msg)
		}
		return nil, ae
	}
	// Read to the end (so the connection is reused) into a pooled buffer, then decode.
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if _, err := buf.ReadFrom(resp.Body); err != nil {
		return nil, fmt.Errorf("read Meilisearch's answer: %w", err)
	}
	return decodeAnswer(buf.Bytes(), len(reqs))
}

// answerOptions: Meilisearch writes valid UTF-8 and unique names, so the decoder need not
// check them (an invalid byte would become U+FFFD, as the standard library's decoder does).
var answerOptions = jsonv2.JoinOptions(jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))

// decodeAnswer decodes the answer to n searches: one search's object, or /multi-search's
// results. It uses the JSON v2 decoder (encoding/json/v2 from Go 1.27, here from the module
// that mirrors it): on a 20-hit answer it takes half the time of encoding/json's, and
// decoding is most of the CPU xxgk spends on a search (BenchmarkDecodeAnswer).
func decodeAnswer(data []byte, n int) ([]searchResponse, error) {
	if n == 1 {
		out := make([]searchResponse, 1)
		if err := jsonv2.Unmarshal(data, &out[0], answerOptions); err != nil {
			return nil, fmt.Errorf("decode Meilisearch's answer: %w", err)
		}
		return out, nil
	}
	var multi struct {
		Results []searchResponse `json:"results"`
	}
	if err := jsonv2.Unmarshal(data, &multi, answerOptions); err != nil {
		return nil, fmt.Errorf("decode Meilisearch's answer: %w", err)
	}
	if len(multi.Results) != n {
		return nil, fmt.Errorf("Meilisearch answered %d results to %d queries", len(multi.Results), n)
	}
	return multi.Results, nil
}
