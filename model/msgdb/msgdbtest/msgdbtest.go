// Package msgdbtest writes small message databases for tests, in the schema
// package msgdb reads, with message strings the tests make up (eventlens
// ships no Microsoft message strings).
package msgdbtest

import (
	"database/sql"
	"fmt"
	"strings"

	_ "modernc.org/sqlite"
)

// Template is one messages row. ID and Version are written only when the
// database has those columns (Options).
type Template struct {
	Provider string
	EventID  int
	ID       int64
	Version  int
	Message  string
}

// Options choose the optional parts of the schema.
type Options struct {
	GUIDs      map[string]string // provider name → GUID column value
	IDs        bool              // messages.id (full message ID)
	Versions   bool              // messages.version
	Language   string            // messages.language, the same for every row
	NoIndex    bool              // leave messages without an index
	Parameters map[string]map[int64]string
}

// Write creates the database at path.
func Write(path string, opts Options, ts ...Template) error {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return err
	}
	defer db.Close()
	pcols := "id INTEGER PRIMARY KEY, name TEXT"
	if opts.GUIDs != nil {
		pcols += ", guid TEXT"
	}
	mcols := []string{"provider_id INTEGER NOT NULL", "event_id INTEGER NOT NULL", "message TEXT"}
	if opts.IDs {
		mcols = append(mcols, "id INTEGER")
	}
	if opts.Versions {
		mcols = append(mcols, "version INTEGER")
	}
	if opts.Language != "" {
		mcols = append(mcols, "language TEXT")
	}
	stmts := []string{
		"CREATE TABLE providers (" + pcols + ")",
		"CREATE TABLE messages (" + strings.Join(mcols, ", ") + ")",
	}
	if !opts.NoIndex {
		stmts = append(stmts, "CREATE INDEX message_idx ON messages (event_id, provider_id)")
	}
	if opts.Parameters != nil {
		stmts = append(stmts, "CREATE TABLE parameters (provider_id INTEGER, id INTEGER, message TEXT)")
	}
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			return err
		}
	}
	ids := map[string]int64{}
	provider := func(name string) (int64, error) {
		if id, ok := ids[name]; ok {
			return id, nil
		}
		id := int64(len(ids) + 1)
		var err error
		if opts.GUIDs != nil {
			_, err = db.Exec("INSERT INTO providers (id, name, guid) VALUES (?, ?, ?)", id, name, opts.GUIDs[name])
		} else {
			_, err = db.Exec("INSERT INTO providers (id, name) VALUES (?, ?)", id, name)
		}
		ids[name] = id
		return id, err
	}
	for _, t := range ts {
		pid, err := provider(t.Provider)
		if err != nil {
			return err
		}
		cols, vals := []string{"provider_id", "event_id", "message"}, []any{pid, t.EventID, t.Message}
		if opts.IDs {
			cols, vals = append(cols, "id"), append(vals, t.ID)
		}
		if opts.Versions {
			cols, vals = append(cols, "version"), append(vals, t.Version)
		}
		if opts.Language != "" {
			cols, vals = append(cols, "language"), append(vals, opts.Language)
		}
		q := fmt.Sprintf("INSERT INTO messages (%s) VALUES (?%s)", strings.Join(cols, ", "), strings.Repeat(", ?", len(cols)-1))
		if _, err := db.Exec(q, vals...); err != nil {
			return err
		}
	}
	for name, ps := range opts.Parameters {
		pid, err := provider(name)
		if err != nil {
			return err
		}
		for id, text := range ps {
			if _, err := db.Exec("INSERT INTO parameters VALUES (?, ?, ?)", pid, id, text); err != nil {
				return err
			}
		}
	}
	return nil
}

// Exec creates a database at path by running stmts, for tests of databases
// that are not what Write makes.
func Exec(path string, stmts ...string) error {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return err
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			return err
		}
	}
	return nil
}
