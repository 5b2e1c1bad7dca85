// Which documents a report covers (tag, verdict, minimum score, ids, a table query), and the
// `verity report` command around it: output file, selection flags, the redaction warning.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../../src/store/db.js';
import { describeSelection } from '../../../src/report/select.js';
import { reportDocuments } from '../../../src/store/queries/report-documents.js';
import { reportCommand } from '../../../src/cli/report-command.js';
import type { JsonReport } from '../../../src/model/report.js';
import { DOCS, writeReportCase } from './report-case.js';

let dir: string;
let caseFile: string;
let db: Db;
const ids = (sel: Parameters<typeof reportDocuments>[1]) => reportDocuments(db, sel).map((d) => d.id);
const [email, pdf, photo, note, sheet] = DOCS.map((d) => d.id);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'verity-select-'));
  caseFile = join(dir, 'case.verity');
  db = writeReportCase(caseFile);
});

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the documents a report selection holds', () => {
  it('takes everything by default, ordered by path', () => {
    expect(ids({})).toEqual([sheet, email, pdf, note, photo]);
  });
  it('narrows by tag, verdict, score, ids and their combination', () => {
    expect(ids({ tag: 'publish' })).toEqual([email, pdf]);
    expect(ids({ verdict: 'fake' })).toEqual([pdf]);
    expect(ids({ verdict: 'unresolved' })).toEqual([sheet, photo]);
    expect(ids({ minScore: 50 })).toEqual([email, pdf]);
    expect(ids({ minScore: 0 })).toHaveLength(5);
    expect(ids({ documents: [photo, note] })).toEqual([note, photo]);
    expect(ids({ tag: 'publish', minScore: 60 })).toEqual([pdf]);
    expect(ids({ tag: 'nothing' })).toEqual([]);
  });
  it('honours a table query (the API selection)', () => {
    expect(ids({ query: { kinds: ['image', 'text'] } })).toEqual([note, photo]);
    expect(ids({ query: { severities: ['high'] }, verdict: 'suspect' })).toEqual([email]);
  });
  it('describes the selection in words', () => {
    expect(describeSelection({ tag: 'publish', minScore: 40 })).toEqual(['tagged "publish"', 'score at least 40']);
    expect(describeSelection({})).toEqual([]);
  });
});

describe('verity report', () => {
  async function run(args: string[]): Promise<{ code: number; stderr: string }> {
    let stderr = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
    try {
      return { code: await reportCommand(args), stderr };
    } finally {
      spy.mockRestore();
    }
  }

  it('writes the selected documents and warns about what the report discloses', async () => {
    const out = join(dir, 'r.json');
    const { code, stderr } = await run(['--case', caseFile, '--format', 'json', '--tag', 'publish', '-o', out]);
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as JsonReport;
    expect(report.documents.map((d) => d.id)).toEqual([email, pdf]);
    expect(stderr).toContain('this report is not redacted');
    expect(stderr).toMatch(/\d+ author, editor or correspondent names/);
    expect(stderr).toContain('--redact');
  });

  it('redacts with --redact and then does not warn', async () => {
    const out = join(dir, 'r.html');
    const { code, stderr } = await run(['--case', caseFile, '--format', 'html', '--redact', '-o', out]);
    expect(code).toBe(0);
    expect(stderr).not.toContain('not redacted');
    const html = readFileSync(out, 'utf8');
    expect(html).not.toContain('Claire Dumont');
    expect(html).toContain('[redacted person');
  });

  it('rejects a bad score or verdict', async () => {
    await expect(run(['--case', caseFile, '--min-score', '101'])).rejects.toThrow(/min-score/);
    await expect(run(['--case', caseFile, '--verdict', 'maybe'])).rejects.toThrow(/verdict/);
  });
});
