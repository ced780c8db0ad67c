package extract

import "github.com/netagraph/netagraph/domain"

// A trigger is a word that states a relation, and where its roles stand.
type trigger struct {
	rel domain.RelationType
	// markers are the Hindi case markers after the patient ("B की सराहना",
	// "B से मुलाकात"); nil means the patient stands right before the word
	// ("एनडीए छोड़कर").
	markers map[string]bool
	gap     int // words allowed between marker and trigger
	// english: the patient follows the word ("praised Modi").
	english bool
	// prev, when set, must be one of the words right before the trigger
	// (समान/बराबर before दूरी).
	prev map[string]bool
	// next, when set, must be within three words after the trigger (के साथ
	// खड़ी रहेगी).
	next map[string]bool
}

var triggers = map[string][]trigger{}

func addTrigger(words []string, t trigger) {
	for _, w := range words {
		k := wordKeys(w)[0]
		triggers[k] = append(triggers[k], t)
	}
}

func init() {
	of := set("की", "का", "के")
	addTrigger([]string{"सराहना", "तारीफ", "प्रशंसा", "सराहा", "तारीफें"}, trigger{rel: domain.Praised, markers: of, gap: 1})
	addTrigger([]string{"praised", "lauded", "hailed", "praises", "lauds", "commended"}, trigger{rel: domain.Praised, english: true})
	addTrigger([]string{"निशाना", "आलोचना", "हमला", "निंदा", "तंज", "कटाक्ष", "घेरा"}, trigger{rel: domain.Criticized, markers: set("पर", "की", "का", "को"), gap: 2})
	addTrigger([]string{"आरोप", "पलटवार"}, trigger{rel: domain.Criticized, markers: set("पर"), gap: 1})
	addTrigger([]string{"आड़े"}, trigger{rel: domain.Criticized, markers: set("को"), gap: 0, next: set("हाथों")})
	addTrigger([]string{"attacked", "slammed", "criticised", "criticized", "targeted", "lambasted", "hit", "blasted", "mocked", "accused", "attacks", "slams", "criticises", "criticizes"}, trigger{rel: domain.Criticized, english: true})
	addTrigger([]string{"हराने", "हराना", "हराएंगे", "हराएगी", "हरा", "हराओ"}, trigger{rel: domain.Opposes, markers: set("को"), gap: 1})
	addTrigger([]string{"खिलाफ", "विरुद्ध"}, trigger{rel: domain.Opposes, markers: set("के"), gap: 0})
	addTrigger([]string{"सफाया"}, trigger{rel: domain.Opposes, markers: set("का"), gap: 3})
	addTrigger([]string{"हटाओ", "हटाने", "हटेगी"}, trigger{rel: domain.Opposes, markers: nil, gap: 0})
	addTrigger([]string{"defeat", "oust", "against", "opposes", "oppose"}, trigger{rel: domain.Opposes, english: true})
	addTrigger([]string{"fight", "fighting", "fights"}, trigger{rel: domain.Opposes, english: true, next: set("against", "the")})
	addTrigger([]string{"take", "taking", "takes"}, trigger{rel: domain.Opposes, english: true, next: set("on")})
	addTrigger([]string{"हराया"}, trigger{rel: domain.Defeated, markers: set("को"), gap: 1})
	addTrigger([]string{"defeated", "beat", "trounced", "routed"}, trigger{rel: domain.Defeated, english: true})
	addTrigger([]string{"मुलाकात", "भेंट", "मिले", "मिलीं", "मिलने"}, trigger{rel: domain.Met, markers: set("से"), gap: 4})
	addTrigger([]string{"met", "meets", "meet", "meeting"}, trigger{rel: domain.Met, english: true})
	addTrigger([]string{"दूरी"}, trigger{rel: domain.EquidistantFrom, markers: set("से"), gap: 2, prev: set("समान", "बराबर")})
	addTrigger([]string{"distance", "equidistance", "equidistant"}, trigger{rel: domain.EquidistantFrom, english: true, prev: set("equal", "equidistance", "equidistant", "from")})
	addTrigger([]string{"साथ"}, trigger{rel: domain.AlliedWith, markers: nil, gap: 0, next: set("खड़ी", "खड़े", "खड़ा", "हैं", "है", "रहेगी", "रहेंगे", "रहेगा", "जाएगी", "जाएंगे", "गठबंधन", "मिलकर", "लड़ेगी", "लड़ेंगे")})
	addTrigger([]string{"समर्थन"}, trigger{rel: domain.AlliedWith, markers: set("के", "का", "को"), gap: 0})
	addTrigger([]string{"alongside"}, trigger{rel: domain.AlliedWith, english: true})
	addTrigger([]string{"allied", "alliance", "tie", "sided", "ally", "allies", "partnership"}, trigger{rel: domain.AlliedWith, english: true, next: set("with", "up")})
	addTrigger([]string{"stood", "stands", "stand", "standing"}, trigger{rel: domain.AlliedWith, english: true, next: set("by", "with")})
	addTrigger([]string{"हाथ"}, trigger{rel: domain.AlliedWith, markers: set("से", "के"), gap: 1, next: set("मिलाया", "मिलाने", "मिलाएंगे", "मिलाएगी", "मिला", "मिलाकर")})
	addTrigger([]string{"इस्तीफा", "इस्तीफ़ा"}, trigger{rel: domain.Left, markers: set("से"), gap: 1})
	addTrigger([]string{"resigned", "resigns", "defected", "walked"}, trigger{rel: domain.Left, english: true, next: set("from", "out")})
	addTrigger([]string{"सदस्यता"}, trigger{rel: domain.Joined, markers: set("की"), gap: 0, next: set("ली", "ग्रहण", "लेने", "लेकर")})
	addTrigger([]string{"switched", "defected", "moved", "crossed"}, trigger{rel: domain.Joined, english: true, next: set("to", "over")})
	addTrigger([]string{"called"}, trigger{rel: domain.Met, english: true, next: set("on")})
	addTrigger([]string{"applauded", "appreciated", "complimented"}, trigger{rel: domain.Praised, english: true})
	addTrigger([]string{"छोड़कर", "छोड़ा", "छोड़", "छोड़ी", "छोड़ने"}, trigger{rel: domain.Left, markers: nil, gap: 0})
	addTrigger([]string{"तोड़ा", "तोड़", "तोड़कर", "तोड़ने"}, trigger{rel: domain.Left, markers: set("से"), gap: 1})
	addTrigger([]string{"अलग"}, trigger{rel: domain.Left, markers: set("से"), gap: 0})
	addTrigger([]string{"quit", "quits", "left", "deserted"}, trigger{rel: domain.Left, english: true})
	addTrigger([]string{"शामिल"}, trigger{rel: domain.Joined, markers: set("में"), gap: 0})
	addTrigger([]string{"लौट", "लौटे", "लौटी", "वापसी"}, trigger{rel: domain.Joined, markers: set("में"), gap: 0})
	addTrigger([]string{"दामन"}, trigger{rel: domain.Joined, markers: set("का"), gap: 0})
	addTrigger([]string{"joined", "joins", "join", "rejoined", "rejoins", "rejoin"}, trigger{rel: domain.Joined, english: true})
}

// triggers read the relations stated by a word: praise, criticism,
// opposition, meetings, alliances, equal distance, joining and leaving.
func (c *clause) triggers() {
	for t, it := range c.items {
		if it.e != nil {
			continue
		}
		for _, tr := range triggers[it.key] {
			if tr.prev != nil && !c.word(t-1, tr.prev) && !c.word(t-2, tr.prev) && !(tr.english && c.word(t+1, tr.prev)) {
				continue
			}
			if tr.next != nil && !(c.word(t+1, tr.next) || c.word(t+2, tr.next) || c.word(t+3, tr.next)) {
				continue
			}
			if c.negated(t) {
				continue
			}
			var patient []*ent
			start := -1
			if tr.english {
				patient, _ = c.after(t, 3)
				start = t
			} else if tr.markers == nil {
				if tr.rel == domain.AlliedWith {
					patient, start = c.before(t, kKe, 0)
				} else {
					patient, start = c.before(t, nil, tr.gap)
				}
			} else {
				patient, start = c.before(t, tr.markers, tr.gap)
			}
			if len(patient) == 0 {
				if tr.rel.Symmetric() {
					c.among(tr.rel, t) // "अखिलेश और ममता की मुलाकात", "Mamata and Akhilesh met"
				}
				continue
			}
			agent := c.agent(start, patient)
			if len(agent) == 0 {
				continue
			}
			conf := 0.8
			if tr.english {
				conf = 0.75
			}
			rel := tr.rel
			if rel == domain.Joined && c.governmentAfter(patient) {
				rel = domain.AlliedWith // "joined the Shiv Sena-BJP government"
			}
			c.add(rel, agent, patient, conf, nil)
			// "Y को हराने के लिए X की सराहना": X defeated Y
			if tr.rel == domain.Praised {
				c.praisedForDefeating(start, patient)
			}
		}
		if allianceWords[it.key] {
			c.alliance(t)
		}
	}
}

// alliance reads "सपा-कांग्रेस गठबंधन", "A और B के बीच सीटों का बंटवारा",
// "A और B ने गठबंधन करके": every pair in the list is allied.
func (c *clause) alliance(t int) {
	if c.negated(t) {
		return
	}
	var g []*ent
	if c.isEnt(t-1, domain.Party) {
		g, _ = c.groupEndingAt(t - 1)
	}
	if len(g) < 2 && c.english() {
		// "The DMK and the Congress on Thursday signed a seat-sharing pact"
		if a := c.agent(t, nil); len(a) >= 2 {
			g = a
		}
	}
	if len(g) < 2 {
		for j := t - 1; j >= 0 && j >= t-8; j-- {
			if c.word(j, betweenNe) && c.isEnt(j-1, domain.Party) || c.word(j, kBeech) && c.word(j-1, kKe) && c.isEnt(j-2, domain.Party) {
				k := j - 1
				if !c.isEnt(k) {
					k--
				}
				g, _ = c.groupEndingAt(k)
				break
			}
		}
	}
	for a := 0; a < len(g); a++ {
		for b := a + 1; b < len(g); b++ {
			c.r.addRelation(domain.AlliedWith, g[a], g[b], 0.8, c.s, nil)
		}
	}
}

// praisedForDefeating reads "2021 में बीजेपी को हराने के लिए ममता बनर्जी की
// सराहना": the one praised defeated the one before हराने.
func (c *clause) praisedForDefeating(praisedAt int, praised []*ent) {
	for j := praisedAt - 1; j >= 0 && j >= praisedAt-5; j-- {
		if c.word(j, defeatWords) && c.word(j-1, kKo) && c.isEnt(j-2, actors...) {
			c.add(domain.Defeated, praised, []*ent{c.items[j-2].e}, 0.7, nil)
			return
		}
	}
}

// coalitions read membership of a coalition: "कांग्रेस और टीएमसी दोनों
// इंडिया गठबंधन के घटक दल हैं", "उनकी पार्टी इंडिया गठबंधन का हिस्सा",
// "राजद और कांग्रेस वाले महागठबंधन", "MVA, which brings together the NCP,
// the Congress and the Shiv Sena (UBT)".
func (c *clause) coalitions() {
	for i, it := range c.items {
		if it.e == nil || it.e.typ != domain.Coalition {
			continue
		}
		j := i + 1
		for c.word(j, genitiveMein) {
			j++
		}
		if c.word(j, partWords) && !c.negated(j) {
			k := i - 1
			for c.word(k, fillers) {
				k--
			}
			if g, _ := c.groupEndingAt(k); len(g) > 0 {
				c.add(domain.MemberOf, parties(g), []*ent{it.e}, 0.8, nil)
			} else if a := c.agent(i, nil); len(a) > 0 {
				c.add(domain.MemberOf, parties(a), []*ent{it.e}, 0.7, nil)
			}
		}
		if c.word(i-1, waleWords) {
			if g, _ := c.groupEndingAt(i - 2); len(g) > 0 {
				c.add(domain.MemberOf, parties(g), []*ent{it.e}, 0.8, nil)
			}
		}
		for j := i + 1; j < len(c.items) && j <= i+5; j++ {
			if c.word(j, comprisingWords) {
				k := j + 1
				for c.word(k, kThe) {
					k++
				}
				if g, _ := c.groupStartingAt(k); len(g) > 0 {
					c.add(domain.MemberOf, parties(g), []*ent{it.e}, 0.8, nil)
				}
				break
			}
		}
	}
}

// parties keeps the parties of a list; a party leader speaking for the
// party stands for it too.
func parties(g []*ent) []*ent {
	var out []*ent
	for _, e := range g {
		if e.typ == domain.Party {
			out = append(out, e)
		}
	}
	return out
}

// governmentAfter reports whether the names are followed by "government" or
// "सरकार": a party that joins them joins their government, as an ally.
func (c *clause) governmentAfter(g []*ent) bool {
	for i, it := range c.items {
		if it.e != nil && it.e == g[len(g)-1] {
			return c.word(i+1, governmentWords) || c.word(i+2, governmentWords) && c.word(i+1, keKi)
		}
	}
	return false
}

// among reads a symmetric relation stated of a list: every pair in the
// list that is the subject of the trigger at t ("X और Y के बीच मुलाकात",
// "X और Y की मुलाकात", "X and Y met").
func (c *clause) among(rel domain.RelationType, t int) {
	var g []*ent
	if c.english() {
		g = c.agent(t, nil)
	} else {
		for j := t - 1; j >= 0 && j >= t-6; j-- {
			if c.isEnt(j, actors...) {
				g, _ = c.groupEndingAt(j)
				break
			}
			if !c.word(j, amongGlue) && !c.isEnt(j, domain.Place) {
				break
			}
		}
	}
	for a := 0; a < len(g); a++ {
		for b := a + 1; b < len(g); b++ {
			c.r.addRelation(rel, g[a], g[b], 0.75, c.s, nil)
		}
	}
}
