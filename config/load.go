package config

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Load reads the file at path (none if empty) over the defaults, then
// the environment, and checks the result. It reports every problem at
// once, each as a *Problem: where it is (file, line and column, or the
// variable), the setting as the file names it, and what to do.
func Load(path string, getenv func(string) string) (Config, error) {
	c := Default()
	c.where = map[string]place{}
	var errs []error
	if path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			msg := err.Error()
			if errors.Is(err, fs.ErrNotExist) {
				msg = "no such file (\"newsbrief config example > " + path + "\" writes one to start from)"
			}
			return c, &Problem{Where: path, Key: "(file)", Msg: strings.TrimPrefix(msg, "open "+path+": ")}
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err != nil {
			return c, syntaxProblem(path, err)
		}
		if len(doc.Content) > 0 {
			d := decoder{file: path, where: c.where}
			d.value(doc.Content[0], reflect.ValueOf(&c).Elem(), "", "")
			errs = append(errs, d.errs...)
		}
	}
	errs = append(errs, applyEnv(reflect.ValueOf(&c).Elem(), "NEWSBRIEF", "", getenv, c.where)...)
	for _, err := range c.Validate() {
		errs = append(errs, c.locate(err))
	}
	// In the order of the file, then the environment's and the defaults'.
	slices.SortStableFunc(errs, func(a, b error) int {
		pa, _ := a.(*Problem)
		pb, _ := b.(*Problem)
		return cmp.Compare(order(pa), order(pb))
	})
	return c, errors.Join(errs...)
}

// order is where a problem comes in the list: by line and column in the
// file, after them those with no line.
func order(p *Problem) int {
	if p == nil || p.line == 0 {
		return math.MaxInt
	}
	return p.line<<16 + p.col
}

// Problem is one mistake in the configuration.
type Problem struct {
	// Where is "file:line:column" or the environment variable that set
	// the value; empty for a default.
	Where string
	// Key is the setting as the file writes it: "topics.tech.query",
	// "operators[1]".
	Key string
	Msg string
	// line and col order the problems of a file as it reads; 0 outside it.
	line, col int
}

func (p *Problem) Error() string {
	if p.Where == "" {
		return p.Key + ": " + p.Msg
	}
	return p.Where + ": " + p.Key + ": " + p.Msg
}

// problem returns a Problem with the setting's key; Load adds where it is.
func problem(key, format string, a ...any) *Problem {
	return &Problem{Key: key, Msg: fmt.Sprintf(format, a...)}
}

// Problem returns err as a problem of the setting at key (its path with
// "." and "[i]", as Validate names it), placed where the setting was set:
// for checks made outside this package, such as parsing a topic's query.
func (c Config) Problem(key string, err error) error {
	return c.locate(&Problem{Key: key, Msg: err.Error()})
}

// set reports whether the file or the environment set the setting at key.
func (c Config) set(key string) bool {
	_, ok := c.where[key]
	return ok
}

// place is where a setting was set, and the name the file gave it.
type place struct {
	where     string // "file:line:col" or "NEWSBRIEF_POLL"
	key       string
	line, col int // in the file; 0 for a variable
}

// locate adds to a *Problem where its setting was set.
func (c Config) locate(err error) error {
	p, ok := err.(*Problem)
	if !ok {
		return err
	}
	for key := p.Key; key != ""; key = parentKey(key) {
		if at, ok := c.where[key]; ok {
			p.Where, p.line, p.col = at.where, at.line, at.col
			if key == p.Key {
				p.Key = at.key
			}
			break
		}
	}
	return p
}

// parentKey returns the key of the setting that holds key: "topics.tech"
// for "topics.tech.query", "operators" for "operators[1]".
func parentKey(key string) string {
	i := strings.LastIndexAny(key, ".[")
	if i < 0 {
		return ""
	}
	return key[:i]
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// syntaxProblem reports a file that is not YAML; nothing else in it can be
// checked until it is.
func syntaxProblem(path string, err error) error {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &Problem{Where: path + ":" + m[1], Key: "(file)", Msg: "not valid YAML: " + msg[len(m[0]):] + "; nothing else was checked", line: line}
	}
	return &Problem{Where: path, Key: "(file)", Msg: "not valid YAML: " + strings.TrimPrefix(msg, "yaml: ") + "; nothing else was checked"}
}

// decoder fills a Config from a YAML node tree, recording where each
// setting is and every mistake, and carrying on past them.
type decoder struct {
	file  string
	where map[string]place
	errs  []error
}

func (d *decoder) at(n *yaml.Node) string {
	return fmt.Sprintf("%s:%d:%d", d.file, n.Line, n.Column)
}

func (d *decoder) fail(n *yaml.Node, key, format string, a ...any) {
	d.errs = append(d.errs, &Problem{Where: d.at(n), Key: key, Msg: fmt.Sprintf(format, a...), line: n.Line, col: n.Column})
}

var durationType = reflect.TypeFor[time.Duration]()

// value decodes n into v; key is the setting's path as Validate names it,
// written its path as the file names it.
func (d *decoder) value(n *yaml.Node, v reflect.Value, key, written string) {
	if key != "" {
		d.where[key] = place{where: d.at(n), key: written, line: n.Line, col: n.Column}
	}
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Tag == "!!null" {
		return // "key:" with nothing: the default stays
	}
	t := v.Type()
	if u, ok := v.Addr().Interface().(yaml.Unmarshaler); ok && !(t.Kind() == reflect.Struct && n.Kind == yaml.MappingNode) {
		// The type reads a form of its own, such as a list for a mapping.
		if err := u.UnmarshalYAML(n); err != nil {
			d.fail(n, written, "%s", cleanYAMLError(err))
		}
		if n.Kind == yaml.SequenceNode && t.Kind() == reflect.Struct {
			if f, ok := firstListField(t); ok {
				d.list(n, key+"."+f, written)
			}
		}
		return
	}
	switch {
	case t == durationType:
		dur, err := time.ParseDuration(n.Value)
		if n.Kind != yaml.ScalarNode || err != nil {
			d.fail(n, written, "%s is not a duration; write it as 90s, 15m or 1h", show(n))
			return
		}
		v.SetInt(int64(dur))
	case t.Kind() == reflect.Struct:
		d.mapping(n, v, key, written)
	case t.Kind() == reflect.Map:
		if n.Kind != yaml.MappingNode {
			d.fail(n, written, "%s is not a mapping; write one name per line, each with its settings indented below", show(n))
			return
		}
		if v.IsNil() {
			v.Set(reflect.MakeMap(t))
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, vn := n.Content[i], n.Content[i+1]
			elem := reflect.New(t.Elem()).Elem()
			d.value(vn, elem, key+"."+k.Value, written+"."+k.Value)
			v.SetMapIndex(reflect.ValueOf(k.Value), elem)
		}
	case t.Kind() == reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.fail(n, written, "%s is not a list; write [a, b] or one \"- item\" per line", show(n))
			return
		}
		list := reflect.MakeSlice(t, len(n.Content), len(n.Content))
		for i, en := range n.Content {
			d.value(en, list.Index(i), fmt.Sprintf("%s[%d]", key, i), fmt.Sprintf("%s[%d]", written, i))
		}
		v.Set(list)
	default:
		if n.Kind != yaml.ScalarNode {
			d.fail(n, written, "%s; want a single value", show(n))
			return
		}
		if err := n.Decode(v.Addr().Interface()); err != nil {
			d.fail(n, written, "%s is not %s", show(n), kindName(t))
		}
	}
}

// mapping decodes a mapping node into the struct v, reporting unknown
// keys with the nearest known one.
func (d *decoder) mapping(n *yaml.Node, v reflect.Value, key, written string) {
	if n.Kind != yaml.MappingNode {
		d.fail(n, cmpOr(written, "(file)"), "%s is not a mapping of settings; indent them below %q", show(n), cmpOr(written, "the top"))
		return
	}
	fields := yamlFields(v.Type())
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, vn := n.Content[i], n.Content[i+1]
		name := k.Value
		idx, ok := fields[name]
		if !ok {
			msg := "unknown setting"
			if near := nearest(name, slices.Sorted(mapKeys(fields))); near != "" {
				msg += fmt.Sprintf("; did you mean %q?", near)
			}
			if written != "" {
				msg += fmt.Sprintf(" (%s has %s)", written, strings.Join(slices.Sorted(mapKeys(fields)), ", "))
			}
			d.fail(k, join(written, name), "%s", msg)
			continue
		}
		d.value(vn, v.Field(idx), join(key, name), join(written, name))
	}
}

// list records where the elements of a list given in a short form are.
func (d *decoder) list(n *yaml.Node, key, written string) {
	d.where[key] = place{where: d.at(n), key: written, line: n.Line, col: n.Column}
	for i, en := range n.Content {
		d.where[fmt.Sprintf("%s[%d]", key, i)] = place{where: d.at(en), key: fmt.Sprintf("%s[%d]", written, i), line: en.Line, col: en.Column}
	}
}

func join(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "." + name
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func mapKeys(m map[string]int) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// yamlFields maps a struct's YAML keys to its field indexes.
func yamlFields(t reflect.Type) map[string]int {
	fields := map[string]int{}
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if name != "" && name != "-" {
			fields[name] = i
		}
	}
	return fields
}

// firstListField returns the YAML key of a struct's first list field, the
// one its short form (a plain list) fills.
func firstListField(t reflect.Type) (string, bool) {
	for i := range t.NumField() {
		if t.Field(i).Type.Kind() == reflect.Slice {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
			return name, true
		}
	}
	return "", false
}

// show quotes a node's value for a message, or names its kind.
func show(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return strconv.Quote(n.Value)
}

func kindName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "a whole number"
	case reflect.Float64:
		return "a number"
	}
	return "text"
}

// cleanYAMLError drops the library's prefixes and Go type names.
func cleanYAMLError(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n  ")
	return yamlLine.ReplaceAllString(msg, "")
}
