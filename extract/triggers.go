package extract

import "github.com/netagraph/netagraph/domain"

// triggers read the relations stated by a word: praise, criticism,
// opposition, meetings, alliances, equal distance, joining and leaving.
func (c *clause) triggers() {
	for t, it := range c.items {
		if it.e != nil {
			continue
		}
		for _, tr := range c.r.g.triggers[it.key] {
			if tr.prev != nil && !c.wordIn(t-1, tr.prev) && !c.wordIn(t-2, tr.prev) && !(tr.english && c.wordIn(t+1, tr.prev)) {
				continue
			}
			if tr.next != nil && !(c.wordIn(t+1, tr.next) || c.wordIn(t+2, tr.next) || c.wordIn(t+3, tr.next)) {
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
			} else {
				patient, start = c.before(t, tr.markers, tr.Gap)
			}
			if len(patient) == 0 {
				if tr.Relation.Symmetric() {
					c.among(tr.Relation, t) // "अखिलेश और ममता की मुलाकात", "Mamata and Akhilesh met"
				}
				continue
			}
			agent := c.agent(start, patient)
			if len(agent) == 0 {
				continue
			}
			conf := tr.Confidence
			rel := tr.Relation
			if rel == domain.Joined && c.governmentAfter(patient) {
				rel = domain.AlliedWith // "joined the Shiv Sena-BJP government"
			}
			c.add(rel, agent, patient, conf, nil)
			// "Y को हराने के लिए X की सराहना": X defeated Y
			if tr.Relation == domain.Praised {
				c.praisedForDefeating(start, patient)
			}
		}
		if c.r.is(allianceWords, it.key) {
			c.alliance(t)
		}
	}
}

// wordIn is word for a trigger's own words.
func (c *clause) wordIn(i int, words map[string]bool) bool {
	return i >= 0 && i < len(c.items) && c.items[i].e == nil && words[c.items[i].key]
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
