package brief

import (
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sites add their name to a page's title ("... | Al Bawaba", "... - BBC
// News", "BBC News - ..."), and feeds add kickers ("BREAKING: ..."). A
// title keeps a part after a separator unless something shows the part is
// the site's: it names the article's source or host, or a known outlet, or
// looks like an outlet's name ("Springfield Gazette", "NYTimes.com"), or
// it is a short tail after a bar, where sites and sections go. A title
// that merely holds a dash ("Biden - Xi talks resume") stays whole.

// titleSeparators part a site's name from a title; barSeparators are the
// ones titles themselves seldom use.
var (
	titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " // ", " » ", " · ", " • "}
	barSeparators   = []string{" | ", " :: ", " // ", " » ", " · ", " • "}
)

var titleKickers = []string{"breaking:", "breaking news:", "live:", "live updates:", "update:", "updated:",
	"watch:", "exclusive:", "video:", "just in:", "developing:"}

// cleanTitle returns title without what sites and feeds add to it: runs
// of space, kickers, the site's name before or after a separator, a final
// full stop. sites are the names the article's outlet goes by: its source's
// name, its URL or host.
func cleanTitle(title string, sites ...string) string {
	t := strings.Join(strings.Fields(title), " ")
	for _, k := range titleKickers {
		if len(t) > len(k) && strings.EqualFold(t[:len(k)], k) {
			t = strings.TrimSpace(t[len(k):])
		}
	}
	keys := siteKeys(sites)
	for range 3 { // "Title | Section | Site"
		i, sep := lastSeparator(t)
		if i < 0 || len(words(t[:i])) < 2 || !siteTail(t[i+len(sep):], sep, keys) {
			break
		}
		t = strings.TrimSpace(t[:i])
	}
	if i, sep := firstSeparator(t); i > 0 && len(words(t[i+len(sep):])) >= 3 && siteName(t[:i], keys) {
		t = strings.TrimSpace(t[i+len(sep):])
	}
	if strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "..") {
		t = strings.TrimSuffix(t, ".")
	}
	return strings.TrimSpace(t)
}

func lastSeparator(t string) (int, string) {
	best, bestSep := -1, ""
	for _, sep := range titleSeparators {
		if i := strings.LastIndex(t, sep); i > best {
			best, bestSep = i, sep
		}
	}
	return best, bestSep
}

func firstSeparator(t string) (int, string) {
	best, bestSep := -1, ""
	for _, sep := range titleSeparators {
		if i := strings.Index(t, sep); i >= 0 && (best < 0 || i < best) {
			best, bestSep = i, sep
		}
	}
	return best, bestSep
}

// siteTail reports whether tail, the part of a title after sep, is the
// site's name or section rather than part of the title.
func siteTail(tail, sep string, keys []string) bool {
	tail = strings.TrimSpace(tail)
	if siteName(tail, keys) {
		return true
	}
	ws := strings.Fields(tail)
	if len(ws) == 0 || len(ws) > 5 || strings.ContainsAny(tail, ".!?,;:\"“”") && !looksLikeDomain(tail) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(tail)
	if unicode.IsLower(r) {
		return false
	}
	for _, b := range barSeparators {
		if sep == b {
			return len(ws) <= 4 && len(tail) <= 32
		}
	}
	// After a dash: an acronym ("CNN", "WSJ").
	return len(ws) == 1 && len(tail) >= 2 && len(tail) <= 5 && strings.ToUpper(tail) == tail && capsLetters(tail) == len(tail)
}

// siteName reports whether s names the article's site or an outlet.
func siteName(s string, keys []string) bool {
	s = strings.TrimSpace(s)
	n := normName(s)
	if n == "" {
		return false
	}
	if knownOutlets[n] || looksLikeDomain(s) || looksLikeOutlet(s) {
		return true
	}
	if host := hostOf(s); host != "" {
		for _, l := range hostLabels(host) {
			if slices.Contains(keys, l) {
				return true // "HARBOURTIMES.EXAMPLE" on harbourtimes.example
			}
		}
	}
	for _, k := range keys {
		switch {
		case n == k:
			return true
		case len(k) >= 3 && strings.HasPrefix(n, k) && siteSuffixes[n[len(k):]]:
			return true // "BBC News" on bbc.co.uk
		case len(n) >= 5 && strings.Contains(k, n):
			return true // "Guardian" on theguardian.com
		}
	}
	return false
}

// siteSuffixes may follow a site's own name in its titles.
var siteSuffixes = setOf("news", "online", "com", "english", "international", "politics", "world",
	"sport", "sports", "business", "us", "uk", "tv", "live", "digital", "today", "onlinenews")

// siteKeys turns the names an outlet goes by into normalised keys: a
// name's letters and digits ("bbcnewsworld", "bbcnews", "world" for "BBC
// News - World"); a host's name without its public suffix ("bbc" for
// www.bbc.co.uk).
func siteKeys(sites []string) []string {
	var keys []string
	add := func(k string) {
		if len(k) >= 3 {
			keys = append(keys, k)
		}
	}
	for _, s := range sites {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if host := hostOf(s); host != "" {
			for _, l := range hostLabels(host) {
				add(l)
			}
			continue
		}
		add(normName(s))
		for _, sep := range append(titleSeparators, ": ") {
			if a, b, ok := strings.Cut(s, sep); ok {
				add(normName(a))
				add(normName(b))
			}
		}
	}
	return keys
}

// hostOf returns the host s names when s is a URL or a bare host name.
func hostOf(s string) string {
	if strings.ContainsAny(s, " \t") || !strings.Contains(s, ".") {
		return ""
	}
	if !strings.Contains(s, "://") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Hostname())
}

// hostLabels returns the labels of host that name the site: not "www" or
// "news", not the public suffix ("co.uk", "com").
func hostLabels(host string) []string {
	ls := strings.Split(host, ".")
	if len(ls) < 2 {
		return nil
	}
	ls = ls[:len(ls)-1]
	if n := len(ls); n >= 2 && len(host)-strings.LastIndex(host, ".") == 3 && genericSLD[ls[n-1]] {
		ls = ls[:n-1] // bbc.co.uk
	}
	var out []string
	for _, l := range ls {
		if !genericLabels[l] {
			out = append(out, strings.ReplaceAll(l, "-", ""))
		}
	}
	return out
}

var (
	genericSLD    = setOf("co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "go")
	genericLabels = setOf("www", "m", "amp", "mobile", "news", "edition", "en", "english", "uk", "us", "int", "international", "eu", "de", "fr")
)

// normName is s lower-cased with only its letters and digits.
func normName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// looksLikeDomain reports whether s is a site's address: "NYTimes.com",
// "bbc.co.uk".
func looksLikeDomain(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	if strings.ContainsAny(s, " /") {
		return false
	}
	i := strings.LastIndexByte(s, '.')
	if i <= 0 {
		return false
	}
	switch s[i+1:] {
	case "com", "org", "net", "uk", "au", "ca", "in", "ie", "nz", "io", "news", "info", "co", "de", "fr":
		return true
	}
	return false
}

// looksLikeOutlet reports whether s reads as a publication's name: two to
// five capitalised words, the last a word outlets are named with
// ("Springfield Gazette", "The Daily Star").
func looksLikeOutlet(s string) bool {
	ws := strings.Fields(s)
	if len(ws) < 2 || len(ws) > 5 || !outletWords[strings.ToLower(ws[len(ws)-1])] {
		return false
	}
	for _, w := range ws {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && w != "of" && w != "the" && w != "and" && w != "&" {
			return false
		}
	}
	return true
}

var outletWords = setOf("news", "times", "post", "herald", "tribune", "journal", "gazette", "daily", "online",
	"press", "agency", "network", "tv", "radio", "magazine", "chronicle", "observer", "telegraph", "independent",
	"express", "mirror", "standard", "mail", "sun", "star", "insider", "wire", "monitor", "courier", "dispatch",
	"bulletin", "examiner", "inquirer", "sentinel", "globe", "argus", "echo", "mercury", "advertiser",
	"citizen", "enquirer", "today")

// knownOutlets are outlets' names as titles carry them, normalised.
var knownOutlets = setOf(strings.Fields(`reuters ap apnews associatedpress afp bbc bbcnews bbcsport
	bbcworldservice theguardian guardian cnn cnncom cnninternational aljazeera aljazeeraenglish albawaba
	npr nytimes newyorktimes thenewyorktimes washingtonpost thewashingtonpost foxnews skynews dailymail
	dailymailonline mailonline theindependent independent thetelegraph telegraph bloomberg financialtimes
	ft thetimes politico axios thehill dw deutschewelle france24 euronews abcnews cbsnews nbcnews usatoday
	latimes losangelestimes theirishtimes irishtimes rte rtenews timesofindia thetimesofindia
	hindustantimes scmp southchinamorningpost japantimes thejapantimes xinhua xinhuanet anadoluagency tass
	rt yahoonews yahoo msn forbes businessinsider cnbc theatlantic vox wired techcrunch theverge
	arstechnica theeconomist economist newsweek time wsj wallstreetjournal thewallstreetjournal
	marketwatch theconversation euobserver spiegel derspiegel lemonde elpais asahi kyodo yonhap
	thehindu dawn arabnews gulfnews khaleejtimes middleeasteye timesofisrael haaretz jerusalempost
	thejerusalempost abc abcnewsaustralia smh sbsnews cbc cbcnews globalnews ctvnews nzherald rnz
	channelnewsasia cna straitstimes thestraitstimes`)...)

// sharedTails returns the parts after a title's last separator that two or
// more of one outlet's titles end with: the outlet's name or a section,
// whatever the outlet is called.
func sharedTails(titles []string) []string {
	seen := map[string]int{}
	done := map[string]bool{}
	var out []string
	for _, t := range titles {
		t = strings.Join(strings.Fields(t), " ")
		if done[t] {
			continue // the same title twice shows nothing
		}
		done[t] = true
		i, sep := lastSeparator(t)
		if i <= 0 {
			continue
		}
		tail := t[i+len(sep):]
		if seen[tail]++; seen[tail] == 2 {
			out = append(out, tail)
		}
	}
	return out
}
