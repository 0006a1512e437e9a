package telegram

import (
	"context"
	"encoding/json"
	"fmt"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// commands is the menu registered with setMyCommands.
var commands = []tgbotapi.BotCommand{
	{Command: "summary", Description: "The latest brief, or the brief of a link or a topic"},
	{Command: "subscribe", Description: "Follow a topic"},
	{Command: "unsubscribe", Description: "Stop following a topic"},
	{Command: "topics", Description: "Topics on offer and the ones followed"},
	{Command: "schedule", Description: "When the daily brief comes: 08:00 Europe/Berlin"},
	{Command: "quiet", Description: "Hours without briefs: 22:00-07:00"},
	{Command: "sources", Description: "Where the news comes from"},
	{Command: "status", Description: "What was fetched and sent"},
	{Command: "help", Description: "What the bot does"},
}

// RegisterCommands sets the bot's command menu.
func (a *Adapter) RegisterCommands(ctx context.Context) error {
	js, err := json.Marshal(commands)
	if err != nil {
		return fmt.Errorf("register commands: %w", err)
	}
	if _, err := a.call(ctx, callTimeout, "setMyCommands", tgbotapi.Params{"commands": string(js)}); err != nil {
		return fmt.Errorf("register commands: %w", classify(err))
	}
	return nil
}
