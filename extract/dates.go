package extract

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

var months = func() map[string]time.Month {
	m := map[string]time.Month{}
	names := [][]string{
		{"जनवरी", "january", "jan"}, {"फरवरी", "february", "feb"}, {"मार्च", "march", "mar"},
		{"अप्रैल", "april", "apr"}, {"मई", "may"}, {"जून", "june", "jun"}, {"जुलाई", "july", "jul"},
		{"अगस्त", "august", "aug"}, {"सितंबर", "सितम्बर", "september", "sept", "sep"},
		{"अक्टूबर", "अक्तूबर", "october", "oct"}, {"नवंबर", "नवम्बर", "november", "nov"}, {"दिसंबर", "दिसम्बर", "december", "dec"},
	}
	for i, ns := range names {
		for _, n := range ns {
			m[tokenKeys(n)[0]] = time.Month(i + 1)
		}
	}
	return m
}()

var weekdays = func() map[string]time.Weekday {
	m := map[string]time.Weekday{}
	names := [][]string{
		{"रविवार", "sunday"}, {"सोमवार", "monday"}, {"मंगलवार", "tuesday"}, {"बुधवार", "wednesday"},
		{"गुरुवार", "बृहस्पतिवार", "thursday"}, {"शुक्रवार", "friday"}, {"शनिवार", "saturday"},
	}
	for i, ns := range names {
		for _, n := range ns {
			m[tokenKeys(n)[0]] = time.Weekday(i)
		}
	}
	return m
}()

var (
	todayWords = grammarSet("todayWords")
	yesterday  = grammarSet("yesterday")
	tomorrow   = grammarSet("tomorrow")
	kal        = grammarSet("kal")
	// futureEndings mark a Hindi verb in the future: "कल … जाएंगे" is tomorrow.
	futureEndings = []string{"ेगा", "ेगी", "ेंगे", "ेंगी", "ाएगा", "ाएगी", "ाएंगे", "होगा", "होगी", "होंगे"}
	lastYearWords = grammarSet("lastYearWords")
	yearWords     = grammarSet("yearWords")
)

// monthOrWeekday holds the keys of months and weekdays.
var monthOrWeekday = func() map[string]bool {
	m := map[string]bool{}
	for k := range months {
		m[k] = true
	}
	for k := range weekdays {
		m[k] = true
	}
	return m
}()

// mayStartDate reports whether a date may begin at token i: a number, a
// month, a weekday, or आज, कल, today, yesterday, tomorrow. dateAt reads
// no other token; the test spares it most words.
func (r *run) mayStartDate(i int) bool {
	t := &r.doc.toks[i]
	if isDigits(t.key) || monthOrWeekday[t.key] {
		return true
	}
	b := r.g.bits[t.word]
	return b.has(todayWords) || b.has(yesterday) || b.has(tomorrow) || b.has(kal)
}

func isWeekday(k string) bool {
	_, ok := weekdays[k]
	return ok
}

// dateMention is a date as written in a sentence, before the year is known.
type dateMention struct {
	tok      int
	day      int // 0 when not given
	month    time.Month
	year     int // 0 when not given
	weekday  time.Weekday
	hasWday  bool
	lastYear bool // "पिछले साल 23 जून", "पिछले साल दिसंबर"
	thisYear bool // "इस साल मार्च में"
	future   bool // a weekday told with a verb in the future: "बुधवार को होगा"
	today    bool
	offset   int // days from the reference date, for today, yesterday, tomorrow
}

// dateContext resolves the dates of one article: the reference date is the
// publication date when known, else the first date the article gives in
// full or by weekday, resolved against the years it names.
type dateContext struct {
	published *time.Time
	ref       *time.Time
	maxYear   int
	bySent    map[int][]dateMention
	years     map[int][]int // sentence → years named in it, in order
}

func (r *run) newDateContext() *dateContext {
	dc := &dateContext{published: r.article.PublishedAt, bySent: map[int][]dateMention{}, years: map[int][]int{}}
	toks := r.doc.toks
	// reported marks the sentences whose reported speech has begun ("ने
	// कहा कि …", "said that …"): a date in it is not when the speaking was
	reported := map[int]bool{}
	for i, t := range toks {
		if y, ok := yearOf(t.key); ok {
			dc.years[t.sent] = append(dc.years[t.sent], y)
			if y > dc.maxYear && y <= 2100 {
				dc.maxYear = y
			}
		}
		if r.is(thatWords, t.word) && i > 0 && (r.is(speechVerbs, toks[i-1].word) || i > 1 && r.is(speechVerbs, toks[i-2].word)) {
			reported[t.sent] = true
		}
		if !r.mayStartDate(i) {
			continue
		}
		if m, ok := r.dateAt(i); ok && !reported[t.sent] {
			dc.bySent[t.sent] = append(dc.bySent[t.sent], m)
		}
	}
	if dc.published != nil {
		p := *dc.published
		dc.ref = &p
		return dc
	}
	// the reference: the dateline's date ("चेन्नई, ७ मई", "GUWAHATI, May
	// 10:"); else the first date that is complete or anchored by a weekday,
	// but not one of years before the article's time ("2 जून 1995" recalled
	// in a 2019 report); else the first day and month of the body, in the
	// year the weekdays it names fit, or the latest year it names
	if d, head, ok := r.datelineDate(dc); ok {
		dc.ref = &d
		if !head {
			r.leadDay(dc)
		}
		return dc
	}
	for s := 0; s < len(r.doc.sents) && dc.ref == nil; s++ {
		for _, m := range dc.bySent[s] {
			if m.day > 0 && m.month > 0 && (m.year > 0 || m.hasWday) && !m.lastYear && !(m.year > 0 && m.year < dc.maxYear-1) {
				if d, ok := dc.resolve(m); ok {
					dc.ref = &d
					break
				}
			}
		}
	}
	if dc.ref != nil {
		r.leadDay(dc)
	}
	return dc
}

// leadDay moves a reference found in the text after the lead to the day the
// lead tells: a date told later is of a day before it ("नई दिल्ली: … ओम
// बिरला बुधवार को … चुन लिए गए", then "मंगलवार (25 जून) को …"), so the
// article's day is the lead's weekday, within the week after that date.
func (r *run) leadDay(dc *dateContext) {
	if wd, ok := r.leadWeekday(r.firstBodySentence()); ok && dc.ref.Weekday() != wd {
		d := *dc.ref
		for d.Weekday() != wd {
			d = d.AddDate(0, 0, 1)
		}
		dc.ref = &d
	}
}

// bodyPara is the paragraph the body starts at: after the headline, and the
// standfirst when there is one.
func (r *run) bodyPara() int {
	if strings.TrimSpace(r.article.Standfirst) == "" {
		return 1
	}
	return 2
}

// firstBodySentence is the index of the body's first sentence, after the
// headline and standfirst.
func (r *run) firstBodySentence() int {
	for s, sent := range r.doc.sents {
		if sent.para >= r.bodyPara() {
			return s
		}
	}
	return len(r.doc.sents)
}

// datelineDate reads the date at the head of the body's first sentence,
// after the place ("लखनऊ, 12 जनवरी (भाषा)", "GUWAHATI, May 10:"), or else
// the first day and month of the body's first two paragraphs ("… on the
// steps of the Vidhana Soudha on May 23"). Without a year it takes the year
// in which the weekday the lead names ("on Monday", "बुधवार शाम") falls on
// that day, or the latest year the article names.
func (r *run) datelineDate(dc *dateContext) (d time.Time, head, ok bool) {
	first, firstPara := -1, -1
	for s, sent := range r.doc.sents {
		if sent.para < r.bodyPara() {
			continue // headline and standfirst
		}
		if first < 0 {
			first, firstPara = s, sent.para
		}
		if sent.para > firstPara+1 {
			break
		}
		for _, m := range dc.bySent[s] {
			head := s == first && m.tok-sent.start <= 6 // the dateline's place and date
			if m.day == 0 || m.month == 0 || m.today || m.lastYear || m.year > 0 && m.year < dc.maxYear-1 && !head {
				continue
			}
			if m.year > 0 || m.hasWday {
				if d, ok := dc.resolve(m); ok {
					return d, head, true
				}
				continue
			}
			if wd, ok := r.leadWeekday(first); ok {
				m.weekday, m.hasWday = wd, true
				if d, ok := dc.resolve(m); ok {
					return d, head, true
				}
			}
			if dc.maxYear > 0 {
				return time.Date(dc.maxYear, m.month, m.day, 0, 0, 0, 0, time.UTC), head, true
			}
		}
	}
	return time.Time{}, false, false
}

// leadWeekday is the first weekday named in the body's first two sentences
// for a day that has come.
func (r *run) leadWeekday(s int) (time.Weekday, bool) {
	for end := s + 2; s < len(r.doc.sents) && s < end; s++ {
		for i := r.doc.sents[s].start; i < r.doc.sents[s].end; i++ {
			if wd, ok := weekdays[r.doc.toks[i].key]; ok && !r.futureAfter(i) {
				return wd, true // not "शुक्रवार को शपथ लेंगे": a day still to come
			}
		}
	}
	return 0, false
}

// futureAfter reports whether a Hindi verb in the future follows token i in
// its clause: "कल … जाएंगे", "बुधवार को … होगी"; not in the reported speech
// after कि ("शुक्रवार को कहा कि फैसला जल्द होगा").
func (r *run) futureAfter(i int) bool {
	toks := r.doc.toks
	for j := i + 1; j < len(toks) && toks[j].sent == toks[i].sent && !r.is(thatWords, toks[j].word); j++ {
		for _, e := range futureEndings {
			if strings.HasSuffix(toks[j].word, e) {
				return true
			}
		}
	}
	return false
}

func yearOf(key string) (int, bool) {
	if len(key) != 4 || !isDigits(key) {
		return 0, false
	}
	y, _ := strconv.Atoi(key)
	return y, y >= 1950 && y <= 2100
}

// dateAt reads a date starting at token i: "17 मार्च", "शुक्रवार (17
// मार्च)", "July 18, 2023", "15 जनवरी", "अगस्त 2022", "आज", "बुधवार को".
func (r *run) dateAt(i int) (dateMention, bool) {
	toks := r.doc.toks
	at := func(j int) string {
		if j >= 0 && j < len(toks) && toks[j].sent == toks[i].sent {
			return toks[j].key
		}
		return ""
	}
	m := dateMention{tok: i}
	k := toks[i].key
	switch {
	case r.is(todayWords, toks[i].word):
		m.today = true
		return m, true
	case r.is(yesterday, toks[i].word):
		m.today, m.offset = true, -1
		return m, true
	case r.is(tomorrow, toks[i].word):
		m.today, m.offset = true, 1
		return m, true
	case r.is(kal, toks[i].word):
		// कल is yesterday or tomorrow: the verb's tense tells
		m.today, m.offset = true, -1
		if r.futureAfter(i) {
			m.offset = 1
		}
		return m, true
	case isWeekday(k):
		m.weekday, m.hasWday = weekdays[k], true
		// a date may follow: "शुक्रवार (17 मार्च)", "Sunday (July 2)"
		if d, ok := r.dayMonth(i + 1); ok {
			d.weekday, d.hasWday, d.tok = m.weekday, true, i
			return d, true
		}
		if d, ok := r.dayMonth(i + 2); ok && at(i+1) == "," {
			d.weekday, d.hasWday, d.tok = m.weekday, true, i
			return d, true
		}
		m.future = r.futureAfter(i)
		return m, true
	}
	if _, ok := months[k]; ok && i > 0 && isDigits(at(i-1)) {
		return m, false // read from the day before it
	}
	if isWeekday(at(i-1)) || isWeekday(at(i-2)) && at(i-1) == "," {
		return m, false // read with the weekday
	}
	d, ok := r.dayMonth(i)
	if ok {
		d.lastYear = r.is(lastYearWords, at(i-2)) && r.is(yearWords, at(i-1))
		return d, true
	}
	// a month of last year, or of this one: "पिछले साल दिसंबर में", "last
	// December", "in December last year", "इस साल मार्च में", "in March this year"
	if mo, ok := months[k]; ok && (toks[i].key != "may" || toks[i].title) {
		switch {
		case r.is(lastYearWords, at(i-2)) && r.is(yearWords, at(i-1)) || r.is(lastYearWords, at(i-1)) ||
			r.is(lastYearWords, at(i+1)) && r.is(yearWords, at(i+2)): // "in December last year"
			return dateMention{tok: i, month: mo, lastYear: true}, true
		case r.is(thisWords, at(i-2)) && r.is(yearWords, at(i-1)) || r.is(thisWords, at(i+1)) && r.is(yearWords, at(i+2)):
			return dateMention{tok: i, month: mo, thisYear: true}, true
		}
	}
	return d, false
}

// dayMonth reads "17 मार्च [2023]", "July 18[, 2023]" or "अगस्त 2022" at token i.
func (r *run) dayMonth(i int) (dateMention, bool) {
	toks := r.doc.toks
	if i >= len(toks) {
		return dateMention{}, false
	}
	at := func(j int) string {
		if j < len(toks) && toks[j].sent == toks[i].sent {
			return toks[j].key
		}
		return ""
	}
	m := dateMention{tok: i}
	if d, ok := dayNumber(at(i)); ok {
		if mo, ok := months[at(i+1)]; ok {
			m.day, m.month = d, mo
			if y, ok := yearOf(at(i + 2)); ok {
				m.year = y
			}
			return m, true
		}
		return m, false
	}
	mo, ok := months[at(i)]
	if !ok {
		return m, false
	}
	if toks[i].key == "may" && !toks[i].title {
		return m, false
	}
	if d, ok := dayNumber(at(i + 1)); ok {
		m.day, m.month = d, mo
		if y, ok := yearOf(at(i + 2)); ok {
			m.year = y
		}
		return m, true
	}
	if y, ok := yearOf(at(i + 1)); ok {
		m.month, m.year = mo, y
		return m, true
	}
	return m, false
}

// resolve gives a date its year, or resolves a weekday or "आज" against the
// reference date.
func (dc *dateContext) resolve(m dateMention) (time.Time, bool) {
	if m.today {
		if dc.ref == nil {
			return time.Time{}, false
		}
		return dc.ref.AddDate(0, 0, m.offset), true
	}
	if m.day == 0 && m.month == 0 {
		if !m.hasWday || dc.ref == nil {
			return time.Time{}, false
		}
		// the latest such weekday on or before the reference date; the next
		// one after it for a verb in the future
		d := *dc.ref
		if m.future {
			d = d.AddDate(0, 0, 1)
		}
		for d.Weekday() != m.weekday {
			if m.future {
				d = d.AddDate(0, 0, 1)
			} else {
				d = d.AddDate(0, 0, -1)
			}
		}
		return d, true
	}
	if m.day == 0 {
		return time.Time{}, false // month and year only: see monthString
	}
	if m.year > 0 {
		return time.Date(m.year, m.month, m.day, 0, 0, 0, 0, time.UTC), true
	}
	switch {
	case dc.published != nil:
		p := *dc.published
		d := time.Date(p.Year(), m.month, m.day, 0, 0, 0, 0, time.UTC)
		if d.After(p.AddDate(0, 0, 7)) || m.lastYear {
			d = d.AddDate(-1, 0, 0)
		}
		return d, true
	case m.hasWday && dc.maxYear > 0:
		best, found := time.Time{}, false
		for y := dc.maxYear + 1; y >= dc.maxYear-8; y-- {
			d := time.Date(y, m.month, m.day, 0, 0, 0, 0, time.UTC)
			if d.Weekday() != m.weekday {
				continue
			}
			if !found || abs(y-dc.maxYear) < abs(best.Year()-dc.maxYear) || abs(y-dc.maxYear) == abs(best.Year()-dc.maxYear) && y < best.Year() {
				best, found = d, true
			}
		}
		return best, found
	case dc.ref != nil:
		y := dc.ref.Year()
		if m.lastYear {
			y--
		}
		return time.Date(y, m.month, m.day, 0, 0, 0, 0, time.UTC), true
	case dc.maxYear > 0:
		return time.Date(dc.maxYear, m.month, m.day, 0, 0, 0, 0, time.UTC), true
	}
	return time.Time{}, false
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// sentenceDate is the date a sentence gives, as ISO text: a full date, or a
// year and month.
func (dc *dateContext) sentenceDate(s int) string {
	for _, m := range dc.bySent[s] {
		if m.day == 0 && m.month > 0 && m.year > 0 {
			return fmt.Sprintf("%04d-%02d", m.year, m.month)
		}
		if m.day == 0 && m.month > 0 && (m.lastYear || m.thisYear) && dc.ref != nil {
			y := dc.ref.Year()
			if m.lastYear {
				y--
			}
			return fmt.Sprintf("%04d-%02d", y, m.month)
		}
		if d, ok := dc.resolve(m); ok {
			return d.Format("2006-01-02")
		}
	}
	return ""
}

// refDate is the article's own date, or "".
func (dc *dateContext) refDate() string {
	if dc.ref == nil {
		return ""
	}
	return dc.ref.Format("2006-01-02")
}

// dayNumber reads a day of the month, 1 to 31.
func dayNumber(k string) (int, bool) {
	if len(k) == 0 || len(k) > 2 || !isDigits(k) {
		return 0, false
	}
	d, _ := strconv.Atoi(k)
	return d, d >= 1 && d <= 31
}
