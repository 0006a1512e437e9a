package web

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/newsbrief/newsbrief/bot"
)

// sourcesView is the Sources page: a page of the list, and the add form
// with what was typed in it when it was refused.
type sourcesView struct {
	Rows  []bot.SourceRow
	Pager pager
	Add   addForm
	OPML  bool // import and export are on
}

type addForm struct {
	URL, Title string
	Error      string
}

func (s *Server) sourcesPage(w http.ResponseWriter, r *http.Request) {
	s.showSources(w, r, http.StatusOK, addForm{})
}

func (s *Server) showSources(w http.ResponseWriter, r *http.Request, status int, add addForm) {
	pg, p := listPage(r, "/sources")
	rows, total, err := s.opts.Store.SourceRows(r.Context(), p)
	if err != nil {
		s.storeFailed(w, r, err)
		return
	}
	v := sourcesView{Rows: rows, Pager: pg.of(total), Add: add, OPML: s.opts.OPML.Parse != nil}
	s.render(w, r, status, "sources", view{Title: "Sources", Section: "sources", Data: v})
}

// privateHint tells the operator, after the guard refused a feed, the
// setting that lets the console add feeds on their own network.
const privateHint = "To add feeds on this machine or your own network from here, set sources.allow_private_links: true"

// addSource adds a source as a chat's /sources add does, the guard and
// the feed's discovery included. A refusal shows the page again with the
// URL as typed.
func (s *Server) addSource(w http.ResponseWriter, r *http.Request) {
	f := addForm{URL: strings.TrimSpace(r.PostFormValue("url")), Title: strings.TrimSpace(r.PostFormValue("title"))}
	src, err := s.opts.Bot.AddSource(r.Context(), bot.NewSource{URL: f.URL, Title: f.Title, Trusted: s.opts.AllowPrivateSources, Find: true, Refused: privateHint})
	var bad *bot.InputError
	switch {
	case errors.As(err, &bad):
		f.Error = bad.Msg
	case errors.Is(err, bot.ErrExists):
		f.Error = "That source is already polled."
	case err != nil:
		s.storeFailed(w, r, err)
		return
	}
	if f.Error != "" {
		s.showSources(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	// Fetched at the poller's next round, not in this request.
	if err := s.opts.Store.PollSoon(r.Context(), src.ID, s.opts.Clock.Now()); err != nil {
		s.storeFailed(w, r, err)
		return
	}
	s.done(w, r, "/sources", "Added "+s.opts.RedactURL(src.URL)+"; it is fetched within a minute.")
}

// sourceAction removes, pauses, resumes or fetches a source now.
func (s *Server) sourceAction(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, http.StatusNotFound, "There is no such source.")
		return
	}
	ctx := r.Context()
	row, err := s.opts.Store.SourceRow(ctx, id)
	if err != nil {
		s.storeFailed(w, r, err)
		return
	}
	name := row.Name()
	var msg string
	switch r.PostFormValue("action") {
	case "remove":
		err, msg = s.opts.Store.RemoveSource(ctx, id), "Removed "+name+"; its articles stay."
	case "pause":
		err, msg = s.opts.Store.PauseSource(ctx, id, true), "Paused "+name+": it is not fetched until resumed."
	case "resume":
		err, msg = s.opts.Store.PauseSource(ctx, id, false), "Resumed "+name+"."
	case "fetch":
		if row.Paused {
			// A paused source is never due, so "fetched within a minute"
			// would not come true.
			s.refused(w, r, backTo(r, "/sources"), name+" is paused: resume it to fetch it.")
			return
		}
		err, msg = s.opts.Store.PollSoon(ctx, id, s.opts.Clock.Now()), name+" is fetched within a minute."
	default:
		s.fail(w, r, http.StatusNotFound, "There is no such action.")
		return
	}
	if err != nil {
		s.storeFailed(w, r, err)
		return
	}
	s.done(w, r, backTo(r, "/sources"), msg)
}

// maxImportErrors bounds the refusals an import lists.
const maxImportErrors = 5

// importOPML adds the feeds of an OPML file, each through the guard as
// if added one by one (without discovery: an OPML file lists feeds).
func (s *Server) importOPML(w http.ResponseWriter, r *http.Request) {
	if s.opts.OPML.Parse == nil {
		s.fail(w, r, http.StatusNotFound, "OPML import is turned off.")
		return
	}
	file, _, err := r.FormFile("opml")
	if err != nil {
		s.refused(w, r, "/sources", "Choose an OPML file to import.")
		return
	}
	defer file.Close()
	feeds, err := s.opts.OPML.Parse(file)
	if err != nil {
		s.refused(w, r, "/sources", "That file is not OPML: "+err.Error()+". Nothing was added.")
		return
	}
	added, there := 0, 0
	var refused []string
	for _, f := range feeds {
		_, err := s.opts.Bot.AddSource(r.Context(), bot.NewSource{URL: f.URL, Title: f.Title, Trusted: s.opts.AllowPrivateSources})
		var bad *bot.InputError
		switch {
		case err == nil:
			added++
		case errors.Is(err, bot.ErrExists):
			there++
		case errors.As(err, &bad):
			refused = append(refused, s.opts.RedactURL(f.URL)+": "+bad.Msg)
		default:
			s.storeFailed(w, r, fmt.Errorf("import OPML after %d added: %w", added, err))
			return
		}
	}
	msg := fmt.Sprintf("Imported %s from the file; %d already there", plural(added, "source"), there)
	if len(refused) == 0 {
		s.done(w, r, "/sources", msg+".")
		return
	}
	n, more := len(refused), ""
	if n > maxImportErrors {
		more = fmt.Sprintf(", these and %d more", n-maxImportErrors)
		refused = refused[:maxImportErrors]
	}
	// The counts come first: a flash is cut at maxFlash characters.
	s.refused(w, r, "/sources", fmt.Sprintf("%s; %d refused%s: %s", msg, n, more, strings.Join(refused, "; ")))
}

// exportOPML sends every source as an OPML file. It is the operator's
// backup, so the URLs are whole, secrets and all: it is a download, not a
// page, and import takes it back as it is.
func (s *Server) exportOPML(w http.ResponseWriter, r *http.Request) {
	if s.opts.OPML.Write == nil {
		s.fail(w, r, http.StatusNotFound, "OPML export is turned off.")
		return
	}
	srcs, err := s.opts.Store.Sources(r.Context())
	if err != nil {
		s.storeFailed(w, r, err)
		return
	}
	feeds := make([]Feed, len(srcs))
	for i, src := range srcs {
		feeds[i] = Feed{Title: src.Title, URL: src.URL}
	}
	var buf bytes.Buffer
	if err := s.opts.OPML.Write(&buf, "newsbrief sources", feeds); err != nil {
		s.storeFailed(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/x-opml; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="newsbrief-sources.opml"`)
	buf.WriteTo(w)
}
