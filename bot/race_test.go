//go:build race

package bot_test

// raceEnabled: the race detector adds allocations of its own.
const raceEnabled = true
