package web

import (
	"cmp"
	"errors"
	"html/template"
	"net/http"
	"slices"
	"strings"

	"github.com/newsbrief/newsbrief/bot"
)

// Renderer shows a message as one chat platform would: telegram.Preview
// or slack.Preview, which cmd/newsbrief passes in (this package may not
// import the adapters). Its HTML goes into the page as it is, so it must
// be safe: text escaped, a few formatting tags, links only to http(s).
type Renderer struct {
	Platform string // the column's heading: "Telegram"
	Render   func(bot.Message) template.HTML
}

// previewChats is how many chats the Preview page offers at once; a
// search finds the others.
const previewChats = 20

// maxPreviewURL bounds the URL typed in; a longer one is refused rather
// than cut.
const maxPreviewURL = 2048

// previewForm is the Preview page's forms as typed, and what was wrong.
type previewForm struct {
	Kind  string // the form sent: "url", "text" or "chat"
	URL   string
	Title string
	Text  string
	Chat  string // the chat picked, as ChatRef.String writes it
	Query string // the chat search
	Error string
}

// previewColumn is a message as one platform shows it.
type previewColumn struct {
	Platform string
	ID       string // for the column's heading: "telegram"
	HTML     template.HTML
}

type previewView struct {
	Form       previewForm
	Chats      []bot.ChatRow
	ChatsTotal int
	// What names what the columns show; empty before a preview.
	What    string
	Columns []previewColumn
}

// previewPage shows the forms, ?q= searching the chats to pick from. A
// chat's page links here with ?c=, and that chat's brief is previewed at
// once: a preview reads and changes nothing, so a link may ask for it.
func (s *Server) previewPage(w http.ResponseWriter, r *http.Request) {
	pg, _ := listPage(r, "/preview")
	form := previewForm{Chat: r.FormValue("c"), Query: pg.Query}
	if form.Chat == "" {
		s.showPreview(w, r, http.StatusOK, form, "", bot.Message{})
		return
	}
	form.Kind = "chat"
	s.preview(w, r, form)
}

// previewAction makes the preview a form asks for.
func (s *Server) previewAction(w http.ResponseWriter, r *http.Request) {
	pg, _ := listPage(r, "/preview")
	s.preview(w, r, previewForm{Kind: r.PostFormValue("kind"), URL: strings.TrimSpace(r.PostFormValue("url")),
		Title: r.PostFormValue("title"), Text: r.PostFormValue("text"),
		Chat: r.PostFormValue("c"), Query: pg.Query})
}

// preview makes a preview: of a URL, of pasted text, or of a chat's
// daily brief as it would read now. Nothing is sent or stored. A mistake
// shows the page again with what was typed and why.
func (s *Server) preview(w http.ResponseWriter, r *http.Request, form previewForm) {
	ctx := r.Context()
	var m bot.Message
	var what string
	var err error
	switch form.Kind {
	case "url":
		switch {
		case form.URL == "":
			err = &bot.InputError{Msg: "Type the address of an article."}
		case len(form.URL) > maxPreviewURL:
			err = &bot.InputError{Msg: "That address is too long."}
		case !strings.HasPrefix(form.URL, "http://") && !strings.HasPrefix(form.URL, "https://"):
			err = &bot.InputError{Msg: "Give the article's address, starting with http:// or https://."}
		default:
			m, err = s.opts.Bot.BriefURL(ctx, form.URL)
			what = "The brief of " + form.URL
		}
	case "text":
		m, err = s.opts.Bot.BriefText(form.Title, form.Text)
		what = "The brief of the pasted text"
	case "chat":
		c, ok := parseChatRef(form.Chat)
		if !ok {
			err = &bot.InputError{Msg: "Pick a chat."}
			break
		}
		var row bot.ChatRow
		if row, err = s.opts.Store.ChatRow(ctx, c); errors.Is(err, bot.ErrNotFound) {
			err = &bot.InputError{Msg: "There is no chat " + c.String() + "."}
			break
		} else if err != nil {
			break
		}
		m, err = s.opts.Bot.DigestNow(ctx, c)
		what = "The daily brief of " + cmp.Or(row.Title, c.String()) + " as it would read now"
	default:
		s.fail(w, r, http.StatusNotFound, "There is no such preview.")
		return
	}
	var bad *bot.InputError
	switch {
	case errors.As(err, &bad):
		form.Error = bad.Msg
		s.showPreview(w, r, http.StatusUnprocessableEntity, form, "", bot.Message{})
	case err != nil:
		s.storeFailed(w, r, err)
	default:
		s.showPreview(w, r, http.StatusOK, form, what, m)
	}
}

// showPreview shows the page with form as typed and, when what is set,
// m in a column per platform.
func (s *Server) showPreview(w http.ResponseWriter, r *http.Request, status int, form previewForm, what string, m bot.Message) {
	ctx := r.Context()
	rows, total, err := s.opts.Store.ChatRows(ctx, bot.Page{Query: form.Query, Limit: previewChats})
	if err != nil {
		s.storeFailed(w, r, err)
		return
	}
	// The chat picked is offered even when the search does not find it.
	if c, ok := parseChatRef(form.Chat); ok && !slices.ContainsFunc(rows, func(row bot.ChatRow) bool { return row.Chat == c }) {
		row, err := s.opts.Store.ChatRow(ctx, c)
		switch {
		case err == nil:
			rows = append([]bot.ChatRow{row}, rows...)
		case !errors.Is(err, bot.ErrNotFound):
			s.storeFailed(w, r, err)
			return
		}
	}
	v := previewView{Form: form, Chats: rows, ChatsTotal: total, What: what}
	if what != "" {
		for _, p := range s.opts.Preview {
			v.Columns = append(v.Columns, previewColumn{Platform: p.Platform, ID: strings.ToLower(p.Platform), HTML: p.Render(m)})
		}
	}
	s.render(w, r, status, "preview", view{Title: "Preview", Section: "preview", Data: v})
}
