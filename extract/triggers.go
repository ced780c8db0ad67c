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
			if tr.Relation == domain.Opposes && c.word(t+1, pastAux) {
				continue // "हरा दिया": a defeat, read by its own trigger
			}
			if tr.Relation == domain.Defeated && c.word(t+1, passiveAux) {
				continue // "भाजपा को हराया जा सकता है": not a defeat that happened
			}
			c.r.rule = domain.Rule{Name: "trigger", Entry: tr.ID, Word: c.r.doc.toks[it.tok].orig, Source: tr.Source}
			var patient []*ent
			start := -1
			if tr.english {
				patient, _ = c.after(t, 3)
				start = t
			} else {
				patient, start = c.before(t, tr.markers, tr.Gap)
				if len(patient) == 0 && tr.markers != nil {
					patient, start = c.farPatient(t, tr.markers)
				}
				if len(patient) == 0 {
					patient = c.verbFirstPatient(t, tr.markers) // "X ने तोड़ा Y से नाता"
				}
				if len(patient) == 0 && tr.Relation == domain.Criticized {
					// "नायडू ने आरोप लगाया कि भाजपा …": the one the charge is about
					if p := c.reportedSubject(t); len(p) > 0 {
						patient, start = p, t
					}
				}
			}
			if len(patient) == 0 {
				if tr.Relation.Symmetric() {
					c.among(tr.Relation, t) // "अखिलेश और ममता की मुलाकात", "Mamata and Akhilesh met"
				}
				continue
			}
			agent := c.participleAgent(t, patient) // nil: no participle; empty: no agent
			if agent == nil {
				agent = c.agent(start, patient)
			}
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
			c.r.rule = domain.Rule{Name: "alliance", Entry: "allianceWords", Word: c.r.doc.toks[it.tok].orig}
			c.alliance(t)
		}
		if c.r.is(governmentWords, it.key) && c.isEnt(t-1, domain.Party) && c.isEnt(t-2, domain.Party) && c.items[t-1].punct && !c.commaBefore(t-1) {
			c.r.rule = domain.Rule{Name: "alliance", Entry: "governmentWords", Word: c.r.doc.toks[it.tok].orig}
			c.alliance(t) // "the JD(S)-Congress government", "शिवसेना-भाजपा सरकार"
		}
		if c.r.is(allyWords, it.key) {
			c.r.rule = domain.Rule{Name: "ally-of", Entry: "allyWords", Word: c.r.doc.toks[it.tok].orig}
			c.allyOf(t)
		}
		if c.r.is(lossWords, it.key) {
			c.r.rule = domain.Rule{Name: "lost-to", Entry: "lossWords", Word: c.r.doc.toks[it.tok].orig}
			c.lostTo(t)
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
			c.r.addRelation(domain.AlliedWith, g[a], g[b], c.r.g.conf(confAlliance), c.s, nil)
		}
	}
}

// praisedForDefeating reads "2021 में बीजेपी को हराने के लिए ममता बनर्जी की
// सराहना": the one praised defeated the one before हराने.
func (c *clause) praisedForDefeating(praisedAt int, praised []*ent) {
	for j := praisedAt - 1; j >= 0 && j >= praisedAt-5; j-- {
		if c.word(j, defeatWords) && c.word(j-1, kKo) && c.isEnt(j-2, actors...) {
			c.r.rule = domain.Rule{Name: "praised-for-defeating", Entry: "defeatWords", Word: c.r.doc.toks[c.items[j].tok].orig}
			c.add(domain.Defeated, praised, []*ent{c.items[j-2].e}, c.r.g.conf(confPraisedDefeating), nil)
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
				// "MVA, which brings together the NCP, …", "The Mahajot included
				// Badruddin Ajmal's AIUDF and the BPF"
				c.add(domain.MemberOf, c.partiesListed(j+1), []*ent{it.e}, 0.8, nil)
				break
			}
		}
		// "इंडिया गठबंधन के घटक दल तृणमूल कांग्रेस", "NDA allies Ram Vilas Paswan of the LJP, …", "NDA partners TDP and JD(U)"
		if j := i + 1; c.word(j, allyWords) || c.word(j, genitive) && c.word(j+1, allyWords) {
			for c.word(j, genitive) || c.word(j, allyWords) || c.word(j, partyNouns) {
				j++
			}
			c.add(domain.MemberOf, c.partiesListed(j), []*ent{it.e}, 0.75, nil)
		}
		// "शिवसेना, एनसीपी और कांग्रेस की महा विकास आघाडी सरकार": a list of parties owns the coalition
		if c.word(i-1, genitive) {
			k := i - 2
			if c.word(k, partyNouns) && c.word(k-2, coordinators) && c.isEnt(k-3, domain.Party) {
				k -= 3 // "राजद, कांग्रेस और वाम दलों की": a kind of party ends the list
			}
			if g, _ := c.groupEndingAt(k); len(parties(g)) > 1 || len(g) == 1 && k < i-2 {
				c.add(domain.MemberOf, parties(g), []*ent{it.e}, 0.75, nil)
			}
		}
		// "जदयू, राजद और कांग्रेस ने महागठबंधन बनाकर चुनाव लड़ा"
		if c.word(i+1, formWords) && c.word(i-1, kNe) && c.isEnt(i-2, domain.Party) {
			if g, _ := c.groupEndingAt(i - 2); len(parties(g)) > 1 {
				c.add(domain.MemberOf, parties(g), []*ent{it.e}, 0.75, nil)
			}
		}
		// "… सरकार, जिसमें शिवसेना के साथ राकांपा और कांग्रेस शामिल थीं"
		for j := i + 1; j < len(c.items) && j <= i+6; j++ {
			if c.word(j, relativeWords) {
				var g []*ent
				k := j + 1
				for ; k < len(c.items) && k <= j+12; k++ {
					if c.isEnt(k, domain.Party) {
						g = append(g, c.items[k].e)
					} else if !c.word(k, coordinators) && !c.word(k, withWords) && !c.word(k, genitive) {
						break
					}
				}
				if len(g) > 0 && c.word(k, joinedWords) {
					c.add(domain.MemberOf, g, []*ent{it.e}, 0.75, nil)
				}
				break
			}
		}
		// "कांग्रेस इंडिया गठबंधन की सबसे बड़ी पार्टी बनी", "the largest party in the NDA"
		if c.word(i+1, genitive) {
			for j := i + 2; j < len(c.items) && j <= i+5; j++ {
				if c.word(j, partyNouns) {
					if a := c.agent(i, nil); len(parties(a)) > 0 && !c.negated(j) {
						c.add(domain.MemberOf, parties(a), []*ent{it.e}, 0.7, nil)
					}
					break
				}
				if c.items[j].e != nil {
					break
				}
			}
		}
	}
	c.genericCoalition()
}

// partiesListed returns the parties of a list starting at item i, the
// people in it standing for theirs when the text names it ("Badruddin
// Ajmal's AIUDF", "Ram Vilas Paswan of the Lok Janshakti Party").
func (c *clause) partiesListed(i int) []*ent {
	var out []*ent
	for j := i; j < len(c.items) && j <= i+25; j++ {
		switch {
		case c.isEnt(j, domain.Party):
			out = append(out, c.items[j].e)
		case c.isEnt(j, domain.Person), c.word(j, coordinators), c.word(j, kThe), c.word(j, kOf), c.word(j, genitive),
			c.items[j].key == "s", c.items[j].punct && c.capitalised(j):
		default:
			if !c.items[j].punct || c.word(j, clauseBreaks) {
				return out
			}
		}
	}
	return out
}

// genericCoalition reads a coalition called by its common noun after the
// article named it: "कांग्रेस, आप, सपा … समेत गठबंधन के कई घटक दलों के
// नेता" — the parties listed before समेत are members of the last
// coalition named.
func (c *clause) genericCoalition() {
	for i, it := range c.items {
		if it.e != nil || !c.word(i, coalitionNouns) || !c.word(i+1, genitive) || !c.word(i-1, includingWords) {
			continue
		}
		co := c.r.lastCoalition(c.items[i].tok)
		if co == nil {
			continue
		}
		k := i - 2
		for c.word(k, fillers) || c.word(k, partyNouns) {
			k--
		}
		var g []*ent
		for ; k >= 0; k-- {
			if c.isEnt(k, domain.Party) {
				g = append(g, c.items[k].e)
			} else if !c.word(k, coordinators) && !c.items[k+1].punct && !c.word(k+1, partyNouns) {
				break // "… और वाम दलों समेत": a kind of party may stand in the list
			}
		}
		c.add(domain.MemberOf, g, []*ent{co}, 0.7, nil)
	}
}

// lastCoalition is the coalition named last before token t.
func (r *run) lastCoalition(t int) *ent {
	for i := t - 1; i >= 0; i-- {
		if m := r.cover[i]; m != nil && m.e.typ == domain.Coalition {
			return m.e
		}
	}
	return nil
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
			c.r.addRelation(rel, g[a], g[b], c.r.g.conf(confAmong), c.s, nil)
		}
	}
}

// farPatient finds a patient marked by पर far before the trigger at t, within
// the clause of its agent: "सुरजेवाला ने भाजपा पर गहलोत सरकार को गिराने की
// साजिश रचने का आरोप लगाया".
func (c *clause) farPatient(t int, markers map[string]bool) ([]*ent, int) {
	for j := t - 1; j > 0 && j >= t-16; j-- {
		if c.word(j, kNe) || c.items[j].e != nil && c.items[j].ref && c.r.is(ergative, c.r.doc.toks[c.items[j].tok].word) {
			return nil, -1 // the agent: no patient between it and the trigger
		}
		if c.word(j, farMarkers) && markers[c.items[j].key] && c.isEnt(j-1) && c.agentBefore(j-1) {
			return c.groupEndingAt(j - 1)
		}
	}
	return nil, -1
}

// agentBefore reports whether an agent marked by ने stands before item i.
func (c *clause) agentBefore(i int) bool {
	for j := i - 1; j >= 0; j-- {
		if c.word(j, kNe) && c.isEnt(j-1, actors...) || c.items[j].ref && c.r.is(ergative, c.r.doc.toks[c.items[j].tok].word) {
			return true
		}
		if c.word(j, kNe) && (c.word(j-1, memberTitles) || c.word(j-1, leaderTitles)) && c.isEnt(j-2, domain.Party) {
			return true // "भाजपा प्रवक्ता ने राहुल पर तंज कसते हुए कहा"
		}
	}
	return false
}

// participleAgent finds the agent of a trigger in a participial clause,
// who comes after it: "मोदी पर निशाना साधते हुए मायावती ने कहा", "भाजपा पर
// हमला बोलते हुए उन्होंने कहा", "Attacking the BJP, Kharge said". It
// returns nil when the trigger is no participle.
func (c *clause) participleAgent(t int, patient []*ent) []*ent {
	from := -1
	if c.english() {
		w := c.items[t].key
		if len(w) <= 3 || w[len(w)-3:] != "ing" {
			return nil
		}
		if c.word(t-1, forWords) {
			// "X praised Mamata Banerjee for defeating the BJP": the one praised
			for j := t - 2; j >= 0 && j >= t-5; j-- {
				if c.isEnt(j, actors...) {
					if contains(patient, c.items[j].e) {
						return []*ent{}
					}
					g, _ := c.groupEndingAt(j)
					return g
				}
			}
			return []*ent{}
		}
		if !c.clauseStart(t) {
			// "The BJP won 163 seats, defeating the Congress": the sentence's subject
			for j := 0; j < t; j++ {
				if c.isEnt(j, actors...) && !c.titled(j) && !c.word(j-1, prepositions) && !(c.word(j-1, kThe) && c.word(j-2, prepositions)) {
					if contains(patient, c.items[j].e) {
						return []*ent{} // "He attacked Amit Shah, accusing him": not the other way round
					}
					g, _ := c.groupStartingAt(j)
					return g
				}
			}
			return []*ent{}
		}
		for j := t + 1; j < len(c.items); j++ {
			if c.items[j].punct {
				from = j
				break
			}
		}
	} else {
		if c.agentBefore(t) {
			return nil // "मायावती ने X की तारीफ करते हुए कहा": the agent is told before
		}
		for j := t + 1; j < len(c.items) && j <= t+5; j++ {
			if c.word(j, participles) {
				from = j + 1
				break
			}
			if c.word(j, waleWords) && c.isEnt(j+1, actors...) && !contains(patient, c.items[j+1].e) {
				// "गहलोत के खिलाफ बगावत का झंडा उठाने वाले सचिन पायलट"
				return []*ent{c.items[j+1].e}
			}
			if c.items[j].e != nil {
				break
			}
		}
	}
	if from < 0 {
		return nil
	}
	for j := from; j < len(c.items) && j <= from+8; j++ {
		it := c.items[j]
		if it.e == nil {
			continue
		}
		if it.ref && c.r.is(ergative, c.r.doc.toks[it.tok].word) || c.isEnt(j, actors...) && !contains(patient, it.e) && !c.titled(j) && (c.english() || c.word(j+1, kNe) || !c.word(j+1, objectMarkers)) {
			if it.ref {
				return []*ent{it.e}
			}
			g, _ := c.groupStartingAt(j)
			return g
		}
	}
	return nil
}

// clauseStart reports whether only adverbs stand before item t in its
// clause: "Attacking the BJP, …", "Earlier, taking a swipe at …".
func (c *clause) clauseStart(t int) bool {
	for j := t - 1; j >= 0; j-- {
		if c.items[j].e != nil || !c.capitalised(j) && !c.word(j, alsoWords) {
			return false
		}
	}
	return true
}

// lostTo reads a defeat told from the loser's side: "नंदीग्राम में शुभेंदु
// अधिकारी से हारीं ममता", "X, Y से हार गए": Y defeated X.
func (c *clause) lostTo(t int) {
	if c.word(t, lossWords) && c.items[t].key == "हार" && !c.word(t+1, lossAux) {
		return // "हार" alone is the noun, defeat
	}
	if !c.word(t-1, kSe) || !c.isEnt(t-2, actors...) || c.negated(t) {
		return
	}
	winners, start := c.groupEndingAt(t - 2)
	loser := c.agent(start, winners)
	if len(loser) == 0 {
		// "… से हारीं दीदी": the loser after the verb
		for j := t + 1; j < len(c.items) && j <= t+3; j++ {
			if c.isEnt(j, actors...) {
				loser = []*ent{c.items[j].e}
				break
			}
		}
	}
	c.add(domain.Defeated, winners, loser, 0.75, nil)
}

// reportedSubject is the subject of the clause "कि …" right after the
// trigger at t: "X ने आरोप लगाया कि भाजपा …".
func (c *clause) reportedSubject(t int) []*ent {
	for j := t + 1; j < len(c.items) && j <= t+3; j++ {
		if c.items[j].e != nil {
			return nil
		}
		if c.word(j, thatWords) {
			for k := j + 1; k < len(c.items) && k <= j+3; k++ {
				if c.isEnt(k, actors...) && !c.items[k].ref && !c.word(k+1, objectMarkers) {
					g, _ := c.groupStartingAt(k)
					return g
				}
			}
			return nil
		}
	}
	return nil
}

// allyOf reads "द्रमुक राज्य में कांग्रेस की पुरानी सहयोगी है", "the TDP, an
// ally of the BJP": the subject is allied with the party whose ally it is.
func (c *clause) allyOf(t int) {
	var party *ent
	if c.english() {
		if c.word(t+1, kOf) {
			k := t + 2
			for c.word(k, kThe) {
				k++
			}
			if c.isEnt(k, domain.Party) {
				party = c.items[k].e
			}
		}
	} else {
		k := t - 1
		if k > 0 && c.items[k].e == nil && !c.word(k, genitive) {
			k-- // "की पुरानी सहयोगी"
		}
		if c.word(k, genitive) && c.isEnt(k-1, domain.Party) && c.word(t+1, isWords) {
			party = c.items[k-1].e
		}
	}
	if party == nil || c.negated(t) {
		return
	}
	for _, a := range c.agent(t, []*ent{party}) {
		if a.typ == domain.Party {
			c.r.addRelation(domain.AlliedWith, a, party, 0.7, c.s, nil)
		}
	}
}

// verbFirstPatient reads the headline word order that puts the verb right
// after the agent and before the patient: "X ने छोड़ा Y का साथ", "X ने तोड़ा
// Y से गठबंधन", "X ने हराया Y को". The patient is the names in the three
// words after the verb, followed by the trigger's case marker (without
// markers: by a genitive, a comma or the clause's end — not "के लिए").
func (c *clause) verbFirstPatient(t int, markers map[string]bool) []*ent {
	if !c.word(t-1, kNe) || !c.isEnt(t-2, actors...) {
		return nil
	}
	for j := t + 1; j < len(c.items) && j <= t+3; j++ {
		if c.items[j].punct || c.word(j, negations) || c.word(j, clauseBreaks) {
			return nil
		}
		if c.items[j].e == nil {
			continue
		}
		g, end := c.groupStartingAt(j)
		next := end + 1
		switch {
		case markers != nil:
			if next < len(c.items) && markers[c.items[next].key] {
				return g
			}
		case next >= len(c.items) || c.items[next].punct:
			return g
		case c.word(next, genitive) && !c.word(next+1, benefactive):
			return g
		}
		return nil
	}
	return nil
}
