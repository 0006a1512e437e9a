package brief

// Countries: the English names of every country, from the Unicode CLDR
// tables that golang.org/x/text carries, so that no country the small
// places list leaves out ("Switzerland", "Burkina Faso") is taken for a
// person or made a speaker.

import (
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// countryNames maps the lower-case English name of each country, and the
// short form of a name the tables qualify ("Myanmar (Burma)", "Congo -
// Kinshasa"), to true. It is built once, on first use.
var countryNames = sync.OnceValue(buildCountryNames)

func buildCountryNames() map[string]bool {
	names := display.English.Regions()
	out := map[string]bool{}
	code := []byte{'A', 'A'}
	for a := byte('A'); a <= 'Z'; a++ {
		for b := byte('A'); b <= 'Z'; b++ {
			code[0], code[1] = a, b
			r, err := language.ParseRegion(string(code))
			if err != nil || !r.IsCountry() {
				continue
			}
			n := strings.ToLower(names.Name(r))
			out[n] = true
			for _, cut := range []string{" (", " - ", " sar "} {
				if short, _, ok := strings.Cut(n, cut); ok {
					out[short] = true
				}
			}
			out[strings.ReplaceAll(n, " & ", " and ")] = true
		}
	}
	return out
}

// isCountry reports whether name, in any case, is a country's English
// name: "Switzerland", "South Africa", "the United Kingdom".
func isCountry(name string) bool {
	n := strings.ToLower(strings.TrimSpace(name))
	n = strings.TrimPrefix(n, "the ")
	n = strings.TrimSuffix(strings.TrimSuffix(n, "'s"), "’s")
	return countryNames()[n]
}

// isPlace reports whether a name is a country or one of the places the
// word lists know.
func isPlace(name string) bool {
	return places[key(name)] || isCountry(name)
}
