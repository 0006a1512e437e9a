// Package sources reads news from the outside world: RSS, Atom and JSON
// feeds, web pages (main-text extraction) and local files. Parsing is kept
// apart from I/O: the parsers are pure functions over an io.Reader, and only
// the functions that say so in their names open files. What it finds it
// returns in the bot's domain types (bot.Fetched, bot.Article,
// bot.Validators, bot.RateLimitError): Fetcher is the bot's Fetcher, and
// the package knows nothing else of the bot.
package sources
