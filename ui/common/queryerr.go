package common

import (
	"errors"
	"strconv"

	"eventlens/i18n"
	"eventlens/model/query"
)

// QueryError says err, a query's parse error, in lang: the column and the
// reason, each language's own words. Any other error is said as it is.
func QueryError(err error, lang i18n.Lang) string {
	var qe *query.Error
	if !errors.As(err, &qe) {
		return err.Error()
	}
	return i18n.UI.QueryErrorAt.Fill(strconv.Itoa(qe.Col), i18n.Say(qe.Reason, lang)).In(lang)
}
