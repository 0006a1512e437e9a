package brief

// Word lists: small and general, shared by the people, quote and meeting
// extractors.

// The people lists. Titles may stand before a name; cue words
// mark organisations, places and events, which are not people.
var (
	honorifics = map[string]byte{
		"mr": 'm', "mrs": 'f', "ms": 'f', "miss": 'f', "sir": 'm', "dame": 'f',
		"lord": 'm', "lady": 'f', "madam": 'f', "mister": 'm', "dr": 0, "rev": 0,
	}
	titleWords = setOf("president", "minister", "secretary", "chancellor", "premier",
		"senator", "sen", "rep", "representative", "congressman", "congresswoman",
		"gov", "governor", "mayor", "chairman", "chairwoman", "chair", "chief",
		"director", "ambassador", "spokesman", "spokeswoman", "spokesperson",
		"king", "queen", "prince", "princess", "pope", "emperor", "sheikh",
		"general", "gen", "admiral", "adm", "colonel", "col", "lieutenant", "lt",
		"captain", "capt", "sergeant", "sgt", "commander", "cmdr", "major", "maj",
		"judge", "justice", "attorney", "prosecutor", "leader", "speaker",
		"commissioner", "councilman", "councilwoman", "del", "delegate", "sheriff",
		"officer", "detective", "det", "inspector", "insp", "supt", "superintendent",
		"pc", "pcso", "dc", "ds", "di", "dci", "dcs", "cllr", "councillor", "constable",
		"cpl", "corporal", "pte",
		"professor", "prof", "dr", "rev", "reverend", "bishop", "cardinal", "rabbi", "imam",
		"ceo", "executive", "founder", "host", "anchor", "coach", "envoy",
		"economist", "adviser", "advisor", "strategist", "lawyer", "candidate",
		"nominee", "widow", "official", "analyst", "editor", "correspondent",
		"pastor", "father", "sister", "brother", "vice", "deputy", "gov.", "ayatollah")
	// roleNouns say that a lower-case phrase before or after a name is a role.
	roleNouns = setOf("president", "minister", "secretary", "chancellor", "premier",
		"senator", "representative", "congressman", "congresswoman", "governor",
		"mayor", "chairman", "chairwoman", "chair", "chief", "director", "ambassador",
		"spokesman", "spokeswoman", "spokesperson", "leader", "speaker", "judge",
		"attorney", "prosecutor", "commissioner", "officer", "professor", "ceo",
		"executive", "founder", "host", "anchor", "coach", "envoy", "economist",
		"adviser", "advisor", "strategist", "lawyer", "candidate", "nominee", "widow",
		"official", "analyst", "editor", "correspondent", "member", "head", "fellow",
		"expert", "scholar", "historian", "scientist", "researcher", "author", "writer",
		"reporter", "journalist", "columnist", "consultant", "partner", "manager",
		"activist", "organizer", "organiser", "aide", "deputy", "commander", "general",
		"diplomat", "negotiator", "physicist", "doctor", "surgeon", "student", "teacher",
		"veteran", "mother", "father", "wife", "husband", "daughter", "son", "niece",
		"nephew", "friend", "pastor", "bishop", "actor", "actress", "singer", "star",
		"founder", "owner", "investor", "developer", "king", "queen", "prince", "pope",
		"lawmaker", "legislator", "governor-elect", "president-elect", "press", "campaigner",
		"captain", "striker", "goalkeeper", "midfielder", "defender", "player", "inspector",
		"detective", "constable", "sergeant", "nurse", "engineer", "farmer", "resident",
		"librarian", "chef", "pilot", "firefighter", "councillor", "councilor", "lieutenant",
		"colonel", "admiral", "sheriff", "principal", "dean", "rabbi", "imam", "priest",
		"cardinal", "archbishop", "trustee", "treasurer", "boss", "mp")
	// placeNouns follow a place's or organisation's name: "Kelmar City",
	// "Kelmar's Foreign Minister".
	placeNouns = setOf("city", "town", "county", "province", "state", "republic", "kingdom",
		"island", "islands", "sea", "bay", "sound", "river", "valley", "street", "square",
		"airport", "port", "harbour", "harbor", "university", "college", "hospital", "chamber",
		"parliament", "government", "army", "navy", "police", "bank", "group", "company",
		"corporation", "party", "union", "council", "ministry", "foreign", "prime", "president",
		"minister", "capital", "economy", "embassy", "border", "fc", "united", "rovers", "city's")
	orgCues = setOf("organization", "organisation", "nations", "union", "party", "committee",
		"council", "bureau", "ministry", "department", "house", "senate", "congress",
		"court", "university", "college", "school", "institute", "institution", "center",
		"centre", "foundation", "association", "agency", "service", "police", "army",
		"navy", "bank", "group", "company", "inc", "corp", "co", "ltd", "llc", "times",
		"post", "news", "journal", "report", "club", "church", "hospital", "airport",
		"street", "road", "avenue", "square", "park", "river", "mountain", "city",
		"county", "state", "states", "republic", "federation", "kingdom", "province",
		"region", "war", "year", "day", "week", "culture", "festival", "games", "cup",
		"office", "commission", "caucus", "forum", "fund", "media", "network", "act",
		"bill", "law", "kremlin", "pentagon", "parliament", "government",
		"administration", "cabinet", "corporation", "tower", "hall", "museum", "times",
		"daily", "tribune", "herald", "gazette", "magazine", "press", "television", "tv",
		"radio", "channel", "fox", "cnn", "msnbc", "abc", "nbc", "cbs", "bbc", "reuters",
		"ministries", "forces", "force", "guard", "corps", "assembly", "duma", "council",
		"summit", "conference", "treaty", "accord", "agreement", "program", "programme",
		"project", "initiative", "movement", "alliance", "coalition", "front", "league",
		"order", "affairs", "relations", "studies", "research", "policy", "strategies",
		"partners", "capital", "holdings", "industries", "systems", "technologies",
		"airlines", "motors", "energy", "island", "islands", "valley", "lake", "sea",
		"ocean", "bay", "beach", "bridge", "building", "plaza", "stadium", "station",
		"zero", "trauma", "level", "world", "international", "national", "federal",
		"central", "general", "supreme", "district", "circuit", "democrats",
		"republicans", "democratic", "republican", "campaign", "twitter", "facebook",
		"google", "apple", "microsoft", "amazon", "olympics", "championship", "series",
		"empire", "dynasty", "revolution", "era", "age", "christmas", "easter",
		"ramadan", "thanksgiving", "monday", "tuesday", "wednesday", "thursday",
		"friday", "saturday", "sunday", "january", "february", "march", "april",
		"june", "july", "august", "september", "october", "november", "december",
		"north", "south", "east", "west", "northern", "southern", "eastern", "western",
		"america", "american", "americans", "europe", "european", "asia", "asian",
		"africa", "african", "god", "internet", "web", "brexit", "obamacare", "medicaid",
		"medicare", "express", "mail", "sun", "observer", "guardian", "telegraph",
		"independent", "economist", "post-dispatch", "nazi", "soviet", "communist", "islam",
		"muslim", "muslims", "christian", "jewish", "catholic", "budget", "tax", "security",
		"rovers", "united", "fc", "athletic", "wanderers", "rangers", "albion", "harbour",
		"harbor", "port", "authority", "cooperative", "co-operative", "microsystems")
	places = setOf("russia", "china", "us", "u.s", "usa", "uk", "u.k", "britain",
		"england", "scotland", "wales", "ireland", "france", "germany", "italy", "spain",
		"japan", "india", "iran", "iraq", "syria", "israel", "ukraine", "mexico", "canada",
		"korea", "turkey", "egypt", "pakistan", "afghanistan", "brazil", "australia",
		"moscow", "beijing", "washington", "london", "paris", "berlin", "tokyo", "kyiv",
		"kiev", "brussels", "geneva", "new", "los", "san", "saint", "st", "hong", "kong",
		"york", "california", "texas", "florida", "ohio", "virginia", "jersey", "taiwan",
		"vietnam", "cuba", "venezuela", "libya", "yemen", "saudi", "arabia", "qatar",
		"gaza", "palestine", "lebanon", "jordan", "greece", "poland", "sweden", "norway",
		"chicago", "boston", "manhattan", "brooklyn", "baltimore", "atlanta", "detroit",
		"iowa", "nevada", "carolina", "michigan", "wisconsin", "pennsylvania", "oklahoma",
		"tulsa", "missouri", "ferguson", "dallas", "houston", "miami", "philadelphia",
		"u.n", "un", "eu", "nato", "brics", "sco", "fbi", "cia", "nsa", "dnc", "rnc",
		"gop", "imf", "who", "opec", "asean", "isis", "isil", "nypd", "naacp", "epa", "doj")
	// Capitalised words that open sentences or headlines and are not names.
	// roleStops are verbs that end a lower-case role read backwards from a
	// name: "Brandt met union president Marco Ruiz".
	roleStops = setOf("met", "meets", "meet", "greeted", "greets", "welcomed", "welcomes", "hosted",
		"hosts", "thanked", "thanks", "called", "calls", "urged", "urges", "asked", "asks", "visited",
		"visits", "replaced", "replaces", "succeeded", "succeeds", "named", "names", "appointed",
		"appoints", "fired", "fires", "defeated", "beat", "beats", "joined", "joins", "phoned")
	chunkStops = setOf("the", "a", "an", "and", "or", "but", "of", "in", "on", "at", "to",
		"for", "from", "by", "with", "as", "is", "was", "are", "were", "be", "been",
		"has", "have", "had", "do", "does", "did", "not", "no", "it", "its", "he", "she",
		"his", "her", "they", "their", "we", "our", "i", "you", "your", "this", "that",
		"these", "those", "there", "here", "when", "while", "after", "before", "during",
		"amid", "since", "until", "if", "so", "yet", "however", "meanwhile", "but",
		"today", "yesterday", "tomorrow", "both", "all", "some", "many", "most", "one",
		"two", "three", "what", "who", "why", "how", "where", "which", "according",
		"also", "even", "just", "now", "then", "still", "over", "under", "about",
		"into", "out", "up", "down", "off", "why", "will", "would", "could", "should",
		"can", "may", "might", "must", "said", "says", "say", "told", "tells", "asked",
		"added", "more", "less", "than", "like", "only", "not", "new", "former", "last",
		"next", "first", "second", "other", "another", "each", "every", "any", "such",
		"via", "per", "against", "among", "between", "through", "without", "within",
		"around", "near", "despite", "although", "though", "because", "unless", "whether",
		"once", "whose", "whom", "my", "me", "us", "them", "him", "mine", "dear",
		"read", "watch", "click", "photo", "video", "related", "advertisement", "see",
		"update", "updated", "breaking", "exclusive", "editor's", "note", "let", "let's",
		"indeed", "instead", "thus", "therefore", "still", "well", "yes", "oh", "okay",
		"hey", "follow", "please", "thank", "thanks", "sorry", "mrs.", "speaking", "asked", "just")
	particles = setOf("de", "da", "di", "del", "della", "van", "von", "der", "den",
		"bin", "ibn", "al", "el", "la", "le", "du", "dos", "das", "ter", "ten", "y")
	speechVerbs = setOf("said", "says", "say", "told", "tells", "tell", "added", "adds",
		"wrote", "writes", "asked", "asks", "explained", "explains", "noted", "notes",
		"stated", "states", "declared", "declares", "insisted", "insists", "argued",
		"argues", "continued", "continues", "recalled", "recalls", "warned", "warns",
		"replied", "replies", "responded", "responds", "stressed", "stresses",
		"emphasized", "emphasised", "emphasizes", "claimed", "claims", "tweeted",
		"tweets", "posted", "announced", "announces", "acknowledged", "admitted",
		"conceded", "contended", "observed", "remarked", "suggested", "suggests",
		"urged", "joked", "quipped", "exclaimed", "shouted", "yelled", "testified",
		"complained", "predicted", "promised", "vowed", "concluded", "maintained",
		"boasted", "cautioned", "charged", "countered", "demanded", "lamented", "mused",
		"pleaded", "reiterated", "revealed", "scoffed", "sighed", "snapped", "thundered",
		"whispered", "wondered", "agreed", "disagreed", "pointed", "highlighted",
		"commented", "comments", "confirmed", "confirms", "denied", "denies", "reported",
		"reports", "recounted", "described", "describes", "called", "calls", "cried",
		"began", "went", "opined", "affirmed", "assured", "interjected", "explained",
		"reasoned", "repeated", "retorted", "shot", "fired", "chimed", "intoned",
		"stated", "texted", "emailed", "messaged", "read", "reads", "wrote", "blasted",
		"slammed", "praised", "predicts", "insisted", "hinted", "screamed", "chanted")
	femaleWords = setOf("she", "her", "hers", "herself", "mrs", "ms", "miss", "madam",
		"lady", "queen", "princess", "chairwoman", "spokeswoman", "congresswoman",
		"councilwoman", "wife", "mother", "daughter", "sister", "widow", "actress",
		"niece", "dame", "businesswoman", "grandmother")
	maleWords = setOf("he", "him", "his", "himself", "mr", "sir", "lord", "king",
		"prince", "chairman", "spokesman", "congressman", "councilman", "husband",
		"father", "son", "brother", "nephew", "businessman", "grandfather", "mister")
)

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

var pronounGender = map[string]byte{
	"he": 'm', "him": 'm', "his": 'm', "himself": 'm',
	"she": 'f', "her": 'f', "hers": 'f', "herself": 'f',
}

// pronouns that may stand for a speaker.
var speakerPronouns = setOf("he", "she", "they", "i", "we", "it")
