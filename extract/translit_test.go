package extract

import "testing"

func TestRomanize(t *testing.T) {
	for in, want := range map[string]string{
		"अविनाश पांडे":     "Avinash Pande",
		"नरेश उत्तम पटेल":  "Naresh Uttam Patel",
		"राजेंद्र आर्लेकर": "Rajendra Arlekar",
		"मल्लिकार्जुन":     "Mallikarjun",
		"अजय राय":          "Ajay Ray",
		"फ़िरोज़":          "Firoz",
		"संभल":             "Sambhal",
	} {
		if got := romanize(in); got != want {
			t.Errorf("romanize(%q) = %q, want %q", in, got, want)
		}
	}
}
