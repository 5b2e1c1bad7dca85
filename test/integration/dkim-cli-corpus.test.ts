// `verity dkim needed` and `verity dkim import` end to end on real signed mail from the corpus
// (authentication_milter and Mail::DKIM test messages, scanned in place): the keys listed as
// missing, the import with its source, a re-import from another source replacing it, and the
// JSON report's per-signature `dkim` entries, valid against the shipped schema.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DkimNeededKey } from '../../src/model/api.js';
import type { JsonReport, ReportDkimSignature } from '../../src/model/report.js';
import { parseDkimKeyFile } from '../../src/checks/dkim-keys.js';
import { corpusMissing, corpusPath } from '../support/corpus.js';
import { runVerity } from '../support/cli.js';
import { reportErrors } from '../support/report-schema.js';

const MILTER = corpusPath('email/dkim/authentication-milter');
const ZONEFILE = join(MILTER, 'zonefile');
const MAIL_DKIM = corpusPath('email/dkim/mail-dkim');
const FAKE_DNS = join(MAIL_DKIM, 'FAKE_DNS.dat');
const GOOGLE = 'google._domainkey.marcbradshaw.net';
const TFE2 = 'tfe2._domainkey.marcbradshaw.net';

let dir: string;

function verity(args: string[]): string {
  const r = runVerity(args);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

function scan(dump: string, caseFile: string): void {
  verity(['scan', dump, '--case', caseFile, '--workers', '1']);
}

const needed = (caseFile: string): Omit<DkimNeededKey, 'name'>[] =>
  JSON.parse(verity(['dkim', 'needed', '--case', caseFile, '--json'])) as Omit<DkimNeededKey, 'name'>[];

/** The report's `dkim` entries by document path, after checking the report against the schema. */
function dkimByPath(caseFile: string): Map<string, ReportDkimSignature[] | undefined> {
  const report = JSON.parse(verity(['report', '--case', caseFile, '--format', 'json'])) as JsonReport;
  expect(reportErrors(report)).toEqual([]);
  return new Map(report.documents.map((d) => [d.path, d.dkim]));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'verity-dkim-cli-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(corpusMissing())('verity dkim on authentication_milter messages', () => {
  let caseFile: string;
  beforeAll(() => {
    caseFile = join(dir, 'milter.verity');
    scan(MILTER, caseFile);
  }, 300_000);

  it('dkim needed --json lists each missing key with how many emails it would check and the look-up', () => {
    expect(needed(caseFile)).toEqual([
      {
        domain: 'marcbradshaw.net',
        selector: 'google',
        count: 5,
        firstDate: '2015-01-25T03:35:19.000Z',
        lastDate: '2015-01-25T03:35:19.000Z',
        lookup: `dig +short TXT ${GOOGLE}`,
      },
      // dmarc_reject_wl.eml carries no Date header.
      {
        domain: 'marcbradshaw.net',
        selector: 'tfe2',
        count: 1,
        firstDate: null,
        lastDate: null,
        lookup: `dig +short TXT ${TFE2}`,
      },
    ]);
    // Exactly the six fields of the contract, in this order.
    expect(Object.keys(needed(caseFile)[0])).toEqual(['domain', 'selector', 'count', 'firstDate', 'lastDate', 'lookup']);
    const text = verity(['dkim', 'needed', '--case', caseFile]);
    expect(text).toMatch(/^2 DKIM key\(s\) missing/);
    expect(text).toContain(`for n in ${GOOGLE} ${TFE2}; do`);
    expect(text).toContain(`then: verity dkim import --case ${caseFile} dkim-keys.txt`);
  });

  it('before any key: one no-key entry per signature, none for unsigned mail, no dkim for non-email', () => {
    const dkim = dkimByPath(caseFile);
    expect(dkim.get('google_apps_good.eml')).toEqual([
      {
        domain: 'marcbradshaw.net',
        selector: 'google',
        result: 'no-key',
        keySource: null,
        keyBits: null,
        reason: `no imported key for ${GOOGLE}; its body hash matches the body`,
      },
    ]);
    expect(dkim.get('dmarc_reject_wl.eml')).toMatchObject([{ selector: 'tfe2', result: 'no-key', keySource: null }]);
    expect(dkim.get('google_apps_nodkim.eml')).toEqual([]);
    expect(dkim.get('zonefile')).toBeUndefined();
  });

  it('dkim import: keys kept with the file they came from, the signed mail re-verified', () => {
    const out = verity(['dkim', 'import', '--case', caseFile, ZONEFILE]);
    // The zone file's other TXT records (SPF, DMARC, DKIM policy) are not keys.
    expect(out).toBe(`Imported 3 DKIM key(s) from ${ZONEFILE}.\nRe-verified 6 signed email(s).\nNo DKIM key is missing any more.\n`);
    expect(needed(caseFile)).toEqual([]);
    const dkim = dkimByPath(caseFile);
    const pass = { domain: 'marcbradshaw.net', selector: 'google', result: 'pass', keySource: ZONEFILE, keyBits: 1024 };
    for (const p of ['google_apps_good.eml', 'google_apps_good_sanitize.eml', 'google_apps_headers.eml'])
      expect(dkim.get(p), p).toEqual([{ ...pass, reason: 'the signature verifies with the imported key' }]);
    // The same message tampered (EXPECTED dkim=fail in the source tests).
    for (const p of ['google_apps_bad.eml', 'google_apps_bad_space.eml'])
      expect(dkim.get(p), p).toEqual([{ ...pass, result: 'fail', reason: 'the signature over the signed headers does not verify' }]);
    expect(dkim.get('dmarc_reject_wl.eml')).toMatchObject([{ selector: 'tfe2', result: 'pass', keySource: ZONEFILE, keyBits: 2048 }]);
  });

  it('a re-import from another source keeps the newest key and says what it replaced', () => {
    const zone = parseDkimKeyFile(readFileSync(ZONEFILE, 'utf8')).keys;
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const archive = join(dir, 'archive.json');
    writeFileSync(
      archive,
      JSON.stringify([
        // The key the zone file holds, as an archive saw it; and a different key for tfe2.
        { domain: 'marcbradshaw.net', selector: 'google', value: zone.get(GOOGLE), firstSeenAt: '2014-06-01', lastSeenAt: '2016-02-01' },
        { domain: 'marcbradshaw.net', selector: 'tfe2', value: `v=DKIM1; k=rsa; p=${other}` },
      ]),
    );
    const googleSource = `${archive}, entry 1 (first seen 2014-06-01, last seen 2016-02-01)`;
    const tfe2Source = `${archive}, entry 2`;
    expect(verity(['dkim', 'import', '--case', caseFile, archive])).toBe(
      [
        `Imported 2 DKIM key(s) from ${archive}.`,
        `  ${GOOGLE}: the same key from ${googleSource} replaces the one from ${ZONEFILE}`,
        `  ${TFE2}: a different key from ${tfe2Source} replaces the one from ${ZONEFILE}`,
        'Re-verified 6 signed email(s).',
        'No DKIM key is missing any more.',
        '',
      ].join('\n'),
    );
    const dkim = dkimByPath(caseFile);
    expect(dkim.get('google_apps_good.eml')).toMatchObject([{ result: 'pass', keySource: googleSource, keyBits: 1024 }]);
    // The newest import wins even where it is the wrong key: the signature no longer verifies.
    expect(dkim.get('dmarc_reject_wl.eml')).toMatchObject([{ selector: 'tfe2', result: 'fail', keySource: tfe2Source, keyBits: 2048 }]);
  });

  it('refuses a file without key records, and a case that does not exist', () => {
    // Comments only, plain prose, or TXT records that are not DKIM keys.
    for (const [name, text] of [
      ['empty.txt', '; no DKIM key answered\n'],
      ['notes.txt', 'no keys here\n'],
      ['spf.zone', 'marcbradshaw.net. 3600 IN TXT "v=spf1 include:_spf.google.com ~all"\n_dmarc.marcbradshaw.net TXT "v=DMARC1; p=none"\n'],
    ]) {
      writeFileSync(join(dir, name), text);
      const r = runVerity(['dkim', 'import', '--case', caseFile, join(dir, name)]);
      expect([r.code, r.stderr.trim()], name).toEqual([2, 'verity dkim: no DKIM key records found in the text']);
    }
    const absent = join(dir, 'absent.verity');
    const missing = runVerity(['dkim', 'needed', '--case', absent, '--json']);
    expect([missing.code, missing.stdout, missing.stderr.trim()]).toEqual([1, '', `verity dkim: case file ${absent} does not exist`]);
    expect(existsSync(absent)).toBe(false);
  });
});

describe.skipIf(corpusMissing())('verity dkim on Mail::DKIM verifier messages', () => {
  let caseFile: string;
  beforeAll(() => {
    caseFile = join(dir, 'mail-dkim.verity');
    scan(MAIL_DKIM, caseFile);
    verity(['dkim', 'import', '--case', caseFile, FAKE_DNS]);
  }, 300_000);

  it('reports pass, fail, bad-key and body-hash-mismatch with the key source and size', () => {
    const dkim = dkimByPath(caseFile);
    const ed = { domain: 'wander.science', selector: '2023-05-ed25519', keySource: FAKE_DNS, keyBits: 256 };
    expect(dkim.get('goodkey_ed25519.txt')).toEqual([{ ...ed, result: 'pass', reason: 'the signature verifies with the imported key' }]);
    expect(dkim.get('badkey2_ed25519.txt')).toEqual([
      { ...ed, result: 'fail', reason: 'the signature over the signed headers does not verify' },
    ]);
    expect(dkim.get('badkey3_ed25519.txt')).toEqual([
      {
        ...ed,
        result: 'body-hash-mismatch',
        reason: 'body hash mismatch: the body was changed after signing; the signature over the headers still verifies',
      },
    ]);
    // FAKE_DNS.dat has no record for this selector: the body hash is still checked.
    expect(dkim.get('badkey4_ed25519.txt')).toMatchObject([
      { selector: '2023-05-ed25519-does-not-exist', result: 'body-hash-mismatch', keySource: null, keyBits: null },
    ]);
    expect(dkim.get('badkey_10.txt')).toMatchObject([{ selector: 'test5', result: 'bad-key', keySource: FAKE_DNS, keyBits: 512 }]);
    expect(dkim.get('badkey_10.txt')?.[0].reason).toMatch(/^the key has 512 bits; RFC 8301/);
    // Four signatures, in header order; the last is not a tag list, so it names no domain.
    expect(dkim.get('multiple_2.txt')?.map((s) => [s.domain, s.result, s.keySource])).toEqual([
      ['messiah.edu', 'fail', FAKE_DNS],
      ['messiah.edu', 'pass', FAKE_DNS],
      ['messiah.edu', 'fail', FAKE_DNS],
      ['', 'fail', null],
    ]);
  });

  it('dkim needed lists only the keys the imported file lacked', () => {
    expect(needed(caseFile).map((k) => [`${k.selector}._domainkey.${k.domain}`, k.count])).toEqual([
      ['test3._domainkey.blackhole.messiah.edu', 1],
      ['test3._domainkey.blackhole2.messiah.edu', 1],
      ['2023-05-ed25519-does-not-exist._domainkey.wander.science', 1],
    ]);
  });
});
