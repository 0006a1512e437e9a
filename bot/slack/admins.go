package slack

import (
	"context"
	"time"
)

// adminTTL is how long Slack's word on a user's role is trusted.
const adminTTL = 5 * time.Minute

// roleAnswer is what users.info said of a user, and when.
type roleAnswer struct {
	admin bool
	at    time.Time
}

// workspaceAdmin reports whether users.info calls the user a workspace
// admin or owner, keeping the answer for adminTTL. When Slack cannot say
// (an error, or an app installed without the users:read scope), the user
// counts as a member for adminTTL: the bot refuses the change rather
// than let anyone make it.
func (a *Adapter) workspaceAdmin(ctx context.Context, user string) (bool, error) {
	now := time.Now()
	a.rolesMu.Lock()
	ans, ok := a.roles[user]
	a.rolesMu.Unlock()
	if ok && now.Sub(ans.at) < adminTTL {
		return ans.admin, nil
	}
	ctx, cancel := context.WithTimeout(ctx, a.opts.Timeout)
	defer cancel()
	u, err := a.api.GetUserInfoContext(ctx, user)
	admin := err == nil && (u.IsAdmin || u.IsOwner || u.IsPrimaryOwner)
	a.rolesMu.Lock()
	if len(a.roles) > 10000 {
		clear(a.roles) // bound memory; the answers are asked again
	}
	a.roles[user] = roleAnswer{admin: admin, at: now}
	a.rolesMu.Unlock()
	return admin, a.wrap("users.info", err)
}
