package brief

// Language: which language an article is written in, so that the parts of
// the brief that only English models can read (speakers, meetings) stay
// empty rather than guessed in any other.

import (
	"unicode"

	"github.com/RadhiFadlillah/whatlanggo"
)

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
	if info.Script == unicode.Latin && !info.IsReliable() && englishShare(sample) >= shareOf(sample, otherFunctionWords) {
		// A headline of names and content words ("Rose Bowl skywriters
		// blast Trump") gives the trigrams too little to go on; Latin
		// text without a function word of another language is taken
		// for English.
		return English
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

// otherFunctionWords are frequent in the news of other languages written
// in Latin letters (German, French, Spanish, Italian, Portuguese, Dutch and
// the Scandinavian languages) and are no English words: one of them in a
// short text is a sign that it is not English. Words that are also
// English ("do", "per") or open names ("Le Pen", "Las Vegas", "Al Gore")
// are left out.
var otherFunctionWords = setOf(
	"der", "das", "und", "ist", "nicht", "mit", "von", "zu", "dem", "des", "ein", "eine", "einen",
	"auf", "für", "sich", "im", "auch", "vor", "nach", "bei", "aus", "wie", "wird", "sind",
	"wurde", "über", "les", "une", "et", "est", "pour", "dans", "qui", "sur", "pas", "au",
	"aux", "à", "avec", "cette", "sont", "été", "par", "y", "en", "que", "por", "para", "con", "una",
	"es", "se", "como", "más", "il", "gli", "della", "che", "sono", "è", "nel", "alla", "em",
	"não", "com", "uma", "são", "foi", "het", "een", "niet", "met", "voor", "zijn", "ook",
	"naar", "och", "att", "det", "som", "för", "med", "på", "av", "är", "inte", "ett", "har",
	"til", "af", "ikke")

// englishShare returns the share of the words of s that are English
// function words.
func englishShare(s string) float64 {
	return shareOf(s, englishFunctionWords)
}

// shareOf returns the share of the words of s that are in set.
func shareOf(s string, set map[string]bool) float64 {
	ws := words(s)
	if len(ws) == 0 {
		return 0
	}
	n := 0
	for _, w := range ws {
		if set[w] {
			n++
		}
	}
	return float64(n) / float64(len(ws))
}
