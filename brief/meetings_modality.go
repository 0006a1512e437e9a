package brief

import "strings"

// Modality: whether the meeting an event reports happened. A meeting that
// is planned, hoped for, proposed, refused, cancelled, negated or
// hypothetical is not one; news reports the past in the past tense, the
// ongoing with "is meeting", and only captions and headlines use the
// present ("Putin meets Wang").

// notAsserted are the words before a meeting verb or noun, in its clause,
// that say it did not happen (yet): modals, negation, plans, wishes,
// refusals, conditions.
var notAsserted = setOf(
	// modals and the future
	"will", "would", "'ll", "could", "should", "might", "may", "shall", "must", "can", "cannot",
	"wo", "going", "gonna",
	// negation
	"not", "n't", "never", "no", "without", "neither", "nor", "nothing", "nobody",
	// plans, wishes, proposals
	"plan", "plans", "planned", "planning", "hope", "hopes", "hoped", "hoping", "want", "wants",
	"wanted", "wanting", "expect", "expects", "expected", "intend", "intends", "intended",
	"seek", "seeks", "sought", "seeking", "offer", "offers", "offered", "offering", "propose",
	"proposes", "proposed", "proposing", "agree", "agrees", "agreed", "invite", "invites",
	"invited", "inviting", "invitation", "ask", "asks", "asked", "urge", "urges", "urged",
	"wish", "wishes", "wished", "try", "tries", "tried", "trying", "attempt", "attempted",
	"request", "requests", "requested", "demand", "demands", "demanded", "push", "pushed",
	"pushing", "await", "awaits", "awaited", "awaiting", "prepare", "prepares", "prepared",
	"preparing", "preparations", "ready", "willing", "eager", "keen", "due", "set", "scheduled",
	"slated", "poised", "about", "likely", "unlikely", "arrange", "arranged", "arranging",
	"possibility", "chance", "prospect", "prospects", "idea",
	"considering", "consider", "considers", "mulling", "weighing", "promise", "promised",
	"promises", "vowed", "vows", "threatened", "threatens", "need", "needs", "needed",
	"open", "insisted", "insists", "suggested", "suggests",
	// refusals and cancellations
	"refuse", "refuses", "refused", "refusing", "decline", "declines", "declined", "declining",
	"fail", "fails", "failed", "reject", "rejects", "rejected", "rejecting", "cancel",
	"cancels", "cancelled", "canceled", "cancelling", "canceling", "postpone", "postponed",
	"postpones", "scrap", "scrapped", "scraps", "skip", "skipped", "skips", "boycott",
	"boycotted", "boycotts", "snub", "snubbed", "snubs", "avoid", "avoided", "avoids",
	"miss", "missed", "shun", "shunned", "rule", "ruled", "excluded", "instead",
	"delay", "delayed", "halt", "halted", "suspend", "suspended", "resisted", "resist",
	"abandoned", "spurned",
	// conditions and questions
	"if", "unless", "whether", "whenever", "lest", "until", "ahead", "before",
)

// subordinators open a clause that says an event is a condition or still
// ahead: "if they met", "before the talks".
var subordinators = setOf("if", "unless", "whether", "whenever", "lest", "until", "ahead", "before")

// afterNotAsserted are the words after a meeting noun that undo it: "the
// summit was cancelled", "talks are scheduled for May".
var afterNotAsserted = setOf("cancelled", "canceled", "called", "postponed", "scrapped", "delayed",
	"shelved", "planned", "scheduled", "expected", "set", "slated", "due", "proposed",
	"rescheduled", "will", "would", "could", "might", "may", "should", "'ll", "off",
	"next", "tomorrow", "upcoming", "coming", "never", "not", "n't", "doubt", "unlikely",
	"possible", "collapsed", "aborted")

// denials deny the clause that follows them: "denied that he met".
var denials = setOf("denied", "denies", "deny", "denying", "disputed", "disputes", "rejected", "rejects")

// claimNouns stand between a denial and its clause: "rejected claims that".
var claimNouns = setOf("claims", "reports", "allegations", "suggestions", "accounts", "rumours", "rumors")

// futureTime are time words that put an event ahead of the report: "next
// week", "tomorrow", "in the coming days".
var futureTime = setOf("next", "tomorrow", "coming", "upcoming", "later", "soon")

// clauseBreaks end the stretch of a sentence whose words bear on a meeting
// word's modality.
var clauseBreaks = setOf(";", ":", "—", "–", "(", ")", "but", "said", "says", "told", "while", "whereas", "although", "though")

// happened reports whether the event is told as having happened.
func (r *reader) happened(ev event, caption bool) bool {
	if r.question() {
		return false
	}
	switch ev.tense {
	case presentForm:
		// Only captions tell a meeting in the present ("Putin meets
		// Wang"); a negotiation in the present is under way ("while Kerry
		// negotiates with Russia").
		if !caption && ev.class != negotiateCue {
			return false
		}
	case baseForm:
		if r.low(r.skipMannerBackOnly(ev.gov-1)) != "did" && !ev.trip {
			return false
		}
	case ingForm:
		if r.futureAround(ev) {
			return false
		}
	}
	if r.notAssertedBefore(ev) || r.futureAround(ev) {
		return false
	}
	if ev.noun && (r.undoneAfter(ev) || r.modifiersUndo(ev)) {
		return false
	}
	return !r.repeated(ev)
}

// repeatedWords tell a habit or a series rather than one meeting: "talks
// frequently with", "has met him twice", "months of meetings", "a dozen
// meetings".
var repeatedWords = setOf("twice", "frequently", "regularly", "often", "repeatedly", "routinely",
	"occasionally", "periodically", "regular", "frequent", "times", "occasions", "weekly",
	"monthly", "daily", "constantly", "sometimes", "ongoing")

// countWords count meetings when a meeting noun or "times" follows them.
var countWords = setOf("numerous", "countless", "dozen", "dozens", "several", "many", "few", "multiple")

// repeated reports whether the event is a habit or a series with no single
// occasion (MEETINGS.md): a frequency word in its clause, or a plural
// meeting noun after a span of time ("months of meetings"). "Multiple
// rounds of talks" during one visit stay one meeting.
func (r *reader) repeated(ev event) bool {
	for i := ev.from; i < len(r.us) && i < ev.to+6; i++ {
		if i > ev.to && (clauseBreaks[r.low(i)] || r.low(i) == "." || r.low(i) == "to") {
			break
		}
		w := r.low(i)
		if countWords[w] {
			// "a dozen meetings", "several times"; but "half a dozen House
			// Democrats" counts people.
			n := r.low(i + 1)
			if n == "of" {
				n = r.low(i + 2)
			}
			if n == "times" || n == "occasions" || isMeetNoun(n) {
				return true
			}
			continue
		}
		if repeatedWords[w] || w == "once" && r.low(i+1) != "again" && r.low(i-1) == "more" {
			return true
		}
	}
	if ev.noun && r.low(ev.cue-1) == "of" && (r.low(ev.cue-2) == "months" || r.low(ev.cue-2) == "weeks" || r.low(ev.cue-2) == "years" || r.low(ev.cue-2) == "days") {
		return true
	}
	return false
}

// question reports whether the sentence asks: "Will they meet?".
func (r *reader) question() bool {
	for i := len(r.us) - 1; i >= 0; i-- {
		switch r.us[i].text {
		case "\"", "”", "’", "'", ")":
			continue
		case "?":
			return true
		}
		return false
	}
	return false
}

// notAssertedBefore looks left of the governing word, back to the clause's
// start, for a word that says the event did not happen. The parties'
// own units and the subject's appositives are stepped over; "to" right
// before a verb is an infinitive: "agreed to meet", "flew in to meet"
// alike are not reported as done.
func (r *reader) notAssertedBefore(ev event) bool {
	g := ev.gov
	if !ev.noun && r.low(g-1) == "to" {
		return !ev.trip
	}
	if ev.noun && (r.low(g-1) == "to" && !isDeterminer(r.low(g)) || r.low(g-2) == "to" && r.us[g-1].kind == wordUnit && isDeterminer(r.low(g))) {
		return true // "agreed to hold talks", "to take a courtesy meeting", "to begin negotiations"
	}
	sawVerb := false // a verb of another clause stands between: "before it began in a call"
	for i, n := g-1, 0; i >= 0 && n < 10; i, n = i-1, n+1 {
		u := r.us[i]
		if i < ev.from && (clauseBreaks[u.low] || u.low == "," || u.low == "that" || u.low == "which" || u.low == "who") {
			// "denied that he met Varga": the clause is what was denied.
			return u.low == "that" && (denials[r.low(i-1)] || claimNouns[r.low(i-1)] && denials[r.low(i-2)])
		}
		if u.kind == partyUnit || u.kind == roleUnit {
			continue
		}
		if subordinators[u.low] && sawVerb {
			continue
		}
		if i < ev.from && !notAsserted[u.low] && isVerbForm(u.low) {
			sawVerb = true
		}
		// "agreed at a meeting": the agreement was reached there; "agreed
		// to a meeting" is a plan.
		adjunct := strings.HasSuffix(u.low, "ed") && (r.low(i+1) == "at" || r.low(i+1) == "during" || r.low(i+1) == "after" || r.low(i+1) == "following")
		if notAsserted[u.low] && !(u.low == "weighing" && r.low(i+1) == "in") && !adjunct || strings.HasPrefix(u.low, "call") && r.low(i+1) == "for" {
			// "held talks before the vote", "met him before": "before" and
			// "until" are conditions only ahead of the event phrase.
			if (u.low == "before" || u.low == "until" || u.low == "ahead") && i > ev.from {
				continue
			}
			return true
		}
	}
	return false
}

// skipMannerBackOnly steps left over adverbs only: "did then meet", "was
// warmly received".
func (r *reader) skipMannerBackOnly(i int) int {
	for i >= 0 {
		w := r.low(i)
		if w == "also" || w == "then" || w == "indeed" || w == "first" || w == "later" || strings.HasSuffix(w, "ly") && len(w) > 4 {
			i--
			continue
		}
		return i
	}
	return i
}

// undoneAfter looks right of a meeting noun phrase, past its parties, for
// what cancels it or puts it ahead: "the summit was cancelled", "a
// summit between Osei and Varga, planned for Friday, was called off".
func (r *reader) undoneAfter(ev event) bool {
	for i, n := max(ev.cue+1, ev.to), 0; i < len(r.us) && n < 10; i, n = i+1, n+1 {
		u := r.us[i]
		if clauseBreaks[u.low] || u.low == "." {
			return false
		}
		// A comma ends the noun phrase unless an appositive about the
		// meeting follows: ", planned for Friday,", ", which was called off".
		if u.low == "," && !afterNotAsserted[r.low(i+1)] && r.low(i+1) != "which" && r.low(i+1) != "that" {
			return false
		}
		// "a hearing on Thursday that the agency had not": a clause of its
		// own, about something else; "a summit that was cancelled" is about
		// the meeting.
		if (u.low == "that" || u.low == "which") && !beForms[r.low(i+1)] && !afterNotAsserted[r.low(i+1)] || isQuoteMark(u.low) {
			return false
		}
		// "warned him during their meeting not to move": the warning's
		// content, not the meeting, is negated.
		// "talks ahead of a possible return": an adjective after a
		// determiner qualifies another noun, not the meeting.
		if afterNotAsserted[u.low] && isDeterminer(r.low(i-1)) && i-1 > ev.cue {
			continue
		}
		if afterNotAsserted[u.low] && !(u.low == "called" && r.low(i+1) != "off") && !(u.low == "not" && r.low(i+1) == "to") {
			return true
		}
	}
	return false
}

// modifiersUndo reports whether a word between the noun's determiner and
// the noun puts it ahead or calls it off: "the planned summit", "a
// possible meeting".
func (r *reader) modifiersUndo(ev event) bool {
	for i := ev.gov; i < ev.cue; i++ {
		switch r.low(i) {
		case "planned", "proposed", "upcoming", "scheduled", "possible", "potential", "future",
			"expected", "next", "cancelled", "canceled", "postponed", "rumored", "rumoured",
			"hoped-for", "would-be", "forthcoming", "prospective", "anticipated", "requested",
			"promised", "mooted", "rescheduled", "no", "any":
			return true
		}
	}
	return false
}

// futureAround reports whether a future time stands in the event's clause:
// "is meeting Xi next week".
func (r *reader) futureAround(ev event) bool {
	for i := ev.from; i < len(r.us) && i < ev.to+6; i++ {
		// A purpose clause speaks of its own time: "met to settle the
		// quotas for the coming season".
		if i > ev.to && (clauseBreaks[r.low(i)] || r.low(i) == "." || r.low(i) == "to") {
			break
		}
		w := r.low(i)
		// "later met" is past: "later" is future only around a noun or a
		// verb not in the past ("will meet later", "talks later this week").
		if futureTime[w] && !(w == "later" && (r.low(i+1) == "that" || ev.tense == pastForm && !ev.noun)) {
			return true
		}
	}
	return false
}

// motionVerbs take a purpose clause that tells what the trip was for:
// "flew to Moscow to meet Putin" reports a meeting held.
var motionVerbs = setOf("flew", "traveled", "travelled", "went", "came", "arrived", "visited",
	"headed", "returned", "journeyed", "drove", "rushed", "hurried", "stopped", "dropped")

// tripVerb returns the unit of the past motion verb whose purpose the
// infinitive marker "to" at unit t begins ("flew to Moscow to meet"), when
// nothing before the verb denies or plans the trip; -1 when there is none.
func (r *reader) tripVerb(t int) int {
	if r.low(t) != "to" {
		return -1
	}
	for i := t - 1; i >= 0 && t-i <= 10; i-- {
		w := r.low(i)
		if clauseBreaks[w] || w == "." {
			return -1
		}
		if motionVerbs[w] {
			for j := i - 1; j >= 0 && i-j <= 6; j-- {
				if clauseBreaks[r.low(j)] || r.low(j) == "," {
					break
				}
				if notAsserted[r.low(j)] || r.low(j) == "to" {
					return -1
				}
			}
			return i
		}
		if notAsserted[w] {
			return -1
		}
	}
	return -1
}
