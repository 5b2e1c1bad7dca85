import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dkimCheck, hasDkimSignatureHeader, reverifyDkim, verifyDkim } from '../../../../src/checks/email/dkim.js';
import { parseDkimKeyFile } from '../../../../src/checks/dkim-keys.js';
import { corpusMissing, REPO_ROOT, corpusPath } from '../../../support/corpus.js';
import { emailDoc, makeSigner, plainMessage, setHeader, keyTable } from './support.js';

interface Recorded {
  recordedAt: number;
  toolVersion: string;
  messages: { path: string; keyFile: string; signatures: { index: number; verdict: string; reason: string }[] }[];
}

describe.skipIf(corpusMissing())('email.dkim agrees with Debian dkimpy on every corpus message with its key', () => {
  const recorded = JSON.parse(readFileSync(join(REPO_ROOT, 'test/fixtures/expected/dkimpy.json'), 'utf8')) as Recorded;
  const now = new Date(recorded.recordedAt * 1000);

  it('reproduces each recorded per-signature verdict', async () => {
    const disagreements: string[] = [];
    let n = 0;
    for (const m of recorded.messages) {
      const keys = keyTable(parseDkimKeyFile(readFileSync(corpusPath(m.keyFile), 'utf8')).keys);
      const results = await verifyDkim(readFileSync(corpusPath(m.path)), keys, now);
      for (const s of m.signatures) {
        n++;
        const ours = results[s.index];
        if (ours?.verdict !== s.verdict)
          disagreements.push(`${m.path}#${s.index}: dkimpy ${s.verdict} (${s.reason}) vs verity ${ours?.verdict} (${ours?.reason})`);
      }
    }
    expect(n).toBeGreaterThanOrEqual(78);
    expect(disagreements).toEqual([]);
  });

  it('keeps the strict verdict where Mail::DKIM is lenient, and says why', async () => {
    // EXPECTED.tsv (Mail::DKIM): good_1878523.txt "pass"; the key is 512 bits.
    const keys = keyTable(parseDkimKeyFile(readFileSync(corpusPath('email/dkim/mail-dkim/FAKE_DNS.dat'), 'utf8')).keys);
    const doc = await emailDoc(readFileSync(corpusPath('email/dkim/mail-dkim/good_1878523.txt')));
    const findings = await dkimCheck.run(doc, { dkimKeys: keys, now });
    const f = findings.find((x) => x.evidence.verdict === 'invalid');
    expect(f?.message).toMatch(/512 bits.*RFC 8301/);
    expect(f?.message).toMatch(/Mail::DKIM/);
    expect(f?.evidence.keyBits).toBe(512);
  });

  it('innocent: a pre-RFC draft signature whose body hash differs by RFC 6376 rules is not evidence (Mail::DKIM verifies them)', async () => {
    // EXPECTED.tsv (Mail::DKIM): good_ietf00_1 "pass", badkey_1 "invalid | public key NXDOMAIN" (not a body problem),
    // good_ietf01_1 "pass": draft-00 (no bh=), v=0.5 and draft-01 signatures hash the body by their own rules.
    const keys = keyTable(parseDkimKeyFile(readFileSync(corpusPath('email/dkim/mail-dkim/FAKE_DNS.dat'), 'utf8')).keys);
    for (const rel of ['good_ietf00_1.txt', 'badkey_1.txt', 'good_ietf01_1.txt', 'test5.txt']) {
      const findings = await dkimCheck.run(await emailDoc(readFileSync(corpusPath(`email/dkim/mail-dkim/${rel}`))), {
        dkimKeys: keys,
        now,
      });
      const f = findings.find((x) => x.evidence.verdict === 'invalid');
      expect(f?.severity, rel).toBe('info');
      expect(f?.evidence.draft, rel).toBe(true);
    }
    const [noBh] = await verifyDkim(readFileSync(corpusPath('email/dkim/mail-dkim/good_ietf00_1.txt')), keys, now);
    expect(noBh.bodyHash).toBeNull(); // draft-00 has no bh= to compare
  });

  it('verifies the RFC 8463 example (Ed25519 + RSA) and reports the authentication-milter tampered copy as failing', async () => {
    const keys = keyTable(parseDkimKeyFile(readFileSync(corpusPath('email/dkim/mailauth-rfc8463/dns.json'), 'utf8')).keys);
    const good = await verifyDkim(readFileSync(corpusPath('email/dkim/mailauth-rfc8463/signed.eml')), keys, now);
    expect(good.map((r) => [r.algorithm, r.verdict])).toEqual([
      ['ed25519-sha256', 'pass'],
      ['rsa-sha256', 'pass'],
    ]);
    const milter = keyTable(parseDkimKeyFile(readFileSync(corpusPath('email/dkim/authentication-milter/zonefile'), 'utf8')).keys);
    const bad = await dkimCheck.run(await emailDoc(readFileSync(corpusPath('email/dkim/authentication-milter/google_apps_bad.eml'))), {
      dkimKeys: milter,
      now,
    });
    expect(bad.some((f) => f.severity === 'high' && f.evidence.verdict === 'fail')).toBe(true);
  });
});

describe('email.dkim on messages signed by a real DKIM implementation (mailauth dkimSign)', () => {
  const signer = makeSigner('example.org', 'sel2024');
  const now = new Date('2024-06-01T00:00:00Z');
  const ctx = { dkimKeys: signer.keys, now };

  it('innocent: an untouched signed message only gets an info "verifies" finding', async () => {
    const doc = await emailDoc(await signer.sign(plainMessage()));
    const findings = await dkimCheck.run(doc, ctx);
    expect(findings).toHaveLength(1);
    expect(findings[0].severity).toBe('info');
    expect(findings[0].evidence).toMatchObject({
      verdict: 'pass',
      d: 'example.org',
      s: 'sel2024',
      bodyHash: 'pass',
      headerSignature: 'pass',
      keyBits: 2048,
    });
  });

  it('a changed body fails the body hash even without the key (high), with expected and computed hashes', async () => {
    const signed = (await signer.sign(plainMessage())).toString('latin1').replace('120,000 euros', '820,000 euros');
    const doc = await emailDoc(Buffer.from(signed, 'latin1'));
    const withoutKey = await dkimCheck.run(doc, { dkimKeys: new Map(), now });
    expect(withoutKey[0].severity).toBe('high');
    expect(withoutKey[0].evidence.bhExpected).not.toBe(withoutKey[0].evidence.bhComputed);
    const withKey = await dkimCheck.run(doc, ctx);
    expect(withKey[0].evidence).toMatchObject({ verdict: 'fail', bodyHash: 'fail', headerSignature: 'pass' });
    expect(withKey[0].message).toMatch(/only the body was altered/);
  });

  it('a changed signed header (Date) fails the signature', async () => {
    const doc = await emailDoc(setHeader(await signer.sign(plainMessage()), 'Date', 'Mon, 4 Mar 2024 10:12:03 +0100'));
    const [f] = await dkimCheck.run(doc, ctx);
    expect(f.severity).toBe('high');
    expect(f.evidence).toMatchObject({ verdict: 'fail', bodyHash: 'pass', headerSignature: 'fail' });
  });

  it('innocent: a mailing-list footer breaks the body hash but is called out as the likely cause (low)', async () => {
    const signed = (await signer.sign(plainMessage())).toString('latin1');
    const listed =
      signed.replace('\r\n\r\n', '\r\nList-Id: Finance team <finance.lists.example.org>\r\n\r\n') +
      '\r\n_______________________________________________\r\nfinance mailing list\r\n';
    const [f] = await dkimCheck.run(await emailDoc(Buffer.from(listed, 'latin1')), ctx);
    expect(f.severity).toBe('low');
    expect(f.message).toMatch(/mailing list/);
    expect(f.evidence.mailingList).toMatch(/^List-Id/);
  });

  it('content appended after an l= body length is flagged', async () => {
    const signed = await signer.sign(plainMessage(), { maxBodyLength: 40 });
    const doc = await emailDoc(Buffer.concat([signed, Buffer.from('\r\nPS: please wire the money to account 12345.\r\n')]));
    const findings = await dkimCheck.run(doc, ctx);
    expect(findings[0].evidence.verdict).toBe('pass');
    const l = findings.find((f) => /l=/.test(f.message));
    expect(l?.severity).toBe('medium');
    expect(l?.evidence.unsignedBodyBytes).toBeGreaterThan(40);
  });

  it('a second, unsigned From header above a valid signature fails, and From outside h= is high', async () => {
    const signed = await signer.sign(plainMessage());
    const dup = await emailDoc(Buffer.concat([Buffer.from('From: CEO <ceo@example.org>\r\n'), signed]));
    const [f] = await dkimCheck.run(dup, ctx);
    expect(f.evidence.verdict).toBe('fail');
    expect(f.evidence.reason).toMatch(/second From/);

    const noFrom = await emailDoc(await signer.sign(plainMessage(), { headerList: ['subject', 'date', 'to', 'message-id'] }));
    const findings = await dkimCheck.run(noFrom, ctx);
    expect(findings.find((x) => /From header/.test(x.message))?.severity).toBe('high');

    const noSubject = await emailDoc(await signer.sign(plainMessage(), { headerList: ['from', 'date', 'to', 'message-id'] }));
    const s = await dkimCheck.run(noSubject, ctx);
    expect(s[0].evidence.verdict).toBe('pass');
    expect(s.find((x) => /does not cover subject/.test(x.message))?.severity).toBe('medium');
  });

  it('no key is not a failure (info), and re-verification after importing the key passes', async () => {
    const doc = await emailDoc(await signer.sign(plainMessage()));
    const before = await dkimCheck.run(doc, { dkimKeys: new Map(), now });
    expect(before.map((f) => [f.severity, f.evidence.verdict])).toEqual([['info', 'nokey']]);
    const after = await reverifyDkim(doc, signer.keys, now);
    expect(after.map((f) => f.evidence.verdict)).toEqual(['pass']);
  });

  it('innocent: bytes Verity rebuilt from an Outlook store item are not judged (info only)', async () => {
    const signed = (await signer.sign(plainMessage())).toString('latin1').replace('120,000', '820,000');
    const doc = await emailDoc(Buffer.from(signed, 'latin1'));
    doc.facts.email!.reconstructed = true;
    const findings = await dkimCheck.run(doc, ctx);
    expect(findings.map((f) => f.severity)).toEqual(['info']);
    expect(findings[0].message).toMatch(/cannot be checked/);
  });

  it('a 512-bit key verifies cryptographically but is rejected (RFC 8301)', async () => {
    const weak = makeSigner('example.org', 'old', 512);
    const doc = await emailDoc(await weak.sign(plainMessage()));
    const [f] = await dkimCheck.run(doc, { dkimKeys: weak.keys, now });
    expect(f.evidence).toMatchObject({ verdict: 'invalid', keyBits: 512, headerSignature: 'pass' });
  });
});

describe.skipIf(corpusMissing())('the unsigned-mail shortcut', () => {
  // The check skips mailauth when the header block has no DKIM-Signature field: on every corpus
  // message the shortcut must agree with what mailauth itself finds.
  it('sees a DKIM-Signature exactly where mailauth finds a signature, on every corpus .eml', async () => {
    const files = (readdirSync(corpusPath('email'), { recursive: true }) as string[])
      .filter((f) => f.endsWith('.eml'))
      .map((f) => corpusPath(`email/${f}`));
    expect(files.length).toBeGreaterThan(50);
    const disagree: string[] = [];
    let signed = 0;
    for (const f of files) {
      const raw = readFileSync(f);
      const mailauthSees = (await verifyDkim(raw, new Map(), new Date('2024-01-01T00:00:00Z'))).length > 0;
      if (mailauthSees) signed++;
      if (hasDkimSignatureHeader(raw) !== mailauthSees) disagree.push(f);
    }
    expect(disagree).toEqual([]);
    expect(signed).toBeGreaterThan(10);
  });
  it('ignores a DKIM-Signature line in the body, and reads CR-only and folded headers', () => {
    expect(hasDkimSignatureHeader(Buffer.from('From: a@b\r\nSubject: x\r\n\r\nDKIM-Signature: v=1; in the body\r\n'))).toBe(false);
    expect(hasDkimSignatureHeader(Buffer.from('From: a@b\rdkim-signature : v=1;\r\r body'))).toBe(true);
    expect(hasDkimSignatureHeader(Buffer.from('DKIM-Signature: v=1;\n d=example.com\nFrom: a@b\n\nbody'))).toBe(true);
  });
});
