package graph

import (
	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/graph/model"
)

// The fast executor's fields (fastexec.go), type by type: what each
// field's resolver or model method answers, written from the data the
// top-level field read. In a dry run (dry true) a field only says whether
// it needs gqlgen (stBail: a list its plan did not read, or a non-null
// field that would be null), and writes nothing.

// The enums' names, as gqlgen's generated marshallers write them.
var (
	relationTypeNames = marshalNRelationType2githubᚗcomᚋnetagraphᚋnetagraphᚋdomainᚐRelationType
	entityTypeNames   = marshalNEntityType2githubᚗcomᚋnetagraphᚋnetagraphᚋdomainᚐEntityType
	eventKindNames    = marshalNEventKind2githubᚗcomᚋnetagraphᚋnetagraphᚋdomainᚐEventKind
)

func (w *writer) field(fp *fieldSel, v val, dry bool) status {
	if fp.name == "__typename" {
		if !dry {
			w.str(objTypeNames[v.t])
		}
		return stOK
	}
	switch v.t {
	case tPerson, tParty, tCoalition, tPlace, tOrganization, tEvent:
		return w.entityField(fp, v, dry)
	case tRelation:
		return w.relationField(fp, v.fact, dry)
	case tStance:
		return w.stanceField(fp, v, dry)
	case tOffice:
		return w.officeField(fp, v.fact, dry)
	case tEvidence:
		return w.evidenceField(fp, v.ev, dry)
	case tArticle:
		return w.articleField(fp, v.m.(*model.Article), dry)
	case tAlliance:
		return w.allianceField(fp, v.m.(*model.Alliance), dry)
	case tPath:
		return w.pathField(fp, v.m.(*model.Path), dry)
	case tHop:
		return w.hopField(fp, v.m.(*model.Hop), dry)
	}
	return w.plainField(fp, v, dry)
}

// nested is the list a field reads for its object, where the top-level
// field's read put it (Resolver.nested's lookup); nil when it is not
// there, and the field's resolver would read it alone or refuse it.
func nested(lists domain.Lists, fp *fieldSel) *domain.Result {
	if res := lists.Find(fp.listKey); res != nil {
		return res
	}
	return lists.Find(fp.anyKey)
}

func entityVal(n *domain.Node) val { return val{t: entityType(n.Type), node: n} }

func (w *writer) entityField(fp *fieldSel, v val, dry bool) status {
	n := v.node
	switch fp.name {
	case "id", "name", "nameHi", "aliases", "type", "mentionCount", "kind", "date":
	case "articles":
		res := nested(n.Lists, fp)
		if res == nil || dry {
			return bailIfNil(res)
		}
		c := articleConnection(domain.Connection[domain.StoredArticle]{Items: res.Articles, Cursors: res.Cursors,
			HasNext: res.HasNext, Total: res.Total})
		return w.object(fp.child, val{t: tArticleConnection, m: c})
	case "relations", "offices", "stances":
		res := nested(n.Lists, fp)
		if res == nil || dry {
			return bailIfNil(res)
		}
		t, subject := tRelation, ""
		switch fp.name {
		case "offices":
			t = tOffice
		case "stances":
			t, subject = tStance, n.ID
		}
		fs := res.Facts
		return w.items(fp.child, len(fs), func(i int) val { return val{t: t, fact: &fs[i], subject: subject} })
	case "leader", "place":
		// one[T]: the first of the list, null when there is none or it is
		// not a T.
		res := nested(n.Lists, fp)
		if res == nil || dry {
			return bailIfNil(res)
		}
		if len(res.Nodes) == 0 || (fp.item != tEntity && entityType(res.Nodes[0].Type) != fp.item) {
			w.buf.WriteString("null")
			return stOK
		}
		return w.object(fp.child, entityVal(&res.Nodes[0]))
	case "leaders", "members", "allies", "opponents", "coalitions", "events", "parties", "met", "within", "participants":
		res := nested(n.Lists, fp)
		if res == nil || dry {
			return bailIfNil(res)
		}
		return w.nodes(fp.child, fp.item, res.Nodes)
	default:
		return stBail
	}
	if dry {
		return stOK
	}
	switch fp.name {
	case "id", "name":
		if fp.name == "id" {
			w.str(n.ID)
		} else {
			w.str(n.Name)
		}
	case "nameHi":
		w.optStr(optional(n.NameHi))
	case "aliases":
		w.strList(n.Aliases)
	case "type":
		w.str(entityTypeNames[n.Type])
	case "mentionCount":
		w.int(n.MentionCount)
	case "kind":
		w.str(eventKindNames[n.Kind])
	case "date":
		w.optStr(optional(n.Date))
	}
	return stOK
}

func bailIfNil(res *domain.Result) status {
	if res == nil {
		return stBail
	}
	return stOK
}

// nodes writes an entity list; one of a concrete type shows only the
// entities of that type (model.Entities).
func (w *writer) nodes(sp *selection, item objType, ns []domain.Node) status {
	if item == tEntity {
		return w.items(sp, len(ns), func(i int) val { return entityVal(&ns[i]) })
	}
	n := 0
	for i := range ns {
		if entityType(ns[i].Type) == item {
			n++
		}
	}
	j := 0
	return w.items(sp, n, func(int) val {
		for entityType(ns[j].Type) != item {
			j++
		}
		j++
		return entityVal(&ns[j-1])
	})
}

func (w *writer) evidenceList(sp *selection, evs []domain.Evidence) status {
	return w.items(sp, len(evs), func(i int) val { return val{t: tEvidence, ev: &evs[i]} })
}

// end writes a relation's end (from, to, a stance's target): non-null.
func (w *writer) end(fp *fieldSel, lists domain.Lists, dry bool) status {
	res := nested(lists, fp)
	if res == nil || len(res.Nodes) == 0 {
		return stBail
	}
	if dry {
		return stOK
	}
	return w.object(fp.child, entityVal(&res.Nodes[0]))
}

// factCommon writes the fields a Relation, a Stance and an Office share;
// false for another field.
func (w *writer) factCommon(fp *fieldSel, f *domain.Fact) bool {
	switch fp.name {
	case "type":
		w.str(relationTypeNames[f.Type])
	case "confidence":
		w.float(f.Confidence)
	case "sourceCount":
		w.int(f.SourceCount)
	case "firstSeen":
		w.time(f.FirstSeen)
	case "lastSeen":
		w.time(f.LastSeen)
	case "current":
		w.optBool(boolProperty(f, "current"))
	default:
		return false
	}
	return true
}

func (w *writer) relationField(fp *fieldSel, f *domain.Fact, dry bool) status {
	switch fp.name {
	case "from", "to":
		return w.end(fp, f.Lists, dry)
	case "evidence":
		res := nested(f.Lists, fp)
		if res == nil || dry {
			return bailIfNil(res)
		}
		return w.evidenceList(fp.child, res.Evidence)
	}
	if dry {
		return stOK
	}
	switch fp.name {
	case "id":
		w.str(f.Key)
	case "office":
		w.optStr(stringProperty(f, "office"))
	default:
		if !w.factCommon(fp, f) {
			return stBail
		}
	}
	return stOK
}

func (w *writer) stanceField(fp *fieldSel, v val, dry bool) status {
	f := v.fact
	switch fp.name {
	case "target":
		return w.end(fp, f.Lists, dry)
	case "evidence":
		res := nested(f.Lists, fp)
		if res == nil || dry {
			return bailIfNil(res)
		}
		return w.evidenceList(fp.child, res.Evidence)
	case "relation":
		if dry {
			return stOK
		}
		return w.object(fp.child, val{t: tRelation, fact: f})
	}
	if dry {
		return stOK
	}
	if !w.factCommon(fp, f) {
		return stBail
	}
	return stOK
}

func (w *writer) officeField(fp *fieldSel, f *domain.Fact, dry bool) status {
	switch fp.name {
	case "place":
		res := nested(f.Lists, fp)
		if res == nil || dry {
			return bailIfNil(res)
		}
		if len(res.Nodes) == 0 || entityType(res.Nodes[0].Type) != tPlace {
			w.buf.WriteString("null")
			return stOK
		}
		return w.object(fp.child, entityVal(&res.Nodes[0]))
	case "evidence":
		res := nested(f.Lists, fp)
		if res == nil || dry {
			return bailIfNil(res)
		}
		return w.evidenceList(fp.child, res.Evidence)
	case "relation":
		if dry {
			return stOK
		}
		return w.object(fp.child, val{t: tRelation, fact: f})
	}
	if dry {
		return stOK
	}
	if fp.name == "title" {
		w.optStr(stringProperty(f, "office"))
		return stOK
	}
	if !w.factCommon(fp, f) {
		return stBail
	}
	return stOK
}

func (w *writer) evidenceField(fp *fieldSel, e *domain.Evidence, dry bool) status {
	switch fp.name {
	case "relation":
		res := nested(e.Lists, fp)
		if res == nil || dry {
			return bailIfNil(res)
		}
		if len(res.Facts) == 0 {
			w.buf.WriteString("null")
			return stOK
		}
		return w.object(fp.child, val{t: tRelation, fact: &res.Facts[0]})
	case "article":
		if dry {
			return stOK
		}
		// evidenceResolver.Article: the article's own read when it has
		// lists, else the one the evidence came with.
		a := model.NewArticle(e.Article, nil)
		if res := e.Lists.Find(fp.listKey); res != nil && len(res.Articles) > 0 {
			a = model.NewStoredArticle(res.Articles[0])
		}
		return w.object(fp.child, val{t: tArticle, m: a})
	}
	if dry {
		return stOK
	}
	switch fp.name {
	case "id":
		w.str(e.ID)
	case "sentence":
		w.str(e.Sentence)
	case "confidence":
		w.float(e.Confidence)
	default:
		return stBail
	}
	return stOK
}

func (w *writer) articleField(fp *fieldSel, a *model.Article, dry bool) status {
	switch fp.name {
	case "entities":
		res := nested(a.Lists, fp)
		if res == nil || dry {
			return bailIfNil(res)
		}
		return w.nodes(fp.child, tEntity, res.Nodes)
	case "facts":
		res := nested(a.Lists, fp)
		if res == nil || dry {
			return bailIfNil(res)
		}
		return w.evidenceList(fp.child, res.Evidence)
	}
	if dry {
		return stOK
	}
	switch fp.name {
	case "id":
		w.str(a.ID)
	case "title":
		w.str(a.Title)
	case "url":
		w.optStr(a.URL)
	case "source":
		w.optStr(a.Source)
	case "lang":
		w.optStr(a.Lang)
	case "publishedAt":
		w.time(a.PublishedAt)
	case "loadedAt":
		w.time(a.LoadedAt)
	default:
		return stBail
	}
	return stOK
}

// entities writes a list of entity models; one that is nil is for gqlgen.
func (w *writer) entities(fp *fieldSel, es []model.Entity, dry bool) status {
	for _, e := range es {
		if e == nil {
			return stBail
		}
	}
	if dry {
		return stOK
	}
	return w.items(fp.child, len(es), func(i int) val {
		n := es[i].Node()
		return entityVal(&n)
	})
}

func (w *writer) relations(fp *fieldSel, rs []*model.Relation, dry bool) status {
	for _, r := range rs {
		if r == nil {
			return stBail
		}
	}
	if dry {
		return stOK
	}
	return w.items(fp.child, len(rs), func(i int) val {
		f := rs[i].Fact()
		return val{t: tRelation, fact: &f}
	})
}

func (w *writer) allianceField(fp *fieldSel, a *model.Alliance, dry bool) status {
	switch fp.name {
	case "ally":
		if a.Ally == nil {
			return stBail
		}
		if dry {
			return stOK
		}
		n := a.Ally.Node()
		return w.object(fp.child, entityVal(&n))
	case "coalitions":
		es := make([]model.Entity, len(a.Coalitions))
		for i, c := range a.Coalitions {
			if c == nil {
				return stBail
			}
			es[i] = c
		}
		return w.entities(fp, es, dry)
	case "relations":
		return w.relations(fp, a.Relations, dry)
	}
	if dry {
		return stOK
	}
	switch fp.name {
	case "direct":
		w.bool(a.Direct)
	case "firstSeen":
		w.time(a.FirstSeen)
	case "lastSeen":
		w.time(a.LastSeen)
	default:
		return stBail
	}
	return stOK
}

func (w *writer) pathField(fp *fieldSel, p *model.Path, dry bool) status {
	switch fp.name {
	case "nodes":
		return w.entities(fp, p.Nodes, dry)
	case "hops":
		for _, h := range p.Hops {
			if h == nil {
				return stBail
			}
		}
		if dry {
			return stOK
		}
		return w.items(fp.child, len(p.Hops), func(i int) val { return val{t: tHop, m: p.Hops[i]} })
	}
	if dry {
		return stOK
	}
	switch fp.name {
	case "id":
		w.str(p.ID)
	case "length":
		w.int(p.Length)
	default:
		return stBail
	}
	return stOK
}

func (w *writer) hopField(fp *fieldSel, h *model.Hop, dry bool) status {
	switch fp.name {
	case "from", "to":
		e := h.From
		if fp.name == "to" {
			e = h.To
		}
		if e == nil {
			return stBail
		}
		if dry {
			return stOK
		}
		n := e.Node()
		return w.object(fp.child, entityVal(&n))
	case "relation", "evidence":
		if h.Relation == nil {
			return stBail
		}
		f := h.Relation.Fact()
		if fp.name == "relation" {
			if dry {
				return stOK
			}
			return w.object(fp.child, val{t: tRelation, fact: &f})
		}
		res := nested(f.Lists, fp)
		if res == nil || dry {
			return bailIfNil(res)
		}
		return w.evidenceList(fp.child, res.Evidence)
	}
	if dry {
		return stOK
	}
	switch fp.name {
	case "type":
		w.str(relationTypeNames[h.Type])
	case "reversed":
		w.bool(h.Reversed)
	default:
		return stBail
	}
	return stOK
}

// plainField writes a field of the types that only hold values: the
// graph, the connections, page info and stats.
func (w *writer) plainField(fp *fieldSel, v val, dry bool) status {
	switch m := v.m.(type) {
	case *model.Graph:
		switch fp.name {
		case "nodes":
			return modelItems(w, fp, tGraphNode, m.Nodes, dry)
		case "edges":
			return modelItems(w, fp, tGraphEdge, m.Edges, dry)
		}
	case *model.GraphNode:
		if dry {
			return stOK
		}
		switch fp.name {
		case "id":
			w.str(m.ID)
		case "label":
			w.str(m.Label)
		case "labelHi":
			w.optStr(m.LabelHi)
		case "type":
			w.str(entityTypeNames[m.Type])
		case "weight":
			w.float(m.Weight)
		case "depth":
			w.optInt(m.Depth)
		default:
			return stBail
		}
		return stOK
	case *model.GraphEdge:
		if dry {
			return stOK
		}
		switch fp.name {
		case "id":
			w.str(m.ID)
		case "source":
			w.str(m.Source)
		case "target":
			w.str(m.Target)
		case "type":
			w.str(relationTypeNames[m.Type])
		case "weight":
			w.float(m.Weight)
		case "confidence":
			w.float(m.Confidence)
		default:
			return stBail
		}
		return stOK
	case *model.RelationConnection:
		switch fp.name {
		case "totalCount":
			if !dry {
				w.int(m.TotalCount)
			}
			return stOK
		case "edges":
			return modelItems(w, fp, tRelationEdge, m.Edges, dry)
		case "nodes":
			return w.relations(fp, m.Nodes, dry)
		case "pageInfo":
			return w.one(fp, tPageInfo, m.PageInfo, dry)
		}
	case *model.RelationEdge:
		switch fp.name {
		case "cursor":
			if !dry {
				w.str(m.Cursor)
			}
			return stOK
		case "node":
			if m.Node == nil {
				return stBail
			}
			if dry {
				return stOK
			}
			f := m.Node.Fact()
			return w.object(fp.child, val{t: tRelation, fact: &f})
		}
	case *model.ArticleConnection:
		switch fp.name {
		case "totalCount":
			if !dry {
				w.int(m.TotalCount)
			}
			return stOK
		case "edges":
			return modelItems(w, fp, tArticleEdge, m.Edges, dry)
		case "nodes":
			return modelItems(w, fp, tArticle, m.Nodes, dry)
		case "pageInfo":
			return w.one(fp, tPageInfo, m.PageInfo, dry)
		}
	case *model.ArticleEdge:
		switch fp.name {
		case "cursor":
			if !dry {
				w.str(m.Cursor)
			}
			return stOK
		case "node":
			return w.one(fp, tArticle, m.Node, dry)
		}
	case *model.PageInfo:
		if dry {
			return stOK
		}
		switch fp.name {
		case "hasNextPage":
			w.bool(m.HasNextPage)
		case "endCursor":
			w.optStr(m.EndCursor)
		default:
			return stBail
		}
		return stOK
	case *model.Stats:
		switch fp.name {
		case "entitiesByType":
			return modelItems(w, fp, tTypeCount, m.EntitiesByType, dry)
		case "relationsByType":
			return modelItems(w, fp, tTypeCount, m.RelationsByType, dry)
		}
		if dry {
			return stOK
		}
		switch fp.name {
		case "articles":
			w.int(m.Articles)
		case "entities":
			w.int(m.Entities)
		case "relations":
			w.int(m.Relations)
		case "evidence":
			w.int(m.Evidence)
		case "firstPublished":
			w.time(m.FirstPublished)
		case "lastPublished":
			w.time(m.LastPublished)
		default:
			return stBail
		}
		return stOK
	case *model.TypeCount:
		if dry {
			return stOK
		}
		switch fp.name {
		case "type":
			w.str(m.Type)
		case "count":
			w.int(m.Count)
		default:
			return stBail
		}
		return stOK
	}
	return stBail
}

// one writes a non-null object field holding a model; nil is for gqlgen.
func (w *writer) one(fp *fieldSel, t objType, m any, dry bool) status {
	switch p := m.(type) {
	case *model.PageInfo:
		if p == nil {
			return stBail
		}
	case *model.Article:
		if p == nil {
			return stBail
		}
	}
	if dry {
		return stOK
	}
	return w.object(fp.child, val{t: t, m: m})
}

// modelItems writes a list of models; a nil item is for gqlgen.
func modelItems[T any](w *writer, fp *fieldSel, t objType, items []*T, dry bool) status {
	for _, it := range items {
		if it == nil {
			return stBail
		}
	}
	if dry {
		return stOK
	}
	return w.items(fp.child, len(items), func(i int) val { return val{t: t, m: items[i]} })
}

func stringProperty(f *domain.Fact, name string) *string {
	s, ok := f.Properties[name].(string)
	if !ok {
		return nil
	}
	return &s
}

func boolProperty(f *domain.Fact, name string) *bool {
	b, ok := f.Properties[name].(bool)
	if !ok {
		return nil
	}
	return &b
}
