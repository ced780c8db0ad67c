package extract

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/netagraph/netagraph/domain"
)

// An event as a trap expects it: kind, date and place ("" for none
// expected), and participants that must be among its participants.
type wantEvent struct {
	kind  domain.EventKind
	date  string
	place string
	who   []string
}

func (w wantEvent) matches(e domain.Event) bool {
	if e.Kind != w.kind || e.Date != w.date || w.place != "" && e.Place != w.place {
		return false
	}
	for _, p := range w.who {
		if !slices.Contains(e.Participants, p) {
			return false
		}
	}
	return true
}

func eventsString(evs []domain.Event) string {
	var b strings.Builder
	for _, e := range evs {
		b.WriteString("\n  " + string(e.Kind) + " " + e.Date + " " + e.Place + " " + strings.Join(e.Participants, ","))
	}
	return b.String()
}

// Each class of event the extractor reads, in sentences written for the
// test: the event it must find, and the events it must not invent.
func TestEventTraps(t *testing.T) {
	pub := time.Date(2024, 7, 9, 0, 0, 0, 0, time.UTC) // a Tuesday
	tests := []struct {
		name                    string
		title, standfirst, body string
		published               *time.Time
		want                    []wantEvent
		notKind                 domain.EventKind // no event of this kind at all
		notDate                 string           // no event dated so (a prefix)
		count                   int              // events of want[0].kind, when > 0
	}{
		{
			name:  "dateline in Devanagari digits, its year from the lead's weekday",
			title: "रांची में झामुमो की रैली", standfirst: "हेमंत सोरेन ने कार्यकर्ताओं को संबोधित किया.",
			body: "रांची, १५ जनवरी. झामुमो नेता हेमंत सोरेन ने सोमवार को रांची के मोरहाबादी मैदान में रैली को संबोधित किया. पार्टी २०१९ और २०२४ के लोकसभा चुनावों की बात करती रही.",
			want: []wantEvent{{kind: domain.Rally, date: "2024-01-15", place: "place:ranchi", who: []string{"person:hemant-soren"}}},
		},
		{
			name:  "a full date recalled in passing does not date the article",
			title: "तृणमूल की प्रेस कॉन्फ्रेंस", standfirst: "पार्टी ने चुनाव की तैयारी बताई.",
			body:    "तृणमूल कांग्रेस ने गुरुवार को कोलकाता में प्रेस कॉन्फ्रेंस की. 1 जनवरी 1998 को बनी पार्टी अब 2024 के लोकसभा चुनाव की तैयारी में है. इससे पहले मंगलवार (6 फरवरी) को पार्टी ने कोलकाता में रैली की थी.",
			want:    []wantEvent{{kind: domain.PressConference, date: "2024-02-08", place: "place:kolkata"}, {kind: domain.Rally, date: "2024-02-06"}},
			notDate: "1998",
		},
		{
			name:  "a date in reported speech is not when the speaking was",
			title: "भाजपा का हमला", standfirst: "प्रवक्ता ने पुराने समझौते की याद दिलाई.",
			body:    "पटना, 10 जुलाई 2024. भाजपा प्रवक्ता ने बुधवार को पटना में पत्रकारों से बात करते हुए कहा कि 15 मार्च 2001 को हुआ समझौता अब बेमानी है.",
			want:    []wantEvent{{kind: domain.PressConference, date: "2024-07-10", place: "place:patna"}},
			notDate: "2001",
		},
		{
			name:  "told reporters in Hindi: संवाददाताओं से कहा",
			title: "अखिलेश का बयान", standfirst: "सपा प्रमुख ने गठबंधन पर बात की.",
			body: "लखनऊ, 3 मार्च 2023. सपा प्रमुख अखिलेश यादव ने शुक्रवार को संवाददाताओं से कहा कि गठबंधन पर फैसला जल्द होगा.",
			want: []wantEvent{{kind: domain.PressConference, date: "2023-03-03", who: []string{"person:akhilesh-yadav"}}},
		},
		{
			name:  "told reporters in Hindi: पत्रकारों को बताया",
			title: "कांग्रेस का फैसला", standfirst: "पार्टी ने उम्मीदवार तय किए.",
			body: "जयपुर, 4 अप्रैल 2023. कांग्रेस नेता अशोक गहलोत ने मंगलवार को जयपुर में पत्रकारों को यह फैसला बताया.",
			want: []wantEvent{{kind: domain.PressConference, date: "2023-04-04", place: "place:jaipur", who: []string{"person:ashok-gehlot"}}},
		},
		{
			name:  "speaking to reporters in English",
			title: "Congress on seat talks", standfirst: "The party says talks are on.",
			body: "NEW DELHI, March 3, 2023: Speaking to reporters at the party office on Friday, Congress leader Jairam Ramesh said seat talks would end soon.",
			want: []wantEvent{{kind: domain.PressConference, date: "2023-03-03", who: []string{"person:jairam-ramesh"}}},
		},
		{
			name:  "reporters who only wait are no press conference",
			title: "Waiting outside", standfirst: "No word from the party.",
			body:    "NEW DELHI, March 3, 2023: The reporters waited outside the Congress office on Friday as Jairam Ramesh met party workers.",
			notKind: domain.PressConference,
		},
		{
			name:  "पिछले साल दिसंबर: a month of last year",
			title: "जदयू की तैयारी", standfirst: "पार्टी फिर रैली करेगी.",
			body: "पटना, 5 मार्च 2024. जदयू ने मंगलवार को नई रणनीति बनाई. पिछले साल दिसंबर में पटना में जदयू की रैली हुई थी.",
			want: []wantEvent{{kind: domain.Rally, date: "2023-12", place: "place:patna"}},
		},
		{
			name:  "last December in English",
			title: "JD(U) plans", standfirst: "Another rally is due.",
			body: "PATNA, March 5, 2024: The JD(U) met on Tuesday. Last December the party held a rally in Patna.",
			want: []wantEvent{{kind: domain.Rally, date: "2023-12", place: "place:patna"}},
		},
		{
			name:  "meeting the public is no meeting",
			title: "Barricades come down", standfirst: "The new Chief Minister opens his residence.",
			body:    "HYDERABAD, December 8, 2023: The barricades outside the official residence were being removed, he said, and he would meet the public there from Friday.",
			notKind: domain.Meeting,
		},
		{
			name:  "a parenthetical 'he announced' is no announcement",
			title: "Barricades come down", standfirst: "The new Chief Minister opens his residence.",
			body:    "HYDERABAD, December 8, 2023: The barricades outside the official residence were being removed, he announced, and the building would get a new name.",
			notKind: domain.Announcement,
		},
		{
			name:  "the leaders met: a meeting with no one named after it",
			title: "Seat talks", standfirst: "No deal yet.",
			body: "PATNA, March 5, 2024: Tejashwi Yadav and Nitish Kumar met on Tuesday in Patna.",
			want: []wantEvent{{kind: domain.Meeting, date: "2024-03-05", place: "place:patna", who: []string{"person:tejashwi-yadav", "person:nitish-kumar"}}},
		},
		{
			name:  "in December last year",
			title: "JD(U) plans", standfirst: "Another rally is due.",
			body: "PATNA, March 5, 2024: The JD(U) met on Tuesday. The party held a rally in Patna in December last year.",
			want: []wantEvent{{kind: domain.Rally, date: "2023-12", place: "place:patna"}},
		},
		{
			name:  "one oath told in the headline, the lead and a list is one event",
			title: "Bhajan Lal Sharma sworn in as Rajasthan Chief Minister", standfirst: "Two deputies take oath with him.",
			body:  "JAIPUR, December 15, 2023: Bhajan Lal Sharma was sworn in as Chief Minister of Rajasthan on Friday in Jaipur. Among those sworn in with him was Diya Kumari.",
			want:  []wantEvent{{kind: domain.SwearingIn, date: "2023-12-15", place: "place:jaipur", who: []string{"person:bhajan-lal-sharma", "person:diya-kumari"}}},
			count: 1,
		},
		{
			name:  "an Assembly election without its state is the state reported from",
			title: "मध्य प्रदेश की सियासत", standfirst: "कांग्रेस फिर तैयारी में.",
			body: "भोपाल, 2 मई 2024. कांग्रेस नेताओं ने गुरुवार को बैठक की. 2018 के विधानसभा चुनाव में कांग्रेस जीती थी.",
			want: []wantEvent{{kind: domain.Election, date: "2018", place: "place:madhya-pradesh"}},
		},
		{
			name:  "two years, two elections",
			title: "विपक्ष की चुनौती", standfirst: "दस साल का हिसाब.",
			body: "नई दिल्ली, 2 मई 2024. 2014 और 2019 के लोकसभा चुनावों में कांग्रेस पिछड़ गई थी.",
			want: []wantEvent{{kind: domain.Election, date: "2014"}, {kind: domain.Election, date: "2019"}},
		},
		{
			name:  "a by-election and its place",
			title: "उपचुनाव की तैयारी", standfirst: "सपा ने उम्मीदवार उतारा.",
			body: "लखनऊ, 10 नवंबर 2022. मैनपुरी लोकसभा उपचुनाव में सपा ने डिंपल यादव को उतारा है.",
			want: []wantEvent{{kind: domain.Election, date: "2022", place: "place:mainpuri"}},
		},
		{
			name:  "a vote to a post has its full date and its contestants",
			title: "लखनऊ मेयर चुनाव", standfirst: "भाजपा की जीत.",
			body: "लखनऊ, 13 मई 2023. लखनऊ मेयर चुनाव में शनिवार को भाजपा की सुषमा खर्कवाल ने सपा की वंदना मिश्रा को हराया.",
			want: []wantEvent{{kind: domain.Election, date: "2023-05-13", place: "place:lucknow"}},
		},
		{
			name:  "contesting an election names none",
			title: "भाजपा की रणनीति", standfirst: "पार्टी अकेले उतरेगी.",
			body:    "पटना, 5 मार्च 2024. भाजपा अकेले चुनाव लड़ेगी, पार्टी नेताओं ने मंगलवार को कहा.",
			notKind: domain.Election,
		},
		{
			name:  "one party's legislators meet: a party meeting",
			title: "राजद की बैठक", standfirst: "तेजस्वी ने विधायकों से बात की.",
			body: "पटना, 5 मार्च 2024. मंगलवार को पटना में राजद विधायकों की बैठक हुई, जिसमें तेजस्वी यादव मौजूद थे.",
			want: []wantEvent{{kind: domain.PartyMeeting, date: "2024-03-05", place: "place:patna", who: []string{"party:rjd"}}},
		},
		{
			name:  "several parties' legislators meet: a meeting",
			title: "महागठबंधन की बैठक", standfirst: "तीनों दल एक साथ.",
			body:    "पटना, 5 मार्च 2024. मंगलवार को पटना में तीनों दलों के विधायकों की संयुक्त बैठक हुई.",
			want:    []wantEvent{{kind: domain.Meeting, date: "2024-03-05", place: "place:patna"}},
			notKind: domain.PartyMeeting,
		},
		{
			name:  "a meeting of a party's committee, in English",
			title: "Congress names candidates", standfirst: "The first list is out.",
			body: "NEW DELHI, September 6, 2024: The list was released after a meeting of the party's central election committee in New Delhi on Friday, Congress leaders said.",
			want: []wantEvent{{kind: domain.PartyMeeting, date: "2024-09-06", place: "place:new-delhi"}},
		},
		{
			name:  "बैठक के बाद: the day and place of the meeting told before",
			title: "झामुमो का फैसला", standfirst: "नेता चुना गया.",
			body: "रांची, 8 जुलाई 2024. सोमवार को रांची में झामुमो विधायक दल की बैठक हुई. अगले दिन दिल्ली में हलचल रही. बैठक के बाद हेमंत सोरेन ने नई सरकार की घोषणा की.",
			want: []wantEvent{{kind: domain.Announcement, date: "2024-07-08", place: "place:ranchi", who: []string{"person:hemant-soren"}}},
		},
		{
			name:  "a weekday with a verb in the future is the next one",
			title: "पटना में रैली", standfirst: "तैयारी पूरी.",
			body: "बुधवार को पटना में जदयू की रैली होगी.", published: &pub,
			want: []wantEvent{{kind: domain.Rally, date: "2024-07-10", place: "place:patna"}},
		},
		{
			name:  "देर शाम: a time of day with no day is the day told last",
			title: "बिहार में हलचल", standfirst: "दिन भर बैठकें.",
			body: "पटना, 10 जुलाई 2024. बिहार में बुधवार को सियासी हलचल रही.\nइससे पहले सोमवार को नीतीश कुमार ने राज्यपाल से मुलाकात की.\nदेर शाम पटना में भाजपा विधायकों की बैठक हुई.",
			want: []wantEvent{{kind: domain.PartyMeeting, date: "2024-07-08", place: "place:patna"}},
		},
		{
			name:  "a party's working committee meets: कार्य समिति",
			title: "कांग्रेस की बैठक", standfirst: "अहम फैसले.",
			body: "नई दिल्ली, 10 जुलाई 2024. बुधवार को दिल्ली में कांग्रेस कार्य समिति की बैठक हुई.",
			want: []wantEvent{{kind: domain.PartyMeeting, date: "2024-07-10", place: "place:delhi"}},
		},
		{
			name:  "a headline's state gives way to a city that is a territory",
			title: "Saini sworn in as Chief Minister in Haryana", standfirst: "The BJP picks a new face.",
			body:  "CHANDIGARH, March 12, 2024: Nayab Singh Saini was sworn in as Chief Minister of Haryana on Tuesday at Raj Bhavan in Chandigarh.",
			want:  []wantEvent{{kind: domain.SwearingIn, date: "2024-03-12", place: "place:chandigarh"}},
			count: 1,
		},
		{
			name:  "उसी दिन: the day told before",
			title: "दिल्ली में हलचल", standfirst: "दो घटनाएं.",
			body: "नई दिल्ली, 9 जुलाई 2024. शुक्रवार (5 जुलाई) को कांग्रेस ने दिल्ली में रैली की. मंगलवार को पार्टी नेताओं ने बैठक की. उसी दिन भाजपा ने दिल्ली में प्रेस कॉन्फ्रेंस की.",
			want: []wantEvent{{kind: domain.PressConference, date: "2024-07-09"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := testExtractor(t).Extract(domain.Article{ID: "t", Title: tt.title, Standfirst: tt.standfirst, Body: tt.body, PublishedAt: tt.published})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !slices.ContainsFunc(x.Events, w.matches) {
					t.Errorf("no %s %s %s with %v among:%s", w.kind, w.date, w.place, w.who, eventsString(x.Events))
				}
			}
			n := 0
			for _, e := range x.Events {
				if e.Kind == tt.notKind {
					t.Errorf("a %s it does not tell: %s %s %v", e.Kind, e.Date, e.Place, e.Participants)
				}
				if tt.notDate != "" && strings.HasPrefix(e.Date, tt.notDate) {
					t.Errorf("%s dated %s from a date in passing", e.Kind, e.Date)
				}
				if len(tt.want) > 0 && e.Kind == tt.want[0].kind {
					n++
				}
			}
			if tt.count > 0 && n != tt.count {
				t.Errorf("%d %s events, want %d:%s", n, tt.want[0].kind, tt.count, eventsString(x.Events))
			}
		})
	}
}
