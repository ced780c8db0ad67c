package domain

import (
	"errors"
	"fmt"
)

// Error codes, each mapped once at each edge: to extensions.code in GraphQL
// and to an exit status and one line on stderr in the CLI.
const (
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	ECONFLICT     = "conflict"
	EUNAUTHORIZED = "unauthorized"
	// ETIMEOUT: the request's work took longer than its limit; a smaller
	// request, or the same one later, may succeed.
	ETIMEOUT = "timeout"
	// EUNAVAILABLE: the database is unreachable, restarting or overloaded;
	// the same request may succeed after a while.
	EUNAVAILABLE = "unavailable"
	EINTERNAL    = "internal"
)

// Error is an error a user can act on: its Message is safe to show.
type Error struct {
	Code    string
	Message string
	// Err is the cause, for logs; it is never shown to a client.
	Err error
}

func (e *Error) Error() string { return e.Message }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Wrap returns an *Error with the given code whose cause is err.
func Wrap(err error, code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: err}
}

// Errorf returns an *Error with the given code.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err's *Error, or EINTERNAL.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err == nil {
		return ""
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err: the *Error's message,
// or a generic one for internal errors.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
