// Package synth composes a synthetic news corpus from the lexicon: Hindi and
// English political stories built from sentence templates filled with the
// lexicon's leaders, parties, alliances, places and dates, and with people
// the lexicon does not know. The same seed gives the same corpus, and article
// i is the same whatever the corpus size, so it can be generated in parallel
// and a corpus of 10,000 starts with the corpus of 100.
//
// It exists to measure and test the bulk loader (make bench-load, the kill
// and restart tests); its articles are not news and say nothing true.
package synth

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"github.com/netagraph/netagraph/lexicon"
)

// Article is one synthetic article in the loader's JSON lines form.
type Article struct {
	ID          string `json:"id,omitempty"`
	URL         string `json:"url,omitempty"`
	Title       string `json:"title"`
	Body        string `json:"body"`
	PublishedAt string `json:"publishedAt,omitempty"`
	Lang        string `json:"lang,omitempty"`
	Source      string `json:"source,omitempty"`
}

// Generator composes articles from one lexicon and seed.
type Generator struct {
	seed     uint64
	leaders  []person // people who lead a party the lexicon knows
	members  []person // people with a party
	parties  []*lexicon.Entry
	coals    []*lexicon.Entry
	cities   []place
	lex      *lexicon.Lexicon
	earliest time.Time
}

type person struct {
	e     *lexicon.Entry
	party *lexicon.Entry
}

type place struct {
	city, state *lexicon.Entry
}

// New indexes the lexicon for composing articles.
func New(lex *lexicon.Lexicon, seed uint64) *Generator {
	g := &Generator{seed: seed, lex: lex, earliest: time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)}
	usable := func(e *lexicon.Entry) bool { return e != nil && e.Name != "" && e.NameHi != "" }
	for _, e := range lex.Entries {
		if !usable(e) {
			continue
		}
		switch e.Type {
		case "Person":
			p := lex.Get(e.Party)
			if !usable(p) || p.Type != "Party" {
				continue
			}
			g.members = append(g.members, person{e, p})
			if len(e.Leads) > 0 && e.Leads[0] == p.ID {
				g.leaders = append(g.leaders, person{e, p})
			}
		case "Party":
			g.parties = append(g.parties, e)
		case "Coalition":
			g.coals = append(g.coals, e)
		case "Place":
			if s := lex.Get(e.Within); e.Kind == "city" && usable(s) && s.Kind == "state" {
				g.cities = append(g.cities, place{e, s})
			}
		}
	}
	return g
}

// Write writes articles [0, n) as JSON lines.
func (g *Generator) Write(w io.Writer, n int) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range n {
		if err := enc.Encode(g.Article(i)); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// Article composes article i: about a third in English, the rest in Hindi;
// most with an id, date, url and source, some without (their id is then the
// hash of their text, as for any article that comes without one).
func (g *Generator) Article(i int) Article {
	r := rand.New(rand.NewPCG(g.seed, uint64(i)))
	s := g.story(r)
	var a Article
	if r.IntN(3) == 0 {
		a = s.english(r)
		a.Lang = "en"
	} else {
		a = s.hindi(r)
		a.Lang = "hi"
	}
	if r.IntN(10) > 0 {
		a.ID = fmt.Sprintf("synth-%d-%06d", g.seed, i)
		a.URL = fmt.Sprintf("https://news.example/%s/%d/%06d", a.Lang, s.published.Year(), i)
		a.Source = sources[r.IntN(len(sources))]
	}
	switch r.IntN(10) {
	case 0: // undated
	case 1, 2:
		a.PublishedAt = s.published.Add(time.Duration(6+r.IntN(12)) * time.Hour).Format(time.RFC3339)
	default:
		a.PublishedAt = s.published.Format(time.DateOnly)
	}
	return a
}

var sources = []string{"Dainik Example", "Example Times", "Samachar Example", "The Example Herald"}

// story is the cast of one article: two leaders and their parties, a third
// party, an alliance, a city, a date and an official the lexicon does not
// know.
type story struct {
	l1, l2    person
	m1        person
	p3        *lexicon.Entry
	coal      *lexicon.Entry
	city      place
	published time.Time
	event     time.Time // the day the story happened
	unknown   [2]string // a name, in Hindi and in English
}

func (g *Generator) story(r *rand.Rand) story {
	s := story{l1: g.leaders[r.IntN(len(g.leaders))]}
	for s.l2 = s.l1; s.l2.party.ID == s.l1.party.ID; {
		s.l2 = g.leaders[r.IntN(len(g.leaders))]
	}
	for s.m1 = s.l1; s.m1.e.ID == s.l1.e.ID || s.m1.e.ID == s.l2.e.ID; {
		s.m1 = g.members[r.IntN(len(g.members))]
	}
	for s.p3 = s.l1.party; s.p3.ID == s.l1.party.ID || s.p3.ID == s.l2.party.ID; {
		s.p3 = g.parties[r.IntN(len(g.parties))]
	}
	s.coal = g.coals[r.IntN(len(g.coals))]
	s.city = g.cities[r.IntN(len(g.cities))]
	s.published = g.earliest.AddDate(0, 0, r.IntN(730))
	s.event = s.published.AddDate(0, 0, -r.IntN(2))
	f := r.IntN(len(firstNames))
	l := r.IntN(len(lastNames))
	s.unknown = [2]string{firstNames[f][0] + " " + lastNames[l][0], firstNames[f][1] + " " + lastNames[l][1]}
	return s
}

// Hindi and English names for the people the lexicon does not know: a few
// hundred combinations, so the same official turns up in several articles
// and must merge into one node.
var firstNames = [][2]string{
	{"रमेश", "Ramesh"}, {"सुरेश", "Suresh"}, {"अनिल", "Anil"}, {"विनोद", "Vinod"}, {"राजेश", "Rajesh"},
	{"सुनीता", "Sunita"}, {"कविता", "Kavita"}, {"प्रमोद", "Pramod"}, {"दिनेश", "Dinesh"}, {"मनोज", "Manoj"},
	{"रेखा", "Rekha"}, {"अजय", "Ajay"}, {"संजय", "Sanjay"}, {"पूनम", "Poonam"}, {"विजय", "Vijay"},
	{"हरीश", "Harish"}, {"मुकेश", "Mukesh"}, {"अंजलि", "Anjali"}, {"नरेश", "Naresh"}, {"उमेश", "Umesh"},
}

var lastNames = [][2]string{
	{"चौरसिया", "Chaurasia"}, {"त्रिपाठी", "Tripathi"}, {"बघेल", "Baghel"}, {"कुशवाहा", "Kushwaha"}, {"मीणा", "Meena"},
	{"पांडेय", "Pandey"}, {"सैनी", "Saini"}, {"रावत", "Rawat"}, {"गुर्जर", "Gurjar"}, {"निषाद", "Nishad"},
	{"भारती", "Bharti"}, {"श्रीवास्तव", "Srivastava"}, {"ठाकुर", "Thakur"}, {"जायसवाल", "Jaiswal"}, {"पासवान", "Paswan"},
}

// short is a party's or alliance's short name: the first alias in the
// script wanted that is shorter than its name, else its name.
func short(e *lexicon.Entry, hindi bool) string {
	name := e.Name
	if hindi {
		name = e.NameHi
	}
	best := name
	for _, a := range e.Aliases {
		if e.IsAmbiguous(a) || isDevanagari(a) != hindi || strings.ContainsAny(a, "()") {
			continue
		}
		if len([]rune(a)) >= 2 && len([]rune(a)) < len([]rune(best)) {
			best = a
		}
	}
	return best
}

func isDevanagari(s string) bool {
	for _, r := range s {
		if r >= 0x0900 && r <= 0x097F {
			return true
		}
	}
	return false
}

var hindiWeekdays = []string{"रविवार", "सोमवार", "मंगलवार", "बुधवार", "गुरुवार", "शुक्रवार", "शनिवार"}
var hindiMonths = []string{"जनवरी", "फरवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर"}

// fill replaces {name} placeholders.
func fill(t string, vars map[string]string) string {
	keys := make([]string, 0, len(vars))
	for k := range vars {
		keys = append(keys, k)
	}
	sort.Strings(keys) // deterministic replacement order
	pairs := make([]string, 0, 2*len(keys))
	for _, k := range keys {
		pairs = append(pairs, "{"+k+"}", vars[k])
	}
	return strings.NewReplacer(pairs...).Replace(t)
}

// pick returns n distinct templates of ts in a random order.
func pick(r *rand.Rand, ts []string, n int) []string {
	idx := r.Perm(len(ts))
	out := make([]string, 0, n)
	for _, i := range idx[:min(n, len(ts))] {
		out = append(out, ts[i])
	}
	return out
}

func (s story) hindi(r *rand.Rand) Article {
	v := map[string]string{
		"L1": s.l1.e.NameHi, "L2": s.l2.e.NameHi, "M1": s.m1.e.NameHi,
		"P1": short(s.l1.party, true), "P2": short(s.l2.party, true), "PM1": short(s.m1.party, true),
		"P1full": s.l1.party.NameHi, "P3": short(s.p3, true), "C": short(s.coal, true),
		"city": s.city.city.NameHi, "state": s.city.state.NameHi, "U": s.unknown[0],
		"day":  fmt.Sprintf("%s (%d %s)", hindiWeekdays[s.event.Weekday()], s.event.Day(), hindiMonths[s.event.Month()-1]),
		"year": fmt.Sprint(s.published.Year() + 1),
	}
	title := fill(hindiTitles[r.IntN(len(hindiTitles))], v)
	stand := fill(hindiStandfirsts[r.IntN(len(hindiStandfirsts))], v)
	var body []string
	body = append(body, fill(hindiOpeners[r.IntN(len(hindiOpeners))], v))
	for _, t := range pick(r, hindiFacts, 4+r.IntN(4)) {
		body = append(body, fill(t, v))
	}
	body = append(body, pick(r, hindiFiller, 3+r.IntN(4))...)
	r.Shuffle(len(body)-1, func(i, j int) { body[i+1], body[j+1] = body[j+1], body[i+1] })
	return Article{Title: title, Body: stand + "\n" + paragraphs(r, body)}
}

func (s story) english(r *rand.Rand) Article {
	v := map[string]string{
		"L1": s.l1.e.Name, "L2": s.l2.e.Name, "M1": s.m1.e.Name,
		"P1": short(s.l1.party, false), "P2": short(s.l2.party, false), "PM1": short(s.m1.party, false),
		"P1full": s.l1.party.Name, "P3": short(s.p3, false), "C": short(s.coal, false),
		"city": s.city.city.Name, "state": s.city.state.Name, "U": s.unknown[1],
		"weekday": s.event.Weekday().String(), "date": s.event.Format("January 2, 2006"),
		"year": fmt.Sprint(s.published.Year() + 1),
	}
	title := fill(englishTitles[r.IntN(len(englishTitles))], v)
	stand := fill(englishStandfirsts[r.IntN(len(englishStandfirsts))], v)
	var body []string
	body = append(body, fill(englishOpeners[r.IntN(len(englishOpeners))], v))
	for _, t := range pick(r, englishFacts, 4+r.IntN(4)) {
		body = append(body, fill(t, v))
	}
	body = append(body, pick(r, englishFiller, 3+r.IntN(4))...)
	r.Shuffle(len(body)-1, func(i, j int) { body[i+1], body[j+1] = body[j+1], body[i+1] })
	return Article{Title: title, Body: stand + "\n" + paragraphs(r, body)}
}

// paragraphs joins sentences into paragraphs of two to four.
func paragraphs(r *rand.Rand, ss []string) string {
	var b strings.Builder
	for i := 0; i < len(ss); {
		n := min(2+r.IntN(3), len(ss)-i)
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(strings.Join(ss[i:i+n], " "))
		i += n
	}
	return b.String()
}

var hindiTitles = []string{
	"{city} में {L1} और {L2} की मुलाकात, {P1} और {P2} मिलकर लड़ेंगे चुनाव",
	"{L1} का {P3} पर हमला, कहा- {year} में जनता जवाब देगी",
	"{state} की राजनीति: {P1} और {P2} के गठबंधन पर मुहर",
	"{city} में {P1} की रैली, {L1} ने {P3} पर साधा निशाना",
	"{C} में हलचल: {L1} ने {L2} से की मुलाकात",
}

var hindiStandfirsts = []string{
	"दोनों नेताओं ने कहा कि गठबंधन के दल साथ मिलकर चुनाव लड़ेंगे.",
	"{P1} प्रमुख ने कहा कि उनकी पार्टी {P3} को हराने के लिए पूरी ताकत लगाएगी.",
	"सीटों के बंटवारे पर बातचीत अंतिम दौर में है.",
	"{L1} ने कहा कि {year} के चुनाव में विपक्ष एकजुट रहेगा.",
}

var hindiOpeners = []string{
	"{P1full} के अध्यक्ष {L1} ने {day} को {city} में {P2} प्रमुख {L2} से मुलाकात की.",
	"{P1} प्रमुख {L1} ने {day} को {city} में एक बड़ी रैली को संबोधित किया.",
	"{city} में {day} को {P1} और {P2} के नेताओं की बैठक हुई, जिसमें {L1} और {L2} शामिल हुए.",
}

var hindiFacts = []string{
	"{L1} ने कहा कि {P1} और {P2} का गठबंधन मजबूत है.",
	"{L1} ने {P3} पर निशाना साधा.",
	"{L2} ने {L1} की तारीफ की.",
	"{PM1} नेता {M1} ने कहा कि हम {P3} को हराने के लिए पूरी ताकत लगाएंगे.",
	"{P1} ने कहा कि वह {P3} और {PM1} दोनों से बराबर दूरी बनाकर रखेगी.",
	"पार्टी प्रवक्ता {U} ने कहा कि सीटों का बंटवारा जल्द तय होगा.",
	"{P2} के प्रवक्ता {U} ने {P3} की आलोचना की.",
	"{P2} ने {C} में शामिल होने का एलान किया.",
	"{L2} ने {day} को {city} में प्रेस कॉन्फ्रेंस की.",
	"{M1} ने {L2} से भेंट की.",
	"{L1} ने {P3} के खिलाफ मिलकर लड़ने की बात कही.",
	"{M1} ने {P3} की सराहना की.",
}

var hindiFiller = []string{
	"सीटों के बंटवारे पर बातचीत अंतिम दौर में है.",
	"पार्टी कार्यकर्ताओं में इस फैसले को लेकर उत्साह है.",
	"महंगाई और बेरोजगारी इस चुनाव के बड़े मुद्दे होंगे.",
	"विपक्ष ने सरकार की नीतियों पर सवाल उठाए.",
	"बैठक करीब दो घंटे तक चली और कई मुद्दों पर चर्चा हुई.",
	"राजनीतिक जानकारों का मानना है कि इससे चुनावी समीकरण बदल सकते हैं.",
	"किसानों और युवाओं के मुद्दे पर भी बात हुई.",
	"आने वाले दिनों में और दलों के साथ आने की संभावना है.",
	"सभा स्थल पर बड़ी संख्या में लोग मौजूद रहे.",
}

var englishTitles = []string{
	"{L1} meets {L2} in {city}, says {P1} and {P2} will fight the {year} polls together",
	"{L1} slams the {P3}, says voters will answer in {year}",
	"{state} politics: {P1} and {P2} seal an alliance",
	"{P1} holds rally in {city}; {L1} attacks the {P3}",
}

var englishStandfirsts = []string{
	"The two leaders said the parties of the alliance would fight the election together.",
	"Seat-sharing talks are in their final stage.",
	"{L1} said the opposition would stay united in {year}.",
}

var englishOpeners = []string{
	"{P1full} president {L1} met {P2} chief {L2} in {city} on {weekday}.",
	"{P1} chief {L1} addressed a rally of party workers in {city} on {date}.",
	"Leaders of the {P1} and the {P2}, including {L1} and {L2}, held a meeting in {city} on {weekday}.",
}

var englishFacts = []string{
	"{L1} said the {P1} stands with the {P2} and will fight against the {P3}.",
	"{L2} praised {L1} for the campaign.",
	"{L1} slammed the {P3} over price rise.",
	"{PM1} leader {M1} said the party would defeat the {P3}.",
	"The {P1} will keep equal distance from the {P3} and the {PM1}.",
	"Party spokesperson {U} said seat-sharing would be settled soon.",
	"{P2} spokesperson {U} criticised the {P3}.",
	"The {P2} joined the {C} on {weekday}.",
	"{M1} met {L2} later in the day.",
	"{L1} announced the alliance with the {P2} at a press conference.",
}

var englishFiller = []string{
	"Seat-sharing talks are in their final stage.",
	"Party workers welcomed the decision.",
	"Price rise and unemployment will be the main issues in the election.",
	"The meeting lasted about two hours.",
	"Political observers say the move could change the arithmetic in the state.",
	"Farmers' issues were also discussed.",
	"More parties are expected to join in the coming weeks.",
	"A large crowd gathered at the venue.",
}
