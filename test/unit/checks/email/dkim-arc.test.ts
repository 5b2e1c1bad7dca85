// ARC (RFC 8617) offline, on a forwarded message sealed with Debian's dkimpy (arcsign) and a copy
// tampered after the seal (test/fixtures/dkim/README.md says how both were made): Verity's verdicts
// agree with dkimpy's (arc-expected.json, written by verify-with-dkimpy.py), each with a reason, and
// the DKIM signature the forwarder broke gets the forwarder as its innocent cause.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDkimKeyFile } from '../../../../src/checks/dkim-keys.js';
import { dkimCheck, verifyMessage } from '../../../../src/checks/email/dkim.js';
import { REPO_ROOT } from '../../../support/corpus.js';
import { emailDoc, keyTable } from './support.js';

const DIR = join(REPO_ROOT, 'test', 'fixtures', 'dkim');
const read = (name: string) => readFileSync(join(DIR, name));
const keys = keyTable(parseDkimKeyFile(read('arc-keys.zone').toString('utf8')).keys, 'arc-keys.zone');
const expected = JSON.parse(read('arc-expected.json').toString('utf8')) as Record<string, { dkim: string; arc: string; arcReason: string }>;
// The fixtures were signed when they were made: verify at that time (their t=), as dkimpy did.
const now = new Date('2026-12-08T04:00:00Z');

describe('ARC chains verified with the imported keys', () => {
  it('agrees with dkimpy on each fixture: DKIM and ARC', async () => {
    for (const [file, want] of Object.entries(expected)) {
      const { signatures, arc } = await verifyMessage(read(file), keys, now);
      expect(
        signatures.map((s) => s.verdict),
        file,
      ).toEqual([want.dkim]);
      expect(arc?.result ?? 'none', file).toBe(want.arc);
    }
  });

  it('the sealed forwarded message: the chain verifies, and the broken DKIM signature is the forwarder’s doing', async () => {
    const findings = await dkimCheck.run(await emailDoc(read('arc-forwarded.eml')), { dkimKeys: keys, now });
    const arc = findings.find((f) => f.evidence?.arc);
    expect(arc).toMatchObject({ severity: 'info', evidence: { arc: { result: 'pass', instance: 1 } } });
    expect(arc!.message).toMatch(/^The ARC chain \(RFC 8617\) verifies with the imported keys: fwd\.example \(i=1\)/);
    expect((arc!.evidence!.arc as { keys: unknown }).keys).toEqual([{ name: 'arc2023._domainkey.fwd.example', source: 'arc-keys.zone' }]);
    const dkim = findings.find((f) => f.evidence?.signature === 0)!;
    expect(dkim.severity).toBe('low');
    expect(dkim.message).toMatch(/fails: the body changed after signing/);
    expect(dkim.message).toMatch(/fwd\.example \(ARC i=1, sealed by fwd\.example\) recorded this signature as passing \(dkim=pass\)/);
    expect(dkim.evidence).toMatchObject({ arcArrival: { instance: 1, sealer: 'fwd.example' }, keySource: 'arc-keys.zone' });
  });

  it('the copy tampered after the seal: the chain fails with the reason, and the DKIM failure stays high', async () => {
    const findings = await dkimCheck.run(await emailDoc(read('arc-forwarded-tampered.eml')), { dkimKeys: keys, now });
    const arc = findings.find((f) => f.evidence?.arc)!;
    expect(arc.severity).toBe('low');
    expect(arc.evidence!.arc).toMatchObject({
      result: 'fail',
      reason: 'i=1 no valid signature; ARC-Message-Signature: body hash did not verify',
    });
    const dkim = findings.find((f) => f.evidence?.signature === 0)!;
    expect(dkim.severity).toBe('high');
    expect(dkim.evidence?.arcArrival).toBeUndefined();
  });

  it('without the forwarder’s key the chain is not judged, and the signature’s own failure is not excused', async () => {
    const senderOnly = new Map([...keys].filter(([name]) => name.endsWith('sender.example')));
    const { arc } = await verifyMessage(read('arc-forwarded.eml'), senderOnly, now);
    expect(arc).toMatchObject({ result: 'no-key', reason: 'no imported key for arc2023._domainkey.fwd.example' });
    const findings = await dkimCheck.run(await emailDoc(read('arc-forwarded.eml')), { dkimKeys: senderOnly, now });
    expect(findings.find((f) => f.evidence?.signature === 0)?.severity).toBe('high');
    // Named as a missing key, so that `verity dkim needed` lists the forwarder's key too.
    expect(findings.find((f) => f.evidence?.arc)?.evidence).toMatchObject({ verdict: 'nokey', d: 'fwd.example', s: 'arc2023' });
  });
});
