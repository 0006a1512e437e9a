package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const articlePage = `<html><head><title>Council approves new bridge</title></head><body><article>
<h1>Council approves new bridge</h1>
<p>The city council approved a new footbridge over the river on Monday after a long debate about its cost.</p>
<p>"This bridge will join two halves of the town," Mayor Ana Lopes said after the vote in the town hall.</p>
<p>Construction starts in May and should take a year, the council's engineers said in their report.</p>
</article></body></html>`

func TestBriefURLAndHTML(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/bridge" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, articlePage)
	}))
	defer srv.Close()
	page := filepath.Join(t.TempDir(), "bridge.html")
	os.WriteFile(page, []byte(articlePage), 0o644)
	for _, src := range []string{srv.URL + "/bridge", page} {
		out, _, err := runCmd(t, "", "brief", "--format", "json", src)
		if err != nil {
			t.Fatalf("brief %s: %v", src, err)
		}
		for _, want := range []string{`"title":"Council approves new bridge"`, `"speaker":"Ana Lopes"`, "footbridge"} {
			if !strings.Contains(out, want) {
				t.Errorf("brief %s lacks %s:\n%s", src, want, out)
			}
		}
	}
	out, _, err := runCmd(t, "", "brief", srv.URL+"/missing")
	if err == nil || !strings.Contains(err.Error(), "404") || out != "" {
		t.Errorf("brief of a 404 page = %q, %v; want an error naming the status and no output", out, err)
	}
}
