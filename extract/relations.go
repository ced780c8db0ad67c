package extract

import (
	"github.com/netagraph/netagraph/domain"
)

// item is a word or an entity mention of a sentence.
type item struct {
	e   *ent   // nil for a word
	ref bool   // the mention is a pronoun or title
	key string // the folded word, or "" for a mention
	tok int    // first token
	// punct is set when punctuation stands before the item: two names in a
	// row are a list only across a comma.
	punct bool
	// sets holds the word sets the word is in (nil for none, a mention or
	// a phrase): c.word tests a bit, not a map.
	sets *setBits
}

// items cuts sentence s into words and mentions; a name repeated at once
// ("भारतीय जनता पार्टी (भाजपा)") is one mention.
func (r *run) items(s int) []item {
	if r.itemCache == nil {
		r.itemCache = make([][]item, len(r.doc.sents))
	}
	if r.itemCache[s] == nil {
		r.itemCache[s] = r.cutItems(s)
	}
	return r.itemCache[s]
}

// cutItems builds the items of sentence s; called once mentions are final.
func (r *run) cutItems(s int) []item {
	sent := r.doc.sents[s]
	out := make([]item, 0, sent.end-sent.start)
	for i := sent.start; i < sent.end; i++ {
		if m := r.cover[i]; m != nil {
			if n := len(out); n > 0 && out[n-1].e == m.e {
				i = m.end - 1
				continue
			}
			out = append(out, item{e: m.e, ref: m.ref, tok: i, punct: r.doc.toks[i].punct})
			i = m.end - 1
			continue
		}
		if p := r.phrase[i]; p != nil {
			if n := len(out); n > 0 && out[n-1].key == "§"+p.ID {
				continue
			}
			out = append(out, item{key: "§" + p.ID, tok: i})
			continue
		}
		out = append(out, item{key: r.doc.toks[i].word, tok: i, punct: r.doc.toks[i].punct, sets: r.g.bits[r.doc.toks[i].word]})
	}
	return out
}

// clause is one sentence being read for relations.
type clause struct {
	r     *run
	s     int
	items []item
	lang  byte // 'e' or 'h' once known
	// inOffice marks the items inside an office's words, once asked.
	inOffice []bool
}

func (c *clause) word(i int, words wordSet) bool {
	return i >= 0 && i < len(c.items) && c.items[i].sets.has(words)
}

func (c *clause) isEnt(i int, types ...domain.EntityType) bool {
	if i < 0 || i >= len(c.items) || c.items[i].e == nil {
		return false
	}
	if len(types) == 0 {
		return true
	}
	for _, t := range types {
		if c.items[i].e.typ == t {
			return true
		}
	}
	return false
}

var actors = []domain.EntityType{domain.Person, domain.Party, domain.Coalition}

// groupEndingAt returns the list of names ending at item i ("A, B और C"),
// and the index of its first item.
func (c *clause) groupEndingAt(i int) ([]*ent, int) {
	if !c.isEnt(i) {
		return nil, i + 1
	}
	g := []*ent{c.items[i].e}
	start := i
	at := []int{i} // at[k] is the item of g[k], last first
	for j := i - 1; j >= 0; j-- {
		switch {
		case c.isEnt(j) && c.items[j].e.typ == c.items[start].e.typ && (c.items[j+1].punct || j+1 != start):
			g = append(g, c.items[j].e)
			at = append(at, j)
			start = j
		case c.word(j, coordinators) && c.isEnt(j-1):
			continue
		case c.word(j, fillers) && (c.word(j-1, coordinators) || c.word(j-1, fillers)):
			continue
		default:
			// "नरेंद्र मोदी और भाजपा अध्यक्ष अमित शाह से": a title inside a list of people
			if k := c.titlesBefore(j); k < j && c.isEnt(start, domain.Person) && (c.word(k, coordinators) && c.isEnt(k-1, domain.Person) || c.isEnt(k, domain.Person) && c.items[k+1].punct) {
				j = k + 1
				continue
			}
			j = -1
		}
	}
	// "सपा, कांग्रेस और भाजपा दोनों से": both are the last two.
	if n := c.counted(i); n > 0 && len(g) > n {
		g, start = g[:n], at[n-1]
	}
	reverse(g)
	return g, start
}

// groupStartingAt returns the list of names starting at item i.
func (c *clause) groupStartingAt(i int) ([]*ent, int) {
	if !c.isEnt(i) {
		return nil, i - 1
	}
	g := []*ent{c.items[i].e}
	end := i
	at := []int{i}
	for j := i + 1; j < len(c.items); j++ {
		switch {
		case c.isEnt(j) && c.items[j].e.typ == c.items[i].e.typ && (c.items[j].punct || j-1 != end) && !c.titled(j):
			g = append(g, c.items[j].e)
			at = append(at, j)
			end = j
		case c.word(j, coordinators) || c.word(j, kThe) || c.word(j, fillers) && j > end+1:
			if j-end > 3 {
				j = len(c.items)
			}
		default:
			// "met Nadda and Union Home Minister Amit Shah": a title inside a list of people
			if k := c.titlesAfter(j); k > j && c.isEnt(i, domain.Person) && c.isEnt(k, domain.Person) && (c.word(j-1, coordinators) || c.items[j].punct) {
				j = k - 1
				continue
			}
			j = len(c.items)
		}
	}
	// "सपा, कांग्रेस और भाजपा दोनों से दूरी": both are the last two; the
	// names before them are a list of their own (here the subject).
	if n := c.counted(end); n > 0 && len(g) > n {
		g, end = g[:len(g)-n], at[len(g)-n-1]
	}
	return g, end
}

// plainList returns the names listed from item i with nothing but commas
// and conjunctions between them ("A, B और C"), and the item of the last.
func (c *clause) plainList(i int) ([]*ent, int) {
	g, end := []*ent{c.items[i].e}, i
	for j := i + 1; j < len(c.items); j++ {
		switch {
		case c.isEnt(j) && c.items[j].e.typ == c.items[i].e.typ && (c.items[j].punct || c.word(j-1, coordinators)) && !c.titled(j):
			g, end = append(g, c.items[j].e), j
		case c.word(j, coordinators) && j == end+1:
		default:
			return g, end
		}
	}
	return g, end
}

// titleWord reports whether item j is a word of a person's title: "नेता",
// "अध्यक्ष", "पूर्व", "वरिष्ठ", an office's words.
func (c *clause) titleWord(j int) bool {
	if j < 0 || j >= len(c.items) || c.items[j].e != nil {
		return false
	}
	return c.word(j, leaderTitles) || c.word(j, memberTitles) || c.word(j, titleWords) || c.word(j, subUnit) || c.word(j, former) ||
		c.word(j, appositionGlue) || c.officeWords()[j] || c.word(j, portfolioWords) || c.word(j, unionWords) ||
		c.word(j, kinWords) || c.word(j+1, kinWords) && c.r.is(personPronouns, c.items[j].key) // "अखिलेश यादव और उनकी पत्नी डिंपल"
}

// titlesBefore returns where the titles ending at item j start (j+1 when
// item j is no title): words of a title and a party that titles the person
// ("भाजपा अध्यक्ष", "BJP's").
func (c *clause) titlesBefore(j int) int {
	k := j
	for k >= 0 && (c.titleWord(k) || c.isEnt(k, domain.Party) && c.titleWord(k+1) || c.word(k, genitive) && c.isEnt(k-1, domain.Party) ||
		k >= 0 && c.items[k].ref && c.word(k+1, kinWords)) { // "और उनकी पत्नी डिंपल"
		k--
	}
	if k == j {
		return j + 1
	}
	return k
}

// titlesAfter returns where the titles starting at item j end (j when item
// j is no title).
func (c *clause) titlesAfter(j int) int {
	k := j
	for k < len(c.items) && k-j < 6 && (c.titleWord(k) || c.isEnt(k, domain.Party) && c.titleWord(k+1) || c.capitalised(k)) {
		k++
	}
	return k
}

// counts are the words that say how many names the list before them has.
var counts = map[string]int{"दोनों": 2, "तीनों": 3}

// counted is how many names the word after item i (a list's last name)
// says the list has, or 0.
func (c *clause) counted(i int) int {
	if i+1 >= len(c.items) || c.items[i+1].e != nil {
		return 0
	}
	return counts[c.items[i+1].key]
}

func reverse(g []*ent) {
	for a, b := 0, len(g)-1; a < b; a, b = a+1, b-1 {
		g[a], g[b] = g[b], g[a]
	}
}

// before finds the names marked by one of markers ending just before item
// t: "बीजेपी को हराने", "कांग्रेस और बीजेपी दोनों से ... दूरी". Up to gap
// other words may stand between the marker and the trigger.
func (c *clause) before(t int, markers map[string]bool, gap int) ([]*ent, int) {
	for j := t - 1; j >= 0 && j >= t-1-gap; j-- {
		if c.items[j].e != nil {
			if markers == nil {
				g, s := c.groupEndingAt(j)
				return g, s
			}
			return nil, -1
		}
		if markers != nil && markers[c.items[j].key] {
			k := j - 1
			for k >= 0 && c.word(k, fillers) {
				k--
			}
			if !c.isEnt(k) && c.word(k-1, genitive) && c.isEnt(k-2) {
				k -= 2 // "कांग्रेस के रुख की आलोचना": the stand is the party's
			} else if c.word(k, governmentWords) && c.isEnt(k-1, domain.Party, domain.Person) {
				k-- // "केंद्र की भाजपा सरकार पर निशाना", "नवीन पटनायक सरकार पर हमला": the party's, the leader's government
			} else if (c.word(k, coalitionNouns) || c.word(k, allianceWords)) && c.isEnt(k-1, domain.Party) {
				k-- // "सपा-बसपा गठबंधन को शिकस्त दी": the allied parties
			}
			g, s := c.groupEndingAt(k)
			return g, s
		}
	}
	return nil, -1
}

// after finds the names that follow item t within gap words (English word
// order: "met Mamata", "equal distance from the Congress and the BJP").
func (c *clause) after(t int, gap int) ([]*ent, int) {
	for j := t + 1; j < len(c.items) && j <= t+1+gap; j++ {
		if c.items[j].e != nil {
			if c.isEnt(j, domain.Party) && c.word(j+1, ledWords) && c.isEnt(j+2, domain.Coalition) {
				return c.groupStartingAt(j + 2) // "walked out of the BJP-led NDA": the coalition
			}
			// "praised Congress leader Rahul Gandhi": the party names the person's
			if c.titled(j) {
				for k := j + 1; k < len(c.items) && k <= j+4; k++ {
					if c.isEnt(k, domain.Person) {
						return c.groupStartingAt(k)
					}
				}
			}
			return c.groupStartingAt(j)
		}
		if c.word(j, negations) || !c.word(j, afterGlue) && !c.capitalised(j) {
			return nil, -1
		}
		if c.capitalised(j) {
			gap++ // "attacked Union Home Minister Amit Shah": a title, not a word of its own
		}
	}
	return nil, -1
}

// capitalised reports whether item j is an English word with a capital,
// as titles are.
func (c *clause) capitalised(j int) bool {
	return j >= 0 && j < len(c.items) && c.items[j].e == nil && c.r.doc.toks[c.items[j].tok].title
}

// agent finds who does what the trigger at t says. Hindi marks the agent
// with ने; without it the subject is the first name of the clause that no
// case marker makes an object. English puts the subject before the verb:
// the nearest name that is not the object of a preposition ("close to
// Sharad Pawar").
func (c *clause) agent(t int, exclude []*ent) []*ent {
	free := func(j int) bool {
		if !c.isEnt(j, actors...) || contains(exclude, c.items[j].e) || c.titled(j) {
			return false
		}
		// the case marker after a list marks every name in it: "महागठबंधन
		// और इंडिया गठबंधन से अलग होकर"
		_, end := c.groupStartingAt(j)
		return !c.word(end+1, objectMarkers) && !c.word(j+1, objectMarkers)
	}
	// "X ने कहा कि Y भी भाजपा को हराना चाहती हैं", "X said the SP stands
	// with …": Y, the subject of the reported clause
	for j := t - 1; j >= 0; j-- {
		if c.word(j, relativeWords) && !c.english() {
			return nil // "… धोखा किया है जो भाजपा के खिलाफ मिला था": the relative pronoun is the agent
		}
		if c.word(j, thatWords) || c.english() && c.word(j, speechVerbs) {
			for k := j + 1; k < t; k++ {
				if free(k) {
					g, _ := c.groupStartingAt(k)
					return g
				}
			}
			break
		}
	}
	for j := t - 1; j >= 0; j-- {
		if c.word(j, relativeWords) && !c.english() {
			return nil // "… धोखा किया है जो भाजपा के खिलाफ मिला था": the relative pronoun is the agent
		}
		if c.word(j, kNe) && c.isEnt(j-1, actors...) {
			g, _ := c.groupEndingAt(j - 1)
			return g
		}
		if c.word(j, kNe) && (c.word(j-1, memberTitles) || c.word(j-1, leaderTitles)) && c.isEnt(j-2, domain.Party) {
			return []*ent{c.items[j-2].e} // "भाजपा प्रवक्ता ने": the party speaks
		}
		if c.word(j, kNe) && c.isEnt(j-1) {
			return nil // "सीबीआई ने …": an agent the ontology does not relate
		}
		if c.items[j].ref && c.r.is(ergative, c.r.doc.toks[c.items[j].tok].word) {
			return []*ent{c.items[j].e} // "उन्होंने" carries its ने
		}
	}
	if c.english() {
		// "Sarma met Mukhi", "Lobo and Kamat then met …": the name just before the verb
		for j := t - 1; j >= 0 && j >= t-3; j-- {
			if c.isEnt(j, actors...) && !contains(exclude, c.items[j].e) && !c.items[j].ref {
				if c.word(j-1, prepositions) || c.word(j-1, kThe) && c.word(j-2, prepositions) || c.titled(j) {
					break
				}
				g, _ := c.groupEndingAt(j)
				return g
			}
			if !c.word(j, alsoWords) && !c.word(j, auxWords) {
				break
			}
		}
		// "…, he quit the Congress": a pronoun just before the verb
		for j := t - 1; j >= 0 && j >= t-2; j-- {
			if c.items[j].ref && c.isEnt(j, actors...) && !contains(exclude, c.items[j].e) {
				return []*ent{c.items[j].e}
			}
			if !c.word(j, alsoWords) && !c.word(j, auxWords) {
				break
			}
		}
		// "the BPF, which had left the BJP's camp": the name before which
		for j := t - 1; j >= 1 && j >= t-3; j-- {
			if c.word(j, relativeWords) {
				if c.isEnt(j-1, actors...) && !contains(exclude, c.items[j-1].e) {
					return []*ent{c.items[j-1].e}
				}
				break
			}
		}
	}
	if c.english() {
		// the subject comes first: the first name of the sentence that is
		// neither the object of a preposition ("close to Sharad Pawar") nor
		// a title ("NCP leader …")
		start := 0
		for j := t; j > 0; j-- {
			if c.r.doc.toks[c.items[j].tok].stop {
				start = j // "…; AIADMK rejoins NDA": a clause of its own
				break
			}
			if j < t && c.word(j, subordinators) && c.hasFree(j+1, t, exclude) {
				start = j + 1 // "a week after the BJP defeated the Congress"
				break
			}
		}
		for j := start; j < t; j++ {
			if free(j) && !c.word(j-1, prepositions) && !(c.word(j-1, kThe) && c.word(j-2, prepositions)) {
				g, _ := c.groupStartingAt(j)
				return g
			}
		}
		return nil
	}
	// the nearest name before the trigger that no case marker makes an
	// object ("सपा कांग्रेस का समर्थन करेगी", "तेजस्वी यादव बोले- एनडीए को
	// हराएंगे"), else the first after it ("बीजेपी को हराने के लिए सपा …
	// खड़ी रहेगी")
	for j := t - 1; j >= 0; j-- {
		if free(j) {
			g, _ := c.groupEndingAt(j)
			return g
		}
	}
	for j := t + 1; j < len(c.items); j++ {
		if free(j) && !c.word(j-1, keKi) {
			g, _ := c.groupStartingAt(j)
			return g
		}
	}
	return nil
}

// commaBefore reports whether a comma or a stronger break (; : — |)
// stands before item j: not a bracket, a quote or an apostrophe.
func (c *clause) commaBefore(j int) bool {
	if j <= 0 || j >= len(c.items) || !c.items[j].punct {
		return false
	}
	toks := c.r.doc.toks
	t := c.items[j].tok
	if t == 0 {
		return false
	}
	for _, r := range c.r.doc.text[toks[t-1].end:toks[t].start] {
		switch r {
		case ',', ';', ':', '—', '|', '–':
			return true
		}
	}
	return false
}

// hasFree reports whether a name that could be an agent stands in items
// [from, to).
func (c *clause) hasFree(from, to int, exclude []*ent) bool {
	for j := from; j < to; j++ {
		if c.isEnt(j, actors...) && !contains(exclude, c.items[j].e) && !c.word(j-1, prepositions) {
			return true
		}
	}
	return false
}

// english reports whether the clause is written in English.
func (c *clause) english() bool {
	if c.lang == 0 {
		c.lang = 'h'
		if c.countEnglish() {
			c.lang = 'e'
		}
	}
	return c.lang == 'e'
}

func (c *clause) countEnglish() bool {
	latin, deva := 0, 0
	for _, it := range c.items {
		if it.e == nil {
			if isLatin(it.key) {
				latin++
			} else {
				deva++
			}
		}
	}
	return latin > deva
}

func contains(l []*ent, e *ent) bool {
	for _, x := range l {
		if x == e {
			return true
		}
	}
	return false
}

// negated reports whether a negation stands near the trigger at t.
func (c *clause) negated(t int) bool {
	// "न तो भाजपा के नेतृत्व वाले एनडीए के साथ जाएगी": back to the clause's start
	for j := t - 1; j >= 0 && j >= t-8; j-- {
		if c.word(j, negations) {
			return true
		}
		if c.items[j].punct || c.word(j, clauseBreaks) {
			break
		}
	}
	// Hindi puts the negation at the end of the clause: "कांग्रेस के साथ
	// गठबंधन का कोई सवाल ही नहीं है"
	for j := t + 1; j < len(c.items) && j <= t+8; j++ {
		if c.items[j].punct || c.word(j, clauseBreaks) {
			break
		}
		if c.word(j, negations) {
			return true
		}
	}
	return false
}

func (c *clause) add(t domain.RelationType, from, to []*ent, conf float64, props map[string]any) {
	for _, f := range from {
		for _, g := range to {
			c.r.addRelation(t, f, g, conf, c.s, props)
		}
	}
}

// findRelations reads every sentence for the relations of the ontology.
func (r *run) findRelations() {
	for s := range r.doc.sents {
		c := &clause{r: r, s: s, items: r.items(s)}
		r.rule = domain.Rule{Name: "apposition"}
		c.appositions()
		r.rule = domain.Rule{Name: "office"}
		c.offices()
		r.rule = domain.Rule{Name: "counterpart"}
		c.counterparts()
		r.rule = domain.Rule{Name: "sworn-list", Entry: "listVerbs"}
		c.swornList()
		c.triggers() // names its rules itself
		r.rule = domain.Rule{Name: "coalition"}
		c.coalitions()
	}
}

// appositions read the titles around a name: "सपा अध्यक्ष अखिलेश यादव"
// (LEADS), "जेडीयू नेता नीतीश कुमार", "भाजपा के सम्राट चौधरी", "Kejriwal of
// the Aam Aadmi Party" (MEMBER_OF), "Mamata Banerjee, who is also the
// Trinamool Congress chief" (LEADS).
func (c *clause) appositions() {
	for p, it := range c.items {
		if it.e == nil || it.e.typ != domain.Person || it.ref {
			continue
		}
		leader, member, sub, glue, office := false, false, false, false, false
		inOffice := c.officeWords()
		for j := p - 1; j >= 0 && j >= p-appositionReach && !c.commaBefore(p); j-- {
			w := c.items[j]
			if j+1 < p && c.commaBefore(j+1) && !c.word(j+1, appositionGlue) {
				break // "… of the Aam Aadmi Party, Kerala Chief Minister Pinarayi Vijayan": another name's
			}
			if w.e != nil {
				if (w.e.typ == domain.Party || w.e.typ == domain.Coalition) && (leader || member || glue || office || sub) {
					// "प्रदेश कांग्रेस अध्यक्ष", "state BJP chief", "मध्य प्रदेश कांग्रेस अध्यक्ष": a state unit's
					sub = sub || c.word(j-1, subUnit) || c.isEnt(j-1, domain.Place) && !w.punct && isState(c.items[j-1].e)
					rel, conf := domain.MemberOf, 0.85
					if leader && !sub && !member {
						rel, conf = domain.Leads, 0.9
					}
					g := []*ent{it.e}
					if rel == domain.MemberOf && (j == p-2 && glue || c.word(p-1, pluralTitles)) {
						// "भाजपा के सम्राट चौधरी और विजय कुमार सिन्हा", "शिवसेना के
						// एकनाथ शिंदे, सुभाष देसाई", "सपा उम्मीदवारों A, B और C",
						// "party leaders Sonia Gandhi and Rahul Gandhi": the party covers the list
						g, _ = c.plainList(p)
					}
					c.add(rel, g, []*ent{w.e}, conf, nil)
					break
				}
				if w.e.typ == domain.Place {
					continue
				}
				break
			}
			switch {
			case inOffice[j]:
				office = true // "former chief minister", "केंद्रीय गृह मंत्री": not "chief" of the party
			case c.r.is(leaderTitles, w.key) && !(j > 0 && c.word(j-1, generalWords)):
				leader = true
			case c.r.is(subUnit, w.key):
				sub = true
			case c.r.is(memberTitles, w.key) || c.r.is(pluralTitles, w.key):
				member = true
			case w.key == "के" || w.key == "की" || w.key == "का" || w.key == "s":
				glue = j == p-1 || glue
			case c.r.is(titleGlue, w.key) || c.r.is(former, w.key) || c.r.is(appositionGlue, w.key) || isDigits(w.key):
			case c.r.is(coordinators, w.key) && (leader || member || office) && !c.isEnt(j-1, domain.Person):
				// "भाजपा के प्रदेश अध्यक्ष और कुरुक्षेत्र से सांसद X", "BJP leader and former minister X": one person's titles
			case c.r.is(linkedWords, w.key) && c.word(j-1, kSe) && c.isEnt(j-2, domain.Party):
				// "भाजपा से जुड़े मनोनीत पार्षद मसीह"
				member = true
				j--
			case c.r.is(seatWords, w.key) && c.isEnt(j-1, domain.Place):
				// "कुरुक्षेत्र से सांसद", "MLA from Malhargarh"
			default:
				j = -1
			}
		}
		// after the name: "of the Aam Aadmi Party", ", who is also the TMC chief", ", who heads the Shiv Sena"
		j := p + 1
		if g, end := c.plainList(p); c.word(end+1, kOf) && end > p && (p == 0 || !c.isEnt(p-1, domain.Person)) {
			// "K. N. Balagopal, Veena George and V. Sivankutty of the CPI(M)"
			k := end + 2
			for c.word(k, kThe) {
				k++
			}
			if c.isEnt(k, domain.Party) {
				c.add(domain.MemberOf, g, []*ent{c.items[k].e}, 0.8, nil)
			}
		}
		if c.word(j, kOf) {
			for j++; c.word(j, kThe); j++ {
			}
			if c.isEnt(j, domain.Party) {
				c.add(domain.MemberOf, []*ent{it.e}, []*ent{c.items[j].e}, 0.85, nil)
			}
			continue
		}
		if c.word(j, kThe) && c.items[j].punct {
			// "Sukhbir Badal, the Akali Dal chief", "Sawant, the senior-most BJP leader"
			k := j + 1
			for c.word(k, appositionGlue) && k < j+4 {
				k++
			}
			if c.isEnt(k, domain.Party, domain.Coalition) {
				if c.word(k+1, leaderTitles) && !c.word(k+1, subUnit) && k == j+1 {
					c.add(domain.Leads, []*ent{it.e}, []*ent{c.items[k].e}, 0.85, nil)
				} else if c.word(k+1, memberTitles) || c.word(k+1, leaderTitles) {
					c.add(domain.MemberOf, []*ent{it.e}, []*ent{c.items[k].e}, 0.8, nil)
				}
				continue
			}
		}
		if c.word(j, kWho) {
			heads := false
			for j++; j < len(c.items) && j <= p+7 && c.items[j].e == nil; j++ {
				heads = heads || c.word(j, headsWords)
			}
			if c.isEnt(j, domain.Party, domain.Coalition) {
				if (heads || c.word(j+1, leaderTitles)) && !c.word(j+1, subUnit) {
					c.add(domain.Leads, []*ent{it.e}, []*ent{c.items[j].e}, 0.85, nil)
				} else if c.word(j+1, memberTitles) || heads && c.word(j+1, subUnit) {
					// "…, who led the Congress Legislature Party": a member
					c.add(domain.MemberOf, []*ent{it.e}, []*ent{c.items[j].e}, 0.8, nil)
				}
			}
		}
	}
	c.elected()
	// "the Shiv Sena (UBT) led by Uddhav Thackeray", "सपा के मुखिया"
	for p, it := range c.items {
		if it.e == nil || it.ref {
			continue
		}
		// "उद्धव के नेतृत्व वाली महा विकास आघाडी", "Badruddin Ajmal's All India United Democratic Front"
		if it.e.typ == domain.Person {
			j := p + 1
			if c.word(j, keKi) && c.word(j+1, ledBy) && c.word(j+2, waleWords) && c.isEnt(j+3, domain.Party, domain.Coalition) {
				c.add(domain.Leads, []*ent{it.e}, []*ent{c.items[j+3].e}, 0.8, nil)
			}
			if c.english() && j < len(c.items) && c.items[j].key == "s" && c.isEnt(j+1, domain.Party) && !c.titled(j+1) {
				c.add(domain.Leads, []*ent{it.e}, []*ent{c.items[j+1].e}, 0.75, nil)
			}
			continue
		}
		if it.e.typ != domain.Party && it.e.typ != domain.Coalition {
			continue
		}
		if c.word(p+1, ledWords) && c.word(p+2, kBy) && c.isEnt(p+3, domain.Person) {
			c.add(domain.Leads, []*ent{c.items[p+3].e}, []*ent{it.e}, 0.85, nil)
		}
		// "BJP-led NDA", "भाजपा के नेतृत्व वाले एनडीए", "भाजपा और उसके नेतृत्व वाले एनडीए"
		if it.e.typ == domain.Party {
			j := p + 1
			if c.word(j, coordinators) && c.word(j+1, itsWords) && c.word(j+2, ledBy) {
				j += 2
			}
			for c.word(j, keKi) {
				j++
			}
			if c.word(j, ledBy) {
				j++
				for c.word(j, waleMein) {
					j++
				}
				if c.isEnt(j, domain.Coalition) {
					c.add(domain.Leads, []*ent{it.e}, []*ent{c.items[j].e}, 0.85, nil)
				}
			}
		}
	}
}

// officeSpan returns the end (exclusive) and name of an office starting at
// item i.
func officeSpan(c *clause, i int) (int, string, bool) {
	if i < 0 || i >= len(c.items) || c.items[i].e != nil {
		return i, "", false
	}
	if end, name, ok := ministerSpan(c, i); ok {
		return end, name, true
	}
	for _, keys := range c.r.g.officesByFirst[c.items[i].key] {
		ok := true
		for n, k := range keys {
			if !(i+n < len(c.items) && c.items[i+n].e == nil && c.items[i+n].key == k) {
				ok = false
				break
			}
		}
		if ok {
			return i + len(keys), c.r.g.officeOf(keys), true
		}
	}
	return i, "", false
}

// swornList reads "Among those sworn in were A, B and C of the CPI(M), D of
// the CPI, …": in a swearing-in, those sworn in besides an office named are
// ministers, of the article's state unless the lexicon says otherwise.
func (c *clause) swornList() {
	for i := 0; i+3 < len(c.items); i++ {
		if c.items[i].key != "sworn" || c.items[i+1].key != "in" || !c.word(i+2, listVerbs) {
			continue
		}
		for j := i + 3; j < len(c.items); j++ {
			if c.isEnt(j, domain.Person) && !c.items[j].ref {
				h := c.items[j].e
				pl := c.r.officePlace(h, "Minister", true)
				if pl == nil {
					pl = c.r.officePlace(h, "Union Minister", true)
				}
				if pl == nil {
					pl = c.r.defaultOfficePlace(h, "Minister")
				}
				if pl != nil {
					c.r.addRelation(domain.HoldsOffice, h, pl, 0.7, c.s, map[string]any{"office": "Minister", "current": true})
				}
			}
		}
		return
	}
}

// counterparts reads "Delhi Chief Minister Arvind Kejriwal and his Punjab
// counterpart Bhagwant Mann": the same office, in the place named.
func (c *clause) counterparts() {
	last := ""
	for i := range c.items {
		if _, office, ok := officeSpan(c, i); ok {
			last = office
		}
		if last != "" && c.word(i, counterpartWords) && c.isEnt(i-1, domain.Place) && c.isEnt(i+1, domain.Person) {
			current := true
			c.r.addRelation(domain.HoldsOffice, c.items[i+1].e, c.items[i-1].e, 0.75, c.s, map[string]any{"office": last, "current": current})
		}
	}
}

// ministerSpan reads a minister's title starting at item i: "केंद्रीय गृह
// मंत्री", "शिक्षा राज्य मंत्री", "Union Home Minister", "health minister".
// A Union minister's office is "Union Minister".
func ministerSpan(c *clause, i int) (int, string, bool) {
	if c.word(i, headOfStateWords) && c.isEnt(i-1, domain.Place) && c.items[i-1].e.entry != nil && c.items[i-1].e.entry.Kind == "country" {
		return i + 1, "President", true // "Bangladesh President Abdul Hamid"
	}
	union := false
	j := i
	for ; j < len(c.items) && j < i+6; j++ {
		switch {
		case c.word(j, unionWords):
			union = true
		case c.word(j, portfolioWords), c.word(j, coordinators) && j > i && c.word(j+1, portfolioWords):
		case c.word(j, ministerWords):
			if c.word(j+1, kOf) && c.word(j+2, stateWords) {
				j += 2 // "minister of state for home"
			}
			if union {
				return j + 1, "Union Minister", true
			}
			return j + 1, "Minister", true
		default:
			return i, "", false
		}
	}
	return i, "", false
}

// officeWords marks the items that are words of an office.
func (c *clause) officeWords() []bool {
	if c.inOffice == nil {
		c.inOffice = make([]bool, len(c.items))
		for i := range c.items {
			if end, _, ok := officeSpan(c, i); ok {
				for k := i; k < end; k++ {
					c.inOffice[k] = true
				}
			}
		}
	}
	return c.inOffice
}

// offices read who holds which office where: "पश्चिम बंगाल की मुख्यमंत्री
// ममता बनर्जी", "West Bengal Chief Minister Mamata Banerjee", "पूर्व सीएम
// अखिलेश" (the place from the lexicon), "sworn in as Deputy Chief Minister
// of Maharashtra", "बिहार के मुख्यमंत्री बने".
func (c *clause) offices() {
	for i := 0; i < len(c.items); i++ {
		end, office, ok := officeSpan(c, i)
		if !ok {
			continue
		}
		if c.word(i-1, forWords) && (c.word(i-2, memberTitles) || c.word(i-2, nomineeWords)) || c.word(end, postWords) && c.word(end+1, genitive) && c.word(end+2, memberTitles) {
			continue // "its candidate for Speaker", "स्पीकर पद के उम्मीदवार": not the holder
		}
		current := !(c.word(i-1, former) || c.word(i-2, former) || c.word(end, wasWords))
		// the place: "बिहार के मुख्यमंत्री", "Bihar Chief Minister", "Chief Minister of Maharashtra"
		var place *ent
		j := i - 1
		for c.word(j, officeGlue) || c.items[max(j, 0)].key == "s" && j > 0 || c.word(j, officeAdjectives) {
			j--
		}
		switch {
		case c.isEnt(j, domain.Place):
			place = c.items[j].e
		case c.word(end, kOf) && c.isEnt(end+1, domain.Place):
			place = c.items[end+1].e
		case c.word(j, stateRefs) && j < i-1:
			place = c.r.homeState() // "राज्य के शिक्षा मंत्री", "the state's chief minister"
		}
		// the holder: the name after the office, or the clause's subject
		var holder *ent
		for k := end; k < len(c.items) && k <= end+5; k++ {
			if c.commaBefore(k) {
				break // "sworn in as Maharashtra Chief Minister; Eknath Shinde …"
			}
			if c.isEnt(k, domain.Person) {
				holder = c.items[k].e
				break
			}
			if c.isEnt(k, domain.Place) || c.isEnt(k, domain.Party) || c.word(k, holderGlue) || c.r.is(titleWords, c.items[k].key) || c.items[k].e != nil {
				continue
			}
			break
		}
		holders := []*ent{holder}
		if holder == nil && c.word(i-1, becameWords) && c.isEnt(i-2, domain.Person) {
			// "सम्राट चौधरी और विजय कुमार सिन्हा बने उपमुख्यमंत्री"
			holders, _ = c.groupEndingAt(i - 2)
			holder = holders[0]
		}
		if holder == nil {
			// "X, Y और Z ने भी मंत्री पद की शपथ ली", "A and B were sworn in as ministers",
			// "छह मंत्रियों ने शपथ ली: …"
			if g := c.oathTakers(i, end); len(g) > 0 {
				holders, holder = g, g[0]
			}
		}
		if holder == nil && c.word(end, postWords) {
			// "राज्यपाल ने X को मुख्यमंत्री पद की शपथ दिलाई", "पायलट को उपमुख्यमंत्री पद से हटाया",
			// "X को उत्तर प्रदेश के मुख्यमंत्री पद की शपथ": the place may stand between
			k := i - 1
			if c.isEnt(j, domain.Place) {
				k = j - 1
			}
			if c.word(k, kKo) && c.isEnt(k-1, domain.Person) {
				holders, _ = c.groupEndingAt(k - 1)
				holder = holders[0]
			}
		}
		if holder == nil && c.word(end, kKe) && c.word(end+1, roopWords) {
			// "X ने उपमुख्यमंत्री के रूप में सेवा की": the subject served as
			holder = c.subject(i)
			holders = []*ent{holder}
		}
		if holder == nil && place != nil {
			holder = c.subject(i)
			holders = []*ent{holder}
		}
		if holder != nil && (office == "Minister" || office == "Union Minister") && len(holders) == 1 {
			// "कैबिनेट मंत्री विश्वेंद्र सिंह और रमेश मीणा": the title covers the list
			for k := i; k < len(c.items) && k <= end+5; k++ {
				if c.items[k].e == holder {
					holders, _ = c.plainList(k)
					break
				}
			}
		}
		if holder == nil {
			continue
		}
		places := c.placeList(place, end)
		for n, h := range holders {
			pl := place
			if len(places) == len(holders) {
				pl = places[n] // "the Chief Ministers of Meghalaya, Nagaland and Tripura — A, B and C"
			} else if len(places) > 1 {
				pl = nil
			}
			if pl == nil {
				pl = c.r.officePlace(h, office, current)
			}
			if pl == nil && office == "Minister" {
				pl = c.r.officePlace(h, "Union Minister", current) // "cabinet minister" X, a Union minister by the lexicon
			}
			if pl == nil {
				pl = c.r.defaultOfficePlace(h, office)
			}
			if pl == nil {
				continue
			}
			conf := 0.85
			if n > 0 {
				conf = 0.8
			}
			c.r.addRelation(domain.HoldsOffice, h, pl, conf, c.s, map[string]any{"office": office, "current": current})
		}
		i = end - 1
	}
}

// placeList is the list of places after "of" when the office names more
// than one: "the Chief Ministers of Meghalaya, Nagaland, Manipur and Tripura".
func (c *clause) placeList(place *ent, end int) []*ent {
	if place == nil || !c.word(end, kOf) || !c.isEnt(end+1, domain.Place) {
		return nil
	}
	g, _ := c.groupStartingAt(end + 1)
	return g
}

// oathTakers finds the people sworn into the office at items [i, end): the
// agents of "मंत्री पद की शपथ ली" or "sworn in as ministers", or the list
// after a colon ("छह मंत्रियों ने भी शपथ ली: …", "Thirteen ministers were
// sworn in with him: …").
func (c *clause) oathTakers(i, end int) []*ent {
	oath := false
	for k := end; k < len(c.items) && k <= end+4; k++ {
		oath = oath || c.word(k, oathWords)
	}
	if c.word(end, postWords) && oath {
		k := i - 1
		for c.word(k, alsoWords) {
			k--
		}
		if c.word(k, kNe) {
			return c.personsEndingAt(k - 1)
		}
	}
	if c.word(i-1, asWords) {
		k := i - 2
		for c.word(k, swornWords) {
			k--
		}
		if k < i-2 {
			if g := c.personsEndingAt(k); len(g) > 0 {
				return g
			}
			if c.english() && c.word(i-2, swornWords) {
				// "Mallu Bhatti Vikramarka, who led …, took oath as Deputy Chief Minister"
				var out []*ent
				for _, e := range c.agent(i-1, nil) {
					if e.typ == domain.Person {
						out = append(out, e)
					}
				}
				return out
			}
		}
	}
	if c.word(i, pluralMinisters) || c.word(end-1, pluralMinisters) {
		for k := end; k < len(c.items); k++ {
			if c.r.doc.toks[c.items[k].tok].stop && k > end {
				var out []*ent
				for ; k < len(c.items); k++ {
					if c.isEnt(k, domain.Person) && !c.items[k].ref {
						out = append(out, c.items[k].e)
					}
				}
				return out
			}
		}
	}
	return nil
}

// personsEndingAt returns the people of a list ending at item i, titles
// and parties allowed between them: "भाजपा के कंवरपाल गुर्जर, मूलचंद शर्मा
// और निर्दलीय विधायक रणजीत सिंह चौटाला", "among them N. Uttam Kumar Reddy
// and Konda Surekha".
func (c *clause) personsEndingAt(i int) []*ent {
	if c.isEnt(i, domain.Party) && (c.word(i-1, kOf) || c.word(i-1, kThe) && c.word(i-2, kOf)) {
		// "A and B of the Shiv Sena were sworn in"
		for i--; c.word(i, kThe) || c.word(i, kOf); i-- {
		}
	}
	if !c.isEnt(i, domain.Person) {
		return nil
	}
	var out []*ent
	for j := i; j >= 0 && j > i-40; j-- {
		switch {
		case c.isEnt(j, domain.Person) && !c.items[j].ref:
			out = append(out, c.items[j].e)
		case c.isEnt(j, domain.Party), c.word(j, coordinators), c.word(j, titleWords), c.word(j, memberTitles), c.word(j, appositionGlue), c.word(j, genitive), c.word(j, listGlue):
		default:
			j = -1
		}
	}
	reverse(out)
	return out
}

// defaultOfficePlace is where an office named without a place is held,
// when the lexicon does not say: a Union minister's is India, a state
// office's the article's state. A minister the lexicon knows as a Union
// minister is one.
func (r *run) defaultOfficePlace(p *ent, office string) *ent {
	if p.entry != nil {
		for _, o := range p.entry.Offices {
			if o.Office == office || office == "Minister" && o.Office == "Union Minister" {
				return nil // the lexicon places it, and the article does not name the place
			}
		}
	}
	switch office {
	case "Union Minister":
		return r.named("place:india")
	case "Speaker", "Leader of Opposition":
		if r.named("org:lok-sabha") != nil || r.named("org:rajya-sabha") != nil {
			return r.named("place:india") // the Houses of Parliament: not a state's office
		}
		return r.homeState()
	case "Minister", "Deputy Chief Minister", "Chief Minister":
		return r.homeState()
	}
	return nil
}

// homeState is the state the article is about: the state or union
// territory it names most often, counting its cities, or nil.
func (r *run) homeState() *ent {
	if r.home != nil {
		return r.home.e
	}
	count := map[string]int{}
	for _, id := range r.sortedIDs() {
		e := r.ents[id]
		if e.typ != domain.Place || e.entry == nil || len(e.spans) == 0 {
			continue
		}
		switch {
		case isState(e):
			count[e.id] += len(e.spans)
		case e.entry.Within != "" && r.named(e.entry.Within) != nil:
			count[e.entry.Within] += len(e.spans)
		}
	}
	best, n, first := "", 0, 0
	for _, id := range r.sortedIDs() {
		if count[id] == 0 || r.named(id) == nil {
			continue
		}
		// most mentions; of two as often named, the one named first
		if f := r.ents[id].first; count[id] > n || count[id] == n && f < first {
			best, n, first = id, count[id], f
		}
	}
	r.home = &homeOnce{e: r.named(best)}
	return r.home.e
}

// officePlace finds, from the lexicon, where a person holds (or held) an
// office the text names without a place. Only places the article names.
func (r *run) officePlace(p *ent, office string, current bool) *ent {
	if p.entry == nil {
		if office == "Prime Minister" || office == "President" {
			return r.named("place:india")
		}
		return nil
	}
	var fallback *ent
	for _, o := range p.entry.Offices {
		if o.Office != office {
			continue
		}
		x := r.named(o.Place)
		if x == nil {
			continue
		}
		if o.IsCurrent() == current {
			return x
		}
		fallback = x
	}
	if fallback == nil && (office == "Prime Minister" || office == "President") {
		return r.named("place:india")
	}
	return fallback
}

// named returns the article's entity with that id if the article names it.
func (r *run) named(id string) *ent {
	if x := r.ents[id]; x != nil && len(x.spans) > 0 {
		return x
	}
	return nil
}

// subject is the person a clause is about, before item t: the one marked by
// ने, else the first person of the sentence ("Ajit Pawar ... was sworn in as
// Deputy Chief Minister of Maharashtra").
func (c *clause) subject(t int) *ent {
	for j := t - 1; j > 0; j-- {
		if c.word(j, kNe) && c.isEnt(j-1, domain.Person) {
			return c.items[j-1].e
		}
	}
	for j := 0; j < t; j++ {
		if c.isEnt(j, domain.Person) {
			return c.items[j].e
		}
	}
	return nil
}

// titled reports whether the name at item j is followed by a title: it
// qualifies the person after it ("तृणमूल कांग्रेस अध्यक्ष ममता बनर्जी")
// and is not one more name of a list.
func (c *clause) titled(j int) bool {
	return c.word(j+1, leaderTitles) || c.word(j+1, memberTitles) || c.word(j+1, subUnit)
}

// isState reports whether a place is a state or union territory.
func isState(e *ent) bool {
	return e.entry != nil && (e.entry.Kind == "state" || e.entry.Kind == "ut")
}

// elected reads a leader chosen or named: "अखिलेश यादव को सपा का अध्यक्ष
// चुना गया", "X सपा के अध्यक्ष हैं", "X was elected president of the BJP".
func (c *clause) elected() {
	for p, it := range c.items {
		if it.e == nil || it.e.typ != domain.Person || it.ref {
			continue
		}
		j := p + 1
		for c.word(j, electedGlue) {
			j++
		}
		if !c.isEnt(j, domain.Party, domain.Coalition) {
			// English: "was elected president of the BJP"
			k := j
			for c.word(k, leaderTitles) || c.word(k, memberTitles) || c.word(k, kOf) || c.word(k, kThe) || c.word(k, subUnit) {
				k++
			}
			if k > j && c.isEnt(k, domain.Party, domain.Coalition) && (c.word(k-1, kOf) || c.word(k-1, kThe) && c.word(k-2, kOf)) && c.word(j-1, electedGlue) && !c.word(j-1, kKo) {
				c.addTitle(it.e, c.items[k].e, j, k)
			}
			continue
		}
		party := c.items[j].e
		k := j + 1
		for c.word(k, genitiveMein) || c.word(k, nationalWords) {
			k++
		}
		end := k
		for c.word(end, leaderTitles) || c.word(end, memberTitles) || c.word(end, subUnit) {
			end++
		}
		if end > k && (c.word(end, electedVerbs) || c.word(end, isWords)) {
			c.addTitle(it.e, party, k, end)
		}
	}
}

// addTitle adds LEADS or MEMBER_OF for the title words in items [from, to).
func (c *clause) addTitle(p, party *ent, from, to int) {
	leader, member := false, false
	for j := from; j < to; j++ {
		switch {
		case c.word(j, subUnit) || c.word(j, memberTitles):
			member = true
		case c.word(j, leaderTitles):
			leader = true
		}
	}
	if party.typ == domain.Coalition && !leader && to-from == 1 && c.word(from, coalitionLeader) {
		leader, member = true, false // "महा विकास आघाडी का नेता चुना गया": a coalition's leader leads it
	}
	if leader && !member {
		c.add(domain.Leads, []*ent{p}, []*ent{party}, 0.85, nil)
	} else if leader || member {
		c.add(domain.MemberOf, []*ent{p}, []*ent{party}, 0.8, nil)
	}
}
