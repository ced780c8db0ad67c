package extract

// Words of the grammar: case markers, titles, pronouns and triggers. Keys are
// folded (see fold): ी is written ि, ू is written ु, no nukta.

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		for _, k := range wordKeys(w) {
			m[k] = true
		}
	}
	return m
}

// postpositions are the Hindi case markers that follow a noun phrase.
var postpositions = set("ने", "को", "से", "के", "की", "का", "में", "पर", "तक", "द्वारा", "वाले", "वाली", "भी", "ही", "'s", "s")

// notNames are words that are never a person's first name or surname alone.
var notNames = set("कुमार", "प्रसाद", "सिंह", "देवी", "लाल", "चंद", "चंद्र", "राम", "kumar", "prasad", "singh", "devi", "lal",
	"shri", "श्री", "जी", "ji", "babu", "बाबू", "दीदी", "didi", "भाई", "bhai")

// leaderTitles, after a party's name, say the person leads it.
var leaderTitles = set("अध्यक्ष", "प्रमुख", "सुप्रीमो", "मुखिया", "संयोजक", "president", "chief", "chairperson", "chairman", "supremo", "convenor", "convener", "chief")

// memberTitles, after a party's name, say the person belongs to it.
var memberTitles = set("नेता", "समन्वयक", "coordinator", "सांसद", "विधायक", "प्रवक्ता", "महासचिव", "सचिव", "प्रभारी", "उपाध्यक्ष", "मंत्री", "कार्यकर्ता", "उम्मीदवार", "प्रत्याशी", "पार्षद", "दिग्गज",
	"leader", "leaders", "mp", "mla", "mlas", "legislator", "legislators", "spokesperson", "spokesman", "general", "secretary", "minister", "candidate", "veteran", "member", "working", "vice")

// subUnit words before a leader title make it a state unit's or a deputy's
// post: "सपा के प्रदेश अध्यक्ष", "working president" — membership, not
// leadership of the party.
var subUnit = set("प्रदेश", "राज्य", "जिला", "कार्यकारी", "कार्यवाहक", "उपाध्यक्ष", "युवा", "महिला", "state", "working", "acting", "vice", "deputy", "district", "youth", "executive")

// offices maps the words of an office to its canonical name.
var offices = map[string]string{
	"मुख्यमंत्री": "Chief Minister", "सीएम": "Chief Minister", "cm": "Chief Minister",
	"उपमुख्यमंत्री": "Deputy Chief Minister", "डिप्टी सीएम": "Deputy Chief Minister", "उप मुख्यमंत्री": "Deputy Chief Minister",
	"प्रधानमंत्री": "Prime Minister", "पीएम": "Prime Minister", "pm": "Prime Minister", "prime minister": "Prime Minister",
	"chief minister": "Chief Minister", "deputy chief minister": "Deputy Chief Minister", "deputy cm": "Deputy Chief Minister",
	"chief ministers": "Chief Minister", "deputy chief ministers": "Deputy Chief Minister", "deputy cms": "Deputy Chief Minister", "मुख्यमंत्रियों": "Chief Minister", "उपमुख्यमंत्रियों": "Deputy Chief Minister",
	"राज्यपाल": "Governor", "governor": "Governor", "उपराज्यपाल": "Lieutenant Governor", "lieutenant governor": "Lieutenant Governor", "lt governor": "Lieutenant Governor",
	"राष्ट्रपति":     "President",
	"नेता प्रतिपक्ष": "Leader of Opposition", "leader of opposition": "Leader of Opposition", "leader of the opposition": "Leader of Opposition",
	"speaker": "Speaker", "स्पीकर": "Speaker", "विधानसभा अध्यक्ष": "Speaker", "लोकसभा अध्यक्ष": "Speaker",
}

// officeKeys holds the folded word sequences of offices, longest first.
var officeKeys = func() [][]string {
	var out [][]string
	for k := range offices {
		out = append(out, wordKeys(k))
	}
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if len(out[j]) > len(out[i]) || (len(out[j]) == len(out[i]) && joinKeys(out[j]) < joinKeys(out[i])) {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}()

func joinKeys(k []string) string {
	s := ""
	for i, x := range k {
		if i > 0 {
			s += " "
		}
		s += x
	}
	return s
}

var officeByKey = func() map[string]string {
	m := map[string]string{}
	for k, v := range offices {
		m[joinKeys(wordKeys(k))] = v
	}
	return m
}()

// former marks a past office.
var former = set("पूर्व", "former", "ex", "erstwhile", "रहे")

// personPronouns stand for the last person who was the subject.
var personPronouns = set("उन्होंने", "उन्हें", "उनके", "उनकी", "उनका", "उनको", "वे", "वह", "उसने", "इन्होंने", "he", "she", "him")

// possessives stand for the last subject only before "party": "his party".
var possessives = set("his", "her")

// weKeys are the words a leader uses for his party.
var weKeys = set("हम", "हमारी", "हमारा", "हमारे", "हमें", "we", "our", "us")

// negations undo a trigger in the same clause.
var negations = set("नहीं", "न", "ना", "not", "no", "never", "neither", "nor", "बिना", "without")

// coordinators join a list of names.
var coordinators = set("और", "तथा", "एवं", "व", "and", "&", "या", "or")

// fillers may stand between a list of names and its case marker.
var fillers = set("दोनों", "सभी", "तीनों", "भी", "ही", "both", "the", "all", "अपने", "its", "their", "his", "her", "विपक्षी", "opposition", "ruling", "सत्तारूढ़", "nda", "दल", "दलों", "पार्टी", "party", "फिर", "एक", "बार")

// titleWords introduce the name of a person the lexicon may not know.
var titleWords = set("नेता", "प्रवक्ता", "महासचिव", "सचिव", "अध्यक्ष", "प्रमुख", "प्रभारी", "सांसद", "विधायक", "मंत्री", "मुख्यमंत्री", "उपमुख्यमंत्री", "राज्यपाल",
	"उम्मीदवार", "प्रत्याशी", "श्री", "श्रीमती", "डॉ", "पार्षद", "मेयर", "महापौर", "सुप्रीमो", "संयोजक", "कलेक्टर", "जिलाधिकारी", "एसपी", "सीएम", "पीएम", "उपाध्यक्ष",
	"leader", "spokesperson", "spokesman", "secretary", "president", "chief", "mp", "mla", "minister", "governor", "mr", "mrs", "ms", "dr", "shri", "smt", "mayor", "candidate", "convenor", "chairman", "chairperson", "legislator", "veteran")

// stopwords are never part of a name.
var stopwords = set("ने", "को", "से", "के", "की", "का", "में", "पर", "तक", "और", "भी", "ही", "तो", "है", "हैं", "था", "थे", "थी", "कहा", "कि", "यह", "वह", "इस", "उस", "एक", "बड़ा", "बड़े", "बड़ी",
	"पार्टी", "सरकार", "राज्य", "देश", "केंद्र", "प्रदेश", "जिला", "जिले", "शहर", "गांव", "लोग", "लोगों", "नेताओं", "कार्यकर्ताओं", "पूर्व", "वरिष्ठ", "युवा", "नए", "नई", "नया", "अपने", "अपनी", "अपना",
	"बैठक", "चुनाव", "सीट", "सीटों", "गठबंधन", "दल", "दलों", "साथ", "बाद", "पहले", "लिए", "बारे", "द्वारा", "रहे", "रही", "रहा", "गए", "गई", "गया", "किया", "किए", "दिया", "बताया", "लेकिन", "वहीं", "जबकि", "फिर", "अब", "आज", "कल",
	"हुए", "हुई", "हुआ", "पहुंचे", "पहुंची", "पहुंचा", "आए", "आई", "आया", "शामिल", "मौजूद", "होंगे", "होगी", "होगा", "करेंगे", "करेगी", "बने", "बनी", "बना", "सभी", "कई", "दोनों",
	"the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "or", "but", "with", "by", "from", "as", "is", "was", "were", "has", "had", "have", "said", "says", "told", "who", "which", "that", "this", "he", "she", "it", "they",
	"party", "government", "state", "centre", "center", "union", "national", "chief", "minister", "deputy", "general", "secretary", "president", "leader", "opposition", "assembly", "lok", "sabha", "rajya", "house", "parliament", "cabinet", "election", "elections", "polls",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
	"सोमवार", "मंगलवार", "बुधवार", "गुरुवार", "शुक्रवार", "शनिवार", "रविवार", "जनवरी", "फरवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर",
	// verbs, pronouns and nouns that follow a title in a predicate ("मुख्यमंत्री नियुक्त कर दिया",
	// "उम्मीदवार नहीं उतारने", "नेता प्रतिपक्ष बनाए जाने"), never a name
	"नहीं", "उनका", "उनकी", "उनके", "इन", "उन", "दिनों", "कर", "करे", "करें", "करना", "करने", "घोषित", "नियुक्त", "मनोनीत", "बनाकर", "बनाए", "बनाया", "बनाने", "बनाना",
	"जाने", "जाना", "जाए", "चुने", "चुना", "चुनी", "चुके", "चुकी", "चुका", "रह", "पहली", "पहला", "बार", "चेहरा", "प्रतिपक्ष", "पद", "अपमान", "उतारने", "उतारा", "समेत", "सहित",
	"political", "crisis", "news", "politics", "new", "live", "update", "updates", "oath", "result", "results", "split", "ceremony", "row", "poll", "vote")

// speechVerbs follow a speaker: "X ने कहा", "said X".
var speechVerbs = set("कहा", "बताया", "बोले", "बोलीं", "बोली", "बोला", "कहते", "कहती", "दावा", "आरोप", "said", "says", "told", "added", "asked", "alleged", "claimed", "stated")

// partyWords say "party" after a pronoun: "उनकी पार्टी", "his party".
var partyWords = set("पार्टी", "party", "दल")

// titleGlue may stand between a party and its leader's title.
var titleGlue = set("के", "की", "का", "राष्ट्रीय", "national", "'s", "s")

// Word sets the rules test for, built once.
var (
	betweenNe       = set("बीच", "ने")
	briefWords      = set("addressing", "told", "telling", "addressed", "briefed", "briefing")
	comprisingWords = set("together", "comprising", "includes", "including", "comprises")
	defeatWords     = set("हराने", "हराया")
	generalWords    = set("general", "महा")
	genitiveMein    = set("के", "का", "की", "में")
	headsWords      = set("heads", "leads", "led", "chairs")
	holderGlue      = set("रहे", "रहीं", "of", "और", "and", "नेता", "leader", "the", "(")
	journoWords     = set("पत्रकार", "प्रेस")
	kBeech          = set("बीच")
	kBy             = set("by")
	kIn             = set("in")
	kKe             = set("के")
	kKo             = set("को")
	kNe             = set("ने")
	kOf             = set("of")
	kSe             = set("से")
	kShow           = set("शो")
	kThe            = set("the")
	kWho            = set("who")
	keKi            = set("के", "की")
	ledBy           = set("led", "नेतृत्व")
	ledWords        = set("led", "headed")
	objectMarkers   = set("को", "से", "पर", "की", "का", "के", "में", "of")
	officeGlue      = set("के", "की", "का", "former", "पूर्व")
	partWords       = set("हिस्सा", "घटक", "सदस्य", "part", "member", "constituent", "constituents")
	pressBefore     = set("संवाददाता", "प्रेस", "press")
	pressNews       = set("press", "news")
	pressWords      = set("press", "media", "reporters")
	talkWords       = set("बात", "बातचीत", "संबोधित")
	theWith         = set("the", "with")
	waleMein        = set("वाले", "वाली", "वाला", "में")
	waleWords       = set("वाले", "वाली", "वाला")
	wasWords        = set("रहे", "रहीं", "रही")
)

// locativeAfter and locativeBefore mark a place as where something happened.
var (
	locativeAfter  = set("में", "स्थित", "पहुंचे", "पहुंचीं", "पहुंची", "पहुंचा")
	locativeBefore = set("in", "at")
	kMein          = set("में")
)

var governmentWords = set("government", "govt", "सरकार", "cabinet", "मंत्रिमंडल")

// afterGlue may stand between an English trigger and the name it governs:
// "met with the", "fight against the", "equal distance from".
var afterGlue = set("the", "with", "against", "on", "from", "by", "up", "to", "of", "and", "both", "all", "its", "their", "party", "chief", "leader", "president", "minister", "prime", "chief", "mr", "ms")

// prepositions before a name make it an object, not the subject.
var prepositions = set("to", "of", "by", "with", "from", "for", "against", "in", "at", "on", "about", "than", "between")

// becameWords before an office name its holders: "X बने उपमुख्यमंत्री".
var becameWords = set("बने", "बनीं", "बनी", "became", "becomes", "named", "appointed")

// officesByFirst indexes officeKeys by their first word, longest first.
var officesByFirst = func() map[string][][]string {
	m := map[string][][]string{}
	for _, keys := range officeKeys {
		m[keys[0]] = append(m[keys[0]], keys)
	}
	return m
}()

// officeWord reports whether a word begins the name of an office.
func officeWord(k string) bool { return len(officesByFirst[k]) > 0 }

// genitive markers: "X के रुख", "X की नीति".
var genitive = set("के", "की", "का")

// thatWords open a reported clause with a subject of its own.
var thatWords = set("कि", "that")

// appositionGlue may stand between a party, a title and a name: "NCP
// legislators, including senior leader Chhagan Bhujbal".
var appositionGlue = set("वरिष्ठ", "senior", "the", "including", "among", "सहित", "समेत", "other", "अन्य", "top", "शीर्ष", "committee", "कमेटी", "समिति", "unit", "इकाई")

// allianceWords name an alliance between the parties listed before them.
var allianceWords = set("गठबंधन", "बंटवारा", "तालमेल", "समझौता", "pact", "sharing", "alliance", "tie", "agreement", "coalition")

var thisWords = set("इस", "उस", "यह", "this")

// clauseBreaks end the clause a negation can reach.
var clauseBreaks = set("और", "लेकिन", "परंतु", "पर", "जबकि", "कि", "but", "and", "while", "that", "whereas")

// ergative pronouns carry the ने of the agent.
var ergative = set("उन्होंने", "इन्होंने", "उसने", "इसने")

// nameWords after an ambiguous alias make it a name: "आप प्रमुख", "आप सरकार".
var nameWords = set("प्रमुख", "अध्यक्ष", "नेता", "सांसद", "विधायक", "सरकार", "संयोजक", "प्रवक्ता", "सुप्रीमो", "कार्यकर्ता", "कार्यकर्ताओं", "उम्मीदवार", "प्रत्याशी")

// afterBefore after an event's name refer to it as told elsewhere.
var afterBefore = set("बाद", "पहले", "दौरान", "after", "before", "during")

// attendance words say who was at the event just told.
var attendance = set("मौजूद", "उपस्थित", "शामिल", "attended", "present", "attending", "joined", "hosted")

// amongGlue stands between a list and a symmetric trigger: "X और Y के बीच
// हुई मुलाकात", "X और Y की मुलाकात".
var amongGlue = set("की", "के", "बीच", "हुई", "में", "दोनों", "इस", "यह")

// electedGlue and electedVerbs say a person was made a party's leader.
var (
	electedGlue   = set("को", "ही", "भी", "फिर", "से", "was", "is", "has", "been", "elected", "appointed", "named", "re-elected", "made", "as", "the")
	electedVerbs  = set("चुना", "चुने", "चुनी", "बनाया", "बनाए", "बनाई", "नियुक्त", "निर्वाचित", "बने", "बनीं")
	isWords       = set("हैं", "है", "थे", "थीं", "थी", "रहे", "रहीं")
	nationalWords = set("राष्ट्रीय", "national")
)

// appositionReach is how many items before a name its titles may start:
// "भाजपा के वरिष्ठ नेता और केंद्रीय गृह मंत्री X".
const appositionReach = 10

// seatWords join a constituency to an MP's or MLA's title: "कुरुक्षेत्र से
// सांसद".
var seatWords = set("से", "from")

// Ministers' titles: "केंद्रीय गृह मंत्री", "Union Minister of State for Home".
var (
	unionWords     = set("केंद्रीय", "union", "कैबिनेट", "cabinet")
	ministerWords  = set("मंत्री", "minister", "ministers", "मंत्रियों")
	stateWords     = set("state")
	portfolioWords = set("गृह", "वित्त", "रक्षा", "विदेश", "स्वास्थ्य", "शिक्षा", "कृषि", "रेल", "उद्योग", "परिवहन", "सड़क", "ऊर्जा", "जल", "राजस्व", "खाद्य", "श्रम",
		"ग्रामीण", "शहरी", "विकास", "उच्च", "पर्यटन", "संसदीय", "कार्य", "कानून", "विधि", "न्याय", "सूचना", "प्रसारण", "वाणिज्य", "पेट्रोलियम", "पर्यावरण", "खेल", "महिला", "बाल",
		"कल्याण", "सामाजिक", "पंचायती", "राज", "नगरीय", "आवास", "सहकारिता", "संस्कृति", "राज्य", "मामलों", "पशुपालन", "उपभोक्ता", "नागरिक", "आपूर्ति", "दूरसंचार", "कोयला", "खान", "इस्पात",
		"home", "finance", "defence", "defense", "external", "foreign", "affairs", "health", "education", "agriculture", "railways", "railway", "industries", "industry",
		"transport", "road", "power", "energy", "revenue", "labour", "labor", "higher", "rural", "urban", "development", "tourism", "parliamentary", "law", "justice",
		"information", "broadcasting", "commerce", "steel", "petroleum", "water", "resources", "food", "civil", "supplies", "environment", "sports", "women", "child",
		"welfare", "social", "panchayati", "raj", "housing", "cooperation", "culture", "coal", "mines", "consumer", "telecom", "communications")
)

// Words of swearing-in: "मंत्री पद की शपथ ली", "were sworn in as ministers".
var (
	oathWords       = set("शपथ", "oath")
	postWords       = set("पद", "post")
	alsoWords       = set("भी", "also", "ही")
	asWords         = set("as")
	swornWords      = set("sworn", "in", "were", "was", "also", "took", "oath", "been", "have", "had", "inducted")
	pluralMinisters = set("मंत्रियों", "ministers")
	listGlue        = set("among", "them", "including", "सहित", "समेत", "निर्दलीय", "independent", "डॉ", "dr")
	// stateRefs before an office name the article's state: "राज्य के मंत्री".
	stateRefs = set("राज्य", "प्रदेश", "state")
)
