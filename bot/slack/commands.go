package slack

import (
	"regexp"
	"strings"

	"github.com/newsbrief/newsbrief/bot"
)

// request builds the bot's request for a command typed in a channel.
func (s *Server) request(channel, user, thread, text string) bot.Request {
	dm := strings.HasPrefix(channel, "D")
	return bot.Request{
		Chat:  bot.ChatRef{Platform: Platform, ID: channel, Thread: thread},
		User:  user,
		Group: !dm,
		// Workspace admins and owners are found by the worker (run).
		Admin: dm || s.a.admins[user],
		Text:  text,
	}
}

// channelTitle is the chat title of a channel from the name a payload
// carries ("general" becomes "#general"), for the console. In place of
// a DM's or private channel's name Slack may send "directmessage" or
// "privategroup", which name nothing.
func channelTitle(name string) string {
	switch name {
	case "", "directmessage", "privategroup":
		return ""
	}
	return "#" + name
}

// commandText turns a slash command into the bot's command text:
// "/newsbrief subscribe ukraine" and "/subscribe ukraine" both become
// "/subscribe ukraine"; "/newsbrief" alone is "/help".
func commandText(command, text string) string {
	text = strings.TrimSpace(text)
	if command != "/newsbrief" {
		return strings.TrimSpace(command + " " + text)
	}
	if text == "" {
		return "/help"
	}
	if strings.HasPrefix(text, "/") {
		return text
	}
	return "/" + text
}

var mention = regexp.MustCompile(`^\s*<@[A-Z0-9]+(\|[^>]*)?>\s*`)

// mentionText turns "@newsbrief subscribe ukraine" into the bot's command.
func mentionText(text string) string {
	for mention.MatchString(text) {
		text = mention.ReplaceAllString(text, "")
	}
	return commandText("/newsbrief", text)
}
