package model

import (
	"io"
	"strconv"
	"time"

	"github.com/netagraph/netagraph/domain"
)

// Date is a calendar date: the GraphQL Date scalar, YYYY-MM-DD. An RFC 3339
// time is accepted as input and cut to its date.
type Date struct{ time.Time }

// UnmarshalGQL reads a date from a GraphQL value.
func (d *Date) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok {
		return domain.Errorf(domain.EINVALID, "a Date is a string YYYY-MM-DD, not %T", v)
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		rt, rerr := time.Parse(time.RFC3339, s)
		if rerr != nil {
			return domain.Errorf(domain.EINVALID, "%q is not a date (YYYY-MM-DD)", s)
		}
		t = time.Date(rt.Year(), rt.Month(), rt.Day(), 0, 0, 0, 0, time.UTC)
	}
	d.Time = t
	return nil
}

// MarshalGQL writes the date as YYYY-MM-DD.
func (d Date) MarshalGQL(w io.Writer) {
	_, _ = io.WriteString(w, strconv.Quote(d.Format(time.DateOnly)))
}

// Start is the first instant of the day, UTC.
func (d *Date) Start() *time.Time {
	if d == nil {
		return nil
	}
	t := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	return &t
}

// End is the first instant of the next day, UTC: the end of the day, exclusive.
func (d *Date) End() *time.Time {
	if d == nil {
		return nil
	}
	t := d.Start().AddDate(0, 0, 1)
	return &t
}
