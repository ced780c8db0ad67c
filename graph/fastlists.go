package graph

import (
	"github.com/netagraph/netagraph/domain"
	"github.com/netagraph/netagraph/graph/model"
)

// What the fast executor (fastexec.go) cannot take from the schema: how a
// resolver below the root finds its value. Each such resolver
// (schema.resolvers.go, helpers.go) finds a nested list its top-level
// field's plan read, under "Type.alias" (or "*.alias") in its object's
// Lists, and makes its value of it; the generated field switches
// (fastexec_gen.go) call the helper below that does the same for the
// field's type (internal/seqlists/fast.go, resolverRule). The items are
// written as stack values of the models gqlgen binds (model.RelationOf,
// model.EntityFields, ...), by the generated writers, so the fields'
// values come from the same accessors gqlgen calls.
//
// In a dry run (dry true) a helper only says whether the field needs
// gqlgen (stBail: a list its plan did not read, which the resolver reads
// alone or refuses, or a non-null field that would be null), and writes
// nothing.

// nested is the list a field reads for its object, where the top-level
// field's read put it (Resolver.nested's lookup); nil when it is not
// there, and the field's resolver would read it alone or refuse it.
func nested(lists domain.Lists, fp *fieldSel) *domain.Result {
	if res := lists.Find(fp.listKey); res != nil {
		return res
	}
	return lists.Find(fp.anyKey)
}

// writeNode writes an entity as the type model.NewEntity gives it.
func (w *writer) writeNode(sp *selection, n *domain.Node) status {
	switch entityType(n.Type) {
	case tPerson:
		v := model.Person{Fields: model.EntityFields(n)}
		return w.writePerson(sp, &v)
	case tParty:
		v := model.Party{Fields: model.EntityFields(n)}
		return w.writeParty(sp, &v)
	case tCoalition:
		v := model.Coalition{Fields: model.EntityFields(n)}
		return w.writeCoalition(sp, &v)
	case tPlace:
		v := model.Place{Fields: model.EntityFields(n)}
		return w.writePlace(sp, &v)
	case tEvent:
		v := model.EventOf(n)
		return w.writeEvent(sp, &v)
	}
	v := model.Organization{Fields: model.EntityFields(n)}
	return w.writeOrganization(sp, &v)
}

// nodesField writes entities[T]: the list's entities of type item (all of
// them for the interface, tEntity).
func (w *writer) nodesField(fp *fieldSel, lists domain.Lists, item objType, dry bool) status {
	res := nested(lists, fp)
	if res == nil || dry {
		return bailIfNil(res)
	}
	ns := res.Nodes
	if item == tEntity {
		return w.each(len(ns), func(i int) status { return w.writeNode(fp.child, &ns[i]) })
	}
	n := 0
	for i := range ns {
		if entityType(ns[i].Type) == item {
			n++
		}
	}
	j := 0
	return w.each(n, func(int) status {
		for entityType(ns[j].Type) != item {
			j++
		}
		j++
		return w.writeNode(fp.child, &ns[j-1])
	})
}

// oneField writes one[T]: the list's first entity, null when there is none
// or it is not a T.
func (w *writer) oneField(fp *fieldSel, lists domain.Lists, item objType, dry bool) status {
	res := nested(lists, fp)
	if res == nil || dry {
		return bailIfNil(res)
	}
	if len(res.Nodes) == 0 || (item != tEntity && entityType(res.Nodes[0].Type) != item) {
		return w.null()
	}
	return w.writeNode(fp.child, &res.Nodes[0])
}

// endField writes a relation's end (from, to, a stance's target): non-null.
func (w *writer) endField(fp *fieldSel, lists domain.Lists, dry bool) status {
	res := nested(lists, fp)
	if res == nil || len(res.Nodes) == 0 {
		return stBail
	}
	if dry {
		return stOK
	}
	return w.writeNode(fp.child, &res.Nodes[0])
}

func (w *writer) relationsField(fp *fieldSel, lists domain.Lists, dry bool) status {
	res := nested(lists, fp)
	if res == nil || dry {
		return bailIfNil(res)
	}
	fs := res.Facts
	return w.each(len(fs), func(i int) status {
		v := model.RelationOf(fs[i])
		return w.writeRelation(fp.child, &v)
	})
}

// firstRelationField writes the list's relation, null when there is none.
func (w *writer) firstRelationField(fp *fieldSel, lists domain.Lists, dry bool) status {
	res := nested(lists, fp)
	if res == nil || dry {
		return bailIfNil(res)
	}
	if len(res.Facts) == 0 {
		return w.null()
	}
	v := model.RelationOf(res.Facts[0])
	return w.writeRelation(fp.child, &v)
}

// stancesField writes the list's relations as stances of subject.
func (w *writer) stancesField(fp *fieldSel, lists domain.Lists, subject string, dry bool) status {
	res := nested(lists, fp)
	if res == nil || dry {
		return bailIfNil(res)
	}
	fs := res.Facts
	return w.each(len(fs), func(i int) status {
		v := model.StanceOf(subject, fs[i])
		return w.writeStance(fp.child, &v)
	})
}

func (w *writer) officesField(fp *fieldSel, lists domain.Lists, dry bool) status {
	res := nested(lists, fp)
	if res == nil || dry {
		return bailIfNil(res)
	}
	fs := res.Facts
	return w.each(len(fs), func(i int) status {
		v := model.OfficeOf(fs[i])
		return w.writeOffice(fp.child, &v)
	})
}

func (w *writer) evidenceField(fp *fieldSel, lists domain.Lists, dry bool) status {
	res := nested(lists, fp)
	if res == nil || dry {
		return bailIfNil(res)
	}
	evs := res.Evidence
	return w.each(len(evs), func(i int) status {
		v := model.EvidenceOf(evs[i])
		return w.writeEvidence(fp.child, &v)
	})
}

// articlesField writes an entity's articles, a connection.
func (w *writer) articlesField(fp *fieldSel, lists domain.Lists, dry bool) status {
	res := nested(lists, fp)
	if res == nil || dry {
		return bailIfNil(res)
	}
	c := articleConnection(domain.Connection[domain.StoredArticle]{Items: res.Articles, Cursors: res.Cursors,
		HasNext: res.HasNext, Total: res.Total})
	return w.writeArticleConnection(fp.child, c)
}

// factRelation writes a stance's or an office's relation: its own fact.
func (w *writer) factRelation(fp *fieldSel, f domain.Fact, dry bool) status {
	if dry {
		return stOK
	}
	v := model.RelationOf(f)
	return w.writeRelation(fp.child, &v)
}

// evidenceArticle writes evidenceResolver.Article: the article's own read
// when it has lists, else the one the evidence came with.
func (w *writer) evidenceArticle(fp *fieldSel, e *model.Evidence, dry bool) status {
	a := e.Article
	if res := e.Lists.Find(fp.listKey); res != nil && len(res.Articles) > 0 {
		if dry {
			return stOK
		}
		a = model.NewStoredArticle(res.Articles[0])
	}
	if a == nil {
		return stBail
	}
	if dry {
		return stOK
	}
	return w.writeArticle(fp.child, a)
}

// hopEvidence writes hopResolver.Evidence: its relation's evidence.
func (w *writer) hopEvidence(fp *fieldSel, h *model.Hop, dry bool) status {
	if h.Relation == nil {
		return stBail
	}
	return w.evidenceField(fp, h.Relation.Lists(), dry)
}

func bailIfNil(res *domain.Result) status {
	if res == nil {
		return stBail
	}
	return stOK
}
