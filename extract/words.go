package extract

// The word sets the rules test for, by name. Their words are data, in
// lexicon/data/grammar/words.yaml under the same names (lexicon/FORMAT.md,
// "Grammar files"), folded as token keys are (see fold): ी is written ि,
// ू is written ु, no nukta. TestGrammarDefinesEverySet checks that every set
// named here is defined there.

// postpositions are the Hindi case markers that follow a noun phrase.
var postpositions = grammarSet("postpositions")

// notNames are words that are never a person's first name or surname alone.
var notNames = grammarSet("notNames")

// leaderTitles, after a party's name, say the person leads it.
var leaderTitles = grammarSet("leaderTitles")

// memberTitles, after a party's name, say the person belongs to it.
var memberTitles = grammarSet("memberTitles")

// subUnit words before a leader title make it a state unit's or a deputy's
// post: "सपा के प्रदेश अध्यक्ष", "working president" — membership, not
// leadership of the party.
var subUnit = grammarSet("subUnit")

// former marks a past office.
var former = grammarSet("former")

// personPronouns stand for the last person who was the subject.
var personPronouns = grammarSet("personPronouns")

// possessives stand for the last subject only before "party": "his party".
var possessives = grammarSet("possessives")

// weKeys are the words a leader uses for his party.
var weKeys = grammarSet("weKeys")

// negations undo a trigger in the same clause.
var negations = grammarSet("negations")

// coordinators join a list of names.
var coordinators = grammarSet("coordinators")

// fillers may stand between a list of names and its case marker.
var fillers = grammarSet("fillers")

// titleWords introduce the name of a person the lexicon may not know.
var titleWords = grammarSet("titleWords")

// stopwords are never part of a name.
var stopwords = grammarSet("stopwords")

// speechVerbs follow a speaker: "X ने कहा", "said X".
var speechVerbs = grammarSet("speechVerbs")

// partyWords say "party" after a pronoun: "उनकी पार्टी", "his party".
var partyWords = grammarSet("partyWords")

// titleGlue may stand between a party and its leader's title.
var titleGlue = grammarSet("titleGlue")

// Word sets the rules test for, built once.
var (
	betweenNe       = grammarSet("betweenNe")
	briefWords      = grammarSet("briefWords")
	comprisingWords = grammarSet("comprisingWords")
	defeatWords     = grammarSet("defeatWords")
	generalWords    = grammarSet("generalWords")
	genitiveMein    = grammarSet("genitiveMein")
	headsWords      = grammarSet("headsWords")
	holderGlue      = grammarSet("holderGlue")
	journoWords     = grammarSet("journoWords")
	kBeech          = grammarSet("kBeech")
	kBy             = grammarSet("kBy")
	kIn             = grammarSet("kIn")
	kKe             = grammarSet("kKe")
	kKo             = grammarSet("kKo")
	kNe             = grammarSet("kNe")
	kOf             = grammarSet("kOf")
	kSe             = grammarSet("kSe")
	kShow           = grammarSet("kShow")
	kThe            = grammarSet("kThe")
	kWho            = grammarSet("kWho")
	keKi            = grammarSet("keKi")
	ledBy           = grammarSet("ledBy")
	ledWords        = grammarSet("ledWords")
	objectMarkers   = grammarSet("objectMarkers")
	officeGlue      = grammarSet("officeGlue")
	partWords       = grammarSet("partWords")
	pressBefore     = grammarSet("pressBefore")
	pressNews       = grammarSet("pressNews")
	pressWords      = grammarSet("pressWords")
	talkWords       = grammarSet("talkWords")
	theWith         = grammarSet("theWith")
	waleMein        = grammarSet("waleMein")
	waleWords       = grammarSet("waleWords")
	wasWords        = grammarSet("wasWords")
)

// locativeAfter and locativeBefore mark a place as where something happened.
var (
	locativeAfter  = grammarSet("locativeAfter")
	locativeBefore = grammarSet("locativeBefore")
	kMein          = grammarSet("kMein")
)

var governmentWords = grammarSet("governmentWords")

// afterGlue may stand between an English trigger and the name it governs:
// "met with the", "fight against the", "equal distance from".
var afterGlue = grammarSet("afterGlue")

// prepositions before a name make it an object, not the subject.
var prepositions = grammarSet("prepositions")

// becameWords before an office name its holders: "X बने उपमुख्यमंत्री".
var becameWords = grammarSet("becameWords")

// genitive markers: "X के रुख", "X की नीति".
var genitive = grammarSet("genitive")

// thatWords open a reported clause with a subject of its own.
var thatWords = grammarSet("thatWords")

// appositionGlue may stand between a party, a title and a name: "NCP
// legislators, including senior leader Chhagan Bhujbal".
var appositionGlue = grammarSet("appositionGlue")

// allianceWords name an alliance between the parties listed before them.
var allianceWords = grammarSet("allianceWords")

var thisWords = grammarSet("thisWords")

// clauseBreaks end the clause a negation can reach.
var clauseBreaks = grammarSet("clauseBreaks")

// ergative pronouns carry the ने of the agent.
var ergative = grammarSet("ergative")

// nameWords after an ambiguous alias make it a name: "आप प्रमुख", "आप सरकार".
var nameWords = grammarSet("nameWords")

// afterBefore after an event's name refer to it as told elsewhere.
var afterBefore = grammarSet("afterBefore")

// attendance words say who was at the event just told.
var attendance = grammarSet("attendance")

// amongGlue stands between a list and a symmetric trigger: "X और Y के बीच
// हुई मुलाकात", "X और Y की मुलाकात".
var amongGlue = grammarSet("amongGlue")

// electedGlue and electedVerbs say a person was made a party's leader.
var (
	electedGlue   = grammarSet("electedGlue")
	electedVerbs  = grammarSet("electedVerbs")
	isWords       = grammarSet("isWords")
	nationalWords = grammarSet("nationalWords")
)

// appositionReach is how many items before a name its titles may start:
// "भाजपा के वरिष्ठ नेता और केंद्रीय गृह मंत्री X".
const appositionReach = 10

// seatWords join a constituency to an MP's or MLA's title: "कुरुक्षेत्र से
// सांसद".
var seatWords = grammarSet("seatWords")

// Ministers' titles: "केंद्रीय गृह मंत्री", "Union Minister of State for Home".
var (
	unionWords     = grammarSet("unionWords")
	ministerWords  = grammarSet("ministerWords")
	stateWords     = grammarSet("stateWords")
	portfolioWords = grammarSet("portfolioWords")
)

// Words of swearing-in: "मंत्री पद की शपथ ली", "were sworn in as ministers".
var (
	oathWords       = grammarSet("oathWords")
	postWords       = grammarSet("postWords")
	alsoWords       = grammarSet("alsoWords")
	asWords         = grammarSet("asWords")
	swornWords      = grammarSet("swornWords")
	pluralMinisters = grammarSet("pluralMinisters")
	listGlue        = grammarSet("listGlue")
	// stateRefs before an office name the article's state: "राज्य के मंत्री".
	stateRefs = grammarSet("stateRefs")
)

// Words of defeat, participles and distant patients (relations.go, triggers.go).
var (
	pastAux     = grammarSet("pastAux")
	participles = grammarSet("participles")
	lossWords   = grammarSet("lossWords")
	lossAux     = grammarSet("lossAux")
	farMarkers  = grammarSet("farMarkers")
	passiveAux  = grammarSet("passiveAux")
)

// Clause words the agent rules read.
var (
	relativeWords = grammarSet("relativeWords")
	subordinators = grammarSet("subordinators")
	auxWords      = grammarSet("auxWords")
)

// forWords before an English participle make the one before them its
// agent: "praised Mamata Banerjee for defeating the BJP".
var forWords = grammarSet("forWords")

// Words of coalitions (triggers.go, coalitions).
var (
	allyWords       = grammarSet("allyWords")
	partyNouns      = grammarSet("partyNouns")
	formWords       = grammarSet("formWords")
	withWords       = grammarSet("withWords")
	joinedWords     = grammarSet("joinedWords")
	coalitionNouns  = grammarSet("coalitionNouns")
	includingWords  = grammarSet("includingWords")
	coalitionLeader = grammarSet("coalitionLeader")
)

// Words of the day an event is told on: "उसी दिन", "the same day", "बैठक के
// बाद", "after the meeting".
var (
	sameWords  = grammarSet("sameWords")
	dayWords   = grammarSet("dayWords")
	afterWords = grammarSet("afterWords")
	timeWords  = grammarSet("timeWords")
)

// Words of elections: "उपचुनाव", "bypoll"; the posts a vote fills ("मेयर
// चुनाव", "अध्यक्ष पद का चुनाव", "Speaker election") and the bodies it is
// held in ("नगर निगम के मेयर चुनाव").
var (
	byElectionWords = grammarSet("byElectionWords")
	electedPosts    = grammarSet("electedPosts")
	localBodyWords  = grammarSet("localBodyWords")
)

// pluralTitles before a list of names title each: "सपा उम्मीदवारों A, B
// और C", "party leaders Sonia Gandhi and Rahul Gandhi".
var pluralTitles = grammarSet("pluralTitles")

// Words around offices: "Madhya Pradesh's longest-serving chief minister",
// "उपमुख्यमंत्री के रूप में", "his Punjab counterpart", "Bangladesh President".
var (
	officeAdjectives = grammarSet("officeAdjectives")
	roopWords        = grammarSet("roopWords")
	counterpartWords = grammarSet("counterpartWords")
	headOfStateWords = grammarSet("headOfStateWords")
)

// Words of events told as talk or told before: "पत्रकारों से कहा",
// "speaking to reporters", "after taking oath", "इसी बैठक में", "a public
// meeting", "results were declared".
var (
	seKo        = grammarSet("seKo")
	toThe       = grammarSet("toThe")
	takingWords = grammarSet("takingWords")
	thatThis    = grammarSet("thatThis")
	publicWords = grammarSet("publicWords")
	resultWords = grammarSet("resultWords")
)

// kinWords title a person by kin inside a list: "अखिलेश यादव और उनकी पत्नी
// डिंपल", "Lobo's wife Delilah Lobo".
var kinWords = grammarSet("kinWords")

// Words that tie "पार्टी" and "उसके" to the party just named.
var (
	partyLeaveWords = grammarSet("partyLeaveWords")
	itsWords        = grammarSet("itsWords")
)

// caseOfName after two words that follow "भाजपा के" make them a person's
// name: "भाजपा के मनोज सोनकर को", "आप के कुलदीप कुमार ने".
var caseOfName = grammarSet("caseOfName")

// linkedWords: "भाजपा से जुड़े पार्षद X": a member.
var linkedWords = grammarSet("linkedWords")

// Event words that count only in context (events.go): "met the press",
// "रोड शो", "पत्रकार वार्ता", "press conference", "told reporters", "sworn in".
var (
	metWords        = grammarSet("metWords")
	roadWords       = grammarSet("roadWords")
	talksWords      = grammarSet("talksWords")
	conferenceWords = grammarSet("conferenceWords")
	reporterWords   = grammarSet("reporterWords")
	swornWord       = grammarSet("swornWord")
)

// listVerbs after "sworn in" introduce the list of those sworn in: "Among
// those sworn in were …".
var listVerbs = grammarSet("listVerbs")

// nomineeWords before "for" and an office make a candidate, not a holder:
// "picked for Speaker".
var nomineeWords = grammarSet("nomineeWords")

// venueWords end the name of a venue named after a person ("X मैदान", "X
// Stadium"); venueGlue may stand between ("X स्मृति उपवन"); notVenueAfter
// make the word an ordinary one ("मैदान में उतरे", "नगर निगम").
var (
	venueWords    = grammarSet("venueWords")
	venueGlue     = grammarSet("venueGlue")
	notVenueAfter = grammarSet("notVenueAfter")
)

// schemeWords after India make it a scheme's name ("आयुष्मान भारत योजना").
var schemeWords = grammarSet("schemeWords")

// nameEnds end a person's name after a first name that is also a town's:
// "अयोध्या प्रसाद".
var nameEnds = grammarSet("nameEnds")

// benefactive after a genitive: "Y के लिए" — for Y, not Y acted on.
var benefactive = grammarSet("benefactive")

// surnameVenues are venue words that are also surnames ("लक्ष्मण बाग").
var surnameVenues = grammarSet("surnameVenues")

// honorifics before a surname are no given name ("Sardar Patel").
var honorifics = grammarSet("honorifics")
