import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emailExtractor } from '../../../../src/extract/email/rfc822.js';
import { mboxExtractor } from '../../../../src/extract/email/mbox.js';
import { BufferSource, openFileSource } from '../../../../src/extract/common/byte-source.js';
import { splitMbox, type MboxMessage } from '../../../../src/extract/email/mbox-split.js';
import type { ChildDocument } from '../../../../src/extract/types.js';
import { corpusPath, corpusMissing } from '../../../support/corpus.js';
import { run, signalFiringAfter, testContext } from '../../../support/extract-harness.js';

async function split(text: string | Buffer, chunkSize = 1 << 20): Promise<MboxMessage[]> {
  const out: MboxMessage[] = [];
  for await (const m of splitMbox(new BufferSource(Buffer.from(text)).chunks(0, undefined, chunkSize))) out.push(m);
  return out;
}

/** Message counts the MANIFEST notes give for the Enron mboxes ("... as mbox (66 messages)"). */
function manifestCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of readFileSync(corpusPath('MANIFEST.tsv'), 'utf8').split('\n')) {
    const [path, , , , , , , note] = line.split('\t');
    const m = path?.startsWith('email/enron/mbox/') ? /as mbox \((\d+) messages\)/.exec(note ?? '') : null;
    if (m) counts.set(path, Number(m[1]));
  }
  return counts;
}

describe('splitMbox', () => {
  const mbox = [
    'From alice@example.org Mon Jan  1 00:00:00 2001',
    'From: alice@example.org',
    'Subject: one',
    '',
    'Body line',
    'From the start of a body line: no blank line before, not a separator',
    '',
    'From here on, a blank line before but no header after: not a separator',
    '>From quoted by mboxrd',
    '>>From quoted twice',
    '',
    'From bob@example.org Tue Jan  2 00:00:00 2001',
    'Subject: two',
    '',
    'Second body',
    '',
  ].join('\n');

  it('splits only on "From " lines after a blank line and before a header', async () => {
    const msgs = await split(mbox);
    expect(msgs.map((m) => m.envelope)).toEqual([
      'From alice@example.org Mon Jan  1 00:00:00 2001',
      'From bob@example.org Tue Jan  2 00:00:00 2001',
    ]);
    expect(msgs[0].quotedFromLines).toBe(2);
    expect(msgs[1].quotedFromLines).toBe(0);
    const buf = Buffer.from(mbox);
    expect(buf.subarray(msgs[0].offset, msgs[0].offset + msgs[0].length).toString()).toMatch(
      /^From: alice@example\.org\nSubject: one\n[\s\S]*>>From quoted twice\n\n$/,
    );
    expect(buf.subarray(msgs[1].offset, msgs[1].offset + msgs[1].length).toString()).toBe('Subject: two\n\nSecond body\n');
  });

  it('gives the same ranges whatever the chunk size (lines split across chunks)', async () => {
    const big = await split(mbox);
    for (const size of [1, 2, 3, 7, 50]) expect(await split(mbox, size)).toEqual(big);
  });

  it('handles CRLF mboxes and a last line without line break', async () => {
    const msgs = await split(
      'From a Mon Jan  1 00:00:00 2001\r\nSubject: x\r\n\r\nbody\r\n\r\nFrom b Mon Jan  1 00:00:00 2001\r\nSubject: y\r\n\r\nno newline',
    );
    expect(msgs.map((m) => m.envelope)).toEqual(['From a Mon Jan  1 00:00:00 2001', 'From b Mon Jan  1 00:00:00 2001']);
    expect(msgs[1].offset + msgs[1].length).toBe(
      Buffer.byteLength(
        'From a Mon Jan  1 00:00:00 2001\r\nSubject: x\r\n\r\nbody\r\n\r\nFrom b Mon Jan  1 00:00:00 2001\r\nSubject: y\r\n\r\nno newline',
      ),
    );
  });

  it('keeps a very long line from growing memory: only its length is measured', async () => {
    const msgs = await split(`From a x\nSubject: s\n\n${'z'.repeat(3 << 20)}\n\nFrom b y\nSubject: t\n\n`, 64 << 10);
    expect(msgs).toHaveLength(2);
    expect(msgs[0].length).toBe(`Subject: s\n\n${'z'.repeat(3 << 20)}\n\n`.length);
  });
});

describe.skipIf(corpusMissing())('email.mbox on the corpus', () => {
  it('finds the message count the MANIFEST gives for every Enron mbox (264 in all)', async () => {
    const expected = manifestCounts();
    expect(expected.size).toBe(8);
    let total = 0;
    for (const [path, count] of expected) {
      const r = await run(mboxExtractor, readFileSync(corpusPath(path)), path, { mime: 'application/mbox' });
      expect(r.children, path).toHaveLength(count);
      expect(r.output!.facts!.archive).toEqual({ format: 'mbox', members: count, encryptedMembers: 0, skipped: [] });
      total += r.children.length;
    }
    expect(total).toBe(264);
  });

  it('each allen-p inbox message is byte-identical to the .eml the curator cut from the same mbox', async () => {
    const r = await run(mboxExtractor, readFileSync(corpusPath('email/enron/mbox/enron.allen-p.inbox.mbox')), 'inbox.mbox', {
      mime: 'application/mbox',
    });
    const emls = readdirSync(corpusPath('email/enron/eml'))
      .filter((f) => f.startsWith('allen-p-inbox-'))
      .sort();
    expect(emls).toHaveLength(60);
    for (const f of emls) {
      const n = Number(/(\d+)\.eml$/.exec(f)![1]);
      const child = r.children[n - 1];
      expect(Buffer.from(await child.source.readAll()).equals(readFileSync(corpusPath(`email/enron/eml/${f}`))), f).toBe(true);
      expect(child.segment).toMatchObject({ type: 'mbox', index: n - 1 });
    }
    // The envelope is occurrence metadata, not part of the message.
    expect(r.children[0].metadata).toEqual([{ source: 'mbox', key: 'envelope', value: 'From MAILER-DAEMON Mon Apr 18 14:23:23 2022' }]);
    // Two messages of this folder carry '>From ' lines: counted for the DKIM check.
    expect(r.children.filter((c) => c.metadata?.some((m) => m.key === 'quoted-from-lines')).length).toBeGreaterThan(0);
  });

  it('streams from a file source: children are ranges of the file, extracted as messages', async () => {
    const { source, close } = await openFileSource(corpusPath('email/mbox/tika-complex.mbox'), 1 << 30);
    try {
      const ctx = testContext();
      const out = await mboxExtractor.extract(
        { source, name: 'tika-complex.mbox', mime: 'application/mbox', sha256: '', size: source.size, depth: 0 },
        ctx,
      );
      const subjects: string[] = [];
      const segments: ChildDocument['segment'][] = [];
      for await (const c of out.children as AsyncIterable<ChildDocument>) {
        segments.push(c.segment);
        const e = await emailExtractor.extract(
          { source: c.source, name: c.name, mime: 'message/rfc822', sha256: '', size: c.source.size, depth: 1 },
          ctx,
        );
        subjects.push(e.title ?? '');
      }
      expect(subjects).toEqual(Array(3).fill('Re: question about when shuffle/sort start working'));
      expect(segments[0]).toEqual({ type: 'mbox', index: 0, offset: 121, length: 3694 });
      expect(out.metadata[0]).toMatchObject({ source: 'mbox', key: 'first-envelope' });
    } finally {
      await close();
    }
  });

  it('the small Tika mboxes: one message each, >From quoting kept in the bytes', async () => {
    for (const f of [
      'tika-multiline.mbox',
      'tika-quoted.mbox',
      'tika-single_mail.mbox',
      'tika-testMBOX_complex.mbox',
      'tika-testMBOX_lengthy_x-headers.mbox',
    ]) {
      const r = await run(mboxExtractor, readFileSync(corpusPath(`email/mbox/${f}`)), f, { mime: 'application/mbox' });
      expect(r.children, f).toHaveLength(1);
    }
    const q = await run(mboxExtractor, readFileSync(corpusPath('email/mbox/tika-quoted.mbox')), 'q', { mime: 'application/mbox' });
    expect(Buffer.from(await q.children[0].source.readAll()).toString()).toBe('\nTest content\n> quoted stuff');
  });

  it('stops at maxMembers with a warning', async () => {
    const r = await run(mboxExtractor, readFileSync(corpusPath('email/enron/mbox/enron.beck-s.congratulations.mbox')), 'c.mbox', {
      mime: 'application/mbox',
      limits: { maxMembers: 10 },
    });
    expect(r.children).toHaveLength(10);
    expect(r.warnings.some((w) => w.code === 'limit-exceeded')).toBe(true);
  });
});

describe('email.mbox cancellation', () => {
  const count = 400;
  const mbox = Buffer.from(
    Array.from(
      { length: count },
      (_, i) => `From a@example.org Mon Jan  1 00:00:00 2001\nFrom: a@example.org\nSubject: m${i}\n\nbody ${i}\n`,
    ).join('\n'),
  );
  const input = { source: new BufferSource(mbox), name: 'big.mbox', mime: 'application/mbox', sha256: '', size: mbox.length, depth: 0 };

  it('stops between messages when the signal fires mid-way; the messages handed out are kept', async () => {
    const stop = new AbortController();
    const out = await mboxExtractor.extract(input, testContext({}, stop.signal));
    expect(out.facts!.archive!.members).toBe(count);
    const got: ChildDocument[] = [];
    const drain = async () => {
      for await (const c of out.children as AsyncIterable<ChildDocument>) {
        got.push(c);
        if (got.length === 5) stop.abort();
      }
    };
    await expect(drain()).rejects.toMatchObject({ code: 'timeout', message: 'big.mbox: stopped after 5 messages' });
    expect(got.map((c) => c.segment)).toMatchObject([0, 1, 2, 3, 4].map((index) => ({ type: 'mbox', index })));
  });

  it('stops the counting pass mid-way and keeps the mailbox metadata as the partial output', async () => {
    const r = await run(mboxExtractor, mbox, 'big.mbox', { mime: 'application/mbox', signal: signalFiringAfter(100) });
    expect(r.error).toMatchObject({ code: 'timeout', message: 'big.mbox: stopped while counting its messages' });
    expect(r.output!.metadata).toEqual([{ source: 'mbox', key: 'first-envelope', value: 'From a@example.org Mon Jan  1 00:00:00 2001' }]);
    expect(r.children).toHaveLength(0);
  });
});
