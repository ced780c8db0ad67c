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
	var all []told
	lastPlace := ""
	dateline := r.dateline()
	last, lastSent := -1, -1 // the events the last sentence with events told: all[last:]
	for s, sent := range r.doc.sents {
		c := &clause{r: r, s: s, items: r.items(s)}
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
			}
			continue
		}
		last, lastSent = len(all), s
		place := c.eventPlace()
		ownPlace := place != ""
		if place == "" {
			place = lastPlace
		}
		if place == "" {
			place = dateline
		}
		date := r.dates.sentenceDate(s)
		ownDate := date != ""
		if date == "" {
			date = r.dates.refDate()
		}
		who := c.actors()
		for _, k := range kinds {
			ev := domain.Event{Kind: k.kind, Date: date, Place: place, Participants: append([]string{}, who...), Evidence: sent.text, Confidence: 0.7}
			if k.kind == domain.Election {
				ev.Date, ev.Place, ev.Participants = k.year, k.place, []string{}
				if ev.Date == "" && r.dates.maxYear > 0 {
					// "लोकसभा चुनाव" with no year: the latest year the article names
					ev.Date, ev.Confidence = fmt.Sprint(r.dates.maxYear), 0.5
				}
				if ev.Date == "" {
					continue
				}
			}
			all = append(all, told{ev: ev, head: sent.para < 2, ownDate: ownDate || k.kind == domain.Election, ownPlace: ownPlace})
		}
		if ownPlace {
			lastPlace = place
		}
	}
	r.placeHeadlines(all)
	r.mergeEvents(all)
}

// placeHeadlines gives an event told in the headline or standfirst, where no
// date or place is at hand, the date and place of the same event told in the
// body: same kind, a participant in common.
func (r *run) placeHeadlines(all []told) {
	for i := range all {
		h := &all[i]
		if !h.head || h.ownDate && h.ownPlace {
			continue
		}
		for _, b := range all {
			if b.head || b.ev.Kind != h.ev.Kind || !shareAny(b.ev.Participants, h.ev.Participants) {
				continue
			}
			if !h.ownDate {
				h.ev.Date = b.ev.Date
			}
			if !h.ownPlace {
				h.ev.Place = b.ev.Place
			}
			break
		}
	}
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
	for _, t := range all {
		ev := t.ev
		key := string(ev.Kind) + "|" + ev.Date + "|" + ev.Place
		if i, ok := seen[key]; ok {
			for _, p := range ev.Participants {
				r.events[i].Participants = appendUnique(r.events[i].Participants, p)
			}
			continue
		}
		seen[key] = len(r.events)
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
				h := eventHit{kind: domain.EventKind(p.Event)}
				if h.kind == domain.Election {
					h.year = c.yearNear(i)
					if c.isEnt(i-1, domain.Place) {
						h.place = c.items[i-1].e.id
					}
				}
				addKind(h)
			}
			continue
		}
		k, ok := c.r.g.eventWords[it.key]
		if ok && c.word(i+1, keKi) && c.word(i+2, afterBefore) || ok && c.word(i-1, afterBefore) && c.english() {
			continue // "मुलाकात के बाद", "after the meeting": an event told elsewhere
		}
		if !ok {
			if c.word(i, talkWords) && c.word(i-1, kSe) && c.word(i-2, mediaWords) {
				addKind(eventHit{kind: domain.PressConference})
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
				c.word(i-1, thisWords) && c.word(i-2, keKi) && c.isEnt(i-3, domain.Party) {
				k = domain.PartyMeeting // "पार्टी की बैठक", "पार्टी नेताओं की बैठक"
			}
			if it.key == "met" || it.key == "meet" {
				if c.word(i+1, theWith) && c.word(i+2, pressWords) {
					k = domain.PressConference
				}
			}
		case domain.Rally:
			if c.word(i-1, pressBefore) {
				k = domain.PressConference
			}
			if it.key == "रोड" && !c.word(i+1, kShow) {
				continue
			}
		case domain.PressConference:
			if (it.key == "वार्ता" && !c.word(i-1, journoWords)) || (it.key == "conference" && !c.word(i-1, pressNews)) {
				continue
			}
			if (it.key == "reporters" || it.key == "journalists") && !c.word(i-1, briefWords) {
				continue
			}
		case domain.SwearingIn:
			if it.key == "sworn" && !c.word(i+1, kIn) {
				continue
			}
		}
		addKind(eventHit{kind: k})
	}
	return out
}

// yearNear finds the year written beside an election's name: "लोकसभा चुनाव
// 2024", "2021 में पश्चिम बंगाल विधानसभा चुनाव", "the 2024 Lok Sabha elections".
func (c *clause) yearNear(i int) string {
	for _, d := range []int{1, -1, 2, -2, -3, 3} {
		j := i + d
		if j >= 0 && j < len(c.items) && c.items[j].e == nil {
			if y, ok := yearOf(c.items[j].key); ok {
				return fmt.Sprint(y)
			}
		}
	}
	return ""
}

// placeRank orders places by how precisely they say where an event was.
var placeRank = map[string]int{"constituency": 0, "city": 0, "district": 1, "region": 2, "state": 3, "ut": 3, "country": 4}

// eventPlace is the most precise place the sentence says something happened
// in: "कोलकाता में", "पटना के राजभवन में", "in Mumbai", "at Raj Bhavan in
// Mumbai". A place in the genitive ("बंगाल की मुख्यमंत्री") is not where.
func (c *clause) eventPlace() string {
	best, rank := "", 99
	for i, it := range c.items {
		if c.word(i, thatWords) {
			break // a place in reported speech is not where the speaking was
		}
		if it.e == nil || it.e.typ != domain.Place || it.ref {
			continue
		}
		where := c.word(i+1, locativeAfter) || c.word(i-1, locativeBefore) ||
			c.word(i+1, keKi) && (c.word(i+3, kMein) && c.items[i+2].e == nil)
		if !where {
			continue
		}
		k := 2
		if it.e.entry != nil {
			if v, ok := placeRank[it.e.entry.Kind]; ok {
				k = v
			}
		}
		if k < rank {
			best, rank = it.e.id, k
		}
	}
	return best
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
