package config

// Example is a documented configuration file: `newsbrief config example`
// prints it. Every setting in it is at its default, and every setting is
// in it: a test checks both, so it stays true.
const Example = `# newsbrief configuration. Every setting below is at its default: change
# what you need, delete the rest. Every key can be set from the environment
# too: NEWSBRIEF_ plus the key's path in upper case, "_" for "." (log.level
# is NEWSBRIEF_LOG_LEVEL); lists are comma-separated there.

# Where the SQLite database lives; empty for $XDG_DATA_HOME/newsbrief or
# ~/.local/share/newsbrief. E.g. data_dir: /var/lib/newsbrief
data_dir: ""

# A PostgreSQL URL instead of SQLite, for several instances:
# database: postgres://newsbrief@db/newsbrief
database: ""

poll: 1m          # how often due sources are checked (at least 10s)
interval: 15m     # a new source's polling interval (at least 1m)
backfill: 10      # items of a new source that count as new; the rest are only remembered
max_stories: 8    # stories in a daily brief (1 to 50)

sources:
  # Polled besides the sources added with "newsbrief sources add": http(s)
  # URLs of feeds or pages, or local files and folders. E.g.
  # feeds: [https://example.org/world.rss, /srv/newsbrief/press-releases]
  feeds: []
  # A source's own host may be on a private network. The links, redirects
  # and announced feeds in what it serves may not reach loopback, private,
  # link-local or cloud metadata addresses unless they stay on that host,
  # or this is true. /summary <url> is always refused such addresses.
  allow_private_links: false

# Named topics chats can /subscribe to: feeds, a query, or both. E.g.
# topics:
#   tech:
#     description: chips and computers
#     feeds: [https://example.org/tech.rss]
#     query: 'ai OR chips -"press release"'
#   climate:
#     query: climate OR emissions
topics: {}

# Who may "/sources add" from a chat, as platform:user-id: telegram:12345678
# (a number), slack:U0123ABCD, console:local (always allowed).
operators: []

console: true     # the terminal adapter: type commands on standard input

telegram:
  token: ""             # on when set; from @BotFather (123456:ABC...)
  api_url: ""           # a self-hosted Bot API server
  mode: polling         # or webhook (needs webhook_url, webhook_secret, http.listen)
  webhook_url: ""       # the public https://.../telegram/webhook
  webhook_secret: ""

slack:
  bot_token: ""         # on when set (xoxb-...)
  app_token: ""         # Socket Mode, no public URL (xapp-...)
  signing_secret: ""    # HTTP mode (needs http.listen)
  api_url: ""
  admins: []            # user IDs that may change a channel's settings, besides workspace admins and owners

http:
  listen: ""            # e.g. ":8080": /telegram/webhook, /slack/*, /healthz, /readyz
  read_timeout: 30s     # to read one request, headers and body
  write_timeout: 90s    # to handle a request and write the answer
  idle_timeout: 2m      # a kept-alive connection's quiet time; above a load balancer's own
  max_connections: 256  # served at once; more wait to be accepted

web:
  # The operator's web console on http.listen, on when this is set: the
  # hash newsbrief web hash-password prints, in single quotes (or bcrypt).
  admin_password_hash: ""
  behind_proxy: false    # trust X-Forwarded-Proto/-For from a reverse proxy in front (HTTPS there)
  session_lifetime: 12h  # how long a sign-in lasts (5m to 720h)

outbox:
  lease: 2m             # how long a claimed message is this process's

memory_limit_mb: 80    # soft heap limit in MiB (0: none); GOMEMLIMIT wins

log:
  level: info           # debug, info, warn, error
  format: ""            # text or json; empty: text on a terminal, else json
`
