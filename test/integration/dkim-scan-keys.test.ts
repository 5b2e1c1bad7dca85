// `verity scan` with keys in several shapes and places (--dkim-keys given three times: a key archive's
// JSON, a folder holding a dig answer, the ARC fixtures' zone file) and --dkim-published-keys: what the
// JSON report says per signature (result, key source, the reason), what `dkim needed --json` lists,
// and that a pass with a published key does not lower the score. Messages signed by mailauth's signer
// and the ARC fixtures made with dkimpy's arcsign (test/fixtures/dkim/README.md).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonReport, ReportDocument } from '../../src/model/report.js';
import { REPO_ROOT } from '../support/corpus.js';
import { runVerity } from '../support/cli.js';
import { reportErrors } from '../support/report-schema.js';
import { makeSigner, plainMessage } from '../unit/checks/email/support.js';
import { parseCsv } from '../unit/report/rfc4180.js';
import { CSV_COLUMNS } from '../../src/report/csv.js';

const ARC = join(REPO_ROOT, 'test', 'fixtures', 'dkim');
const archived = makeSigner('example.org', 'a2024');
const published = makeSigner('example.net', 'rot1');
const missing = makeSigner('example.com', 'gone');

let dir: string;
const byName = new Map<string, ReportDocument>();
const unkeyed = new Map<string, ReportDocument>();

function verity(args: string[]): string {
  const r = runVerity(args);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

function report(caseFile: string): Map<string, ReportDocument> {
  const r = JSON.parse(verity(['report', '--case', caseFile, '--format', 'json'])) as JsonReport;
  expect(reportErrors(r)).toEqual([]);
  return new Map(r.documents.map((d) => [d.path, d]));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verity-dkim-scan-keys-'));
  const dump = join(dir, 'dump');
  mkdirSync(dump);
  const date = 'Tue, 5 Mar 2024 10:12:03 +0100';
  writeFileSync(
    join(dump, 'archived.eml'),
    await archived.sign(plainMessage({ from: 'Claire <claire@example.org>', date, id: 'a@example.org' })),
  );
  writeFileSync(
    join(dump, 'published.eml'),
    await published.sign(plainMessage({ from: 'Jo <jo@example.net>', date, id: 'p@example.net' })),
  );
  writeFileSync(join(dump, 'missing.eml'), await missing.sign(plainMessage({ from: 'Lu <lu@example.com>', date, id: 'm@example.com' })));
  copyFileSync(join(ARC, 'arc-forwarded.eml'), join(dump, 'arc-forwarded.eml'));
  copyFileSync(join(ARC, 'arc-forwarded-tampered.eml'), join(dump, 'arc-forwarded-tampered.eml'));

  // The archive first saw example.org's key three months after the mail was signed.
  const [, record] = [...archived.keys][0];
  writeFileSync(
    join(dir, 'archive.json'),
    JSON.stringify([
      {
        domain: 'example.org',
        selector: 'a2024',
        value: record.record,
        firstSeenAt: '2024-06-01T00:00:00Z',
        lastSeenAt: '2025-01-01T00:00:00Z',
      },
    ]),
  );
  // A folder holding dig's answer for example.net's key (split into 255-byte strings, as dig prints it).
  mkdirSync(join(dir, 'answers'));
  const [name, key] = [...published.keys][0];
  const strings = (key.record.match(/.{1,255}/g) ?? []).map((s) => `"${s}"`).join(' ');
  writeFileSync(join(dir, 'answers', 'dig.txt'), `;; ANSWER SECTION:\n${name}. 3600 IN TXT ${strings}\n`);
  // example.net rotated that key out and published its private half (as dkim-rotate does).
  mkdirSync(join(dir, 'published'));
  writeFileSync(join(dir, 'published', 'rot1.example.net.pem'), published.privateKeyPem);

  const caseFile = join(dir, 'keys.verity');
  verity([
    'scan',
    dump,
    '--case',
    caseFile,
    '--workers',
    '1',
    '--quiet',
    '--dkim-keys',
    join(dir, 'archive.json'),
    '--dkim-keys',
    join(dir, 'answers'),
    '--dkim-keys',
    join(ARC, 'arc-keys.zone'),
    '--dkim-published-keys',
    join(dir, 'published'),
  ]);
  for (const [p, d] of report(caseFile)) byName.set(p, d);
  const bare = join(dir, 'bare.verity');
  verity(['scan', dump, '--case', bare, '--workers', '1', '--quiet']);
  for (const [p, d] of report(bare)) unkeyed.set(p, d);
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('verity scan with keys in several shapes', () => {
  it('a key given only in the archive JSON verifies, with its source; its first sighting after the mail is context', () => {
    const [r] = byName.get('archived.eml')!.dkim!;
    expect(r).toMatchObject({ domain: 'example.org', selector: 'a2024', result: 'pass', keyBits: 2048 });
    expect(r.keySource).toBe(`${join(dir, 'archive.json')}, entry 1 (first seen 2024-06-01T00:00:00Z, last seen 2025-01-01T00:00:00Z)`);
    expect(r.reason).toMatch(
      /^the signature verifies with the imported key; the key archive first saw this key on 2024-06-01, after the mail's date \(2024-03-05\)\. Context, not proof/,
    );
    const flag = byName.get('archived.eml')!.flags.find((f) => f.check === 'email.dkim' && f.evidence.verdict === 'pass');
    expect(flag?.evidence).toMatchObject({ keyName: 'a2024._domainkey.example.org', keyFirstSeen: '2024-06-01T00:00:00Z' });
  });

  it('a key whose private half is published: the pass cannot vouch, and the score is not lowered', () => {
    const doc = byName.get('published.eml')!;
    const [r] = doc.dkim!;
    expect(r).toMatchObject({ result: 'pass', keySource: join(dir, 'answers', 'dig.txt') });
    expect(r.reason).toBe(
      `the signature verifies, but proves nothing: the key's private half is published (${join(dir, 'published', 'rot1.example.net.pem')}), so anyone could have signed`,
    );
    const flag = doc.flags.find((f) => f.check === 'email.dkim' && f.evidence.verdict === 'pass')!;
    expect(flag.message).toMatch(/verifies, but it cannot vouch for the message: the private half of its key is published/);
    expect(doc.score).toBe(unkeyed.get('published.eml')!.score);
    expect(doc.score).toBeGreaterThanOrEqual(byName.get('archived.eml')!.score);
  });

  it('a key given nowhere: no-key, and dkim needed --json lists it with the count and dates', () => {
    expect(byName.get('missing.eml')!.dkim).toMatchObject([{ domain: 'example.com', selector: 'gone', result: 'no-key', keySource: null }]);
    const needed = JSON.parse(verity(['dkim', 'needed', '--case', join(dir, 'keys.verity'), '--json'])) as unknown[];
    expect(needed).toEqual([
      {
        domain: 'example.com',
        selector: 'gone',
        count: 1,
        firstDate: '2024-03-05T09:12:30.000Z',
        lastDate: '2024-03-05T09:12:30.000Z',
        lookup: 'dig +short TXT gone._domainkey.example.com',
      },
    ]);
  });

  it('ARC: the forwarded message’s broken signature names the forwarder; the tampered copy does not', () => {
    const [fwd] = byName.get('arc-forwarded.eml')!.dkim!;
    expect(fwd).toMatchObject({ domain: 'sender.example', result: 'body-hash-mismatch', keySource: join(ARC, 'arc-keys.zone') });
    expect(fwd.reason).toMatch(/; fwd\.example found it passing on arrival \(valid ARC chain, i=1\): it broke in transit/);
    const [tampered] = byName.get('arc-forwarded-tampered.eml')!.dkim!;
    expect(tampered.result).toBe('body-hash-mismatch');
    expect(tampered.reason).not.toMatch(/ARC/);
    const arcFlag = byName.get('arc-forwarded-tampered.eml')!.flags.find((f) => f.evidence.arc);
    expect(arcFlag).toMatchObject({ severity: 'low', evidence: { arc: { result: 'fail' } } });
    expect(byName.get('arc-forwarded.eml')!.score).toBeLessThan(byName.get('arc-forwarded-tampered.eml')!.score);
  });

  it('the CSV and HTML reports carry the same DKIM results', () => {
    const caseFile = join(dir, 'keys.verity');
    const csv = parseCsv(verity(['report', '--case', caseFile, '--format', 'csv']).slice(1));
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    expect(csv[0]).toEqual([...CSV_COLUMNS]);
    const rows = csv.filter((r) => r[col('path')] === 'published.eml');
    expect(rows.length).toBeGreaterThan(0);
    const [r] = byName.get('published.eml')!.dkim!;
    for (const row of rows)
      expect(row[col('dkim')]).toBe(`example.net (selector rot1): pass (${r.reason}); key of 2048 bits from ${r.keySource}`);
    const html = verity(['report', '--case', caseFile, '--format', 'html']);
    expect(html).toContain('the signature verifies, but proves nothing: the key&#39;s private half is published');
  });
});
