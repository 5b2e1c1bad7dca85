// Body-hash failures caused by gateways and lists that ADD text, against edits by a forger. The
// messages were signed with Debian's dkimpy and changed with Python's email package, as gateways
// (Exchange transport rules, Mimecast, Proofpoint) and lists (Mailman 2/3, Google Groups) change
// them: scripts/record-dkim-gateways.py wrote them into test/fixtures/dkim-gateways/.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dkimCheck } from '../../../../src/checks/email/dkim.js';
import { parseDkimKeyFile } from '../../../../src/checks/dkim-keys.js';
import type { CheckContext } from '../../../../src/checks/types.js';
import { REPO_ROOT } from '../../../support/corpus.js';
import { emailDoc, keyTable } from './support.js';

interface Fixture {
  name: string;
  family: 'gateway' | 'list' | 'edit';
  expect: 'addition' | 'edit';
  note: string;
  dkimpy: boolean;
}

const DIR = join(REPO_ROOT, 'test/fixtures/dkim-gateways');
const fixtures = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as Fixture[];
const withKey: CheckContext = {
  dkimKeys: keyTable(parseDkimKeyFile(readFileSync(join(DIR, 'keys.txt'), 'utf8')).keys),
  now: new Date('2025-06-01T00:00:00Z'),
};
const withoutKey: CheckContext = { dkimKeys: new Map(), now: withKey.now };

async function findingsOf(name: string, ctx: CheckContext) {
  const doc = await emailDoc(readFileSync(join(DIR, `${name}.eml`)), `${name}.eml`);
  return dkimCheck.run(doc, ctx);
}

const strong = (fs: { severity: string }[]) => fs.filter((f) => f.severity === 'medium' || f.severity === 'high');

describe('email.dkim: text added by a gateway or a list, against text edited by a forger', () => {
  it('has the variants it claims: dkimpy fails every changed message', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(18);
    expect(fixtures.every((f) => f.dkimpy === false)).toBe(true);
    expect(new Set(fixtures.map((f) => f.family))).toEqual(new Set(['gateway', 'list', 'edit']));
  });

  it.each(fixtures.filter((f) => f.expect === 'addition').map((f) => [f.name, f] as const))(
    'innocent: %s is low, with the added text shown (with and without the key)',
    async (name, f) => {
      for (const ctx of [withKey, withoutKey]) {
        const out = await findingsOf(name, ctx);
        expect(strong(out), `${f.note} (${ctx === withKey ? 'key' : 'no key'})`).toEqual([]);
        const added = out.find((x) => x.evidence.addedBlocks);
        expect(added?.severity, f.note).toBe('low');
        const blocks = added!.evidence.addedBlocks as { text: string; at: string }[];
        expect(blocks.some((b) => b.text.length > 20)).toBe(true);
        expect(added!.message).toMatch(/added/);
      }
    },
  );

  it.each(fixtures.filter((f) => f.expect === 'edit').map((f) => [f.name, f] as const))('forged: %s stays high', async (name, f) => {
    for (const ctx of [withKey, withoutKey]) {
      const out = await findingsOf(name, ctx);
      expect(
        strong(out).map((x) => x.severity),
        f.note,
      ).toEqual(['high']);
      expect(out.some((x) => x.evidence.addedBlocks)).toBe(false);
    }
  });

  it('shows what the gateway added, and where', async () => {
    const out = await findingsOf('banner-top-exchange-fr-quoted-printable', withKey);
    const f = out.find((x) => x.evidence.addedBlocks)!;
    expect(f.evidence.addedBlocks).toEqual([
      expect.objectContaining({
        part: 'text/plain',
        at: 'start',
        text: expect.stringMatching(/^\[EXTERNE\] Ce message provient de l'extérieur/),
      }),
      expect.objectContaining({ part: 'text/html', at: 'start', text: expect.stringMatching(/^\[EXTERNE\] Ce message provient/) }),
    ]);
    expect(f.evidence.headerSignature).toBe('pass');
    const tagged = (await findingsOf('banner-top-subject-tag', withKey)).find((x) => x.evidence.addedBlocks)!;
    expect(tagged.evidence.subjectTag).toBe('[EXTERN] ');
    expect(tagged.message).toMatch(/once the tag "\[EXTERN\]" put before the Subject is removed/);
    const footer = (await findingsOf('footer-google-groups-en-quoted-printable', withoutKey)).find((x) => x.evidence.addedBlocks)!;
    expect((footer.evidence.addedBlocks as { at: string; text: string }[]).map((b) => [b.at, b.text.slice(0, 40)])).toEqual([
      ['end', '-- You received this message because you'],
      ['end', '-- You received this message because you'],
    ]);
  });
});

describe('email.dkim: links rewritten by a link-protection gateway on the way in', () => {
  // The footer fixture (a signed message) with one more change inside its text: a link, as the sender
  // wrote it or as a gateway rewrote it; and the gateway's hop on top, or not.
  const base = readFileSync(join(DIR, 'footer-exchange-en-en-7bit.eml'), 'latin1');
  const withLink = (link: string) => base.replace('Kind regards,', `Details: ${link}\n\nKind regards,`);
  const mimecastHop =
    'Received: from eu-smtp-inbound-1.mimecast.com (eu-smtp-inbound-1.mimecast.com [207.211.30.116])\r\n\tby mx.example.org with ESMTPS id 4QxY; Tue, 4 Mar 2025 10:02:11 +0000\r\n';
  const rewritten = 'https://protect-eu.mimecast.com/s/Hz3kb1okpsCQWM?domain=example-partner.com';
  const run = async (raw: string, ctx: CheckContext) => dkimCheck.run(await emailDoc(Buffer.from(raw, 'latin1'), 'm.eml'), ctx);

  it('keeps a body failure low when the gateway that rewrote the links handled the message, and says so', async () => {
    for (const ctx of [withKey, withoutKey]) {
      const found = await run(mimecastHop + withLink(rewritten), ctx);
      const body = found.find((f) => /body/.test(f.message) && f.severity !== 'info')!;
      expect(body.severity).toBe('low');
      expect(body.message).toContain('rewritten by Mimecast URL Protect');
      expect(body.evidence).toMatchObject({ linkRewriting: { gateway: 'Mimecast URL Protect', links: 1 } });
    }
  });

  it('stays high when the links are rewritten but no such gateway handled the message, or the gateway left no link', async () => {
    expect(strong(await run(withLink(rewritten), withKey)).map((f) => f.severity)).toEqual(['high']);
    expect(strong(await run(mimecastHop + withLink('https://example-partner.com/quote'), withKey)).map((f) => f.severity)).toEqual([
      'high',
    ]);
  });
});
