package extract

import (
	"sort"
	"strings"

	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/lexicon"
)

// A wordSet names one of the grammar's word sets (words.go); an Extractor
// holds the words of each, from the lexicon's grammar files.
type wordSet int

// setNames holds the name of each wordSet, in the order declared.
var setNames []string

// grammarSet declares a word set the rules read by name.
func grammarSet(name string) wordSet {
	setNames = append(setNames, name)
	return wordSet(len(setNames) - 1)
}

// A confidence names the confidence of a rule without a trigger of its own;
// its value is data (lexicon/data/grammar/confidences.yaml).
type confidence int

// confidenceNames holds the name of each confidence, in the order declared.
var confidenceNames []string

// grammarConfidence declares a confidence the rules read by name.
func grammarConfidence(name string) confidence {
	confidenceNames = append(confidenceNames, name)
	return confidence(len(confidenceNames) - 1)
}

// The confidences of the rules that read alliances and events.
var (
	confAlliance          = grammarConfidence("alliance")
	confAmong             = grammarConfidence("among")
	confPraisedDefeating  = grammarConfidence("praised-for-defeating")
	confEvent             = grammarConfidence("event")
	confElectionYearGuess = grammarConfidence("election-year-guessed")
)

// A trigger is a word that states a relation, and where its roles stand
// (lexicon.Trigger, folded for matching).
type trigger struct {
	*lexicon.Trigger
	// markers are the Hindi case markers after the patient ("B की सराहना",
	// "B से मुलाकात"); nil means the patient stands right before the word
	// ("एनडीए छोड़कर").
	markers map[string]bool
	// english: the patient follows the word ("praised Modi").
	english bool
	// prev, when set, must be one of the words right before the trigger
	// (समान/बराबर before दूरी).
	prev map[string]bool
	// next, when set, must be within three words after the trigger (के साथ
	// खड़ी रहेगी).
	next map[string]bool
}

// setBits holds one bit per wordSet: the sets a word is in.
type setBits [4]uint64

// has reports whether the word is in the set; false for nil.
func (b *setBits) has(s wordSet) bool {
	return b != nil && b[s>>6]&(1<<(s&63)) != 0
}

// grammar is the lexicon's grammar folded for matching tokens.
type grammar struct {
	sets     []map[string]bool   // by wordSet
	bits     map[string]*setBits // word → the sets it is in
	triggers map[string][]*trigger
	// officeKeys holds the folded word sequences of offices by their first
	// word, longest first; officeByKey the office of each sequence.
	officesByFirst map[string][][]string
	officeByKey    map[string]string
	eventWords     map[string]domain.EventKind
	confidences    []float64 // by confidence
}

func newGrammar(lg *lexicon.Grammar) *grammar {
	g := &grammar{
		sets:           make([]map[string]bool, len(setNames)),
		triggers:       map[string][]*trigger{},
		officesByFirst: map[string][][]string{},
		officeByKey:    map[string]string{},
		eventWords:     map[string]domain.EventKind{},
	}
	if len(setNames) > len(setBits{})*64 {
		panic("extract: more word sets than setBits holds") // a programming error: widen setBits
	}
	g.bits = map[string]*setBits{}
	for i, name := range setNames {
		g.sets[i] = keySet(lg.Sets[name])
		for w := range g.sets[i] {
			b := g.bits[w]
			if b == nil {
				b = &setBits{}
				g.bits[w] = b
			}
			b[i>>6] |= 1 << (i & 63)
		}
	}
	g.confidences = make([]float64, len(confidenceNames))
	for i, name := range confidenceNames {
		g.confidences[i] = lg.Confidences[name]
	}
	for _, t := range lg.Triggers {
		tr := &trigger{Trigger: t, english: t.Patient == "after", prev: keySet(t.Prev), next: keySet(t.Next)}
		if len(t.Markers) > 0 {
			tr.markers = keySet(t.Markers)
		}
		for _, w := range t.Words {
			if keys := wordKeys(w); len(keys) > 0 {
				g.triggers[keys[0]] = append(g.triggers[keys[0]], tr)
			}
		}
	}
	var officeKeys [][]string
	for words, office := range lg.Offices {
		keys := wordKeys(words)
		if len(keys) == 0 {
			continue
		}
		officeKeys = append(officeKeys, keys)
		g.officeByKey[strings.Join(keys, " ")] = office
	}
	sort.Slice(officeKeys, func(i, j int) bool {
		if len(officeKeys[i]) != len(officeKeys[j]) {
			return len(officeKeys[i]) > len(officeKeys[j])
		}
		return strings.Join(officeKeys[i], " ") < strings.Join(officeKeys[j], " ")
	})
	for _, keys := range officeKeys {
		g.officesByFirst[keys[0]] = append(g.officesByFirst[keys[0]], keys)
	}
	for _, kind := range domain.EventKinds {
		for _, w := range lg.Events[kind] {
			if keys := wordKeys(w); len(keys) > 0 {
				g.eventWords[keys[0]] = kind
			}
		}
	}
	return g
}

// keySet folds words into a set of token words; a phrase adds each of its
// words. Nil for no words.
func keySet(words []string) map[string]bool {
	if len(words) == 0 {
		return nil
	}
	m := make(map[string]bool, len(words))
	for _, w := range words {
		for _, k := range wordKeys(w) {
			m[k] = true
		}
	}
	return m
}

// conf is the confidence of a rule.
func (g *grammar) conf(c confidence) float64 { return g.confidences[c] }

// has reports whether the folded word k is in the set.
func (g *grammar) has(s wordSet, k string) bool { return g.sets[s][k] }

// officeWord reports whether a word begins the name of an office.
func (g *grammar) officeWord(k string) bool { return len(g.officesByFirst[k]) > 0 }

// officeOf returns the office named by a sequence from officesByFirst.
func (g *grammar) officeOf(keys []string) string { return g.officeByKey[strings.Join(keys, " ")] }

// is reports whether the folded word k is in the set.
func (r *run) is(s wordSet, k string) bool { return r.g.sets[s][k] }
