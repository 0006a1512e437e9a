//go:build race

package sqlite

// raceEnabled: the race detector slows SQLite down tenfold.
const raceEnabled = true
