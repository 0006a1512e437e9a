package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/newsbrief/newsbrief/bot"
)

type outboxView struct {
	Status bot.DeliveryStatus
	Rows   []bot.Delivery
	Pager  pager
}

func (s *Server) outboxPage(w http.ResponseWriter, r *http.Request) {
	status := bot.DeliveryPending
	if r.FormValue("status") == string(bot.DeliveryDead) {
		status = bot.DeliveryDead
	}
	pg, p := listPage(r, "/outbox")
	pg.extra = url.Values{"status": {string(status)}}
	rows, total, err := s.opts.Store.Deliveries(r.Context(), status, p)
	if err != nil {
		s.storeFailed(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "outbox", view{Title: "Outbox", Section: "outbox", Data: outboxView{Status: status, Rows: rows, Pager: pg.of(total)}})
}

// operatorDrop is why a message the operator dropped was not sent.
const operatorDrop = "dropped by the operator"

// outboxAction retries a message now or drops it.
func (s *Server) outboxAction(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, http.StatusNotFound, "There is no such message.")
		return
	}
	ctx := r.Context()
	if _, err := s.opts.Store.Delivery(ctx, id); err != nil {
		s.storeFailed(w, r, err)
		return
	}
	var msg string
	switch r.PostFormValue("action") {
	case "retry":
		err, msg = s.opts.Store.RetryNow(ctx, id, s.opts.Clock.Now()), "Message "+strconv.FormatInt(id, 10)+" is sent again within a minute."
	case "drop":
		err, msg = s.opts.Store.Drop(ctx, id, operatorDrop), "Message "+strconv.FormatInt(id, 10)+" dropped."
	default:
		s.fail(w, r, http.StatusNotFound, "There is no such action.")
		return
	}
	if err != nil {
		s.storeFailed(w, r, err)
		return
	}
	s.done(w, r, backTo(r, "/outbox"), msg)
}
