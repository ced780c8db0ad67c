package loader

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/netagraph/netagraph/domain"
)

// Summary is what a load did.
type Summary struct {
	Read      int // articles read, good and bad
	New       int
	Unchanged int
	Updated   int
	Failed    int
	Extracted int // by a dry run, which writes nothing
	// Repeated counts articles whose id came earlier in the same load;
	// each replaced the earlier version.
	Repeated int
	// Entities and Relations are those written by new and updated articles
	// (found, in a dry run): entity and event mentions, and relation
	// statements, one piece of evidence each.
	Entities, Relations int
	Elapsed             time.Duration
	DryRun              bool
	// Stopped says why the load ended before its input did; "" when it
	// read everything.
	Stopped string
}

func (s *Summary) add(r domain.IngestResult) {
	switch r.Status {
	case domain.New:
		s.New++
	case domain.Unchanged:
		s.Unchanged++
	case domain.Updated:
		s.Updated++
	case domain.Failed:
		s.Failed++
	case Extracted:
		s.Extracted++
	}
	if r.Warning != "" {
		s.Repeated++
	}
	if r.Status != domain.Unchanged && r.Status != domain.Failed {
		s.Entities += r.Entities
		s.Relations += r.Relations
	}
}

// Done is how many articles have an outcome: written, unchanged, failed or
// extracted.
func (s Summary) Done() int { return s.New + s.Unchanged + s.Updated + s.Failed + s.Extracted }

// Rate is articles done a second.
func (s Summary) Rate() float64 { return perSecond(s.Done(), s.Elapsed) }

// RelationRate is relations written a second.
func (s Summary) RelationRate() float64 { return perSecond(s.Relations, s.Elapsed) }

func perSecond(n int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}

// String is the summary for people: two lines.
func (s Summary) String() string {
	var b strings.Builder
	verb := "processed"
	if s.DryRun {
		verb = "extracted (dry run: nothing written)"
	}
	fmt.Fprintf(&b, "%s %d articles in %s (%.1f articles/s): %s\n", verb, s.Done(), s.Elapsed.Round(time.Millisecond), s.Rate(), s.counts())
	what := "written"
	if s.DryRun {
		what = "found"
	}
	fmt.Fprintf(&b, "%d entities and %d relations %s (%.0f relations/s)", s.Entities, s.Relations, what, s.RelationRate())
	if s.Stopped != "" {
		fmt.Fprintf(&b, "\n%s; %s", s.Stopped, s.doneLine())
	}
	return b.String()
}

func (s Summary) counts() string {
	if s.DryRun {
		return fmt.Sprintf("%d read, %d extracted, %d failed", s.Read, s.Extracted, s.Failed)
	}
	c := fmt.Sprintf("%d read, %d new, %d unchanged, %d updated, %d failed", s.Read, s.New, s.Unchanged, s.Updated, s.Failed)
	if s.Repeated > 0 {
		c += fmt.Sprintf(" (%d repeated an earlier id and replaced it)", s.Repeated)
	}
	return c
}

// doneLine says how far a load that stopped got.
func (s Summary) doneLine() string {
	line := fmt.Sprintf("%d of %d articles read were done (%s)", s.Done(), s.Read, s.counts())
	if rest := s.Read - s.Done(); rest > 0 {
		line += fmt.Sprintf(", %d not written", rest)
	}
	return line
}

// MarshalJSON writes the summary for pipelines, durations in seconds.
func (s Summary) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Read              int     `json:"read"`
		New               int     `json:"new"`
		Unchanged         int     `json:"unchanged"`
		Updated           int     `json:"updated"`
		Failed            int     `json:"failed"`
		Extracted         int     `json:"extracted"`
		Repeated          int     `json:"repeated"`
		NotWritten        int     `json:"notWritten"`
		Entities          int     `json:"entities"`
		Relations         int     `json:"relations"`
		ElapsedSeconds    float64 `json:"elapsedSeconds"`
		ArticlesPerSecond float64 `json:"articlesPerSecond"`
		RelationsPerSec   float64 `json:"relationsPerSecond"`
		DryRun            bool    `json:"dryRun"`
		Stopped           string  `json:"stopped,omitempty"`
	}{
		s.Read, s.New, s.Unchanged, s.Updated, s.Failed, s.Extracted, s.Repeated, s.Read - s.Done(), s.Entities, s.Relations,
		round3(s.Elapsed.Seconds()), round3(s.Rate()), round3(s.RelationRate()), s.DryRun, s.Stopped,
	})
}

func round3(f float64) float64 { return float64(int64(f*1000+0.5)) / 1000 }
