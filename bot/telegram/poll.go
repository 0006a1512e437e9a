package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/newsbrief/newsbrief/bot"
)

// minPollGap is the least time between two empty getUpdates answers.
const minPollGap = 250 * time.Millisecond

// Run receives commands by long polling until ctx ends, answering each
// with h, several chats at once; it returns when the answers under way
// are done. Failures to poll are logged and retried after a pause.
func (a *Adapter) Run(ctx context.Context, h bot.Handler) error {
	lanes := bot.NewLanes(updateWorkers, updatesPerChat)
	defer lanes.Wait()
	offset := 0
	for ctx.Err() == nil {
		p := tgbotapi.Params{
			"timeout":         strconv.Itoa(int(a.opts.PollTimeout / time.Second)),
			"allowed_updates": allowedUpdates,
		}
		if offset > 0 {
			p["offset"] = strconv.Itoa(offset)
		}
		asked := a.opts.Clock.Now()
		res, err := a.call(ctx, a.opts.PollTimeout+10*time.Second, "getUpdates", p)
		var ups []update
		if err == nil {
			if err = json.Unmarshal(res, &ups); err != nil {
				err = fmt.Errorf("decode updates: %w", err)
			}
		}
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			err = classify(err)
			wait := 3 * time.Second
			var rl *bot.RateLimitError
			if errors.As(err, &rl) {
				wait = rl.RetryAfter()
			}
			a.opts.Log.Warn("telegram poll", "err", err, "retry_in", wait)
			if a.opts.Clock.Sleep(ctx, wait) != nil {
				break
			}
			continue
		}
		if len(ups) == 0 && a.opts.Clock.Now().Sub(asked) < minPollGap {
			// A server that does not hold the long poll (an emulator, a
			// proxy) answers at once: do not ask it in a tight loop.
			if a.opts.Clock.Sleep(ctx, minPollGap) != nil {
				break
			}
		}
		for _, u := range ups {
			offset = max(offset, u.UpdateID+1)
			handle := func() {
				if err := a.handle(ctx, h, u); err != nil {
					a.opts.Log.Error("telegram update", "update_id", u.UpdateID, "err", err)
				}
			}
			if !lanes.Go(u.chat(), handle) {
				a.opts.Log.Warn("telegram chat has too many commands waiting; update dropped", "chat", u.chat(), "update_id", u.UpdateID)
			}
		}
	}
	return nil
}
