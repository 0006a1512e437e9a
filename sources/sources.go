// Package sources reads news from the outside world: RSS, Atom and JSON
// feeds, web pages (main-text extraction) and local files. Parsing is kept
// apart from I/O: the parsers are pure functions over an io.Reader, and only
// the functions that say so in their names open files.
package sources
