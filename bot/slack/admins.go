package slack

import (
	"context"
	"time"
)

// adminTTL is how long Slack's word on a user's role is trusted.
const adminTTL = 5 * time.Minute

// workspaceAdmin reports whether users.info calls the user a workspace
// admin or owner, keeping the answer for adminTTL. When Slack cannot say
// (an error, or an app installed without the users:read scope), the user
// counts as a member for adminTTL: the bot refuses the change rather
// than let anyone make it.
func (a *Adapter) workspaceAdmin(ctx context.Context, user string) (bool, error) {
	if admin, ok := a.roles.Get(user); ok {
		return admin, nil
	}
	ctx, cancel := context.WithTimeout(ctx, a.opts.Timeout)
	defer cancel()
	u, err := a.api.GetUserInfoContext(ctx, user)
	admin := err == nil && (u.IsAdmin || u.IsOwner || u.IsPrimaryOwner)
	a.roles.Put(user, admin)
	return admin, a.wrap("users.info", err)
}
