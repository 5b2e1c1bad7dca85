// The built `verity` command as a front end of the api service: scan (summary, JSON progress,
// cancel on SIGINT), failures, report (warning, --redact, --fixed-time) and checks, with their
// exit codes and outputs, on a generated demo dump with two unreadable files added.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDump } from '../../src/demo/generate.js';
import { CHECKS } from '../../src/checks/registry.js';
import type { JsonReport } from '../../src/model/report.js';
import type { FailureEntry } from '../../src/model/document.js';
import { runVerity, spawnVerity } from '../support/cli.js';

let dir: string;
let dump: string;
let caseFile: string;
let report: JsonReport;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verity-api-cli-'));
  dump = join(dir, 'dump');
  caseFile = join(dir, 'case.verity');
  await generateDump(dump, { seed: 11, scale: 0.3 });
  // Two files no extractor can read: the failure ledger has rows.
  writeFileSync(join(dump, 'broken.pdf'), '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R');
  writeFileSync(join(dump, 'broken.zip'), Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64, 0xff)]));
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('verity scan', () => {
  it('scans through the service and closes with the summary of the case', () => {
    const r = runVerity(['scan', dump, '--case', caseFile, '--workers', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const out = runVerity(['report', '--case', caseFile, '--format', 'json', '--redact']);
    expect(out.code, out.stderr).toBe(0);
    report = JSON.parse(out.stdout) as JsonReport;
    // The summary, checked against the report rather than against the query that made it.
    const byKind = new Map<string, number>();
    for (const d of report.documents) byKind.set(d.kind, (byKind.get(d.kind) ?? 0) + 1);
    const kinds = [...byKind].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const flagged = report.documents.filter((d) =>
      d.flags.some((f) => f.severity !== 'info' && !f.check.startsWith('extract.') && !f.check.startsWith('ingest.')),
    ).length;
    const failures = runVerity(['failures', '--case', caseFile, '--json']);
    const n = (JSON.parse(failures.stdout) as FailureEntry[]).length;
    expect(n).toBeGreaterThan(0);
    expect(flagged).toBeGreaterThan(0);
    expect(r.stderr.trimEnd().split('\n').slice(-3)).toEqual([
      `Case: ${caseFile}`,
      `Documents: ${kinds.map(([k, c]) => `${k} ${c}`).join(', ')}`,
      `Flagged: ${flagged}; failures: ${n} (verity failures --case ${caseFile})`,
    ]);
    // Not a terminal: plain progress lines before the summary, the last one the final state.
    expect(r.stderr.split('\n').at(-5)).toMatch(/^done files (\d+)\/\1 · /);
  }, 300_000);

  it('prints one JSON object per progress line with --json-progress, the last the result', () => {
    const r = runVerity(['scan', dump, '--case', caseFile, '--json-progress']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; state: string; files: Record<string, number> });
    expect(lines.slice(0, -1).every((l) => l.type === 'progress')).toBe(true);
    const last = lines.at(-1)!;
    expect([last.type, last.state]).toEqual(['done', 'done']);
    expect(last.files.skippedUnchanged).toBe(last.files.discovered);
  }, 300_000);

  it('cancels on SIGINT through the service and exits 130, leaving a case that resumes', async () => {
    const cancelled = join(dir, 'cancelled.verity');
    const child = spawnVerity(['scan', dump, '--case', cancelled, '--workers', '1', '--json-progress']);
    let out = '';
    let signalled = false;
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (!signalled && out.includes('"type":"progress"')) {
        signalled = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
    expect(signalled).toBe(true);
    expect(code).toBe(130);
    const last = JSON.parse(out.trimEnd().split('\n').at(-1)!) as { type: string; state: string };
    expect([last.type, last.state]).toEqual(['done', 'cancelled']);
    const resumed = runVerity(['scan', dump, '--case', cancelled, '--quiet']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`Case: ${cancelled}`);
  }, 300_000);

  it('refuses bad options with a usage error, and never creates a case for a missing dump', () => {
    const bad = runVerity(['scan', dump, '--case', join(dir, 'w.verity'), '--workers', 'many']);
    expect([bad.code, bad.stderr]).toEqual([2, 'verity scan: --workers must be a whole number from 1 to 64\n']);
    const missing = runVerity(['scan', join(dir, 'nope'), '--case', join(dir, 'nope.verity')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`verity scan: The dump folder ${join(dir, 'nope')} does not exist.\n`);
    expect(existsSync(join(dir, 'nope.verity'))).toBe(false);
  });
});

describe('verity failures', () => {
  it('lists the ledger ordered by path, as JSON or as tab-separated lines with a count', () => {
    const json = runVerity(['failures', '--case', caseFile, '--json']);
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.stdout) as FailureEntry[];
    expect(rows.map((f) => f.path)).toEqual(expect.arrayContaining(['broken.pdf', 'broken.zip']));
    const key = (f: FailureEntry) => [f.path, f.stage, f.code];
    const sorted = [...rows].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
      return 0;
    });
    expect(rows).toEqual(sorted);
    expect(Object.keys(rows[0])).toEqual(['documentId', 'path', 'stage', 'code', 'message', 'at']);
    const text = runVerity(['failures', '--case', caseFile]);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(rows.map((r) => `${r.stage}\t${r.code}\t${r.path}\t${r.message.replace(/\s+/g, ' ')}\n`).join(''));
    expect(text.stderr).toBe(`${rows.length} failure(s)\n`);
  });
});

describe('a case file that does not exist', () => {
  it('ends failures and report with one sentence, and is not created', () => {
    const missing = join(dir, 'missing.verity');
    for (const cmd of ['failures', 'report']) {
      const r = runVerity([cmd, '--case', missing]);
      expect([r.code, r.stderr]).toEqual([1, `verity ${cmd}: case file ${missing} does not exist\n`]);
    }
    expect(existsSync(missing)).toBe(false);
  });
});

describe('verity report', () => {
  it('gives byte-identical reports for one --fixed-time, whatever offset names the instant', () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    const ra = runVerity(['report', '--case', caseFile, '--format', 'json', '--metadata', '--fixed-time', '2024-05-01T12:00:00Z', '-o', a]);
    expect(ra.code, ra.stderr).toBe(0);
    const rb = runVerity([
      'report',
      '--case',
      caseFile,
      '--format',
      'json',
      '--metadata',
      '--fixed-time',
      '2024-05-01T14:00:00+02:00',
      '-o',
      b,
    ]);
    expect(rb.code, rb.stderr).toBe(0);
    expect(readFileSync(b)).toEqual(readFileSync(a));
    expect((JSON.parse(readFileSync(a, 'utf8')) as JsonReport).generatedAt).toBe('2024-05-01T12:00:00.000Z');
    const html = () =>
      runVerity(['report', '--case', caseFile, '--format', 'html', '--redact', '--fixed-time', '2024-05-01T12:00:00.000Z']).stdout;
    const first = html();
    expect(first).toContain('2024-05-01T12:00:00.000Z');
    expect(html()).toBe(first);
    // Without a fixed time, the report is stamped now.
    const now = JSON.parse(runVerity(['report', '--case', caseFile, '--format', 'json']).stdout) as JsonReport;
    expect(Math.abs(Date.parse(now.generatedAt) - Date.now())).toBeLessThan(120_000);
  });

  it('refuses a malformed --fixed-time with a usage error and writes nothing', () => {
    const out = join(dir, 'never.json');
    for (const bad of ['yesterday', '2024-05-01', '2024-02-30T00:00:00Z', '2024-05-01T12:00:00']) {
      const r = runVerity(['report', '--case', caseFile, '--fixed-time', bad, '-o', out]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toBe(
        `verity report: --fixed-time must be an ISO-8601 date and time with its offset, such as 2024-05-01T12:00:00Z (got ${bad})\n`,
      );
    }
    expect(existsSync(out)).toBe(false);
  });

  it('warns about what an unredacted report discloses, and not when it is redacted', () => {
    const plain = runVerity(['report', '--case', caseFile, '--format', 'csv', '-o', join(dir, 'r.csv')]);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toMatch(/^Warning: this report is not redacted\. It discloses \d+ author, editor or correspondent names/);
    expect(plain.stderr.trimEnd().split('\n').at(-1)).toBe(`Wrote csv report to ${join(dir, 'r.csv')}`);
    const redacted = runVerity(['report', '--case', caseFile, '--format', 'csv', '--redact', '-o', join(dir, 'r2.csv')]);
    expect([redacted.code, redacted.stderr]).toEqual([0, `Wrote csv report to ${join(dir, 'r2.csv')}\n`]);
  });

  it('selects by score and by ids', () => {
    const min = JSON.parse(runVerity(['report', '--case', caseFile, '--min-score', '30', '--redact']).stdout) as JsonReport;
    expect(min.documents.length).toBeGreaterThan(0);
    expect(min.documents.every((d) => d.score >= 30)).toBe(true);
    expect(min.documents.length).toBe(report.documents.filter((d) => d.score >= 30).length);
    const two = report.documents.slice(0, 2).map((d) => d.id);
    const some = JSON.parse(runVerity(['report', '--case', caseFile, '--documents', two.join(','), '--redact']).stdout) as JsonReport;
    expect(some.documents.map((d) => d.id).sort()).toEqual([...two].sort());
  });
});

describe('verity checks', () => {
  it("lists the registry's checks from 'checks.list', as JSON and as text", () => {
    const json = runVerity(['checks', '--json']);
    expect(json.code).toBe(0);
    const listed = JSON.parse(json.stdout) as { id: string; innocentCauses: string[]; whyForgersLeaveIt: string }[];
    expect(listed.map((c) => c.id)).toEqual(CHECKS.map((c) => c.id));
    expect(listed.every((c) => c.innocentCauses.length > 0 && c.whyForgersLeaveIt.length > 0)).toBe(true);
    const text = runVerity(['checks']);
    expect(text.code).toBe(0);
    expect(text.stdout.endsWith(`\n${CHECKS.length} checks\n`)).toBe(true);
    expect(text.stdout).toContain(`email.dkim (v${CHECKS.find((c) => c.id === 'email.dkim')!.version}, document; email)\n`);
  });
});
