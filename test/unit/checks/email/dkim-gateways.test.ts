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
import { emailDoc } from './support.js';

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
  dkimKeys: parseDkimKeyFile(readFileSync(join(DIR, 'keys.txt'), 'utf8')).keys,
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
