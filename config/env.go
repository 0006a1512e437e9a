package config

import (
	"reflect"
	"strconv"
	"strings"
	"time"
)

// applyEnv sets every scalar or list field whose variable is set: the
// prefix plus the key's path in upper case, or the field's env tag. key is
// the path of v as Validate names it; where records which variable set
// each setting, so that a problem with it names the variable.
func applyEnv(v reflect.Value, prefix, key string, getenv func(string) string, where map[string]place) []error {
	var errs []error
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		varName := prefix + "_" + strings.ToUpper(name)
		if env := f.Tag.Get("env"); env != "" {
			varName = env
		}
		fkey := join(key, name)
		if f.Type.Kind() == reflect.Struct && f.Type != durationType {
			errs = append(errs, applyEnv(v.Field(i), varName, fkey, getenv, where)...)
			continue
		}
		raw := getenv(varName)
		if raw == "" {
			continue
		}
		set, err := setFromEnv(v.Field(i), raw)
		if err != "" {
			errs = append(errs, &Problem{Where: varName + "=" + strconv.Quote(raw), Key: fkey, Msg: "not " + err})
			continue
		}
		for _, k := range set {
			where[fkey+k] = place{where: varName, key: fkey + k}
		}
	}
	return errs
}

// envKinds read a variable's text for each kind of scalar setting, and say
// what the text should have been when it cannot be read.
var envKinds = []struct {
	is    func(reflect.Type) bool
	want  string
	parse func(string) (any, error)
}{
	{func(t reflect.Type) bool { return t == durationType }, "a duration; write it as 90s, 15m or 1h", func(s string) (any, error) { return time.ParseDuration(s) }},
	{isKind(reflect.String), "", func(s string) (any, error) { return s, nil }},
	{isKind(reflect.Int), "a whole number", func(s string) (any, error) { return strconv.Atoi(s) }},
	{isKind(reflect.Bool), "true or false", func(s string) (any, error) { return strconv.ParseBool(s) }},
}

func isKind(k reflect.Kind) func(reflect.Type) bool {
	return func(t reflect.Type) bool { return t.Kind() == k }
}

// setFromEnv sets v from a variable's text raw, and returns the keys it set
// below v's ("" for v itself, "[i]" for a list's elements), or what raw
// should have been. A comma-separated list fills a list of strings; other
// kinds (maps) cannot be set from the environment.
func setFromEnv(v reflect.Value, raw string) (set []string, want string) {
	t := v.Type()
	if t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String {
		var list []string
		set = []string{""}
		for _, s := range strings.Split(raw, ",") {
			if s = strings.TrimSpace(s); s != "" {
				set = append(set, "["+strconv.Itoa(len(list))+"]")
				list = append(list, s)
			}
		}
		v.Set(reflect.ValueOf(list))
		return set, ""
	}
	for _, k := range envKinds {
		if !k.is(t) {
			continue
		}
		x, err := k.parse(raw)
		if err != nil {
			return nil, k.want
		}
		v.Set(reflect.ValueOf(x).Convert(t))
		return []string{""}, ""
	}
	return nil, ""
}
