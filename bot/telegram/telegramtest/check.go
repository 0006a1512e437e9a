package telegramtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"regexp"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// maxMessage is the longest text Telegram takes in one message, in UTF-16
// code units.
const maxMessage = 4096

var (
	tagRE    = regexp.MustCompile(`^<(/?)(b|i|u|s|a|code|pre|blockquote)( href="[^"<>]*")?>`)
	entityRE = regexp.MustCompile(`^&(amp|lt|gt|quot);`)
)

// CheckHTML validates one part as Telegram's HTML parse mode would and
// returns its plain text: tags only from the allowed set and balanced,
// every < and & part of a tag or an entity, within Telegram's 4096.
func CheckHTML(part string) (string, error) {
	if n := len(utf16.Encode([]rune(part))); n > maxMessage {
		return "", fmt.Errorf("%d UTF-16 units, over %d", n, maxMessage)
	}
	if !utf8.ValidString(part) {
		return "", fmt.Errorf("not UTF-8")
	}
	var plain strings.Builder
	var stack []string
	for i := 0; i < len(part); {
		switch part[i] {
		case '<':
			m := tagRE.FindStringSubmatch(part[i:])
			if m == nil {
				return "", fmt.Errorf("bad tag at %d: %.20q", i, part[i:])
			}
			closing, name, href := m[1] == "/", m[2], m[3]
			switch {
			case closing && href != "":
				return "", fmt.Errorf("closing tag with attributes at %d", i)
			case closing && (len(stack) == 0 || stack[len(stack)-1] != name):
				return "", fmt.Errorf("unbalanced </%s> at %d", name, i)
			case closing:
				stack = stack[:len(stack)-1]
			case (name == "a") != (href != ""):
				return "", fmt.Errorf("href on <%s> at %d", name, i)
			default:
				stack = append(stack, name)
			}
			i += len(m[0])
		case '&':
			m := entityRE.FindString(part[i:])
			if m == "" {
				return "", fmt.Errorf("raw & at %d", i)
			}
			plain.WriteString(html.UnescapeString(m))
			i += len(m)
		case '>':
			return "", fmt.Errorf("raw > at %d", i)
		default:
			plain.WriteByte(part[i])
			i++
		}
	}
	if len(stack) > 0 {
		return "", fmt.Errorf("tags left open: %v", stack)
	}
	return plain.String(), nil
}

// CheckKeyboard checks an inline keyboard as Telegram does: rows of 1 to 8
// buttons, at most 100 in all, each with a text and exactly one of an
// http(s) url and a callback_data of 1 to 64 bytes.
func CheckKeyboard(js string) error {
	var kb struct {
		InlineKeyboard [][]struct {
			Text         string  `json:"text"`
			URL          *string `json:"url"`
			CallbackData *string `json:"callback_data"`
		} `json:"inline_keyboard"`
	}
	if err := json.Unmarshal([]byte(js), &kb); err != nil {
		return err
	}
	if len(kb.InlineKeyboard) == 0 {
		return errors.New("no rows")
	}
	total := 0
	for _, row := range kb.InlineKeyboard {
		if len(row) == 0 || len(row) > 8 {
			return fmt.Errorf("a row of %d buttons", len(row))
		}
		for _, b := range row {
			total++
			switch {
			case b.Text == "":
				return errors.New("text must be non-empty")
			case (b.URL == nil) == (b.CallbackData == nil):
				return fmt.Errorf("button %q needs exactly one of url and callback_data", b.Text)
			case b.URL != nil && !strings.HasPrefix(*b.URL, "https://") && !strings.HasPrefix(*b.URL, "http://"):
				return fmt.Errorf("button %q: unsupported URL", b.Text)
			case b.CallbackData != nil && (len(*b.CallbackData) == 0 || len(*b.CallbackData) > 64):
				return fmt.Errorf("button %q: BUTTON_DATA_INVALID", b.Text)
			}
		}
	}
	if total > 100 {
		return fmt.Errorf("%d buttons", total)
	}
	return nil
}
