// Package msgdb renders Windows event messages from message databases, for
// events whose log carries no message (EVTX records never do: Windows
// renders them from the provider's message table on the machine that
// logged them).
//
// A message database is an SQLite file in the schema public tools share
// (Velocidex's dumpevtx and its evtx-data collection, built from NSA's WELM
// data per Windows version):
//
//	providers(id INTEGER, name TEXT [, guid TEXT])
//	messages(provider_id INTEGER, event_id INTEGER, message TEXT
//	         [, id INTEGER] [, version INTEGER] [, language TEXT])
//	parameters(provider_id INTEGER, id INTEGER, message TEXT)   -- optional
//
// messages.id, when present, is the full 32-bit message ID: an event logged
// with qualifiers (classic event sources) matches the row whose id is
// qualifiers<<16 | event ID first. parameters holds the provider's
// parameter strings, which replace insertion strings of the form %%NNNN.
// Databases are opened read-only and never written; a file that is not such
// a database is refused with an error saying why.
package msgdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"

	_ "modernc.org/sqlite" // pure Go: builds stay CGO_ENABLED=0

	"eventlens/model"
	"eventlens/model/regular"
)

// Limits that keep a hostile database from using unbounded memory.
const (
	maxProviders  = 1 << 20
	maxMessage    = 64 << 10 // characters of one message string
	maxRows       = 64       // templates considered for one event ID
	maxWholeTable = 2 << 20  // rows read into memory from a table with no index
)

// Set is the message databases given, in order: the first that has a
// template for an event renders it. A Set is safe for concurrent use.
type Set struct {
	dbs []*db

	mu     sync.RWMutex
	cache  map[key]*found
	params map[paramKey]string
	err    error // the first lookup that failed
}

// key is what picks a template: provider, event ID, qualifiers, version.
type key struct {
	provider, source, guid string
	id, qualifiers         uint16
	hasQualifiers          bool
	version                uint8
}

type paramKey struct {
	db       *db
	provider int64
	id       int64
}

// found is a lookup's result; t is nil when no database has a template.
type found struct {
	t        *template
	static   string // t's literal pieces, for searches (Static)
	db       *db
	provider int64
	culture  string
}

// Open opens the message databases at paths. It fails, naming the file,
// when one cannot be read or is not a message database.
func Open(paths ...string) (*Set, error) {
	s := &Set{cache: map[key]*found{}, params: map[paramKey]string{}}
	for _, p := range paths {
		d, err := openDB(p)
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("message database %s: %w", p, err)
		}
		s.dbs = append(s.dbs, d)
	}
	return s, nil
}

// Close closes the databases.
func (s *Set) Close() error {
	if s == nil {
		return nil
	}
	var errs []error
	for _, d := range s.dbs {
		errs = append(errs, d.close())
	}
	s.dbs = nil
	return errors.Join(errs...)
}

// Paths returns the files the set was opened from, in order.
func (s *Set) Paths() []string {
	if s == nil {
		return nil
	}
	ps := make([]string, len(s.dbs))
	for i, d := range s.dbs {
		ps[i] = d.path
	}
	return ps
}

// Err returns the first lookup that failed (a database damaged past its
// header), or nil. Events it concerned fall back to the next message source.
func (s *Set) Err() error {
	if s == nil {
		return nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.err
}

// Render returns ev's message rendered from the first database with a
// template for it, and the template's culture when the database names one.
// ok is false when no database has one.
func (s *Set) Render(ev *model.Event) (text, culture string, ok bool) {
	if s == nil || len(s.dbs) == 0 || ev == nil || ev.Provider == "" && ev.ProviderGUID == "" {
		return "", "", false
	}
	f := s.find(ev)
	if f.t == nil {
		return "", "", false
	}
	args := make([]string, 0, len(ev.Data)+len(ev.UserData))
	for _, list := range [][]model.Data{ev.Data, ev.UserData} {
		for _, d := range list {
			args = append(args, d.Value)
		}
	}
	return f.t.render(args, func(v string) string { return s.parameter(f, v) }), f.culture, true
}

// Static returns the literal text of the template that renders ev's
// message (what Render adds to the insertion strings), its pieces joined by
// store.Sep, which no search word spans; ok is false when no database has
// one. A word search looks for words there (query.Templates).
func (s *Set) Static(ev *model.Event) (text string, ok bool) {
	if s == nil || len(s.dbs) == 0 || ev == nil || ev.Provider == "" && ev.ProviderGUID == "" {
		return "", false
	}
	f := s.find(ev)
	return f.static, f.t != nil
}

// find returns the cached look-up of ev's template.
func (s *Set) find(ev *model.Event) *found {
	k := key{
		provider: ev.Provider, source: ev.EventSourceName, guid: ev.ProviderGUID,
		id: ev.EventID, qualifiers: ev.Qualifiers, hasQualifiers: ev.HasQualifiers, version: ev.Version,
	}
	s.mu.RLock()
	f, hit := s.cache[k]
	s.mu.RUnlock()
	if !hit {
		f = s.lookup(k)
		s.mu.Lock()
		s.cache[k] = f
		s.mu.Unlock()
	}
	return f
}

// lookup finds the template for k in the first database that has one.
func (s *Set) lookup(k key) *found {
	for _, d := range s.dbs {
		f, err := d.lookup(k)
		if err != nil {
			s.fail(fmt.Errorf("message database %s: %w", d.path, err))
			continue
		}
		if f != nil {
			return f
		}
	}
	return &found{}
}

// parameter replaces a %%NNNN insertion string with the provider's
// parameter string NNNN, when the database has it.
func (s *Set) parameter(f *found, v string) string {
	n, ok := parameterID(v)
	if !ok || f.db.param == nil {
		return v
	}
	pk := paramKey{f.db, f.provider, n}
	s.mu.RLock()
	p, hit := s.params[pk]
	s.mu.RUnlock()
	if !hit {
		text, err := f.db.parameter(f.provider, n)
		if err != nil {
			s.fail(fmt.Errorf("message database %s: %w", f.db.path, err))
		}
		p = v
		if text != "" {
			p = parse(text).render(nil, nil)
		}
		s.mu.Lock()
		s.params[pk] = p
		s.mu.Unlock()
	}
	return p
}

func (s *Set) fail(err error) {
	s.mu.Lock()
	if s.err == nil {
		s.err = err
	}
	s.mu.Unlock()
}

// db is one open message database.
type db struct {
	path string
	conn *sql.DB

	names map[string][]int64 // lower-case provider name → ids
	guids map[string][]int64 // normalised GUID → ids

	mu    sync.Mutex // one query at a time: the connection is single
	query *sql.Stmt  // templates of (provider_id, event_id)
	param *sql.Stmt  // nil when there is no parameters table
	whole map[[2]int64][]row
}

// row is one candidate template.
type row struct {
	text       string
	id         int64
	hasID      bool
	version    int64
	hasVersion bool
	culture    string
	provider   int64
}

var sqliteMagic = []byte("SQLite format 3\x00")

func openDB(path string) (d *db, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("unreadable: %v", r)
		}
	}()
	if err := checkFile(path); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	// immutable: never lock, write or create anything beside the file, even
	// on read-only media; trusted_schema off: a view or trigger in a
	// hostile file runs nothing.
	dsn := "file:" + (&url.URL{Path: filepath.ToSlash(abs)}).EscapedPath() +
		"?mode=ro&immutable=1&_pragma=query_only(1)&_pragma=trusted_schema(0)"
	conn, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	conn.SetMaxOpenConns(1)
	d = &db{path: path, conn: conn, names: map[string][]int64{}, guids: map[string][]int64{}}
	if err := d.init(); err != nil {
		conn.Close()
		return nil, err
	}
	return d, nil
}

// checkFile refuses what is no regular SQLite file before SQLite sees it.
func checkFile(path string) error {
	f, _, err := regular.Open(path)
	if err != nil {
		return unwrapPath(err)
	}
	defer f.Close()
	head := make([]byte, len(sqliteMagic))
	if _, err := io.ReadFull(f, head); err != nil || string(head) != string(sqliteMagic) {
		return errors.New("not an SQLite database")
	}
	return nil
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (d *db) init() error {
	ctx := context.Background()
	pcols, err := d.columns(ctx, "providers")
	if err != nil {
		return err
	}
	mcols, err := d.columns(ctx, "messages")
	if err != nil {
		return err
	}
	if !pcols["id"] || !pcols["name"] {
		return errors.New("not a message database: table providers has no id and name columns")
	}
	if !mcols["provider_id"] || !mcols["event_id"] || !mcols["message"] {
		return errors.New("not a message database: table messages has no provider_id, event_id and message columns")
	}
	if err := d.loadProviders(ctx, pcols); err != nil {
		return err
	}
	opt := func(cols map[string]bool, names ...string) string {
		for _, n := range names {
			if cols[n] {
				return n
			}
		}
		return "NULL"
	}
	sel := fmt.Sprintf("substr(message, 1, %d), %s, %s, %s", maxMessage,
		opt(mcols, "id", "message_id"), opt(mcols, "version"), opt(mcols, "language", "culture"))
	indexed, err := d.indexed(ctx)
	if err != nil {
		return err
	}
	if indexed {
		d.query, err = d.conn.PrepareContext(ctx, fmt.Sprintf(
			"SELECT %s, provider_id FROM messages WHERE provider_id = ? AND event_id = ? LIMIT %d", sel, maxRows))
	} else {
		err = d.loadWhole(ctx, sel)
	}
	if err != nil {
		return err
	}
	if cols, err := d.columns(ctx, "parameters"); err == nil && cols["provider_id"] && cols["id"] && cols["message"] {
		d.param, err = d.conn.PrepareContext(ctx, fmt.Sprintf(
			"SELECT substr(message, 1, %d) FROM parameters WHERE provider_id = ? AND id = ? LIMIT 1", maxMessage))
		if err != nil {
			return err
		}
	}
	return nil
}

// columns returns the lower-case column names of table, which must be a
// table (a view could run anything).
func (d *db) columns(ctx context.Context, table string) (map[string]bool, error) {
	var typ string
	err := d.conn.QueryRowContext(ctx, "SELECT type FROM sqlite_master WHERE name = ? COLLATE NOCASE", table).Scan(&typ)
	if errors.Is(err, sql.ErrNoRows) || err == nil && typ != "table" {
		return nil, fmt.Errorf("not a message database: no table %s", table)
	}
	if err != nil {
		return nil, err
	}
	rows, err := d.conn.QueryContext(ctx, "SELECT name FROM pragma_table_info(?)", table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		cols[strings.ToLower(n)] = true
	}
	return cols, rows.Err()
}

func (d *db) loadProviders(ctx context.Context, cols map[string]bool) error {
	guid := "NULL"
	for _, n := range []string{"guid", "provider_guid"} {
		if cols[n] {
			guid = n
			break
		}
	}
	rows, err := d.conn.QueryContext(ctx, fmt.Sprintf("SELECT id, substr(name, 1, 1024), substr(%s, 1, 64) FROM providers LIMIT %d", guid, maxProviders+1))
	if err != nil {
		return err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		if n++; n > maxProviders {
			return fmt.Errorf("more than %d providers", maxProviders)
		}
		var id sql.NullInt64
		var name, g sql.NullString
		if err := rows.Scan(&id, &name, &g); err != nil {
			return err
		}
		if !id.Valid {
			continue
		}
		if name.Valid && name.String != "" {
			k := strings.ToLower(name.String)
			d.names[k] = append(d.names[k], id.Int64)
		}
		if g := normGUID(g.String); g != "" {
			d.guids[g] = append(d.guids[g], id.Int64)
		}
	}
	return rows.Err()
}

// indexed reports whether messages has an index that starts with event_id
// or provider_id, so that one lookup does not scan the table.
func (d *db) indexed(ctx context.Context) (bool, error) {
	rows, err := d.conn.QueryContext(ctx,
		"SELECT lower(i.name) FROM pragma_index_list('messages') AS l, pragma_index_info(l.name) AS i WHERE i.seqno = 0")
	if err != nil {
		return false, err
	}
	defer rows.Close()
	found := false
	for rows.Next() {
		var col sql.NullString
		if err := rows.Scan(&col); err != nil {
			return false, err
		}
		found = found || col.String == "event_id" || col.String == "provider_id"
	}
	return found, rows.Err()
}

// loadWhole reads a messages table that has no index into memory, once,
// rather than scanning it for every event ID.
func (d *db) loadWhole(ctx context.Context, sel string) error {
	rows, err := d.conn.QueryContext(ctx, fmt.Sprintf("SELECT %s, provider_id, event_id FROM messages LIMIT %d", sel, maxWholeTable+1))
	if err != nil {
		return err
	}
	defer rows.Close()
	d.whole = map[[2]int64][]row{}
	n := 0
	for rows.Next() {
		if n++; n > maxWholeTable {
			return fmt.Errorf("table messages has no index and more than %d rows", maxWholeTable)
		}
		var r row
		var eventID int64
		if err := scanRow(rows, &r, &eventID); err != nil {
			return err
		}
		k := [2]int64{r.provider, eventID}
		if len(d.whole[k]) < maxRows {
			d.whole[k] = append(d.whole[k], r)
		}
	}
	return rows.Err()
}

// scanRow reads the columns selected by init (and extra ones after them).
func scanRow(rows *sql.Rows, r *row, extra ...any) error {
	var text, culture sql.NullString
	var id, version sql.NullInt64
	dst := append([]any{&text, &id, &version, &culture, &r.provider}, extra...)
	if err := rows.Scan(dst...); err != nil {
		return err
	}
	r.text, r.culture = text.String, culture.String
	r.id, r.hasID = id.Int64, id.Valid
	r.version, r.hasVersion = version.Int64, version.Valid
	return nil
}

// lookup returns the template that fits k best, nil when there is none.
// Providers are matched by GUID first, then by name and event source name,
// ignoring case.
func (d *db) lookup(k key) (f *found, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("lookup failed: %v", r)
		}
	}()
	groups := [][]int64{d.guids[normGUID(k.guid)], d.names[strings.ToLower(k.provider)]}
	if k.source != "" && !strings.EqualFold(k.source, k.provider) {
		groups = append(groups, d.names[strings.ToLower(k.source)])
	}
	for _, ids := range groups {
		var cands []row
		for _, id := range ids {
			rs, err := d.templates(id, int64(k.id))
			if err != nil {
				return nil, err
			}
			cands = append(cands, rs...)
		}
		if len(cands) > 0 {
			r := best(cands, k)
			t := parse(r.text)
			return &found{t: t, static: t.static(), db: d, provider: r.provider, culture: r.culture}, nil
		}
	}
	return nil, nil
}

func (d *db) templates(provider, eventID int64) ([]row, error) {
	if d.whole != nil {
		return d.whole[[2]int64{provider, eventID}], nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	rows, err := d.query.Query(provider, eventID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []row
	for rows.Next() {
		var r row
		if err := scanRow(rows, &r); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// best picks the template whose message ID carries the event's qualifiers
// and whose version is the event's, in that order of importance; among
// equals, the first in the database.
func best(cands []row, k key) row {
	score := func(r row) int {
		s := 0
		if k.hasQualifiers && r.hasID && r.id == int64(k.qualifiers)<<16|int64(k.id) {
			s += 2
		}
		if r.hasVersion && r.version == int64(k.version) {
			s++
		}
		return s
	}
	top := 0
	for i := 1; i < len(cands); i++ {
		if score(cands[i]) > score(cands[top]) {
			top = i
		}
	}
	return cands[top]
}

func (d *db) parameter(provider, id int64) (string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	var text sql.NullString
	err := d.param.QueryRow(provider, id).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return text.String, err
}

func (d *db) close() error {
	for _, st := range []*sql.Stmt{d.query, d.param} {
		if st != nil {
			st.Close()
		}
	}
	return d.conn.Close()
}

// normGUID lower-cases a GUID and drops its braces.
func normGUID(g string) string {
	return strings.ToLower(strings.Trim(strings.TrimSpace(g), "{}"))
}
