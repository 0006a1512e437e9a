package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// adminTTL is how long an answer of getChatMember is trusted.
const adminTTL = 5 * time.Minute

// isAdmin asks getChatMember whether the user runs the chat, and keeps the
// answer for a while.
func (a *Adapter) isAdmin(ctx context.Context, chatID, userID string) (bool, error) {
	key := chatID + ":" + userID
	if admin, ok := a.admins.Get(key); ok {
		return admin, nil
	}
	res, err := a.call(ctx, callTimeout, "getChatMember", tgbotapi.Params{"chat_id": chatID, "user_id": userID})
	if err != nil {
		return false, fmt.Errorf("get chat member: %w", classify(err))
	}
	var member struct {
		Status string `json:"status"`
	}
	if err := json.Unmarshal(res, &member); err != nil {
		return false, fmt.Errorf("decode chat member: %w", err)
	}
	admin := member.Status == "creator" || member.Status == "administrator"
	a.admins.Put(key, admin)
	return admin, nil
}
