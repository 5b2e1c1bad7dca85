// The SQL detector behind "only src/store speaks SQL": it sees a database's calls however the handle
// is named, and not a regular expression's exec, nor SQL mentioned in comments or strings.
import { describe, expect, it } from 'vitest';
import { sqlCalls } from './sql-calls.js';

const lines = (text: string) => sqlCalls(text).map((c) => `${c.line} ${c.what}`);

describe('sqlCalls', () => {
  it('finds prepare, pragma and transaction on any handle, and exec on a database', () => {
    const text = [
      "const rows = db.prepare('SELECT 1').all();",
      "this.db.pragma('journal_mode = WAL');",
      'const write = writer.transaction(() => insert.run(1));',
      "db.exec('CREATE TABLE t (x)');",
      'caseDb.exec(schema);',
      'handle.exec(`DELETE FROM findings WHERE doc = ${id}`);',
      'this.db?.prepare(sql);',
    ].join('\n');
    expect(lines(text)).toEqual([
      '1 db.prepare(',
      '2 this.db.pragma(',
      '3 writer.transaction(',
      '4 db.exec(',
      '5 caseDb.exec(',
      '6 handle.exec(',
      '7 this.db.prepare(',
    ]);
  });

  it('finds better-sqlite3 imported, re-exported or required', () => {
    const text = [
      "import Database from 'better-sqlite3';",
      "import type { Database as Db } from 'better-sqlite3';",
      "export type { Statement } from 'better-sqlite3';",
      "const D = require('better-sqlite3');",
      "const E = await import('better-sqlite3');",
    ].join('\n');
    expect(lines(text)).toEqual([1, 2, 3, 4, 5].map((n) => `${n} import 'better-sqlite3'`));
  });

  it('leaves regular expressions, comments and strings alone', () => {
    const text = [
      'const m = /^(\\d+)$/.exec(text);',
      'const n = BOUNDARY.exec(contentType);',
      'for (let w = word.exec(s); w; w = word.exec(s)) {}',
      "const o = new RegExp(field, 'm').exec(status);",
      '// db.prepare( is what the store does',
      "const hint = 'call db.exec( in src/store';",
      "import { openCase } from '../store/db.js';",
    ].join('\n');
    expect(lines(text)).toEqual([]);
  });
});
