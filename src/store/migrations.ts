// Schema migrations: an ordered list, each run once in a transaction, tracked by user_version
// (tables and indexes: docs/store.md).

import type { Database } from 'better-sqlite3';

type Migration = (db: Database) => void;

/** The source of keys imported before Verity recorded sources (migration 6's default). */
export const UNRECORDED_KEY_SOURCE = 'unknown: imported before Verity recorded where keys came from';

const MIGRATIONS: Migration[] = [
  // 1: initial schema
  (db) => {
    db.exec(`
      CREATE TABLE case_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

      CREATE TABLE content (
        rowid INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        mime TEXT NOT NULL,
        size INTEGER NOT NULL,
        extractor TEXT,
        extractor_version INTEGER NOT NULL DEFAULT 0,
        title TEXT,
        date TEXT,
        person TEXT,
        facts TEXT NOT NULL DEFAULT '{}',
        text_chars INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE content_metadata (
        content_id INTEGER NOT NULL REFERENCES content(rowid) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        source TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL
      );
      CREATE INDEX content_metadata_by_content ON content_metadata(content_id, seq);
      CREATE INDEX content_metadata_by_key ON content_metadata(key, value);
      CREATE TABLE content_findings (
        content_id INTEGER NOT NULL REFERENCES content(rowid) ON DELETE CASCADE,
        check_id TEXT NOT NULL,
        severity TEXT NOT NULL,
        message TEXT NOT NULL,
        evidence TEXT NOT NULL
      );
      CREATE INDEX content_findings_by_content ON content_findings(content_id);
      CREATE VIRTUAL TABLE content_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');

      CREATE TABLE documents (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        parent_id TEXT,
        root_path TEXT NOT NULL,
        path TEXT NOT NULL,
        name TEXT NOT NULL,
        locator TEXT NOT NULL,
        depth INTEGER NOT NULL,
        top_index INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        content_id INTEGER REFERENCES content(rowid),
        kind TEXT NOT NULL,
        mime TEXT NOT NULL,
        size INTEGER NOT NULL,
        date TEXT,
        person TEXT,
        title TEXT,
        score INTEGER NOT NULL DEFAULT 0,
        flags INTEGER NOT NULL DEFAULT 0,
        top_severity INTEGER,
        scan_id INTEGER NOT NULL
      );
      CREATE INDEX documents_by_root ON documents(root_path);
      CREATE INDEX documents_by_parent ON documents(parent_id);
      CREATE INDEX documents_by_sha ON documents(sha256);
      CREATE INDEX documents_by_content ON documents(content_id);
      CREATE INDEX documents_by_kind ON documents(kind, score DESC);
      CREATE INDEX documents_by_score ON documents(score DESC, path);
      CREATE INDEX documents_by_date ON documents(date);
      CREATE INDEX documents_by_path ON documents(path);
      CREATE INDEX documents_by_person ON documents(person);

      CREATE TABLE occurrence_metadata (
        doc_rowid INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        source TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL
      );
      CREATE INDEX occurrence_metadata_by_doc ON occurrence_metadata(doc_rowid);

      -- Findings per document: copies of the content's findings (origin 'content'), findings
      -- about the occurrence ('occurrence') and findings of corpus checks ('corpus').
      CREATE TABLE findings (
        rowid INTEGER PRIMARY KEY,
        doc_rowid INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
        origin TEXT NOT NULL,
        check_id TEXT NOT NULL,
        severity TEXT NOT NULL,
        severity_rank INTEGER NOT NULL,
        message TEXT NOT NULL,
        evidence TEXT NOT NULL
      );
      CREATE INDEX findings_by_doc ON findings(doc_rowid);
      CREATE INDEX findings_by_check ON findings(check_id, doc_rowid);
      CREATE INDEX findings_by_severity ON findings(severity_rank, doc_rowid);

      -- Email threading keys, per content.
      CREATE TABLE emails (
        content_id INTEGER PRIMARY KEY REFERENCES content(rowid) ON DELETE CASCADE,
        message_id TEXT,
        in_reply_to TEXT,
        refs TEXT,
        subject TEXT,
        from_addr TEXT,
        from_name TEXT,
        date_utc TEXT
      );
      CREATE INDEX emails_by_message_id ON emails(message_id);
      CREATE INDEX emails_by_in_reply_to ON emails(in_reply_to);
      CREATE INDEX emails_by_from ON emails(from_addr);

      -- Ingest state per top-level file: what makes a scan resumable and a re-scan cheap.
      CREATE TABLE files (
        path TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        mtime_ms INTEGER NOT NULL,
        state TEXT NOT NULL,           -- 'partial' | 'done'
        checkpoint INTEGER NOT NULL,   -- top-level children fully committed
        sha256 TEXT,
        scan_id INTEGER NOT NULL
      );

      CREATE TABLE scans (
        id INTEGER PRIMARY KEY,
        dump_root TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        state TEXT NOT NULL,
        stats TEXT NOT NULL DEFAULT '{}'
      );

      CREATE TABLE failures (
        rowid INTEGER PRIMARY KEY,
        doc_id TEXT,
        path TEXT NOT NULL,
        stage TEXT NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        at TEXT NOT NULL,
        UNIQUE (path, stage, code)
      );

      -- The analyst's work: never deleted by a scan.
      CREATE TABLE tags (doc_id TEXT NOT NULL, tag TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (doc_id, tag));
      CREATE INDEX tags_by_tag ON tags(tag);
      CREATE TABLE verdicts (doc_id TEXT PRIMARY KEY, verdict TEXT NOT NULL, updated_at TEXT NOT NULL);
      CREATE TABLE notes (doc_id TEXT PRIMARY KEY, note TEXT NOT NULL, updated_at TEXT NOT NULL);

      CREATE TABLE dkim_keys (name TEXT PRIMARY KEY, record TEXT NOT NULL, imported_at TEXT NOT NULL);
    `);
  },
  // 2: indexes for the documents table on a million rows (src/store/queries): one kind sorted by
  // score without a sort step, and the timeline (date, score) as a covering scan.
  (db) => {
    db.exec(`
      CREATE INDEX documents_by_kind_score ON documents(kind, score DESC, path);
      CREATE INDEX documents_by_date_score ON documents(date, score);
    `);
  },
  // 3: search summaries (src/store/queries/summary-build.ts), rebuilt after each scan: the documents in
  // each table order (page N of the unfiltered table is a rowid range, not an OFFSET walk), facet
  // counts unfiltered and under one facet value, and the best-ranked matches of very common words.
  (db) => {
    db.exec(`
      CREATE TABLE summary_order_score (pos INTEGER PRIMARY KEY, doc_rowid INTEGER NOT NULL);
      CREATE TABLE summary_order_date (pos INTEGER PRIMARY KEY, doc_rowid INTEGER NOT NULL);
      CREATE TABLE summary_order_path (pos INTEGER PRIMARY KEY, doc_rowid INTEGER NOT NULL);
      -- filter_facet = '' for the unfiltered counts; facet = '' value = '' holds the document total.
      CREATE TABLE summary_facets (
        filter_facet TEXT NOT NULL, filter_value TEXT NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL, count INTEGER NOT NULL,
        PRIMARY KEY (filter_facet, filter_value, facet, value)
      ) WITHOUT ROWID;
      CREATE TABLE summary_terms (term TEXT PRIMARY KEY, matches INTEGER NOT NULL, documents INTEGER NOT NULL, kept INTEGER NOT NULL) WITHOUT ROWID;
      CREATE TABLE summary_term_top (term TEXT NOT NULL, pos INTEGER NOT NULL, content_id INTEGER NOT NULL, r REAL NOT NULL, PRIMARY KEY (term, pos)) WITHOUT ROWID;
      -- One person's documents in score order without a sort step (replaces the person-only index,
      -- so a scan maintains no more indexes than before).
      DROP INDEX IF EXISTS documents_by_person;
      CREATE INDEX documents_by_person_score ON documents(person, score DESC, path);
    `);
  },
  // 4: a text query with a date range tests each document of the range against the matches: the
  // date index carries content_id so that walk never reads the table rows (1M documents, a common
  // word and half a year: 1 s -> see README). Marks for paging one kind or person in any table
  // order from a block of the summary's positions instead of an OFFSET walk (summary-build.ts).
  (db) => {
    db.exec(`
      DROP INDEX IF EXISTS documents_by_date;
      CREATE INDEX documents_by_date_content ON documents(date, content_id);
      CREATE TABLE summary_order_marks (
        order_table TEXT NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL, block INTEGER NOT NULL, before INTEGER NOT NULL,
        PRIMARY KEY (order_table, facet, value, block)
      ) WITHOUT ROWID;
    `);
  },
  // 5: facet counts read a kind, person, date and findings per matching document: covering indexes
  // let those lookups skip the table rows (1M documents: a check + a date range, 5 facet queries
  // of ~50,000 row reads each: ~2x fewer page reads with these). The findings-by-document index is
  // replaced by a wider one; the narrow content index stays (a text match joined to its documents
  // for ranking reads it: the wide one is 4x larger and slowed that join), so a scan maintains two
  // more indexes, both filled mostly in order (rowid; content ids grow as a scan finds contents).
  // Built in ~3-4 s on 1M documents.
  (db) => {
    db.exec(`
      CREATE INDEX documents_by_content_facets ON documents(content_id, kind, person);
      CREATE INDEX documents_by_rowid_facets ON documents(rowid, kind, person, date);
      DROP INDEX IF EXISTS findings_by_doc;
      CREATE INDEX findings_by_doc_facets ON findings(doc_rowid, check_id, severity_rank);
      -- Facet counts per day (the first 10 characters of the date) of the documents with findings,
      -- unfiltered or under one check or severity, for facets under a date range (summary-build.ts; empty
      -- until the next refresh, which the summary format number triggers).
      CREATE TABLE summary_day_facets (
        filter_facet TEXT NOT NULL, filter_value TEXT NOT NULL, facet TEXT NOT NULL, day TEXT NOT NULL, value TEXT NOT NULL, count INTEGER NOT NULL,
        PRIMARY KEY (filter_facet, filter_value, facet, day, value)
      ) WITHOUT ROWID;
      -- The sampled facets of very common words (summary-build.ts rebuildTerms).
      CREATE TABLE summary_term_facets (term TEXT NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (term, facet, value)) WITHOUT ROWID;
    `);
  },
  // 6: every DKIM key keeps where it came from (the file as given, the command line, the archive
  // entry); keys imported before say that their source was not recorded.
  (db) => {
    db.exec(`ALTER TABLE dkim_keys ADD COLUMN source TEXT NOT NULL DEFAULT '${UNRECORDED_KEY_SOURCE.replaceAll("'", "''")}'`);
  },
  // 7: a key archive's dates stay with the key (a key first seen after a mail's date is context to
  // report), and the public halves of private keys known to be published (dkim-rotate) are kept,
  // so that a signature they verify is said to prove nothing.
  (db) => {
    db.exec(`
      ALTER TABLE dkim_keys ADD COLUMN first_seen_at TEXT;
      ALTER TABLE dkim_keys ADD COLUMN last_seen_at TEXT;
      CREATE TABLE dkim_published_keys (spki_sha256 TEXT PRIMARY KEY, source TEXT NOT NULL, imported_at TEXT NOT NULL) WITHOUT ROWID;
    `);
  },
  // 8: OCR as its own text source (src/store/ocr.ts): the recognised text of each page with the
  // engine, its version, the languages and the mean confidence; and per content whether OCR looked
  // at it (done, nothing to OCR, failed), so a re-scan does not redo it. The OCR text is also
  // appended to the content's full-text row; body_chars is the length of the body before it.
  (db) => {
    db.exec(`
      CREATE TABLE content_ocr (
        content_id INTEGER NOT NULL,
        page INTEGER NOT NULL,
        text TEXT NOT NULL,
        engine TEXT NOT NULL,
        engine_version TEXT NOT NULL,
        langs TEXT NOT NULL,
        confidence REAL NOT NULL,
        reason TEXT NOT NULL,
        layer_text TEXT,
        PRIMARY KEY (content_id, page)
      ) WITHOUT ROWID;
      CREATE TABLE ocr_state (
        content_id INTEGER PRIMARY KEY,
        state TEXT NOT NULL,           -- 'done' | 'nothing' | 'failed'
        langs TEXT NOT NULL,
        pages INTEGER NOT NULL,
        body_chars INTEGER,
        at TEXT NOT NULL
      );
    `);
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the schema to `target` (default: the latest; tests write older cases with a lower one). */
export function migrate(db: Database, target = MIGRATIONS.length): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`case file schema ${current} was created by a newer Verity (this one knows ${MIGRATIONS.length})`);
  }
  if (current >= target) return;
  db.transaction(() => {
    for (let v = current; v < target; v++) MIGRATIONS[v](db);
    db.pragma(`user_version = ${target}`);
  })();
}
