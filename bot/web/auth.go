package web

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/alexedwards/argon2id"
	"golang.org/x/crypto/bcrypt"

	"github.com/newsbrief/newsbrief/bot"
)

// The login: one operator, one password (its hash in the configuration).
// A session is a random token in an HttpOnly, SameSite=Strict cookie;
// the store keeps only the token's HMAC under the password's hash (a new
// password ends every session), so a copy of the database
// signs nobody in, and any instance on the same database knows every
// session. Every form carries a CSRF token, an HMAC of the session token,
// which any instance can check without sharing a key.

const (
	sessionCookie = "newsbrief_session"
	loginCookie   = "newsbrief_login" // the login form's CSRF token
	flashCookie   = "newsbrief_flash"
	csrfField     = "csrf"
)

// HashPassword returns the argon2id hash of password that
// web.admin_password_hash takes.
func HashPassword(password string) (string, error) {
	if password == "" {
		return "", errors.New("the password is empty")
	}
	return argon2id.CreateHash(password, argon2id.DefaultParams)
}

// checkHash reports whether hash is one the console can check against.
func checkHash(hash string) error {
	switch {
	case strings.HasPrefix(hash, "$argon2id$"):
		_, _, _, err := argon2id.DecodeHash(hash)
		return err
	case strings.HasPrefix(hash, "$2a$"), strings.HasPrefix(hash, "$2b$"), strings.HasPrefix(hash, "$2y$"):
		_, err := bcrypt.Cost([]byte(hash))
		return err
	}
	return errors.New("web: the password hash is neither argon2id nor bcrypt; make one with newsbrief web hash-password")
}

// passwordOK checks password against the hash in constant time, at most
// cap(s.hashing) at once.
func (s *Server) passwordOK(ctx context.Context, password string) bool {
	select {
	case s.hashing <- struct{}{}:
		defer func() { <-s.hashing }()
	case <-ctx.Done():
		return false
	}
	if strings.HasPrefix(s.opts.PasswordHash, "$argon2id$") {
		ok, err := argon2id.ComparePasswordAndHash(password, s.opts.PasswordHash)
		return err == nil && ok
	}
	return bcrypt.CompareHashAndPassword([]byte(s.opts.PasswordHash), []byte(password)) == nil
}

// session is the signed-in operator of a request.
type session struct {
	hash string // the token's hash, as stored
	csrf string // the token the forms carry
}

type sessionKey struct{}

// newToken returns 32 random bytes, URL-safe.
func newToken() string {
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand panics rather)
	return base64.RawURLEncoding.EncodeToString(b)
}

// hashToken is how a session token is stored: its HMAC keyed with the
// password's hash, so that a new password (a new hash) ends every
// session made under the old one, on every instance, as an operator
// who changes a leaked password expects.
func (s *Server) hashToken(token string) string {
	m := hmac.New(sha256.New, []byte(s.opts.PasswordHash))
	m.Write([]byte(token))
	return hex.EncodeToString(m.Sum(nil))
}

// csrfToken is the token the forms of the session with token carry.
func csrfToken(token string) string {
	m := hmac.New(sha256.New, []byte(token))
	m.Write([]byte("newsbrief console form"))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// secure reports whether r came over HTTPS: TLS on the listener, or a
// trusted proxy that says so.
func (s *Server) secure(r *http.Request) bool {
	return r.TLS != nil || s.opts.BehindProxy && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

// setCookie sets a cookie for the console: HttpOnly, SameSite=Strict,
// Secure over HTTPS; maxAge < 0 deletes it.
func (s *Server) setCookie(w http.ResponseWriter, r *http.Request, name, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: s.secure(r)})
}

// private lets only a signed-in operator through; a POST must also carry
// the session's CSRF token, or is refused with 403.
func (s *Server) private(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sess, err := s.session(r)
		if errors.Is(err, bot.ErrNotFound) {
			if r.Method != http.MethodGet && r.Method != http.MethodHead {
				s.fail(w, r, http.StatusForbidden, "Your session has ended; sign in again.")
				return
			}
			http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		if err != nil {
			s.storeFailed(w, r, err)
			return
		}
		r = r.WithContext(context.WithValue(r.Context(), sessionKey{}, sess))
		if r.Method == http.MethodPost {
			r.Body = http.MaxBytesReader(w, r.Body, maxForm)
			// A form too big to read has no token either. ParseForm first:
			// ParseMultipartForm drops its error for a form that is not
			// multipart, and a huge one would pass for one without a token.
			err := r.ParseForm()
			if err == nil {
				if err = r.ParseMultipartForm(maxForm); errors.Is(err, http.ErrNotMultipart) {
					err = nil
				}
			}
			if _, big := errors.AsType[*http.MaxBytesError](err); big {
				s.fail(w, r, http.StatusRequestEntityTooLarge, "That form is too big.")
				return
			} else if err != nil {
				s.fail(w, r, http.StatusBadRequest, "That form could not be read.")
				return
			}
			if !hmac.Equal([]byte(r.PostFormValue(csrfField)), []byte(sess.csrf)) {
				s.fail(w, r, http.StatusForbidden, "This form has no valid CSRF token: reload the page and send it again.")
				return
			}
		}
		h(w, r)
	})
}

// maxForm bounds what a form may post: an OPML file of a few thousand
// feeds fits.
const maxForm = 2 << 20

// session returns the request's session, or ErrNotFound.
func (s *Server) session(r *http.Request) (session, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return session{}, bot.ErrNotFound
	}
	h := s.hashToken(c.Value)
	if _, err := s.opts.Store.Session(r.Context(), h, s.opts.Clock.Now()); err != nil {
		return session{}, err
	}
	return session{hash: h, csrf: csrfToken(c.Value)}, nil
}

// loginView is the login page's data.
type loginView struct {
	Next  string
	Error string
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	if _, err := s.session(r); err == nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	s.showLogin(w, r, http.StatusOK, "")
}

// showLogin shows the login form with a fresh CSRF token, which the
// browser also holds in a cookie: a form posted from elsewhere has not
// got it.
func (s *Server) showLogin(w http.ResponseWriter, r *http.Request, status int, msg string) {
	token := newToken()
	s.setCookie(w, r, loginCookie, token, 3600)
	next := localPath(r.FormValue("next"), "/")
	s.render(w, r, status, "login", view{Title: "Sign in", CSRF: token, Data: loginView{Next: next, Error: msg}})
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	c, err := r.Cookie(loginCookie)
	if err != nil || r.PostFormValue(csrfField) == "" || !hmac.Equal([]byte(c.Value), []byte(r.PostFormValue(csrfField))) {
		s.fail(w, r, http.StatusForbidden, "This form has no valid CSRF token: reload the sign-in page and try again.")
		return
	}
	client := s.client(r)
	now := s.opts.Clock.Now()
	if wait := s.logins.try(client, now); wait > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds()+0.999)))
		s.showLogin(w, r, http.StatusTooManyRequests, fmt.Sprintf("Too many wrong passwords: wait %s before the next try.", wait.Round(time.Second)))
		return
	}
	if !s.passwordOK(r.Context(), r.PostFormValue("password")) {
		s.opts.Log.Warn("console sign-in refused", "client", client)
		s.showLogin(w, r, http.StatusUnauthorized, "That password is wrong.")
		return
	}
	s.logins.succeeded(client)
	token := newToken()
	err = s.opts.Store.SaveSession(r.Context(), bot.WebSession{TokenHash: s.hashToken(token), Created: now, Expires: now.Add(s.opts.SessionLifetime)})
	if err != nil {
		s.storeFailed(w, r, err)
		return
	}
	s.setCookie(w, r, loginCookie, "", -1)
	s.setCookie(w, r, sessionCookie, token, int(s.opts.SessionLifetime.Seconds()))
	http.Redirect(w, r, localPath(r.PostFormValue("next"), "/"), http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	sess := r.Context().Value(sessionKey{}).(session)
	if err := s.opts.Store.DeleteSession(r.Context(), sess.hash, s.opts.Clock.Now()); err != nil {
		s.storeFailed(w, r, err)
		return
	}
	s.setCookie(w, r, sessionCookie, "", -1)
	s.done(w, r, "/login", "Signed out.")
}

// client names who is signing in, for the login limit: the address the
// request came from, or behind a trusted proxy the one it appended to
// X-Forwarded-For. An IPv6 client is its /64, the least a site is given:
// counted by address, one site would have 2^64 tries.
func (s *Server) client(r *http.Request) string {
	addr := ""
	if s.opts.BehindProxy {
		if xff := r.Header.Values("X-Forwarded-For"); len(xff) > 0 {
			last := xff[len(xff)-1]
			if i := strings.LastIndexByte(last, ','); i >= 0 {
				last = last[i+1:]
			}
			addr = strings.TrimSpace(last)
		}
	}
	if addr == "" {
		addr = r.RemoteAddr
		if host, _, err := net.SplitHostPort(addr); err == nil {
			addr = host
		}
	}
	if ip, err := netip.ParseAddr(addr); err == nil && ip.Is6() && !ip.Is4In6() {
		return netip.PrefixFrom(ip.WithZone(""), 64).Masked().String()
	}
	return addr
}

// Login limits: after freeLogins wrong passwords in a row from one
// client, each next try waits, twice as long after each miss, up to
// maxLoginWait. A right password clears the count.
const (
	freeLogins   = 9
	firstWait    = 30 * time.Second
	maxLoginWait = time.Hour
	// maxClients bounds the clients remembered; past it, those quiet for
	// longest are forgotten.
	maxClients = 10000
)

// loginLimiter counts wrong passwords per client.
type loginLimiter struct {
	mu      sync.Mutex
	clients map[string]*misses
}

type misses struct {
	n     int
	until time.Time // no try before then
	last  time.Time
}

// crowd is the client that, once maxClients are remembered, stands for
// every client not among them: a flood of new addresses shares one count
// rather than pushing the known ones out of the map.
const crowd = "(too many clients)"

func newLoginLimiter() *loginLimiter { return &loginLimiter{clients: map[string]*misses{}} }

// try returns how long client must wait before its next try; when it
// need not, the try is counted as a miss at once, before the password is
// checked, so that tries sent together are held like tries sent one
// after another. succeeded clears the count of a right password.
func (l *loginLimiter) try(client string, now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	m := l.clients[client]
	if m == nil {
		if len(l.clients) >= maxClients {
			l.forget(now)
		}
		if len(l.clients) >= maxClients {
			client, m = crowd, l.clients[crowd]
		}
		if m == nil {
			m = &misses{}
			l.clients[client] = m
		}
	}
	if now.Before(m.until) {
		return m.until.Sub(now)
	}
	m.n++
	m.last = now
	if m.n >= freeLogins {
		wait := firstWait << min(m.n-freeLogins, 10)
		m.until = now.Add(min(wait, maxLoginWait))
	}
	return 0
}

// forget drops the clients that may try again now and have been quiet
// for a minute; those still held stay held.
func (l *loginLimiter) forget(now time.Time) {
	for k, m := range l.clients {
		if !now.Before(m.until) && now.Sub(m.last) > time.Minute {
			delete(l.clients, k)
		}
	}
}

func (l *loginLimiter) succeeded(client string) {
	l.mu.Lock()
	delete(l.clients, client)
	l.mu.Unlock()
}

// flash is the message a page shows once, after an action redirected to
// it.
type flash struct {
	Text  string
	Error bool
}

// maxFlash bounds a flash message, in characters: it travels in a
// cookie, which browsers keep only up to 4 KB, and a message quoting a
// huge form (a long refused URL, a topic) must still show, in part.
const maxFlash = 400

func (s *Server) setFlash(w http.ResponseWriter, r *http.Request, f flash) {
	if utf8.RuneCountInString(f.Text) > maxFlash {
		f.Text = string([]rune(f.Text)[:maxFlash-1]) + "…"
	}
	b, _ := json.Marshal(f)
	s.setCookie(w, r, flashCookie, base64.RawURLEncoding.EncodeToString(b), 60)
}

// takeFlash returns the flash message waiting for this page, and clears it.
func (s *Server) takeFlash(w http.ResponseWriter, r *http.Request) flash {
	c, err := r.Cookie(flashCookie)
	if err != nil {
		return flash{}
	}
	s.setCookie(w, r, flashCookie, "", -1)
	var f flash
	if b, err := base64.RawURLEncoding.DecodeString(c.Value); err == nil {
		json.Unmarshal(b, &f)
	}
	return f
}
