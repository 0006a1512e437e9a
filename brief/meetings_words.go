package brief

import "strings"

// The word lists of the meetings extractor. The verbs follow the political
// event coders' CAMEO classes 040-046: consult (meet, talk, call), visit,
// host, meet at a third place, mediate, negotiate; testimony before a
// committee is a meeting too.

// cueClass is the kind of meeting a cue reports.
type cueClass uint8

const (
	consultCue cueClass = iota // meet, talk, confer, sit down with
	callCue                    // phone and video calls
	visitCue
	hostCue // host, receive, welcome: the subject is the host
	negotiateCue
	mediateCue
	testifyCue
)

// verbCue is one form of a meeting verb: its class, whether it is a past
// form (met, visited) or an -ing form, and the words that may introduce
// the other side ("with", "to"; "" for a direct object).
type verbCue struct {
	class cueClass
	tense verbTense
	preps []string
}

type verbTense uint8

const (
	pastForm    verbTense = iota // met, visited: happened unless modality says no
	ingForm                      // meeting, visiting: ongoing or a participle
	presentForm                  // meets, visits: captions and headlines only
	baseForm                     // meet, visit: after "did", else not asserted
)

// meetVerbs maps each form of a meeting verb to its cue.
var meetVerbs = func() map[string]verbCue {
	m := map[string]verbCue{}
	add := func(class cueClass, preps string, base, third, past, ing string) {
		ps := strings.Fields(preps)
		for _, f := range strings.Fields(past) {
			m[f] = verbCue{class, pastForm, ps}
		}
		m[third] = verbCue{class, presentForm, ps}
		m[base] = verbCue{class, baseForm, ps}
		m[ing] = verbCue{class, ingForm, ps}
	}
	add(consultCue, "with -", "meet", "meets", "met", "meeting")
	add(consultCue, "with", "confer", "confers", "conferred", "conferring")
	add(consultCue, "with", "huddle", "huddles", "huddled", "huddling")
	add(consultCue, "with", "dine", "dines", "dined", "dining")
	add(consultCue, "with", "lunch", "lunches", "lunched", "lunching")
	add(consultCue, "with", "eat", "eats", "ate", "eating")
	add(consultCue, "with to", "talk", "talks", "talked", "talking")
	add(consultCue, "with to", "speak", "speaks", "spoke spoken", "speaking")
	add(consultCue, "with to", "chat", "chats", "chatted", "chatting")
	add(visitCue, "- with", "visit", "visits", "visited", "visiting")
	add(hostCue, "-", "host", "hosts", "hosted", "hosting")
	add(hostCue, "-", "receive", "receives", "received", "receiving")
	add(hostCue, "-", "welcome", "welcomes", "welcomed", "welcoming")
	add(hostCue, "-", "greet", "greets", "greeted", "greeting")
	add(callCue, "-", "phone", "phones", "phoned", "phoning")
	add(callCue, "-", "telephone", "telephones", "telephoned", "telephoning")
	add(negotiateCue, "with", "negotiate", "negotiates", "negotiated", "negotiating")
	add(mediateCue, "between", "mediate", "mediates", "mediated", "mediating")
	add(testifyCue, "before to", "testify", "testifies", "testified", "testifying")
	add(testifyCue, "-", "interview", "interviews", "interviewed", "interviewing")
	add(testifyCue, "-", "question", "questions", "questioned", "questioning")
	add(testifyCue, "-", "grill", "grills", "grilled", "grilling")
	add(testifyCue, "-", "quiz", "quizzes", "quizzed", "quizzing")
	add(testifyCue, "before", "appear", "appears", "appeared", "appearing")
	return m
}()

// meetNouns are the nouns that name a meeting, and their class.
var meetNouns = map[string]cueClass{
	"meeting": consultCue, "meetings": consultCue, "talks": consultCue, "summit": consultCue,
	"discussions": consultCue, "discussion": consultCue, "consultations": consultCue,
	"sit-down": consultCue, "session": consultCue, "audience": consultCue,
	"breakfast": consultCue, "lunch": consultCue, "dinner": consultCue,
	"conversation": callCue, "call": callCue, "visit": visitCue, "visits": visitCue,
	"negotiations": negotiateCue, "testimony": testifyCue, "talk": consultCue,
	"hearing": testifyCue, "encounter": consultCue, "videoconference": callCue,
}

// phoneWords make a call of a conference: "a video conference".
var phoneWords = setOf("video", "phone", "telephone")

// lightVerbs carry a meeting noun: "held talks with", "had a call with".
var lightVerbs = setOf("held", "had", "hold", "holds", "holding", "began", "opened", "concluded",
	"wrapped", "paid", "made", "conducted", "attended", "joined", "survived", "gave", "resumed",
	"completed", "chaired", "led", "hosted", "took", "conducting", "conduct", "conducts",
	"leaving", "left", "attending", "received", "receives", "got")

// collectiveNouns follow a name to make a party of its people: "the Texas
// delegation", "the Compaq board", "Clinton campaign officials".
var collectiveNouns = setOf("delegation", "board", "team", "campaign", "caucus", "executives",
	"officials", "representatives", "leadership", "delegates", "management", "negotiators",
	"lawmakers", "leaders", "envoys", "diplomats", "directors", "staff", "aides", "committee",
	"investigators", "staffers", "members", "panel")

// meetTriggers are the words of which a sentence must hold one to be read
// for a meeting at all.
var meetTriggers = func() map[string]bool {
	m := map[string]bool{"sat": true, "shakes": true, "shook": true, "embraces": true, "embraced": true,
		"called": true, "rang": true, "phone": true, "telephone": true, "arrived": true, "arrives": true,
		"golf": true, "conference": true}
	for w := range meetVerbs {
		m[w] = true
	}
	for w := range meetNouns {
		m[w] = true
	}
	return m
}()

// roleModifiers stand in a role before its noun: "foreign minister",
// "prime minister", "chief executive".
var roleModifiers = setOf("foreign", "prime", "vice", "deputy", "chief", "senior", "top", "former",
	"defense", "defence", "finance", "interior", "justice", "trade", "state", "national",
	"security", "executive", "general", "first", "lady", "supreme", "head", "assistant",
	"acting", "interim", "then", "majority", "minority", "house", "senate", "white", "u.s.",
	"federal", "attorney", "special", "high", "lord", "crown", "grand", "presidential",
	"republican", "democratic", "gop", "labour", "conservative", "opposition", "party",
	"council", "union", "managing", "owner", "club", "team", "technical", "sporting",
	"south", "north", "east", "west")

// orgWords end the name of an organisation, team or body.
var orgWords = setOf("committee", "subcommittee", "council", "commission", "ministry", "department",
	"agency", "bureau", "office", "government", "administration", "parliament", "congress",
	"senate", "assembly", "court", "party", "union", "organization", "organisation", "association",
	"foundation", "institute", "university", "college", "company", "corporation", "corp", "inc",
	"ltd", "group", "bank", "fund", "board", "caucus", "delegation", "club", "fc", "united",
	"city", "rovers", "athletic", "wanderers", "rangers", "albion", "hotspur", "taliban",
	"hamas", "hezbollah", "vatican", "kremlin", "pentagon", "coalition", "alliance", "league",
	"federation", "authority", "service", "police", "army", "navy", "force", "forces", "guard",
	"democrats", "republicans", "conservatives", "tories", "team", "executives", "officials",
	"leaders", "members", "lawmakers", "senators", "ministers", "delegates", "representatives",
	"nations", "brotherhood", "movement", "front", "network", "church", "mission", "embassy")

// mediaWords mark a news organisation: speaking to one is an interview,
// not a meeting.
var mediaWords = setOf("news", "times", "post", "journal", "tribune", "herald", "gazette",
	"magazine", "press", "television", "tv", "radio", "cnn", "fox", "msnbc", "abc", "nbc",
	"cbs", "bbc", "reuters", "ap", "afp", "bloomberg", "breitbart", "politico", "axios",
	"daily", "mail", "guardian", "telegraph", "independent", "economist", "nytimes", "npr",
	"reporters", "reporter", "journalists", "correspondent", "interviewer", "show", "program",
	"programme", "podcast", "network", "channel", "newspaper", "editorial")

// timeWords are the words of a time expression between a subject and its
// verb, or a verb and its object: "Putin on Tuesday met", "met for two
// hours with".
var timeWords = func() map[string]bool {
	m := setOf("yesterday", "today", "tonight", "earlier", "later", "last", "this", "that",
		"week", "weekend", "month", "year", "morning", "afternoon", "evening", "night", "day",
		"days", "hours", "hour", "minutes", "weeks", "months", "years", "ago", "recently",
		"previously", "once", "twice", "again", "first", "finally", "eventually", "subsequently",
		"then", "already", "briefly", "shortly", "soon", "afterward", "afterwards", "late", "early",
		"two", "three", "four", "five", "several", "few", "an", "a", "one", "half", "nearly",
		"about", "more", "than", "for", "time", "times", "second", "third")
	for _, d := range strings.Split(dayNames, "|") {
		m[d] = true
	}
	for _, mo := range []string{"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december", "jan.", "feb.", "aug.",
		"sept.", "sep.", "oct.", "nov.", "dec."} {
		m[mo] = true
	}
	return m
}()

// mannerWords describe how a meeting went and may stand between its verb
// and its parties: "met privately with", "spoke by phone with".
var mannerWords = setOf("privately", "publicly", "secretly", "separately", "personally", "directly",
	"formally", "informally", "briefly", "alone", "face", "to", "in", "person", "by", "phone",
	"telephone", "video", "link", "videoconference", "over", "the", "on", "behind", "closed",
	"doors", "also", "both", "jointly", "together", "again", "face-to-face", "one-on-one",
	"virtually", "online", "at", "length", "extensively", "warmly", "cordially", "down",
	"reportedly", "had", "has", "have", "was", "were", "is", "are", "been", "did", "does",
	"do", "just", "only", "even", "still", "repeatedly", "regularly", "frequently", "often",
	"quietly", "hastily", "recently", "previously", "first", "later", "earlier", "subsequently",
	"then", "already", "once", "twice", "finally", "eventually", "yesterday", "today")

// joinWords join parties into one side: "Putin and Xi", "Abe, Park and Obama".
var joinWords = setOf("and", ",", "as well as", "along with", "plus", "including", "&")

// sportsWords mark a sentence about a match, where a team "hosting" or
// "meeting" another plays it: one of the strong words, or two of the weak
// ones (politics has races, wins and defeats too).
var (
	strongSportsWords = setOf("match", "matches", "goal", "goals", "scored", "fixture", "fixtures",
		"kick-off", "derby", "league", "striker", "goalkeeper", "midfielder", "defender", "stadium",
		"innings", "wickets", "touchdown", "playoff", "playoffs", "semi-final", "quarter-final",
		"tournament", "kicked", "halftime", "half-time", "hat-trick", "penalty", "penalties")
	weakSportsWords = setOf("game", "games", "win", "won", "beat", "beaten", "draw", "drew",
		"victory", "defeat", "defeated", "points", "final", "home", "away", "title", "champions",
		"round", "opponents", "rivals", "lost", "team", "teams", "score", "season", "cup", "pitch",
		"squad", "clash", "friendly", "manager", "coach", "club", "fans", "supporters")
)

// nationality reports whether w (lower case) is a nationality or a
// people's adjective: "russian", "chinese", "israeli".
func nationality(w string) bool {
	if len(w) < 4 {
		return false
	}
	switch w {
	case "french", "dutch", "greek", "swiss", "thai", "british", "english", "irish", "welsh",
		"scottish", "german", "russian", "chinese", "israeli", "iraqi", "saudi", "iranian",
		"afghan", "pakistani", "turkish", "polish", "spanish", "danish", "swedish", "finnish",
		"yemeni", "qatari", "kuwaiti", "emirati", "omani", "bahraini", "nepali", "bangladeshi",
		"somali", "czech", "slovak", "filipino", "american", "mexican", "european", "palestinian",
		"korean", "syrian", "libyan", "cuban", "kenyan", "nigerian", "chilean", "peruvian":
		return true
	}
	// "Ukrainian", "Indonesian", "Japanese", "Korean": long enough not to
	// be a first name such as "Brian".
	return len(w) > 6 && (strings.HasSuffix(w, "ian") || strings.HasSuffix(w, "ese") || strings.HasSuffix(w, "ean"))
}
