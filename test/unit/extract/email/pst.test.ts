import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { emailExtractor } from '../../../../src/extract/email/rfc822.js';
import { MIME } from '../../../../src/extract/mime.js';
import { pstExtractor } from '../../../../src/extract/email/pst.js';
import { sniff } from '../../../../src/extract/sniff.js';
import type { ChildDocument } from '../../../../src/extract/types.js';
import { corpusPath, corpusMissing } from '../../../support/corpus.js';
import { metaValue, run, runFile } from '../../../support/extract-harness.js';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const pst = (f: string, limits = {}) => runFile(pstExtractor, corpusPath(`email/pst/${f}`), { mime: MIME.pst, limits });

async function asEmail(c: ChildDocument) {
  return run(emailExtractor, await c.source.readAll(), c.name, { mime: MIME.eml });
}

describe.skipIf(corpusMissing())('email.pst on the corpus stores', () => {
  it('lists every item of the four stores, and facts.archive.members says the same up front', async () => {
    const expected: Record<string, number> = {
      'java-libpst-dist-list.pst': 4,
      'java-libpst-passworded.pst': 3,
      'tika-testPST.pst': 7,
      'tika-testPST_variousBodyTypes.pst': 4,
    };
    for (const [f, n] of Object.entries(expected)) {
      const r = await pst(f);
      expect(r.error, f).toBeUndefined();
      expect(r.children, f).toHaveLength(n);
      expect(r.output!.facts!.archive).toEqual({ format: 'pst', members: n, encryptedMembers: 0, skipped: [] });
      expect(r.children.every((c) => c.error === undefined)).toBe(true);
    }
  });

  it("pst-extractor's console chatter becomes warnings instead of reaching stdout", async () => {
    const log = vi.spyOn(console, 'log');
    const error = vi.spyOn(console, 'error');
    try {
      const r = await pst('java-libpst-dist-list.pst');
      expect(log).not.toHaveBeenCalled();
      expect(error).not.toHaveBeenCalled();
      expect(
        r.warnings
          .filter((w) => w.code === 'pst-library')
          .map((w) => w.message)
          .join('\n'),
      ).toMatch(/unknown message type: IPM\.Microsoft\.ScheduleData\.FreeBusy/);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });

  it('the password-protected store is read, with a clear "encrypted" warning; the other one has none', async () => {
    const locked = await pst('java-libpst-passworded.pst');
    expect(locked.warnings.filter((w) => w.code === 'encrypted')).toHaveLength(1);
    expect(locked.warnings.find((w) => w.code === 'encrypted')!.message).toMatch(/password-protected/);
    expect(metaValue(locked.output, 'pst', 'PidTagPstPassword')).toBe('set');
    const open = await pst('java-libpst-dist-list.pst');
    expect(open.warnings.filter((w) => w.code === 'encrypted')).toHaveLength(0);
    expect(metaValue(open.output, 'pst', 'PidTagPstPassword')).toBeUndefined();
  });

  it('tika-testPST.pst: items keep folder path, node id and subject; their reconstruction parses as email', async () => {
    const r = await pst('tika-testPST.pst');
    expect(r.output!.title).toBe('hong-thai.nguyen');
    const first = r.children[0];
    expect(first.segment).toEqual({
      type: 'item',
      index: 0,
      id: '2097188',
      name: '/Début du fichier de données Outlook/Re: Feature Generators',
    });
    expect(first.metadata).toContainEqual({ source: 'pst', key: 'folder', value: '/Début du fichier de données Outlook' });
    expect(await sniff(first.source, first.name)).toBe(MIME.eml);

    const e1 = await asEmail(first);
    const email = e1.output!.facts!.email!;
    expect(email.origin).toBe('pst');
    expect(email.reconstructed).toBe(true);
    expect(email.subject).toBe('Re: Feature Generators');
    expect(email.from?.address).toBe('kottmann@gmail.com');
    expect(email.messageId).toBe('530D9CAC.5080901@gmail.com');
    expect(email.received).toHaveLength(10);
    // The original MIME headers are kept under another name: the body structure is ours.
    expect(email.headers.some((h) => h.name === 'X-Verity-Original-Content-Type')).toBe(true);
    expect(email.text?.length).toBeGreaterThan(100);
    expect(e1.output!.facts!.dates!.map((d) => d.source)).toEqual(
      expect.arrayContaining(['pst:PidTagClientSubmitTime', 'pst:PidTagMessageDeliveryTime', 'pst:PidTagCreationTime']),
    );

    // "FW: First email" carries the forwarded message as an embedded item: it becomes an .eml attachment.
    const fw = r.children[6];
    expect(fw.segment).toMatchObject({ index: 6, name: '/Début du fichier de données Outlook/FW: First email' });
    const e7 = await asEmail(fw);
    expect(e7.output!.facts!.email!.from).toBeUndefined(); // no SMTP sender address in the store
    expect(e7.output!.facts!.email!.headers.find((h) => h.name === 'X-Verity-MAPI-Sender-Name')?.decoded).toBe(
      'Luis Filipe da Cruz Nassif',
    );
    expect(e7.children.map((c) => c.name)).toEqual(['First email.eml']);
    const inner = await asEmail(e7.children[0]);
    expect(inner.output!.facts!.email!.reconstructed).toBe(true);
    expect(inner.output!.title).toBe('First email');
  });

  it('tika-testPST_variousBodyTypes.pst: plain+HTML, plain only and RTF-only bodies all give text', async () => {
    const r = await pst('tika-testPST_variousBodyTypes.pst');
    const emails = await Promise.all(r.children.map(asEmail));
    expect(emails.map((e) => e.output!.title)).toEqual([
      'original email',
      'FW: original email',
      'FW: original email',
      'FW: original email',
    ]);
    expect(emails[0].output!.facts!.email!.html).toBeTruthy();
    for (const e of emails) expect(e.output!.facts!.email!.text?.length).toBeGreaterThan(10);
  });

  it('renders the same bytes on every run (stable SHA-256 across re-ingests)', async () => {
    const a = await pst('tika-testPST.pst');
    const b = await pst('tika-testPST.pst');
    const hashes = async (cs: ChildDocument[]) => Promise.all(cs.map(async (c) => sha256(await c.source.readAll())));
    expect(await hashes(a.children)).toEqual(await hashes(b.children));
  });

  it('a store above maxWholeFileBytes is refused with limit-exceeded, saying why', async () => {
    const r = await pst('tika-testPST.pst', { maxWholeFileBytes: 1 << 20 });
    expect(r.error?.code).toBe('limit-exceeded');
    expect(r.error?.message).toMatch(/whole-read limit/);
  });
});

describe('email.pst on bad input', () => {
  it('a file with the PST magic and nothing else is corrupt, not a crash', async () => {
    const bytes = Buffer.concat([Buffer.from('!BDN'), Buffer.alloc(600, 0)]);
    const r = await run(pstExtractor, bytes, 'bad.pst', { mime: MIME.pst });
    expect(r.error?.code).toBe('corrupt');
  });
});
