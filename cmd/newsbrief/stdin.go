package main

import (
	"context"
	"io"
	"os"
	"sync"
)

// input is standard input as the commands read it: a read ends as soon
// as ctx does, so that SIGINT and SIGTERM stop a command that waits for
// a line from a terminal.
type input struct {
	io.Reader
	// tty is set when standard input is a terminal: a person types there,
	// so commands show prompts and say what they wait for.
	tty bool
	// file is the terminal, for reading a password without echo; nil
	// when standard input is not one.
	file *os.File
}

// prompt is what a console shows before each line: "> " for a person at
// a terminal, nothing for a pipe.
func (in input) prompt() string {
	if in.tty {
		return "> "
	}
	return ""
}

// newInput wraps r so that reads end with ctx. A read of a terminal
// cannot be interrupted, so the bytes come through a pipe filled by a
// goroutine that starts at the first read; when ctx ends the pipe is
// closed and the read returns ctx's error at once. The goroutine exits at
// r's next line or end, or with the process.
func newInput(ctx context.Context, r io.Reader) input {
	pr, pw := io.Pipe()
	var once sync.Once
	start := func() {
		context.AfterFunc(ctx, func() { pr.CloseWithError(ctx.Err()) })
		go func() {
			_, err := io.Copy(pw, r)
			pw.CloseWithError(err) // nil: io.EOF for the reader
		}()
	}
	return input{
		Reader: readerFunc(func(p []byte) (int, error) {
			once.Do(start)
			n, err := pr.Read(p)
			if err != nil && ctx.Err() != nil {
				err = ctx.Err()
			}
			return n, err
		}),
		tty:  isTerminal(r),
		file: terminal(r),
	}
}

// terminal returns r if it is a terminal, else nil.
func terminal(r io.Reader) *os.File {
	if f, ok := r.(*os.File); ok && isTerminal(f) {
		return f
	}
	return nil
}

// readerFunc is a function that reads.
type readerFunc func(p []byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }
