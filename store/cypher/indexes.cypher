{{/*
relationKeyIndex is the range index on the key of the relationships of
the type .Type (an index on relationships has one type), named
relation_key_<.Name>.
*/}}
{{define "relationKeyIndex"}}CREATE INDEX relation_key_{{.Name}} IF NOT EXISTS FOR ()-[r:{{.Type}}]-() ON (r.key){{end}}
