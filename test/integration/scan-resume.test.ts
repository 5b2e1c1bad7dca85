// Kill -9 at random points during a scan, resume each time: the final report equals that of an
// uninterrupted scan, and resumed runs do not redo finished work. Also: a zip and an mbox inside
// a zip inside the dump are expanded.

import { describe, expect, it, beforeAll } from 'vitest';
import { existsSync, mkdtempSync, mkdirSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yazl from 'yazl';
import { runVerity, spawnVerity } from '../support/cli.js';
import { reportErrors } from '../support/report-schema.js';

function message(i: number): string {
  const day = 1 + (i % 28);
  return [
    `From: Person ${i % 17} <p${i % 17}@example.org>`,
    `To: team@example.org`,
    `Subject: Weekly note number ${i}`,
    `Date: Mon, ${String(day).padStart(2, '0')} May 2017 10:${String(i % 60).padStart(2, '0')}:00 +0200`,
    `Message-ID: <msg-${i}@example.org>`,
    `MIME-Version: 1.0`,
    `Content-Type: text/plain; charset=utf-8`,
    ``,
    `Hello team, this is note ${i}.`,
    `From the field: numbers are up ${i % 7} percent.`, // an unescaped "From " inside a body (mboxo)
    `${'Lorem ipsum dolor sit amet. '.repeat(20)}`,
    ``,
  ].join('\n');
}

function mbox(n: number, offset = 0): string {
  let s = '';
  for (let i = 0; i < n; i++) s += `From p${i % 17}@example.org Mon May  1 10:00:00 2017\n${message(i + offset)}\n`;
  return s;
}

function zipOf(entries: { name: string; data: Buffer }[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const z = new yazl.ZipFile();
    for (const e of entries) z.addBuffer(e.data, e.name, { mtime: new Date('2017-05-01T10:00:00Z') });
    z.end();
    const chunks: Buffer[] = [];
    z.outputStream.on('data', (c: Buffer) => chunks.push(c));
    z.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    z.outputStream.on('error', reject);
  });
}

function normalisedReport(caseFile: string): { documents: { id: string; path: string }[] } & Record<string, unknown> {
  const r = runVerity(['report', '--case', caseFile, '--format', 'json', '--metadata']);
  expect(r.code, r.stderr).toBe(0);
  const report = JSON.parse(r.stdout);
  expect(reportErrors(report)).toEqual([]);
  delete report.generatedAt;
  return report;
}

describe('scan: containers, kill -9 and resume', () => {
  let dir: string;
  let dump: string;
  const MESSAGES = 3000;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'verity-resume-'));
    dump = join(dir, 'dump');
    mkdirSync(join(dump, 'mail'), { recursive: true });
    mkdirSync(join(dump, 'docs'), { recursive: true });
    writeFileSync(join(dump, 'mail', 'big.mbox'), mbox(MESSAGES));
    writeFileSync(join(dump, 'docs', 'readme.txt'), 'Campaign notes, plain text.\n');
    writeFileSync(join(dump, 'docs', 'copy-of-readme.txt'), 'Campaign notes, plain text.\n');
    const inner = await zipOf([{ name: 'note.txt', data: Buffer.from('inner note\n') }]);
    const outer = await zipOf([
      { name: 'nested/inner.zip', data: inner },
      { name: 'nested/box.mbox', data: Buffer.from(mbox(3, 100_000)) },
    ]);
    writeFileSync(join(dump, 'docs', 'outer.zip'), outer);
    return () => rmSync(dir, { recursive: true, force: true });
  });

  it('expands a zip and an mbox inside a zip, and records identical content once per occurrence', () => {
    const caseFile = join(dir, 'straight.verity');
    const r = runVerity(['scan', dump, '--case', caseFile, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const report = normalisedReport(caseFile);
    const paths = report.documents.map((d) => d.path);
    expect(paths).toContain('docs/outer.zip!nested/inner.zip!note.txt');
    expect(paths).toContain('docs/outer.zip!nested/box.mbox!message-3');
    expect(paths.filter((p) => p.startsWith('mail/big.mbox!')).length).toBe(MESSAGES);
    const readmes = (report.documents as { path: string; sha256: string }[]).filter((d) => d.path.endsWith('readme.txt'));
    expect(readmes).toHaveLength(2);
    expect(readmes[0].sha256).toBe(readmes[1].sha256);
    const msg = (report.documents as { path: string; messageId?: string; kind: string }[]).find(
      (d) => d.path === 'mail/big.mbox!message-42',
    );
    expect(msg?.kind).toBe('email');
    expect(msg?.messageId).toBe('msg-41@example.org');
  });

  it('killed with SIGKILL at random points and resumed, ends equal to an uninterrupted scan', async () => {
    // The uninterrupted scan of the first test (made here when this test runs alone).
    if (!existsSync(join(dir, 'straight.verity')))
      expect(runVerity(['scan', dump, '--case', join(dir, 'straight.verity'), '--quiet']).code).toBe(0);
    const straight = normalisedReport(join(dir, 'straight.verity'));
    const caseFile = join(dir, 'killed.verity');
    let kills = 0;
    const extractedPerRun: number[] = [];
    for (let attempt = 0; attempt < 12; attempt++) {
      const child = spawnVerity(['scan', dump, '--case', caseFile, '--json-progress']);
      // Kill after a random number of committed documents, so kills land mid-mbox.
      const killAt = 200 + Math.floor(Math.random() * 900);
      let finished = false;
      let lastExtracted = 0;
      let buf = '';
      child.stdout.on('data', (c: Buffer) => {
        buf += c.toString();
        const lines = buf.split('\n');
        buf = lines.pop()!;
        for (const line of lines) {
          const ev = JSON.parse(line);
          lastExtracted = ev.documents.extracted;
          if (ev.type === 'done') finished = true;
          if (!finished && kills < 4 && ev.documents.indexed >= killAt) child.kill('SIGKILL');
        }
      });
      const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
      extractedPerRun.push(lastExtracted);
      if (code === 0 && finished) break;
      kills++;
    }
    expect(kills).toBeGreaterThanOrEqual(2);
    const resumed = normalisedReport(caseFile);
    expect(resumed.documents.length).toBe(straight.documents.length);
    expect(resumed).toEqual(straight);
    // Finished work is not redone: the run that completed extracted fewer documents than exist.
    expect(extractedPerRun[extractedPerRun.length - 1]).toBeLessThan(straight.documents.length);
  }, 900_000);

  it('a second scan of an unchanged dump skips every file', () => {
    const caseFile = join(dir, 'straight.verity');
    const r = runVerity(['scan', dump, '--case', caseFile, '--json-progress']);
    expect(r.code, r.stderr).toBe(0);
    const last = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(last.files.skippedUnchanged).toBe(last.files.discovered);
    expect(last.documents.extracted).toBe(0);
  });

  it('fails with one clear sentence when the dump is missing or the case is not writable', () => {
    const missing = runVerity(['scan', join(dir, 'nope'), '--case', join(dir, 'x.verity')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toMatch(/^verity scan: The dump folder .* does not exist\.$/);
    const notWritable = runVerity(['scan', dump, '--case', join(dir, 'no-such-dir', 'x.verity')]);
    expect(notWritable.code).toBe(1);
    expect(notWritable.stderr).toMatch(/cannot be opened for writing/);
    expect(readFileSync(join(dump, 'docs', 'readme.txt'), 'utf8')).toBe('Campaign notes, plain text.\n');
  });
});
