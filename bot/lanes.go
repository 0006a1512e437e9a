package bot

import "sync"

// Lanes runs tasks concurrently, at most a bounded number at once, and
// those of one key (one chat) one at a time in the order they came: one
// chat's long reply never holds up another chat, and a chat's commands
// are answered in order. Keys take turns for the workers, so a chat with
// many tasks waiting does not keep the others out.
type Lanes struct {
	workers, perKey int

	mu      sync.Mutex
	running int
	lanes   map[string][]func() // tasks of each key with any, the running one first
	ready   []string            // keys with tasks waiting for a worker
	wg      sync.WaitGroup
}

// NewLanes returns lanes running at most workers tasks at once and
// holding at most perKey tasks (the running one included) of one key.
func NewLanes(workers, perKey int) *Lanes {
	return &Lanes{workers: max(workers, 1), perKey: max(perKey, 1), lanes: map[string][]func(){}}
}

// Go queues f under key and reports whether it did: false when key has
// perKey tasks already (a chat flooding the bot), and f will not run.
func (l *Lanes) Go(key string, f func()) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	tasks, busy := l.lanes[key]
	if len(tasks) >= l.perKey {
		return false
	}
	l.lanes[key] = append(tasks, f)
	if busy {
		return true // the key's running task or its place in ready leads to f
	}
	if l.running < l.workers {
		l.running++
		l.wg.Add(1)
		go l.work(key)
	} else {
		l.ready = append(l.ready, key)
	}
	return true
}

// work runs the first task of key, then goes on with the key whose turn
// it is, until no task waits.
func (l *Lanes) work(key string) {
	defer l.wg.Done()
	for {
		l.mu.Lock()
		f := l.lanes[key][0]
		l.mu.Unlock()
		f()
		l.mu.Lock()
		if rest := l.lanes[key][1:]; len(rest) > 0 {
			l.lanes[key] = rest
			l.ready = append(l.ready, key)
		} else {
			delete(l.lanes, key)
		}
		if len(l.ready) == 0 {
			l.running--
			l.mu.Unlock()
			return
		}
		key = l.ready[0]
		l.ready = l.ready[1:]
		l.mu.Unlock()
	}
}

// Wait waits for every task queued to have run.
func (l *Lanes) Wait() { l.wg.Wait() }
