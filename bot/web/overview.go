package web

import (
	"maps"
	"net/http"
	"slices"
	"time"

	"github.com/newsbrief/newsbrief/bot"
)

// overviewView is the first page: the figures an operator checks first.
type overviewView struct {
	bot.Overview
	Healthy int
	Since   time.Time // the start of today (UTC) the counts are since
	// RateLimited is each platform's "too many requests" answers since
	// the process started, by platform name.
	RateLimited []platformCount
}

type platformCount struct {
	Platform string
	N        int
}

// nextBriefs is how many upcoming daily briefs the overview lists.
const nextBriefs = 10

func (s *Server) overview(w http.ResponseWriter, r *http.Request) {
	now := s.opts.Clock.Now().UTC()
	since := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	ov, err := s.opts.Store.Overview(r.Context(), since, nextBriefs)
	if err != nil {
		s.storeFailed(w, r, err)
		return
	}
	v := overviewView{Overview: ov, Since: since, Healthy: ov.Sources - ov.SourcesFailing - ov.SourcesPaused}
	limited := s.opts.RateLimited()
	for _, p := range slices.Sorted(maps.Keys(limited)) {
		v.RateLimited = append(v.RateLimited, platformCount{p, limited[p]})
	}
	s.render(w, r, http.StatusOK, "overview", view{Title: "Overview", Section: "overview", Data: v})
}
