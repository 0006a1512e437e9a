package brief

// Language: which language an article is written in, so that the parts of
// the brief that only English models can read (speakers, meetings) stay
// empty rather than guessed in any other.

import "github.com/RadhiFadlillah/whatlanggo"

// newsLanguages are the languages told apart: the common languages of the
// news. A short English text is more often mistaken for one of the
// detector's rarer languages (Scots, Tagalog, Esperanto) than for these.
var newsLanguages = whatlanggo.Options{Whitelist: map[whatlanggo.Lang]bool{
	whatlanggo.Eng: true, whatlanggo.Deu: true, whatlanggo.Fra: true, whatlanggo.Spa: true,
	whatlanggo.Por: true, whatlanggo.Ita: true, whatlanggo.Nld: true, whatlanggo.Pol: true,
	whatlanggo.Ces: true, whatlanggo.Swe: true, whatlanggo.Dan: true,
	whatlanggo.Nob: true, whatlanggo.Fin: true, whatlanggo.Tur: true, whatlanggo.Ron: true,
	whatlanggo.Hun: true, whatlanggo.Hrv: true, whatlanggo.Ind: true, whatlanggo.Vie: true,
	whatlanggo.Rus: true, whatlanggo.Ukr: true, whatlanggo.Bul: true, whatlanggo.Srp: true,
	whatlanggo.Bel: true, whatlanggo.Arb: true, whatlanggo.Pes: true, whatlanggo.Urd: true,
	whatlanggo.Heb: true, whatlanggo.Hin: true, whatlanggo.Cmn: true, whatlanggo.Jpn: true,
	whatlanggo.Kor: true, whatlanggo.Ell: true, whatlanggo.Tha: true, whatlanggo.Ben: true,
}}

// languageSample is how much of an article the detector reads, and
// trigramSample how much of that the trigram model reads: enough for a
// clear answer, little enough to cost a fraction of a millisecond.
const languageSample, trigramSample = 1000, 500

// English is the language the speaker and meeting models read.
const English = "en"

// detectLanguage returns the ISO 639-1 code of the language an article is
// written in ("en", "de", "zh"), or "" when its text shows no language.
// Text whose words are English function words often enough is English
// whatever the trigrams say: a short sentence full of foreign names ("Amara
// Osei met Luka Varga in Geneva") fools a trigram detector, and taking
// English for another language would silence its speakers and meetings.
func detectLanguage(title, text string) string {
	sample := title + "\n" + clip(text, languageSample)
	if englishShare(sample) >= minEnglishShare {
		return English
	}
	info := whatlanggo.DetectWithOptions(clip(sample, trigramSample), newsLanguages)
	if info.Lang < 0 {
		return ""
	}
	return info.Lang.Iso6391()
}

// minEnglishShare is the share of English function words above which a
// text is English: they make a quarter to a third of English news, and a
// few hundredths of German or French.
const minEnglishShare = 0.1

// englishFunctionWords are frequent in English and rare in other
// languages' text.
var englishFunctionWords = setOf("the", "and", "of", "to", "is", "was", "said", "that", "with",
	"for", "on", "his", "her", "he", "she", "it", "by", "at", "from", "has", "have", "were",
	"are", "be", "this", "which", "who", "in", "met", "will", "would", "its", "their", "they",
	"an", "as", "not", "but", "after", "says", "told")

// englishShare returns the share of the words of s that are English
// function words.
func englishShare(s string) float64 {
	ws := words(s)
	if len(ws) == 0 {
		return 0
	}
	n := 0
	for _, w := range ws {
		if englishFunctionWords[w] {
			n++
		}
	}
	return float64(n) / float64(len(ws))
}
