// The analyst's tags, verdicts and notes belong to the analyst: a re-scan of a changed dump keeps
// them on the documents that are still there (ids derive from locators, not from scan order).

import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runScan } from '../../src/ingest/scan.js';

describe('analyst work across re-scans', () => {
  it('survives a re-scan in which files change, appear and disappear', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verity-analyst-'));
    try {
      const dump = join(dir, 'dump');
      mkdirSync(dump);
      writeFileSync(join(dump, 'memo.txt'), 'The memo, first version.');
      writeFileSync(join(dump, 'gone.txt'), 'This file will be deleted.');
      writeFileSync(
        join(dump, 'mail.eml'),
        'From: a@example.org\nTo: b@example.org\nSubject: Budget\nDate: Mon, 1 May 2017 10:00:00 +0200\nMessage-ID: <m1@example.org>\n\nThe budget is 18 400 euros.\n',
      );
      const caseFile = join(dir, 'case.verity');
      await runScan({ dumpRoot: dump, caseFile, workers: 1 });
      let db = new Database(caseFile);
      const id = (path: string) => db.prepare('SELECT id FROM documents WHERE path = ?').pluck().get(path) as string;
      const memo = id('memo.txt');
      const mail = id('mail.eml');
      const gone = id('gone.txt');
      const at = new Date().toISOString();
      db.prepare('INSERT INTO tags (doc_id, tag, created_at) VALUES (?, ?, ?), (?, ?, ?), (?, ?, ?)').run(
        memo,
        'key',
        at,
        mail,
        'budget',
        at,
        gone,
        'orphan',
        at,
      );
      db.prepare('INSERT INTO verdicts (doc_id, verdict, updated_at) VALUES (?, ?, ?)').run(mail, 'suspect', at);
      db.prepare('INSERT INTO notes (doc_id, note, updated_at) VALUES (?, ?, ?)').run(memo, 'Check with the author.', at);
      db.close();

      writeFileSync(join(dump, 'memo.txt'), 'The memo, second version, edited.');
      utimesSync(join(dump, 'memo.txt'), new Date('2030-01-01'), new Date('2030-01-01'));
      rmSync(join(dump, 'gone.txt'));
      writeFileSync(join(dump, 'new.txt'), 'A new file.');
      await runScan({ dumpRoot: dump, caseFile, workers: 1 });

      db = new Database(caseFile, { readonly: true });
      const paths = db.prepare('SELECT path FROM documents ORDER BY path').pluck().all();
      expect(paths).toEqual(['mail.eml', 'memo.txt', 'new.txt']);
      expect(id('memo.txt')).toBe(memo);
      expect(db.prepare('SELECT tag FROM tags WHERE doc_id = ? ORDER BY tag').pluck().all(memo)).toEqual(['key']);
      expect(db.prepare('SELECT verdict FROM verdicts WHERE doc_id = ?').pluck().get(mail)).toBe('suspect');
      expect(db.prepare('SELECT note FROM notes WHERE doc_id = ?').pluck().get(memo)).toBe('Check with the author.');
      // The deleted file's tag is kept, should the file come back.
      expect(db.prepare('SELECT tag FROM tags WHERE doc_id = ?').pluck().get(gone)).toBe('orphan');
      // The new text is indexed, the old one is gone from search.
      expect(db.prepare("SELECT count(*) FROM content_fts WHERE content_fts MATCH 'edited'").pluck().get()).toBe(1);
      expect(db.prepare("SELECT count(*) FROM content_fts WHERE content_fts MATCH 'deleted'").pluck().get()).toBe(0);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
