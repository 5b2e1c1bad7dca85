// The report's per-signature DKIM results, from what the real DKIM check records on messages signed
// by a real signer (mailauth): each of the contract's five results, the key's source only when a
// key judged the signature, and one entry per signature the message carries.

import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dkimCheck } from '../../../src/checks/email/dkim.js';
import { dkimResults } from '../../../src/report/dkim-results.js';
import type { ReportDkimSignature } from '../../../src/model/report.js';
import { emailDoc, keyTable, makeSigner, plainMessage, setHeader } from '../checks/email/support.js';
import type { DkimKey } from '../../../src/checks/types.js';

const now = new Date('2026-01-01T00:00:00Z');
const signer = makeSigner('example.org', 'sel');
const NAME = 'sel._domainkey.example.org';
const keySource = (name: string) => (name === NAME ? 'keys.txt' : undefined);

async function results(
  raw: Buffer,
  keys: ReadonlyMap<string, DkimKey>,
  opts: { reconstructed?: boolean } = {},
): Promise<ReportDkimSignature[]> {
  const doc = await emailDoc(raw);
  if (opts.reconstructed) doc.facts.email!.reconstructed = true;
  const findings = await dkimCheck.run(doc, { dkimKeys: keys, now });
  const flags = findings.map((f) => ({ check: 'email.dkim', severity: f.severity, message: f.message, evidence: f.evidence ?? {} }));
  const carried = doc.facts
    .email!.dkim.filter((d) => d.header === 'DKIM-Signature')
    .map((d) => ({ index: d.index, domain: d.domain ?? null, selector: d.selector ?? null }));
  return dkimResults(flags, carried, keySource);
}

const withRecord = (record: string) => keyTable(new Map([[NAME, record]]));

describe('dkimResults', () => {
  it('pass: the key verifies, with its source and size', async () => {
    expect(await results(await signer.sign(plainMessage()), signer.keys)).toEqual([
      {
        domain: 'example.org',
        selector: 'sel',
        result: 'pass',
        keySource: 'keys.txt',
        keyBits: 2048,
        reason: 'the signature verifies with the imported key',
      },
    ]);
  });

  it('no-key: no key source even where one is known by that name, and what the body hash says', async () => {
    const [r] = await results(await signer.sign(plainMessage()), new Map());
    expect(r).toEqual({
      domain: 'example.org',
      selector: 'sel',
      result: 'no-key',
      keySource: null,
      keyBits: null,
      reason: `no imported key for ${NAME}; its body hash matches the body`,
    });
  });

  it('body-hash-mismatch: with or without the key', async () => {
    const altered = Buffer.from((await signer.sign(plainMessage())).toString('latin1').replace('120,000', '820,000'), 'latin1');
    const [without] = await results(altered, new Map());
    expect(without).toMatchObject({ result: 'body-hash-mismatch', keySource: null, keyBits: null });
    expect(without.reason).toMatch(/^body hash mismatch: the body was changed after signing \(found without the key: no imported key/);
    const [withKey] = await results(altered, signer.keys);
    expect(withKey).toMatchObject({ result: 'body-hash-mismatch', keySource: 'keys.txt', keyBits: 2048 });
    expect(withKey.reason).toMatch(/the signature over the headers still verifies/);
  });

  it('fail: a signed header changed, or a key that is not the signer’s', async () => {
    const edited = setHeader(await signer.sign(plainMessage()), 'Subject', 'Budget 2025');
    const [header] = await results(edited, signer.keys);
    expect(header).toMatchObject({ result: 'fail', keySource: 'keys.txt', keyBits: 2048 });
    expect(header.reason).toBe('the signature over the signed headers does not verify');
    const other = makeSigner('example.org', 'sel');
    const [wrongKey] = await results(await signer.sign(plainMessage()), other.keys);
    expect(wrongKey).toMatchObject({ result: 'fail', keySource: 'keys.txt' });
  });

  it('fail: a signature that is itself unacceptable, judged before any key was read', async () => {
    const raw = (await signer.sign(plainMessage())).toString('latin1').replace(/^DKIM-Signature: v=1;/m, 'DKIM-Signature: v=2;');
    const [r] = await results(Buffer.from(raw, 'latin1'), signer.keys);
    expect(r).toMatchObject({ result: 'fail', keySource: null, keyBits: null });
    expect(r.reason).toMatch(/v=2 is not 1/);
  });

  it('bad-key: an unusable record, a key of another type, a key too weak to trust', async () => {
    const raw = await signer.sign(plainMessage());
    const [unusable] = await results(raw, withRecord('v=DKIM1; k=rsa; p=AAAA'));
    expect(unusable).toMatchObject({ result: 'bad-key', keySource: 'keys.txt', keyBits: null });
    expect(unusable.reason).toMatch(/^unusable key: /);
    const ed = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }).subarray(12).toString('base64');
    const [mismatch] = await results(raw, withRecord(`v=DKIM1; k=ed25519; p=${ed}`));
    expect(mismatch).toMatchObject({ result: 'bad-key', keySource: 'keys.txt', keyBits: 256 });
    expect(mismatch.reason).toMatch(/does not match the ed25519 key/);
    const weak = makeSigner('example.org', 'sel', 512);
    const [tooWeak] = await results(await weak.sign(plainMessage()), weak.keys);
    expect(tooWeak).toMatchObject({ result: 'bad-key', keySource: 'keys.txt', keyBits: 512 });
    expect(tooWeak.reason).toMatch(/the key has 512 bits/);
  });

  it('one entry per signature, in header order; none for unsigned mail', async () => {
    const list = makeSigner('lists.example.net', 'lists');
    const twice = await list.sign(await signer.sign(plainMessage()));
    const r = await results(twice, signer.keys);
    expect(r.map((s) => [s.domain, s.result])).toEqual([
      ['lists.example.net', 'no-key'],
      ['example.org', 'pass'],
    ]);
    expect(await results(Buffer.from(plainMessage()), signer.keys)).toEqual([]);
  });

  it('fail, with the reason, for a signature whose original bytes the dump does not hold', async () => {
    const [r] = await results(await signer.sign(plainMessage()), signer.keys, { reconstructed: true });
    expect(r).toMatchObject({ domain: 'example.org', selector: 'sel', result: 'fail', keySource: null, keyBits: null });
    expect(r.reason).toMatch(/Outlook store item/);
  });

  it('a signature the check left without a result is listed, not dropped', () => {
    expect(dkimResults([], [{ index: 0, domain: 'example.org', selector: 'sel' }], keySource)).toEqual([
      {
        domain: 'example.org',
        selector: 'sel',
        result: 'fail',
        keySource: null,
        keyBits: null,
        reason: 'not verified: the DKIM check recorded no result for this signature',
      },
    ]);
  });

  it('a pass on a message the sender model finds unlike the account’s own mail is still a pass, and says what it proves', async () => {
    const doc = await emailDoc(await signer.sign(plainMessage()));
    const findings = await dkimCheck.run(doc, { dkimKeys: signer.keys, now });
    const flags = [
      ...findings.map((f) => ({ check: 'email.dkim', severity: f.severity, message: f.message, evidence: f.evidence ?? {} })),
      { check: 'email.sender-habits', severity: 'medium' as const, message: 'Out of the sender’s habits', evidence: { family: 'client' } },
    ];
    const carried = [{ index: 0, domain: 'example.org', selector: 'sel' }];
    const [r] = dkimResults(flags, carried, keySource);
    expect(r.result).toBe('pass');
    expect(r.reason).toBe(
      "the signature verifies with the imported key; the sender model finds this message unlike the account's own mail: DKIM proves the server that sent it, not the author (a hijacked account's mail verifies too)",
    );
    // Without the sender model's finding, the plain pass.
    expect(dkimResults(flags.slice(0, -1), carried, keySource)[0].reason).toBe('the signature verifies with the imported key');
  });
});
