// Package lexicon loads the names netagraph recognises — parties, coalitions,
// people, places and bodies, with their aliases in both scripts and the facts
// that help resolve a mention — from YAML data files. The files embedded in
// the binary are extended, without recompiling, by directories of YAML files
// (the --lexicon flag and the NETAGRAPH_LEXICON variable).
package lexicon

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/netagraph/netagraph/domain"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"
)

//go:embed data/*.yaml data/grammar/*.yaml
var embedded embed.FS

// Office is a post a person holds or held.
type Office struct {
	Office  string `yaml:"office"`
	Place   string `yaml:"place"`
	Current *bool  `yaml:"current"`
}

// IsCurrent reports whether the office is held now (the default).
func (o Office) IsCurrent() bool { return o.Current == nil || *o.Current }

// Entry is one lexicon entry. See FORMAT.md for the meaning of each field.
type Entry struct {
	ID        string   `yaml:"id"`
	Type      string   `yaml:"type"`
	Name      string   `yaml:"name"`
	NameHi    string   `yaml:"nameHi"`
	Aliases   []string `yaml:"aliases"`
	Ambiguous []string `yaml:"ambiguous"`
	Gender    string   `yaml:"gender"`
	Party     string   `yaml:"party"`
	Leads     []string `yaml:"leads"`
	Offices   []Office `yaml:"offices"`
	Members   []string `yaml:"members"`
	Kind      string   `yaml:"kind"`
	Within    string   `yaml:"within"`
	Capital   string   `yaml:"capital"`
	// Event, for a Phrase entry, is the event kind the phrase names (a yatra
	// is a RALLY); phrases are names that contain other names ("भारत जोड़ो
	// यात्रा" is not India) and are never entities themselves.
	Event string `yaml:"event"`
	// Source is the file that first defined the entry.
	Source string `yaml:"-"`
}

// Names returns the entry's name, Hindi name and aliases.
func (e *Entry) Names() []string {
	out := make([]string, 0, 2+len(e.Aliases))
	if e.Name != "" {
		out = append(out, e.Name)
	}
	if e.NameHi != "" {
		out = append(out, e.NameHi)
	}
	return append(out, e.Aliases...)
}

// IsAmbiguous reports whether alias is also an ordinary word.
func (e *Entry) IsAmbiguous(alias string) bool {
	for _, a := range e.Ambiguous {
		if a == alias {
			return true
		}
	}
	return false
}

// Lexicon is a loaded, merged set of entries.
type Lexicon struct {
	Entries []*Entry
	// Grammar is what the extractor's rules read, from the grammar/*.yaml
	// files of the same directories.
	Grammar *Grammar
	byID    map[string]*Entry
	leaders map[string][]string // party/coalition id → ids of those who lead it
}

// Types an entry may have. Phrase is not an entity: see Entry.Event.
var validTypes = map[string]bool{"Person": true, "Party": true, "Coalition": true, "Place": true, "Organization": true, "Phrase": true}

// Load reads the embedded lexicon and then every *.yaml file in extraDirs, in
// order; an entry whose id was seen before extends it.
func Load(extraDirs ...string) (*Lexicon, error) {
	type file struct {
		name string
		read func() ([]byte, error)
	}
	var files, grammars []file
	for _, pattern := range []string{"data/*.yaml", "data/grammar/*.yaml"} {
		names, err := fs.Glob(embedded, pattern)
		if err != nil {
			return nil, err
		}
		sort.Strings(names)
		for _, f := range names {
			fl := file{"lexicon/" + f, func() ([]byte, error) { return embedded.ReadFile(f) }}
			if pattern == "data/*.yaml" {
				files = append(files, fl)
			} else {
				grammars = append(grammars, fl)
			}
		}
	}
	builtinGrammars := len(grammars)
	for _, dir := range extraDirs {
		if dir == "" {
			continue
		}
		if _, err := os.Stat(dir); err != nil {
			return nil, fmt.Errorf("lexicon directory %s: %w", dir, err)
		}
		for _, pattern := range []string{"*.yaml", filepath.Join("grammar", "*.yaml")} {
			matches, err := filepath.Glob(filepath.Join(dir, pattern))
			if err != nil {
				return nil, err
			}
			sort.Strings(matches)
			for _, f := range matches {
				fl := file{f, func() ([]byte, error) { return os.ReadFile(f) }}
				if pattern == "*.yaml" {
					files = append(files, fl)
				} else {
					grammars = append(grammars, fl)
				}
			}
		}
	}
	g := newGrammar()
	for i, f := range grammars {
		b, err := f.read()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.name, err)
		}
		if err := g.addFile(f.name, b, i < builtinGrammars); err != nil {
			return nil, err
		}
	}
	// Parsing is most of the time: parse the files in parallel, merge in order.
	parsed := make([][]*Entry, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, err := f.read()
			if err == nil {
				err = yaml.Unmarshal(b, &parsed[i])
			}
			if err != nil {
				errs[i] = fmt.Errorf("%s: %w", f.name, err)
			}
		}()
	}
	wg.Wait()
	l := &Lexicon{Grammar: g, byID: map[string]*Entry{}, leaders: map[string][]string{}}
	for i, f := range files {
		if errs[i] != nil {
			return nil, errs[i]
		}
		if err := l.add(f.name, parsed[i]); err != nil {
			return nil, err
		}
	}
	for _, e := range l.Entries {
		for _, p := range e.Leads {
			l.leaders[p] = append(l.leaders[p], e.ID)
		}
	}
	return l, nil
}

// DirsFromEnv splits NETAGRAPH_LEXICON-style colon-separated directories.
func DirsFromEnv(v string) []string {
	var out []string
	for _, d := range strings.Split(v, string(os.PathListSeparator)) {
		if d = strings.TrimSpace(d); d != "" {
			out = append(out, d)
		}
	}
	return out
}

func (l *Lexicon) add(file string, entries []*Entry) error {
	for i, e := range entries {
		if e == nil {
			continue
		}
		nfc(e)
		switch {
		case e.ID == "":
			return fmt.Errorf("%s: entry %d (%q) has no id", file, i+1, e.Name)
		case !validTypes[e.Type]:
			if old := l.byID[e.ID]; old != nil && e.Type == "" {
				break
			}
			return fmt.Errorf("%s: entry %s has type %q; want Person, Party, Coalition, Place, Organization or Phrase", file, e.ID, e.Type)
		case e.Name == "" && e.NameHi == "" && l.byID[e.ID] == nil:
			return fmt.Errorf("%s: entry %s has no name", file, e.ID)
		}
		// Readers take an entity's type from its id's prefix (domain.TypeOfID).
		if t, ok := domain.TypeOfID(e.ID); ok && e.Type != "" && e.Type != "Phrase" && string(t) != e.Type {
			return fmt.Errorf("%s: entry %s has type %s, but its id begins as a %s's does; give it an id beginning %q",
				file, e.ID, e.Type, t, domain.EntityType(e.Type).IDPrefix())
		}
		if old := l.byID[e.ID]; old != nil {
			old.merge(e)
			continue
		}
		e.Source = file
		l.byID[e.ID] = e
		l.Entries = append(l.Entries, e)
	}
	return nil
}

// merge extends e with what a later file says of the same id.
func (e *Entry) merge(o *Entry) {
	e.Aliases = appendNew(e.Aliases, o.Aliases...)
	if o.Name != "" && o.Name != e.Name {
		e.Aliases = appendNew(e.Aliases, o.Name)
	}
	if o.NameHi != "" {
		if e.NameHi == "" {
			e.NameHi = o.NameHi
		} else if o.NameHi != e.NameHi {
			e.Aliases = appendNew(e.Aliases, o.NameHi)
		}
	}
	e.Ambiguous = appendNew(e.Ambiguous, o.Ambiguous...)
	e.Leads = appendNew(e.Leads, o.Leads...)
	e.Members = appendNew(e.Members, o.Members...)
	e.Offices = append(e.Offices, o.Offices...)
	for _, f := range []struct {
		dst *string
		src string
	}{
		{&e.Gender, o.Gender}, {&e.Party, o.Party}, {&e.Kind, o.Kind},
		{&e.Within, o.Within}, {&e.Capital, o.Capital}, {&e.Event, o.Event},
	} {
		if f.src != "" {
			*f.dst = f.src
		}
	}
}

func appendNew(dst []string, src ...string) []string {
	for _, s := range src {
		dup := false
		for _, d := range dst {
			if d == s {
				dup = true
				break
			}
		}
		if !dup {
			dst = append(dst, s)
		}
	}
	return dst
}

func nfc(e *Entry) {
	e.Name = norm.NFC.String(strings.TrimSpace(e.Name))
	e.NameHi = norm.NFC.String(strings.TrimSpace(e.NameHi))
	for _, l := range [][]string{e.Aliases, e.Ambiguous} {
		for i := range l {
			l[i] = norm.NFC.String(strings.TrimSpace(l[i]))
		}
	}
}

// Get returns the entry with the given id, or nil.
func (l *Lexicon) Get(id string) *Entry { return l.byID[id] }

// Leaders returns the ids of the entries that lead the party or coalition id.
func (l *Lexicon) Leaders(id string) []string { return l.leaders[id] }

// Check returns one line for every reference to an id the lexicon lacks.
func (l *Lexicon) Check() []string {
	var out []string
	ref := func(e *Entry, field, id string) {
		if id != "" && l.byID[id] == nil {
			out = append(out, fmt.Sprintf("%s: %s refers to unknown %s", e.ID, field, id))
		}
	}
	for _, e := range l.Entries {
		ref(e, "party", e.Party)
		ref(e, "within", e.Within)
		ref(e, "capital", e.Capital)
		for _, id := range e.Leads {
			ref(e, "leads", id)
		}
		for _, id := range e.Members {
			ref(e, "members", id)
		}
		for _, o := range e.Offices {
			ref(e, "offices", o.Place)
		}
	}
	return out
}
