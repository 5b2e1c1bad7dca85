// `verity validate` through the built CLI, on a scanned demo dump: a perfect truth, the demo's own
// truth, an empty truth, unknown paths, a malformed file, JSON output, and usage errors.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVerity } from '../support/cli.js';

interface Doc {
  path: string;
  messageId?: string;
  flags: { severity: string }[];
}

const strong = (d: Doc) => d.flags.some((f) => f.severity === 'medium' || f.severity === 'high');
const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

describe('verity validate', () => {
  let dir: string;
  let caseFile: string;
  let docs: Doc[];
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'verity-validate-'));
    const dump = join(dir, 'dump');
    expect(runVerity(['demo', dump]).code).toBe(0);
    caseFile = join(dir, 'dump.verity');
    expect(runVerity(['scan', dump, '--dkim-keys', join(dir, 'dump.dkim-keys.txt'), '--case', caseFile, '--quiet']).code).toBe(0);
    const report = runVerity(['report', '--case', caseFile, '--format', 'json']);
    docs = JSON.parse(report.stdout).documents as Doc[];
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives recall 1 and no false positive for a truth that matches the findings exactly', () => {
    const flagged = docs.filter(strong);
    const quiet = docs.filter((d) => !strong(d) && !d.path.includes('!')).slice(0, 40);
    expect(flagged.length).toBeGreaterThan(5);
    const rows = [...flagged.map((d) => `${csvCell(d.path)},,forged,planted`), ...quiet.map((d) => `${csvCell(d.path)},,genuine,`)];
    const truth = file('perfect.csv', `path,message_id,label,family\n${rows.join('\n')}\n`);
    const r = runVerity(['validate', '--case', caseFile, '--truth', truth, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.tool).toBe('verity validate');
    expect(out.recall).toEqual({ count: flagged.length, total: flagged.length, rate: 1 });
    expect(out.falsePositives.count).toBe(0);
    expect(out.falsePositives.total).toBe(quiet.length);
    expect(out.unmatched).toEqual([]);
  });

  it("scores the demo's planted truth, every entry matched, as text", () => {
    const r = runVerity(['validate', '--case', caseFile, '--truth', join(dir, 'dump.truth.csv')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Forged items found: \d+ of 21 \(recall [\d.]+\)$/m);
    expect(r.stdout).toMatch(/^Innocent lookalikes flagged: \d+ of 44/m);
    expect(r.stdout).not.toMatch(/match no document/);
  });

  it('says an empty file is not a truth, and a header alone has nothing to score', () => {
    const empty = runVerity(['validate', '--case', caseFile, '--truth', file('empty.csv', '')]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/the file is empty/);
    const header = runVerity(['validate', '--case', caseFile, '--truth', file('header.csv', 'path,message_id,label,family\n')]);
    expect(header.code, header.stderr).toBe(0);
    expect(header.stdout).toMatch(/nothing to score/);
  });

  it('lists truth entries that match no document, with their line, and scores the rest', () => {
    const known = docs.find((d) => !d.path.includes('!'))!;
    const truth = file(
      'unknown.csv',
      `path,message_id,label,family\n${csvCell(known.path)},,genuine,\nnot/in/the/dump.pdf,,forged,pdf-edit\n,<nobody@nowhere.example>,forged,email\n`,
    );
    const r = runVerity(['validate', '--case', caseFile, '--truth', truth, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.unmatched.map((u: { line: number }) => u.line)).toEqual([3, 4]);
    expect(out.truth.matched).toBe(1);
    const text = runVerity(['validate', '--case', caseFile, '--truth', truth]).stdout;
    expect(text).toMatch(/line 3: not\/in\/the\/dump\.pdf \(forged\)/);
  });

  it('refuses a malformed file with the line of each problem, CSV and JSON alike', () => {
    const csv = runVerity([
      'validate',
      '--case',
      caseFile,
      '--truth',
      file('bad.csv', 'path,message_id,label,family\na.pdf,,forged,\nb.pdf,,maybe,\n,,genuine,\n'),
    ]);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toMatch(/line 3: .*maybe/);
    expect(csv.stderr).toMatch(/line 4: /);
    const json = runVerity([
      'validate',
      '--case',
      caseFile,
      '--truth',
      file('bad.json', '[\n  {"path": "a.pdf", "label": "forged"},\n  {"path": "b.pdf"\n'),
    ]);
    expect(json.code).toBe(2);
    expect(json.stderr).toMatch(/bad\.json/);
  });

  it('answers usage errors at once', () => {
    expect(runVerity(['validate', '--case', caseFile]).code).toBe(2);
    expect(runVerity(['validate', '--case', caseFile, '--truth', join(dir, 'missing.csv')]).stderr).toMatch(/cannot be read/);
    expect(runVerity(['validate', '--case', caseFile, '--truth', join(dir, 'dump.truth.csv'), '--threshold', 'low']).code).toBe(2);
    expect(readFileSync(join(dir, 'dump.truth.csv'), 'utf8').split('\n')[0]).toBe('path,message_id,label,family');
  });
});
