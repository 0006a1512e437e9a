// Package web is the operator's console: server-rendered pages, behind a
// password, that show and change what the bot keeps (sources, chats, the
// outbox) through the store and the bot's own operations. It may import
// bot and brief only; cmd/newsbrief mounts its handler on the listener
// the webhooks and /metrics share. Every asset is embedded, nothing is
// loaded from elsewhere, and every page works without JavaScript.
package web

import (
	"bytes"
	"cmp"
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/newsbrief/newsbrief/bot"
)

// Store is what the console reads and changes: the bot's store, with
// its console lists and sessions (bot.AdminStore).
type Store = bot.Store

// Feed is a source as an OPML file lists it.
type Feed struct {
	Title string
	URL   string
}

// OPML reads and writes OPML files (cmd/newsbrief passes sources'): the
// console imports and exports the sources through them.
type OPML struct {
	Parse func(r io.Reader) ([]Feed, error)
	Write func(w io.Writer, title string, feeds []Feed) error
}

// Options configure the console. Store, Bot and PasswordHash are needed.
type Options struct {
	Store Store
	// Bot does what the chat commands do too: add a source, set a
	// schedule, send a brief.
	Bot *bot.Bot
	// PasswordHash is the operator's password, hashed by newsbrief web
	// hash-password (argon2id) or bcrypt.
	PasswordHash string
	// BehindProxy trusts the X-Forwarded-Proto and X-Forwarded-For
	// headers: set it only when a reverse proxy in front sets them.
	// X-Forwarded-Proto: https then marks the cookie Secure (as TLS on
	// the listener itself does), and the login limit counts each client
	// apart.
	BehindProxy bool
	// SessionLifetime is how long a login lasts (default 12h).
	SessionLifetime time.Duration
	// AllowPrivateSources lets sources added here sit on loopback and
	// private addresses, as sources.allow_private_links does for the
	// configured ones; off, the URL guard refuses them, as in a chat.
	AllowPrivateSources bool
	// RateLimited returns how often each platform answered "too many
	// requests" since the process started (the counter /metrics has).
	RateLimited func() map[string]int
	// OPML imports and exports the sources; the zero value turns both off.
	OPML OPML
	// Preview shows a message as each platform would, a column each on
	// the Preview page (cmd/newsbrief passes telegram.Preview and
	// slack.Preview); none shows no columns.
	Preview []Renderer
	// RedactURL shows a source's URL with its secrets hidden
	// (sources.RedactURL); by default the bot's.
	RedactURL func(string) string
	Clock     bot.Clock
	Log       *slog.Logger
}

// Server is the console, an http.Handler.
type Server struct {
	opts   Options
	mux    *http.ServeMux
	pages  map[string]*template.Template
	logins *loginLimiter
	// hashing bounds the password checks under way: an argon2id check
	// takes 64 MiB, and a flood of logins must not take them all at once.
	hashing chan struct{}
}

//go:embed templates static
var assets embed.FS

// New returns the console.
func New(opts Options) (*Server, error) {
	if opts.Store == nil || opts.Bot == nil {
		return nil, errors.New("web: a store and a bot are needed")
	}
	if err := checkHash(opts.PasswordHash); err != nil {
		return nil, err
	}
	opts.SessionLifetime = cmp.Or(opts.SessionLifetime, 12*time.Hour)
	if opts.Clock == nil {
		opts.Clock = bot.RealClock{}
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.RedactURL == nil {
		opts.RedactURL = opts.Bot.RedactURL
	}
	if opts.RateLimited == nil {
		opts.RateLimited = func() map[string]int { return nil }
	}
	s := &Server{opts: opts, mux: http.NewServeMux(), logins: newLoginLimiter(), hashing: make(chan struct{}, 2)}
	var err error
	if s.pages, err = s.parsePages(); err != nil {
		return nil, err
	}
	s.routes()
	return s, nil
}

// routes registers every page and action. A console page is a GET
// behind s.private; an action is a POST behind it, which also checks the
// form's CSRF token, and answers with a redirect (post/redirect/get) or,
// for a mistake in the form, the page again with what was typed.
func (s *Server) routes() {
	static, _ := fs.Sub(assets, "static")
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", staticFiles(static)))
	s.mux.HandleFunc("GET /login", s.loginPage)
	s.mux.HandleFunc("POST /login", s.login)
	s.mux.Handle("POST /logout", s.private(s.logout))

	s.mux.Handle("GET /{$}", s.private(s.overview))

	s.mux.Handle("GET /sources", s.private(s.sourcesPage))
	s.mux.Handle("POST /sources/add", s.private(s.addSource))
	s.mux.Handle("POST /sources/{id}", s.private(s.sourceAction))
	s.mux.Handle("POST /sources/import", s.private(s.importOPML))
	s.mux.Handle("GET /sources/export.opml", s.private(s.exportOPML))

	s.mux.Handle("GET /chats", s.private(s.chatsPage))
	s.mux.Handle("GET /chat", s.private(s.chatPage))
	s.mux.Handle("POST /chat/{action}", s.private(s.chatAction))

	s.mux.Handle("GET /preview", s.private(s.previewPage))
	s.mux.Handle("POST /preview", s.private(s.previewAction))

	s.mux.Handle("GET /outbox", s.private(s.outboxPage))
	s.mux.Handle("POST /outbox/{id}", s.private(s.outboxAction))

	s.mux.Handle("/", s.private(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, http.StatusNotFound, "There is no page "+r.URL.Path+".")
	}))
}

// ServeHTTP serves the console, every answer with headers that keep it
// to itself: no script, style or frame from anywhere else, no form
// posted elsewhere, no referrer, no sniffing, no caching of private
// pages.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	if !strings.HasPrefix(r.URL.Path, "/static/") {
		h.Set("Cache-Control", "no-store")
	}
	s.mux.ServeHTTP(w, r)
}

// staticFiles serves the embedded assets, cached for a day: they change
// only with the binary.
func staticFiles(fsys fs.FS) http.Handler {
	files := http.FileServerFS(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		files.ServeHTTP(w, r)
	})
}

// view is what every page's template gets: the layout's parts and the
// page's own Data.
type view struct {
	Title   string
	Section string // the nav entry to mark as current
	CSRF    string // the token every form posts back
	// SignedIn shows the navigation.
	SignedIn bool
	Flash    flash
	Now      time.Time
	Data     any
}

// parsePages parses the layout with each page (templates/NAME.html but
// layout.html) into its own set, so that every page defines its own
// "content".
func (s *Server) parsePages() (map[string]*template.Template, error) {
	base, err := template.New("layout.html").Funcs(s.funcs()).ParseFS(assets, "templates/layout.html")
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(assets, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, name := range names {
		if path.Base(name) == "layout.html" {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(assets, name)
		if err != nil {
			return nil, err
		}
		pages[strings.TrimSuffix(path.Base(name), ".html")] = t
	}
	return pages, nil
}

// funcs are the helpers the templates use.
func (s *Server) funcs() template.FuncMap {
	return template.FuncMap{
		"ago": bot.Ago,
		"when": func(t time.Time) string {
			if t.IsZero() {
				return "never"
			}
			return t.UTC().Format("2 Jan 15:04 UTC")
		},
		"iso":    func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"redact": func(u string) string { return s.opts.RedactURL(u) },
		"chatURL": func(c bot.ChatRef) string {
			return "/chat?c=" + url.QueryEscape(c.String())
		},
		"join": strings.Join,
		"what": messageKind,
	}
}

// messageKind says what an outbox message is, from its key, in the
// operator's words: the keys ("digest:2026-12-01T07:30:00Z", "now:...")
// are the bot's, made to send each brief once.
func messageKind(key string) string {
	kind, at, _ := strings.Cut(key, ":")
	t, err := time.Parse(time.RFC3339, at)
	switch {
	case err != nil:
		return key
	case kind == "digest":
		return "daily brief due " + t.UTC().Format("2 Jan 15:04 UTC")
	case kind == "now":
		return "brief sent from the console at " + t.UTC().Format("2 Jan 15:04 UTC")
	}
	return key
}

// render writes a page with status, in one piece: a template that fails
// half-way sends a plain error, not half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, v view) {
	t, ok := s.pages[name]
	if !ok {
		panic("web: no page " + name) // a programming error: every page is embedded
	}
	v.Now = s.opts.Clock.Now()
	if sess, ok := r.Context().Value(sessionKey{}).(session); ok {
		v.CSRF, v.SignedIn = sess.csrf, true
	}
	if v.Flash.Text == "" {
		v.Flash = s.takeFlash(w, r)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		s.opts.Log.Error("render page", "page", name, "err", err)
		http.Error(w, "The page could not be shown; the log says why.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	buf.WriteTo(w)
}

// fail shows an error page: what went wrong, in a sentence.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, msg string) {
	s.render(w, r, status, "error", view{Title: http.StatusText(status), Data: msg})
}

// storeFailed logs a failure of the store and says so: the details, with
// the database's address in them, stay in the log.
func (s *Server) storeFailed(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, bot.ErrNotFound) {
		s.fail(w, r, http.StatusNotFound, "That is not there (any more).")
		return
	}
	if errors.Is(err, context.Canceled) {
		return
	}
	s.opts.Log.Error("console", "path", r.URL.Path, "err", err)
	s.fail(w, r, http.StatusInternalServerError, "The bot's database is not answering; try again in a minute.")
}

// done ends an action: a redirect to the page to show next, with a
// flash message saying what happened.
func (s *Server) done(w http.ResponseWriter, r *http.Request, to, msg string) {
	s.setFlash(w, r, flash{Text: msg})
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// refused ends an action that was refused for a reason the operator can
// act on, showing it on the next page.
func (s *Server) refused(w http.ResponseWriter, r *http.Request, to, msg string) {
	s.setFlash(w, r, flash{Text: msg, Error: true})
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// backTo returns the console page a form came from, from its "back"
// field, or def.
func backTo(r *http.Request, def string) string {
	return localPath(r.PostFormValue("back"), def)
}

// localPath returns to if it is a path on this site, else def: no
// redirect may send the operator elsewhere. Browsers read "/\x" as "//x"
// and drop tabs and newlines ("/\t/x" is "//x"), so a backslash or any
// control character (which url.Parse refuses) disqualifies it too.
func localPath(to, def string) string {
	u, err := url.Parse(to)
	if err != nil || u.Scheme != "" || u.Host != "" || !strings.HasPrefix(to, "/") || strings.HasPrefix(to, "//") || strings.Contains(to, `\`) {
		return def
	}
	return to
}

// plural is "1 source", "2 sources".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
