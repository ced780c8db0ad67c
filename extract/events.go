package extract

import (
	"fmt"
	"strings"

	"github.com/netagraph/netagraph/domain"
)

// partyBodies, near a meeting, make it a party's own meeting.
var partyBodies = grammarSet("partyBodies")

// partyLeaders, after "पार्टी", make "पार्टी नेताओं की बैठक" a party's meeting.
var partyLeaders = grammarSet("partyLeaders")

// mediaWords after से and before बात make a press conference: "मीडिया से बात".
var mediaWords = grammarSet("mediaWords")

// told is an event as one sentence tells it, before the same event told
// twice is merged.
type told struct {
	ev                domain.Event
	head              bool // in the headline or standfirst
	ownDate, ownPlace bool // the sentence itself gives them
}

// findEvents reads each sentence for events, with their date, place and
// participants; the same event told twice is one.
func (r *run) findEvents() {
	r.dates = r.newDateContext()
	r.told = map[domain.EventKind]bool{}
	var all []told
	lastPlace := ""
	dateline := r.dateline()
	last, lastSent := -1, -1 // the events the last sentence with events told: all[last:]
	// lastDate is the last date a body sentence gave, in paragraph lastPara:
	// the sentences after it in the paragraph go on telling that day.
	lastDate, lastPara := "", -1
	for s, sent := range r.doc.sents {
		c := &clause{r: r, s: s, items: r.items(s)}
		date := r.dates.sentenceDate(s)
		ownDate := date != ""
		switch {
		case ownDate:
		case c.sameDay() && lastDate != "":
			date, ownDate = lastDate, true // "उसी दिन", "the same day"
		case sent.para >= r.bodyPara() && (sent.para == lastPara || c.timeOfDay()):
			date = lastDate // "देर शाम …": the evening of the day told last
		}
		if ownDate && sent.para >= r.bodyPara() {
			lastDate, lastPara = date, sent.para
		}
		kinds := c.eventKinds()
		if len(kinds) == 0 {
			// "इस मौके पर अजय राय भी मौजूद रहे", "Kejriwal attended": the
			// people of a sentence that goes on telling the last event
			if last >= 0 && sent.para-r.doc.sents[lastSent].para <= 1 &&
				(c.has(attendance) || s == lastSent+1 && sent.para == r.doc.sents[lastSent].para && noParticipants(all[last:])) {
				for i := last; i < len(all); i++ {
					if all[i].ev.Kind != domain.Election {
						all[i].ev.Participants = appendAll(all[i].ev.Participants, c.actors())
					}
				}
			} else if c.has(attendance) {
				// "… were also present", "… were in the audience" paragraphs
				// later: the guests of the last ceremony, rally or meeting
				for i := len(all) - 1; i >= 0; i-- {
					if gathering[all[i].ev.Kind] {
						all[i].ev.Participants = appendAll(all[i].ev.Participants, c.actors())
						break
					}
				}
			}
			continue
		}
		last, lastSent = len(all), s
		place := c.eventPlace()
		ownPlace := place != ""
		// "बैठक के बाद …", "after the meeting …": on the day and at the place
		// of the event told before
		if k, ok := c.afterEvent(); ok && !ownDate {
			for i := len(all) - 1; i >= 0; i-- {
				if all[i].ev.Kind == k && !all[i].head {
					date, ownDate = all[i].ev.Date, true
					if !ownPlace {
						place, ownPlace = all[i].ev.Place, all[i].ev.Place != ""
					}
					break
				}
			}
		}
		if place == "" && sent.para >= r.bodyPara() {
			place = lastPlace
		}
		if place == "" {
			place = dateline
		}
		if date == "" {
			date = r.dates.refDate()
		}
		who := c.actors()
		for _, k := range kinds {
			ev := domain.Event{Kind: k.kind, Date: date, Place: place, Participants: append([]string{}, who...), Evidence: sent.text, Confidence: r.g.conf(confEvent)}
			if r.x.Explain {
				rule := k.rule
				ev.Rule = &rule
			}
			if k.kind == domain.Election && k.vote {
				ev.Place, ev.Participants = k.place, c.people()
			} else if k.kind == domain.Election {
				ev.Date, ev.Place, ev.Participants = k.year, k.place, []string{}
				if ev.Date == "" && r.dates.maxYear > 0 {
					// "लोकसभा चुनाव" with no year: the latest year the article names
					ev.Date, ev.Confidence = fmt.Sprint(r.dates.maxYear), r.g.conf(confElectionYearGuess)
				}
				if ev.Date == "" {
					continue
				}
			}
			all = append(all, told{ev: ev, head: sent.para < r.bodyPara(), ownDate: ownDate || k.kind == domain.Election, ownPlace: ownPlace || k.place != ""})
			r.told[k.kind] = true
		}
		if ownPlace && sent.para >= r.bodyPara() {
			lastPlace = place
		}
	}
	r.placeHeadlines(all)
	r.mergeEvents(all)
}

// toldAgain holds the kinds of event an article tells once, however often
// it speaks of it: the oath.
var toldAgain = map[domain.EventKind]bool{domain.SwearingIn: true}

// gathering holds the kinds of event that have guests.
var gathering = map[domain.EventKind]bool{domain.SwearingIn: true, domain.Rally: true, domain.Meeting: true, domain.PartyMeeting: true}

// timeOfDay reports whether the sentence gives a time of day and no day:
// "देर शाम पटना में …", "Late in the evening …".
func (c *clause) timeOfDay() bool {
	for i := range c.items {
		if c.word(i, timeWords) {
			return true
		}
	}
	return false
}

// sameDay reports whether the sentence says it tells the day told before:
// "उसी दिन", "इसी दिन", "the same day", "that day".
func (c *clause) sameDay() bool {
	for i := range c.items {
		if c.word(i, sameWords) && c.word(i+1, dayWords) || c.word(i, kThe) && c.word(i+1, sameWords) && c.word(i+2, dayWords) {
			return true
		}
	}
	return false
}

// afterEvent finds "बैठक के बाद", "शपथ ग्रहण के बाद", "after the meeting":
// the kind of the event the sentence goes on from.
func (c *clause) afterEvent() (domain.EventKind, bool) {
	for i, it := range c.items {
		k, ok := c.r.g.eventWords[it.key]
		if !ok || it.e != nil {
			continue
		}
		if c.word(i+1, keKi) && c.word(i+2, afterWords) || c.word(i+2, keKi) && c.word(i+3, afterWords) ||
			c.word(i-1, afterWords) || c.word(i-2, afterWords) && c.word(i-1, kThe) {
			return k, true
		}
	}
	return "", false
}

// placeHeadlines gives an event told in the headline or standfirst, where no
// date or place is at hand, the date and place of the same event told in the
// body: same kind, a participant in common.
// A headline's state ("यूपी में सपा-कांग्रेस गठबंधन का एलान") gives way to
// the city the body tells it in.
func (r *run) placeHeadlines(all []told) {
	for i := range all {
		h := &all[i]
		broad := h.ownPlace && r.placeRank(h.ev.Place) >= placeRank["state"]
		if !h.head || h.ownDate && h.ownPlace && !broad {
			continue
		}
		for _, b := range all {
			if b.head || b.ev.Kind != h.ev.Kind || !shareAny(b.ev.Participants, h.ev.Participants) {
				continue
			}
			if !h.ownDate {
				h.ev.Date = b.ev.Date
			}
			if !h.ownPlace || broad && b.ev.Place != "" && r.placeRank(b.ev.Place) < placeRank["state"] {
				h.ev.Place = b.ev.Place
			}
			break
		}
	}
}

// placeRank is how precisely a place says where: placeRank of its kind.
func (r *run) placeRank(id string) int {
	if e := r.x.lex.Get(id); e != nil {
		if e.Kind == "ut" && e.Capital == "" {
			return placeRank["city"] // Chandigarh: a territory that is one city
		}
		if k, ok := placeRank[e.Kind]; ok {
			return k
		}
	}
	return 2
}

func shareAny(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// mergeEvents keeps one event per kind, date and place.
func (r *run) mergeEvents(all []told) {
	seen := map[string]int{}
	lastOfKind := map[domain.EventKind]int{}
	for _, t := range all {
		ev := t.ev
		key := string(ev.Kind) + "|" + ev.Date + "|" + ev.Place
		i, ok := seen[key]
		if j, told := lastOfKind[ev.Kind]; !ok && told && !t.ownDate && !t.head && toldAgain[ev.Kind] &&
			(!t.ownPlace || ev.Place == r.events[j].Place) {
			// "Among those sworn in were …": told again with no day of its
			// own, the event of its kind told last
			i, ok = j, true
		}
		if ok {
			for _, p := range ev.Participants {
				r.events[i].Participants = appendUnique(r.events[i].Participants, p)
			}
			continue
		}
		seen[key] = len(r.events)
		lastOfKind[ev.Kind] = len(r.events)
		// the same kind of event on the same day in the same place is one
		// event across articles; an undated one is known only to its article
		ev.ID = fmt.Sprintf("event:%s-%s-%s", strings.ToLower(string(ev.Kind)), orNone(ev.Date), strings.TrimPrefix(orNone(ev.Place), "place:"))
		if ev.Date == "" {
			ev.ID += "-" + r.articleID
		}
		r.events = append(r.events, ev)
	}
}

func orNone(s string) string {
	if s == "" {
		return "undated"
	}
	return s
}

type eventHit struct {
	kind        domain.EventKind
	year, place string // for elections
	// vote, for an election to a post ("मेयर चुनाव", "Speaker election"):
	// a single-day vote, dated in full, its contestants its participants
	vote bool
	rule domain.Rule // what read it, for --explain
}

// eventKinds lists the kinds of event a sentence tells of.
func (c *clause) eventKinds() []eventHit {
	var out []eventHit
	has := map[domain.EventKind]bool{}
	addKind := func(h eventHit) {
		if !has[h.kind] || h.kind == domain.Election {
			has[h.kind] = true
			out = append(out, h)
		}
	}
	for i, it := range c.items {
		if it.e != nil {
			continue
		}
		if strings.HasPrefix(it.key, "§") {
			if p := c.r.x.lex.Get(it.key[len("§"):]); p != nil && p.Event != "" {
				h := eventHit{kind: domain.EventKind(p.Event), rule: domain.Rule{Name: "event-phrase", Entry: p.ID, Word: c.word0(i), Source: p.Source}}
				if h.kind == domain.Election {
					if c.isEnt(i-1, domain.Place) {
						h.place = c.items[i-1].e.id
					} else if p.ID == "phrase:assembly-election" {
						h.place = c.r.articleState() // "2018 के विधानसभा चुनाव" in a report from Bhopal
					}
					// "2014 और 2019 के लोकसभा चुनावों": an election each
					for _, y := range c.yearsNear(i) {
						h.year = y
						addKind(h)
					}
					if h.year != "" {
						continue
					}
				}
				addKind(h)
			}
			continue
		}
		k, ok := c.r.g.eventWords[it.key]
		if ok && k == domain.Election {
			if h, ok := c.election(i); ok {
				addKind(h)
			}
			continue
		}
		if ok && c.toldBefore(i, k) {
			continue // "मुलाकात के बाद", "after the meeting", "इसी बैठक में": an event told before
		}
		if !ok {
			if c.pressTalk(i) {
				addKind(eventHit{kind: domain.PressConference, rule: domain.Rule{Name: "press-talk", Entry: "talkWords", Word: c.word0(i)}})
			}
			continue
		}
		switch k {
		case domain.Meeting:
			for j := i - 4; j <= i+1; j++ {
				if j != i && c.word(j, partyBodies) {
					k = domain.PartyMeeting
				}
			}
			if c.word(i-1, keKi) && (c.word(i-2, partyWords) || c.word(i-2, partyLeaders) && c.word(i-3, partyWords) || c.isEnt(i-2, domain.Party)) ||
				c.word(i-1, thisWords) && c.word(i-2, keKi) && c.isEnt(i-3, domain.Party) || c.onePartysMembers(i) {
				k = domain.PartyMeeting // "पार्टी की बैठक", "पार्टी नेताओं की बैठक", "भाजपा विधायकों की बैठक"
			}
			if c.word(i, metWords) {
				if c.word(i+1, theWith) && c.word(i+2, pressWords) {
					k = domain.PressConference
				} else if k == domain.Meeting && c.word(i+1, kThe) && !c.actorWithin(i+1, 4) && !c.actorWithin(i-3, 3) {
					continue // "he would meet the public": no one named is met
				}
			}
			if c.word(i-1, publicWords) {
				k = domain.Rally // "a public meeting", "सार्वजनिक सभा"
			}
		case domain.Rally:
			if c.word(i-1, pressBefore) {
				k = domain.PressConference
			}
			if c.word(i, roadWords) && !c.word(i+1, kShow) {
				continue
			}
		case domain.PressConference:
			if (c.word(i, talksWords) && !c.word(i-1, journoWords)) || (c.word(i, conferenceWords) && !c.word(i-1, pressNews)) {
				continue
			}
			if c.word(i, reporterWords) && !c.word(i-1, briefWords) && !(c.word(i-1, toThe) && c.word(i-2, briefWords)) {
				continue // "told reporters", "speaking to reporters"
			}
		case domain.Announcement:
			if c.word(i-1, resultWords) || c.word(i-2, resultWords) || c.word(i-3, resultWords) || c.word(i-4, resultWords) {
				continue // "results were declared", "नतीजे घोषित": not an announcement
			}
			if c.english() && i+1 < len(c.items) && c.items[i+1].punct {
				continue // "…, he announced, and …": a verb of speech, not an announcement
			}
		case domain.SwearingIn:
			if c.word(i, swornWord) && !c.word(i+1, kIn) {
				continue
			}
		}
		rule := domain.Rule{Name: "event-word", Entry: string(k), Word: c.word0(i)}
		if k != c.r.g.eventWords[it.key] {
			rule.Name = "event-word-reread" // a meeting read as a party's, a public meeting as a rally
		}
		addKind(eventHit{kind: k, rule: rule})
	}
	return out
}

// actorWithin reports whether a person, party or coalition is among the n
// items from i.
func (c *clause) actorWithin(i, n int) bool {
	for j := max(i, 0); j < len(c.items) && j < i+n; j++ {
		if c.isEnt(j, actors...) {
			return true
		}
	}
	return false
}

// word0 is item i as written.
func (c *clause) word0(i int) string {
	return c.r.doc.toks[c.items[i].tok].orig
}

// toldBefore reports whether the event word at i refers to an event of its
// kind told before: "बैठक के बाद", "शपथ ग्रहण के बाद", "after the meeting",
// "after taking oath", "इसी बैठक में", "उस बैठक". The first telling is an
// event ("विधायक दल की बैठक के बाद लिया गया फैसला").
func (c *clause) toldBefore(i int, k domain.EventKind) bool {
	after := c.word(i+1, keKi) && c.word(i+2, afterBefore) || c.word(i+2, keKi) && c.word(i+3, afterBefore) ||
		c.english() && (c.word(i-1, afterBefore) || c.word(i-2, afterBefore) && c.word(i-1, takingWords))
	this := c.word(i-1, thatThis) && !c.english() // "इसी बैठक में"
	if !after && !this {
		return false
	}
	return c.r.told[k] || (k == domain.Meeting || k == domain.PartyMeeting) && (c.r.told[domain.Meeting] || c.r.told[domain.PartyMeeting])
}

// pressTalk reads a press conference told as talk to the press: "पत्रकारों
// से बात करते हुए", "संवाददाताओं से कहा", "पत्रकारों को यह फैसला बताया",
// "मीडिया से मुखातिब".
func (c *clause) pressTalk(i int) bool {
	if !c.word(i, talkWords) {
		return false
	}
	for j := i - 1; j >= 1 && j >= i-4; j-- {
		if c.word(j, seKo) && c.word(j-1, mediaWords) {
			return true
		}
		if c.isEnt(j) {
			return false
		}
	}
	return false
}

// onePartysMembers reads a meeting of one party's members or bodies: "भाजपा
// विधायकों की बैठक", "आप विधायक दल की बैठक", "बसपा पदाधिकारियों और
// सांसदों की समीक्षा बैठक", "पार्टी के पोलित ब्यूरो सदस्यों, सांसदों और
// विधायकों के साथ बैठक", "a meeting of the BJP legislature party". The
// members of several parties ("तीनों दलों के विधायकों की संयुक्त बैठक")
// make an ordinary meeting.
func (c *clause) onePartysMembers(i int) bool {
	members := -1
	for j := i - 1; j >= 0 && j >= i-8; j-- {
		if c.word(j, partyLeaders) || c.word(j, partyBodies) {
			members = j
			break
		}
		if c.isEnt(j) {
			break
		}
	}
	if members < 0 && c.word(i+1, kOf) {
		// "meeting of the BJP legislature party", "a meeting of the party's
		// central election committee"
		for j := i + 2; j < len(c.items) && j <= i+7; j++ {
			if c.word(j, partyLeaders) || c.word(j, partyBodies) {
				for k := i + 2; k < j; k++ {
					if c.isEnt(k, domain.Party) || c.word(k, partyWords) {
						return true
					}
				}
				return false
			}
		}
		return false
	}
	if members < 0 {
		return false
	}
	// the party before the list of members: "भाजपा विधायकों", "पार्टी के पोलित
	// ब्यूरो सदस्यों, सांसदों और"
	for j := members - 1; j >= 0 && j >= members-8; j-- {
		switch {
		case c.isEnt(j, domain.Party):
			return !c.isEnt(j-1, domain.Party) && !c.word(j-1, coordinators)
		case c.word(j, partyWords):
			return true
		case c.isEnt(j):
			return false
		}
	}
	return false
}

// yearsNear finds the years written beside an election's name: "लोकसभा
// चुनाव 2024", "2021 में पश्चिम बंगाल विधानसभा चुनाव", "the 2024 Lok Sabha
// elections", "2014 और 2019 के लोकसभा चुनावों" (both); "पिछले साल के
// उपचुनावों" is the year before the article's.
func (c *clause) yearsNear(i int) []string {
	year := func(j int) (int, bool) {
		if j >= 0 && j < len(c.items) && c.items[j].e == nil {
			return yearOf(c.items[j].key)
		}
		return 0, false
	}
	for _, d := range []int{1, -1, -2, 2, -3, 3} {
		j := i + d
		y, ok := year(j)
		if !ok {
			continue
		}
		// the words between must not start another name: "2019 का लोकसभा
		// चुनाव और 2021 का …"
		if d > 1 && c.word(i+1, coordinators) || d < -1 && c.word(i-1, coordinators) {
			continue
		}
		out := []string{fmt.Sprint(y)}
		if y0, ok := year(j - 2); ok && d < 0 && c.word(j-1, coordinators) {
			out = append([]string{fmt.Sprint(y0)}, out...)
		}
		return out
	}
	if c.word(i-1, keKi) && c.word(i-2, yearWords) && c.word(i-3, lastYearWords) && c.r.dates.ref != nil {
		return []string{fmt.Sprint(c.r.dates.ref.Year() - 1)}
	}
	// "held on May 12, 2018", "26 फरवरी 2023 को होने वाले उपचुनाव": the year of
	// the date the sentence gives
	for _, m := range c.r.dates.bySent[c.s] {
		if m.year > 0 {
			return []string{fmt.Sprint(m.year)}
		}
	}
	return nil
}

// election reads an election named by a plain word: a by-election
// ("उपचुनाव", "bypoll"), an election to a post ("चंडीगढ़ मेयर चुनाव",
// "पार्टी अध्यक्ष पद का चुनाव", "Speaker election"), or one with its year
// ("2014 के चुनाव", "the 2019 election"). "चुनाव लड़ा" alone names none.
func (c *clause) election(i int) (eventHit, bool) {
	h := eventHit{kind: domain.Election, rule: domain.Rule{Name: "election", Entry: "ELECTION", Word: c.word0(i)}}
	if ys := c.yearsNear(i); len(ys) > 0 {
		h.year = ys[len(ys)-1]
	}
	by := c.word(i, byElectionWords) || c.word(i-1, kBy) // "by-election" is "by" and "election"
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		if c.word(j, electedPosts) || c.items[j].ref && c.r.is(electedPosts, c.r.doc.toks[c.items[j].tok].word) {
			// "मेयर चुनाव", "Speaker Election" (the Speaker named by title)
			h.vote = true
			break
		}
		if !c.word(j, genitive) && !c.word(j, localBodyWords) {
			break
		}
	}
	if !by && !h.vote && h.year == "" {
		return h, false
	}
	switch {
	case h.vote:
		h.rule.Name = "election-vote"
	case by:
		h.rule.Name = "by-election"
	}
	// its place: "चंडीगढ़ मेयर चुनाव", "गोरखपुर और फूलपुर लोकसभा उपचुनाव",
	// "पुणे की कसबा पेठ और चिंचवड सीटों पर … उपचुनाव"
	reach := 3
	if by {
		reach = 16
	}
	for j := i - 1; j >= 0 && j >= i-reach; j-- {
		if c.isEnt(j, domain.Place) {
			h.place = c.items[j].e.id
		}
		if c.isEnt(j, domain.Person, domain.Party) && !by {
			break
		}
	}
	return h, true
}

// placeRank orders places by how precisely they say where an event was.
var placeRank = map[string]int{"constituency": 0, "city": 0, "district": 1, "region": 2, "state": 3, "ut": 3, "country": 4}

// eventPlace is the most precise place the sentence says something happened
// in: "कोलकाता में", "पटना के राजभवन में", "in Mumbai", "at Raj Bhavan in
// Mumbai". A place in the genitive ("बंगाल की मुख्यमंत्री") is not where.
func (c *clause) eventPlace() string {
	best, rank := "", 99
	for i, it := range c.items {
		if c.word(i, thatWords) && (c.word(i-1, speechVerbs) || c.word(i-2, speechVerbs)) {
			break // a place in reported speech is not where the speaking was
		}
		if it.e == nil || it.e.typ != domain.Place || it.ref {
			continue
		}
		where := c.word(i+1, locativeAfter) || c.word(i-1, locativeBefore) || c.word(i+1, keKi) && c.venueAfter(i+2)
		if !where {
			continue
		}
		if k := c.r.placeRank(it.e.id); k < rank {
			best, rank = it.e.id, k
		}
	}
	return best
}

// venueAfter reports whether the words from i name a venue within the place
// before them: "पटना के राजभवन में", "लखनऊ के एक होटल में", "कोलकाता के
// नेताजी इंडोर स्टेडियम में" — one to three words, then में.
func (c *clause) venueAfter(i int) bool {
	for j := i; j < i+3 && j < len(c.items) && c.items[j].e == nil; j++ {
		if c.word(j+1, kMein) {
			return true
		}
	}
	return false
}

// dateline is the place of a dateline that opens the body ("Mumbai:",
// "Bengaluru, July 18, 2023:").
func (r *run) dateline() string {
	for _, s := range r.doc.sents {
		for i := s.start; i < s.end && i < s.start+5; i++ {
			m := r.cover[i]
			if m == nil || m.e.typ != domain.Place {
				continue
			}
			rest := r.doc.text[r.doc.toks[m.end-1].end:]
			if len(rest) > 0 && (rest[0] == ':' || rest[0] == ',') && i == s.start {
				return m.e.id
			}
		}
	}
	return ""
}

// actors lists the people, parties and coalitions a sentence names.
func (c *clause) actors() []string {
	var who []string
	for _, it := range c.items {
		if it.e != nil && (it.e.typ == domain.Person || it.e.typ == domain.Party || it.e.typ == domain.Coalition) && len(it.e.spans) > 0 {
			who = appendUnique(who, it.e.id)
		}
	}
	return who
}

// people lists the people a sentence names.
func (c *clause) people() []string {
	who := []string{}
	for _, it := range c.items {
		if it.e != nil && it.e.typ == domain.Person && len(it.e.spans) > 0 {
			who = appendUnique(who, it.e.id)
		}
	}
	return who
}

// articleState is the state the article reports from: the state of its
// dateline's city, or else the state it names most.
func (r *run) articleState() string {
	if id := r.dateline(); id != "" {
		for e := r.x.lex.Get(id); e != nil; e = r.x.lex.Get(e.Within) {
			if e.Kind == "state" || e.Kind == "ut" {
				return e.ID
			}
		}
	}
	best, n := "", 0
	for _, id := range r.sortedIDs() {
		e := r.ents[id]
		if e.typ == domain.Place && e.entry != nil && e.entry.Kind == "state" && len(e.spans) > n {
			best, n = id, len(e.spans)
		}
	}
	return best
}

// has reports whether the sentence has one of the words.
func (c *clause) has(words wordSet) bool {
	for i := range c.items {
		if c.word(i, words) {
			return true
		}
	}
	return false
}

func noParticipants(ts []told) bool {
	for _, t := range ts {
		if len(t.ev.Participants) > 0 {
			return false
		}
	}
	return true
}

func appendAll(dst, src []string) []string {
	for _, s := range src {
		dst = appendUnique(dst, s)
	}
	return dst
}
