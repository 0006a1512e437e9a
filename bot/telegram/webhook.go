package telegram

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"net/http"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/newsbrief/newsbrief/bot"
)

// SetWebhook asks Telegram to post updates to webhookURL with secret in
// the X-Telegram-Bot-Api-Secret-Token header.
func (a *Adapter) SetWebhook(ctx context.Context, webhookURL, secret string) error {
	p := tgbotapi.Params{"url": webhookURL, "secret_token": secret, "allowed_updates": allowedUpdates}
	if _, err := a.call(ctx, callTimeout, "setWebhook", p); err != nil {
		return fmt.Errorf("set webhook: %w", classify(err))
	}
	return nil
}

// WebhookHandler receives updates that Telegram posts. It answers 401
// unless the X-Telegram-Bot-Api-Secret-Token header holds secret (an empty
// secret refuses every call), and 200 once the update is handled, also
// when handling failed: Telegram would only post it again.
func (a *Adapter) WebhookHandler(h bot.Handler, secret string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := r.Header.Get("X-Telegram-Bot-Api-Secret-Token")
		if secret == "" || subtle.ConstantTimeCompare([]byte(got), []byte(secret)) != 1 {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		if r.Method != http.MethodPost {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		var u update
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&u); err != nil {
			http.Error(w, "bad update", http.StatusBadRequest)
			return
		}
		if err := a.handle(r.Context(), h, u); err != nil {
			a.opts.Log.Error("telegram update", "update_id", u.UpdateID, "err", err)
		}
		w.WriteHeader(http.StatusOK)
	})
}
