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
		fv := v.Field(i)
		if f.Type.Kind() == reflect.Struct && f.Type != durationType {
			errs = append(errs, applyEnv(fv, varName, fkey, getenv, where)...)
			continue
		}
		raw := getenv(varName)
		if raw == "" {
			continue
		}
		set := func() { where[fkey] = place{where: varName, key: fkey} }
		fail := func(want string) {
			errs = append(errs, &Problem{Where: varName + "=" + strconv.Quote(raw), Key: fkey, Msg: "not " + want})
		}
		switch {
		case f.Type == durationType:
			d, err := time.ParseDuration(raw)
			if err != nil {
				fail("a duration; write it as 90s, 15m or 1h")
				continue
			}
			fv.SetInt(int64(d))
		case f.Type.Kind() == reflect.String:
			fv.SetString(raw)
		case f.Type.Kind() == reflect.Int:
			n, err := strconv.Atoi(raw)
			if err != nil {
				fail("a whole number")
				continue
			}
			fv.SetInt(int64(n))
		case f.Type.Kind() == reflect.Bool:
			b, err := strconv.ParseBool(raw)
			if err != nil {
				fail("true or false")
				continue
			}
			fv.SetBool(b)
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.String:
			var list []string
			for _, s := range strings.Split(raw, ",") {
				if s = strings.TrimSpace(s); s != "" {
					list = append(list, s)
				}
			}
			fv.Set(reflect.ValueOf(list))
			for i := range list {
				where[fkey+"["+strconv.Itoa(i)+"]"] = place{where: varName, key: fkey + "[" + strconv.Itoa(i) + "]"}
			}
		default:
			continue
		}
		set()
	}
	return errs
}
