package extract

import "github.com/netagraph/netagraph/domain"

// resolveReferences turns titles without a name ("सपा प्रमुख ने कहा"),
// pronouns ("उन्होंने", "he") and a leader's "हम" / "हमारी पार्टी" into
// mentions of the entity they stand for. Only entities the article names are
// referred to.
func (r *run) resolveReferences() {
	toks := r.doc.toks
	var subj *ent      // the last person who was the subject of a clause
	var lastParty *ent // the last party named
	for i := 0; i < len(toks); i++ {
		if m := r.cover[i]; m != nil {
			if m.e.typ == domain.Person && i == m.start && r.isSubject(m) {
				subj = m.e
			}
			if m.e.typ == domain.Party && !m.ref {
				lastParty = m.e
			}
			i = m.end - 1
			continue
		}
		if r.phrase[i] != nil {
			continue
		}
		k := toks[i].word
		switch {
		case r.is(partyWords, k) && lastParty != nil && i+1 < len(toks) && (r.is(memberTitles, toks[i+1].word) || r.is(leaderTitles, toks[i+1].word) || toks[i+1].word == "ने" ||
			r.partyTitleAfter(i+1) || r.is(partyLeaveWords, toks[i+1].word) ||
			i > 1 && toks[i-1].word == "the" && r.is(partyLeaveWords, toks[i-2].word)) && !r.otherPartyLater(i, lastParty):
			// "पार्टी छोड़ चुके हैं", "पार्टी से नाता तोड़ा", "quit the party": the party just named
			// "पार्टी के प्रदेश प्रभारी अविनाश पांडे": the party's post
			// "पार्टी महासचिव जयराम रमेश", "पार्टी ने कहा": the party just named
			r.addMention(lastParty, i, i+1, true)
		case r.g.officeWord(k):
			if end, p, office := r.officeRef(i); p != nil {
				m := r.addMention(p, i, end, true)
				if pl := r.officePlace(p, office, true); pl != nil {
					r.addRelation(domain.HoldsOffice, p, pl, 0.75, toks[i].sent, map[string]any{"office": office, "current": true})
				}
				if r.isSubject(m) {
					subj = p
				}
				i = end - 1
			}
		case r.is(leaderTitles, k):
			if p := r.leaderRef(i); p != nil {
				m := r.addMention(p, i, i+1, true)
				if r.isSubject(m) {
					subj = p
				}
			}
		case r.is(possessives, k) && subj != nil:
			if i+1 < len(toks) && r.is(partyWords, toks[i+1].word) {
				if p := r.partyOf(subj); p != nil {
					r.addMention(p, i, i+2, true)
					i++
				}
			}
		case r.is(personPronouns, k) && subj != nil:
			if i+1 < len(toks) && r.is(partyWords, toks[i+1].word) {
				if p := r.partyOf(subj); p != nil {
					r.addMention(p, i, i+2, true)
					i++
					continue
				}
			}
			r.addMention(subj, i, i+1, true)
		case r.is(weKeys, k) && subj != nil:
			if p := r.partyOf(subj); p != nil {
				end := i + 1
				if end < len(toks) && r.is(partyWords, toks[end].word) {
					end++
				}
				r.addMention(p, i, end, true)
				i = end - 1
			}
		}
	}
}

// isSubject reports whether a person mention is a clause's subject: marked
// by ने, or the first name of its sentence.
func (r *run) isSubject(m *mention) bool {
	toks := r.doc.toks
	if m.end < len(toks) && toks[m.end].word == "ने" {
		return true
	}
	s := r.doc.sents[toks[m.start].sent]
	for j := s.start; j < m.start; j++ {
		if c := r.cover[j]; c != nil && c.e.typ == domain.Person {
			return false
		}
	}
	return true
}

// leaderRef resolves a leader title at token i with no name after it ("सपा
// प्रमुख ने") to the person the article names who leads that party.
func (r *run) leaderRef(i int) *ent {
	toks := r.doc.toks
	if i+1 < len(toks) && toks[i+1].sent == toks[i].sent {
		if c := r.cover[i+1]; c != nil && c.e.typ == domain.Person {
			return nil // the name follows: an apposition, read by the relation rules
		}
	}
	j := i - 1
	for j >= 0 && r.is(titleGlue, toks[j].word) && r.cover[j] == nil {
		j--
	}
	if j < 0 || j < i-3 || toks[j].sent != toks[i].sent {
		return nil
	}
	c := r.cover[j]
	if c == nil || c.ref || (c.e.typ != domain.Party && c.e.typ != domain.Coalition) {
		return nil
	}
	var found *ent
	for _, id := range r.x.lex.Leaders(c.e.id) {
		if p := r.ents[id]; p != nil && len(p.spans) > 0 {
			if found != nil {
				return nil // two named leaders: cannot tell
			}
			found = p
		}
	}
	if found != nil {
		r.addRelation(domain.Leads, found, c.e, 0.85, toks[i].sent, nil)
	}
	return found
}

// partyOf returns the named party a person belongs to or leads.
func (r *run) partyOf(p *ent) *ent {
	if p.entry == nil {
		return nil
	}
	ids := append([]string{p.entry.Party}, p.entry.Leads...)
	for _, id := range ids {
		if x := r.ents[id]; x != nil && len(x.spans) > 0 && x.typ == domain.Party {
			return x
		}
	}
	return nil
}

// officeRef resolves an office named without a person ("मुख्यमंत्री ने
// कहा", "the Prime Minister said") to the one person the article names who
// holds it now, by the lexicon. It returns the end of the office's words.
func (r *run) officeRef(i int) (int, *ent, string) {
	toks := r.doc.toks
	for _, keys := range r.g.officesByFirst[toks[i].word] {
		end := i + len(keys)
		if end > len(toks) {
			continue
		}
		ok := true
		for n, k := range keys {
			if toks[i+n].word != k || r.cover[i+n] != nil || toks[i+n].sent != toks[i].sent {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		if end < len(toks) && toks[end].sent == toks[i].sent {
			if c := r.cover[end]; c != nil && c.e.typ == domain.Person {
				return i, nil, "" // the name follows: read by the relation rules
			}
			if r.is(titleWords, toks[end].word) || r.cover[end] != nil && r.cover[end].e.typ == domain.Party {
				return i, nil, "" // "मुख्यमंत्री और जेडीयू नेता नीतीश कुमार"
			}
		}
		if i > 1 && r.is(forWords, toks[i-1].word) && (r.is(memberTitles, toks[i-2].word) || r.is(nomineeWords, toks[i-2].word)) {
			return i, nil, "" // "its candidate for Speaker": not the holder
		}
		if i > 0 && (r.is(former, toks[i-1].word) || toks[i-1].word == "उप" || toks[i-1].word == "deputy") {
			return i, nil, ""
		}
		if end < len(toks) && toks[end].sent == toks[i].sent && r.is(postWords, toks[end].word) {
			return i, nil, "" // "मुख्यमंत्री पद की शपथ ली": the post, not whoever holds it now
		}
		office := r.g.officeOf(keys)
		// "Bihar Chief Minister and JD(U) president …": the office of the place named
		var at *ent
		j := i - 1
		for j >= 0 && r.is(genitive, toks[j].word) && r.cover[j] == nil {
			j--
		}
		if j >= 0 && toks[j].sent == toks[i].sent && r.cover[j] != nil && r.cover[j].e.typ == domain.Place {
			at = r.cover[j].e
		}
		before := i - 1
		if at != nil {
			for before = j - 1; before >= 0 && r.cover[before] == r.cover[j]; before-- {
			}
		}
		if before >= 0 && toks[before].sent == toks[i].sent && (r.is(becameWords, toks[before].word) || r.is(asWords, toks[before].word)) {
			// "X बने (महाराष्ट्र के) मुख्यमंत्री", "X was sworn in as Chief Minister":
			// who became it, read by the relation rules
			return i, nil, ""
		}
		var found *ent
		for _, id := range r.sortedIDs() {
			p := r.ents[id]
			if p.typ != domain.Person || p.entry == nil || len(p.spans) == 0 {
				continue
			}
			for _, o := range p.entry.Offices {
				if o.Office == office && o.IsCurrent() && (at == nil || o.Place == at.id) {
					if found != nil && found != p {
						return i, nil, "" // two holders named: cannot tell
					}
					found = p
				}
			}
		}
		return end, found, office
	}
	return i, nil, ""
}

// partyTitleAfter reports whether a party's post follows token i: "के
// प्रदेश प्रभारी", "के केंद्रीय पर्यवेक्षक", "के महासचिव".
func (r *run) partyTitleAfter(i int) bool {
	toks := r.doc.toks
	if i >= len(toks) || !r.is(genitive, toks[i].word) {
		return false
	}
	for j := i + 1; j < len(toks) && j <= i+3 && toks[j].sent == toks[i].sent; j++ {
		w := toks[j].word
		if r.is(memberTitles, w) || r.is(leaderTitles, w) {
			return true
		}
		if !r.is(subUnit, w) && !r.is(appositionGlue, w) {
			return false
		}
	}
	return false
}

// otherPartyLater reports whether the sentence of token i names, after it,
// a party other than p: then "पार्टी" may be that one ("पार्टी के वरिष्ठ
// नेता X ने भाजपा मुख्यालय में कहा").
func (r *run) otherPartyLater(i int, p *ent) bool {
	toks := r.doc.toks
	for j := i + 1; j < len(toks) && toks[j].sent == toks[i].sent; j++ {
		if m := r.cover[j]; m != nil && m.e.typ == domain.Party && m.e != p {
			return true
		}
	}
	return false
}
