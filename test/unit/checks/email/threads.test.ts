import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareQuote, quotedPart, threadsCheck, threadsCheckWith } from '../../../../src/checks/email/threads.js';
import type { CorpusDocument } from '../../../../src/checks/types.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { NO_KEYS, asCorpusDoc, emailDoc, plainMessage } from './support.js';

// The parent is a real Enron message (allen-p-inbox-003: Greg's draw request); replies quote it as
// Thunderbird/Gmail do ("On ... wrote:" and "> " lines).
const PARENT = 'email/enron/eml/allen-p-inbox-003.eml';

function quoteLines(text: string, width = 0): string {
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  for (const l of lines) {
    if (!width || l.length <= width) {
      out.push(`> ${l}`);
      continue;
    }
    // Reflow long lines as a client does when quoting.
    let cur = '';
    for (const w of l.split(' ')) {
      if ((cur + ' ' + w).trim().length > width) {
        out.push(`> ${cur.trim()}`);
        cur = w;
      } else cur += ' ' + w;
    }
    if (cur.trim()) out.push(`> ${cur.trim()}`);
  }
  return out.join('\n');
}

describe.skipIf(corpusMissing())('email.threads', () => {
  let parent: CorpusDocument;
  let parentId: string;
  let parentText: string;

  beforeAll(async () => {
    parent = asCorpusDoc(await emailDoc(readFileSync(corpusPath(PARENT)), PARENT), 'parent');
    parentId = parent.facts.email!.messageId!;
    parentText = parent.facts.email!.text!;
  });

  async function reply(id: string, body: string, date = 'Fri, 26 Oct 2001 09:40:00 -0700', extra?: string): Promise<CorpusDocument> {
    const msg = plainMessage({
      from: 'Phillip Allen <phillip.allen@enron.com>',
      to: 'greg@enron.com',
      subject: 'RE: draw request',
      date,
      id: `${id}@enron.com`,
      body,
      extra: [`In-Reply-To: <${parentId}>`, `References: <${parentId}>`, ...(extra ? [extra] : [])].join('\r\n'),
    });
    return asCorpusDoc(await emailDoc(msg, `${id}.eml`), id);
  }

  it('innocent: a faithful, reflowed and truncated quote with inline comments raises nothing', async () => {
    const kept = parentText.split('\n').slice(0, 8).join('\n');
    const body = `Greg,\n\nLet's wire the money.\n\nOn Fri, 26 Oct 2001, Greg wrote:\n${quoteLines(kept, 60)}\n\nPhillip\n`;
    const r = await reply('r-ok', body);
    expect([...threadsCheck.run(() => [parent, r], NO_KEYS)]).toEqual([]);
  });

  it("a quote in which the parent's words were changed is flagged with the changed passage", async () => {
    const doctored = parentText.replace(
      'I will need some of these funds immediately',
      'I will need $250,000 of these funds wired to my personal account immediately',
    );
    expect(doctored).not.toBe(parentText);
    const r = await reply('r-bad', `Agreed.\n\nOn Fri, 26 Oct 2001, Greg wrote:\n${quoteLines(doctored, 72)}\n`);
    const results = [...threadsCheck.run(() => [parent, r], NO_KEYS)];
    expect(results).toHaveLength(1);
    expect(results[0].documentId).toBe('r-bad');
    expect(results[0].finding.severity).toBe('medium');
    const passages = results[0].finding.evidence.passages as { text: string; replaced?: string }[];
    expect(passages.some((p) => p.text.includes('$250,000') && p.replaced === 'some')).toBe(true);
  });

  it('a reply dated before the message it answers is flagged', async () => {
    const r = await reply(
      'r-early',
      `Yes.\n\n${quoteLines(parentText.split('\n').slice(0, 3).join('\n'))}\n`,
      'Mon, 22 Oct 2001 09:00:00 -0700',
    );
    const results = [...threadsCheck.run(() => [parent, r], NO_KEYS)];
    expect(results.map((x) => [x.documentId, x.finding.severity])).toEqual([['r-early', 'medium']]);
    expect(results[0].finding.message).toMatch(/before the message it answers/);
  });

  it('reads the Outlook "Original Message" quote of a real Enron reply', async () => {
    const doc = await emailDoc(readFileSync(corpusPath('email/enron/eml/allen-p-inbox-006.eml')));
    const q = quotedPart(doc.facts.email!.text!);
    expect(q?.style).toBe('outlook');
    expect(q?.text).toMatch(/^Greg,/);
    expect(compareQuote('Greg, the numbers are final.', 'Greg, the numbers are final.')?.addedWords).toBe(0);
  });
});

describe('email.threads: one Message-ID, different content', () => {
  const base = { id: 'f00d-0001@example.org', body: 'Hello Paul,\n\nThe budget for 2024 is 120,000 euros.\n\nClaire\n' };

  it('innocent: the sent and the received copy (other transport headers, same body) are not flagged', async () => {
    const sent = asCorpusDoc(await emailDoc(plainMessage(base)), 'sent');
    const received = asCorpusDoc(
      await emailDoc('Received: from mail.example.org by mx.example.net; Tue, 5 Mar 2024 10:12:09 +0100\r\n' + plainMessage(base)),
      'received',
    );
    expect(sent.sha256).not.toBe(received.sha256);
    expect([...threadsCheck.run(() => [sent, received], NO_KEYS)]).toEqual([]);
  });

  it('a third copy with another body is the odd one out (medium); a list copy is low', async () => {
    const a = asCorpusDoc(await emailDoc(plainMessage(base)), 'a');
    const b = asCorpusDoc(await emailDoc('Received: from x by y; Tue, 5 Mar 2024 10:12:09 +0100\r\n' + plainMessage(base)), 'b');
    const c = asCorpusDoc(await emailDoc(plainMessage({ ...base, body: base.body.replace('120,000', '920,000') })), 'c');
    const results = [...threadsCheck.run(() => [a, b, c], NO_KEYS)];
    expect(results.map((r) => [r.documentId, r.finding.severity])).toEqual([['c', 'medium']]);

    const list = asCorpusDoc(
      await emailDoc(plainMessage({ ...base, extra: 'List-Id: <finance.example.org>', body: base.body + '\n--\nfinance mailing list\n' })),
      'list',
    );
    const listed = [...threadsCheck.run(() => [a, b, list], NO_KEYS)];
    expect(listed.map((r) => [r.documentId, r.finding.severity])).toEqual([['list', 'low']]);
  });
});

describe('email.threads: the genuine copies of a doctored message stay unflagged', () => {
  const base = { id: 'f00d-0002@example.org', body: 'Hello Paul,\n\nThe hall costs 12 000 euros, sound system included.\n\nClaire\n' };
  const dkim = (bodyHash: 'pass' | 'fail') => [
    { check: 'email.dkim', severity: bodyHash === 'pass' ? ('info' as const) : ('high' as const), message: '', evidence: { bodyHash } },
  ];

  it('innocent: with two copies, the one whose DKIM body hash verifies is not flagged; the other is (medium)', async () => {
    const genuine = { ...asCorpusDoc(await emailDoc(plainMessage(base)), 'genuine'), findings: dkim('pass') };
    const altered = {
      ...asCorpusDoc(await emailDoc(plainMessage({ ...base, body: base.body.replace('12 000', '120 000') })), 'altered'),
      findings: dkim('fail'),
    };
    const results = [...threadsCheck.run(() => [genuine, altered], NO_KEYS)];
    expect(results.map((r) => [r.documentId, r.finding.severity])).toEqual([['altered', 'medium']]);
    expect(results[0].finding.message).toMatch(/DKIM body hash verifies on the other body/);
    // Without DKIM verdicts a tie cannot be judged: both copies are flagged.
    const unsigned = [
      ...threadsCheck.run(
        () => [
          { ...asCorpusDoc(genuine, 'g2'), findings: undefined },
          { ...asCorpusDoc(altered, 'a2'), findings: undefined },
        ],
        NO_KEYS,
      ),
    ];
    expect(unsigned.map((r) => r.documentId).sort()).toEqual(['a2', 'g2']);
  });

  it('innocent: a reply quoting the genuine parent is not flagged although a doctored copy of the parent comes first', async () => {
    const altered = asCorpusDoc(
      await emailDoc(
        plainMessage({ ...base, body: base.body.replace('12 000 euros, sound system included', '120 000 euros, paid in cash') }),
      ),
      'altered',
    );
    const genuine = asCorpusDoc(await emailDoc(plainMessage(base)), 'genuine');
    const quote = base.body
      .trim()
      .split('\n')
      .map((l) => `> ${l}`)
      .join('\n');
    const reply = asCorpusDoc(
      await emailDoc(
        plainMessage({
          id: 'r-0002@example.net',
          from: 'Paul Durand <paul.durand@example.net>',
          date: 'Tue, 5 Mar 2024 11:00:00 +0100',
          body: `Fine by me.\n\n${quote}\n`,
          extra: `In-Reply-To: <${base.id}>`,
        }),
      ),
      'reply',
    );
    const results = [...threadsCheck.run(() => [altered, genuine, reply], NO_KEYS)];
    expect(results.filter((r) => r.documentId === 'reply')).toEqual([]);
    // With only the doctored copy in the dump, the reply's quote contradicts it.
    const alone = [...threadsCheck.run(() => [altered, reply], NO_KEYS)];
    expect(alone.map((r) => [r.documentId, r.finding.severity])).toEqual([['reply', 'medium']]);
  });

  it('innocent: an Apple Mail attribution line inside the quote ("> On ... wrote:") is not counted as added words', async () => {
    const parent = asCorpusDoc(await emailDoc(plainMessage(base)), 'parent');
    const quote = [
      `> On 5 Mar 2024, at 10:12, Claire Martin <claire.martin@example.org> wrote:`,
      '>',
      ...base.body
        .trim()
        .split('\n')
        .map((l) => `> ${l}`),
    ].join('\n');
    const reply = asCorpusDoc(
      await emailDoc(
        plainMessage({
          id: 'r-0003@example.net',
          from: 'Paul Durand <paul.durand@example.net>',
          date: 'Tue, 5 Mar 2024 11:00:00 +0100',
          body: `D'accord.\n\n${quote}\n`,
          extra: `In-Reply-To: <${base.id}>`,
        }),
      ),
      'reply',
    );
    expect([...threadsCheck.run(() => [parent, reply], NO_KEYS)].map((r) => r.finding.message)).toEqual([]);
    expect(quotedPart(quote)?.text.startsWith('\nHello Paul') || quotedPart(quote)?.text.startsWith('Hello Paul')).toBe(true);
  });
});

describe('email.threads: parents read in rounds', () => {
  // Five threads: a faithful reply, a reply quoting changed figures, a reply dated two hours before
  // its parent, and a Message-ID shared by two different bodies. With a budget of one character,
  // each round reads one parent: the check must reach the same findings in five rounds as in one.
  async function dump(): Promise<CorpusDocument[]> {
    const docs: CorpusDocument[] = [];
    for (let i = 0; i < 5; i++) {
      const id = `p-${i}@example.org`;
      const body = `Hello Paul,\n\nThe hall number ${i} costs ${i + 1}2 000 euros, sound system included, paid by the end of March.\n\nClaire\n`;
      docs.push(asCorpusDoc(await emailDoc(plainMessage({ id, body })), `parent-${i}`));
      const quoted = i === 1 ? body.replace(`${i + 1}2 000 euros`, '95 000 euros, to be paid in cash into my own account') : body;
      const date = i === 2 ? 'Tue, 5 Mar 2024 08:00:00 +0100' : 'Tue, 5 Mar 2024 11:00:00 +0100';
      const reply = plainMessage({
        id: `r-${i}@example.net`,
        from: 'Paul Durand <paul.durand@example.net>',
        date,
        body: `Fine by me.\n\n${quoted
          .trim()
          .split('\n')
          .map((l) => `> ${l}`)
          .join('\n')}\n`,
        extra: `In-Reply-To: <${id}>`,
      });
      docs.push(asCorpusDoc(await emailDoc(reply), `reply-${i}`));
    }
    docs.push(
      asCorpusDoc(
        await emailDoc(plainMessage({ id: 'p-3@example.org', body: 'Hello Paul,\n\nSomething else entirely, written later.\n\nClaire\n' })),
        'parent-3-other',
      ),
    );
    return docs;
  }
  const key = (r: { documentId: string; finding: { severity: string; message: string } }) =>
    `${r.documentId} ${r.finding.severity} ${r.finding.message}`;

  it('finds the same in one round and in one round per parent', async () => {
    const docs = await dump();
    let passes = 0;
    const counted = () => {
      passes++;
      return docs;
    };
    const oneRound = [...threadsCheck.run(counted, NO_KEYS)].map(key);
    expect(passes).toBe(3);
    passes = 0;
    const rounds = [...threadsCheckWith(1).run(counted, NO_KEYS)].map(key);
    // Pass 1, then a read and a judging pass per parent (five parents: p-3 has two copies).
    expect(passes).toBe(1 + 2 * 5);
    expect(rounds.sort()).toEqual([...oneRound].sort());
    expect(oneRound.filter((k) => k.startsWith('reply-1 medium')).length).toBe(1);
    expect(oneRound.some((k) => k.startsWith('reply-2 medium') && k.includes('before the message it answers'))).toBe(true);
    expect(oneRound.filter((k) => k.includes('share the Message-ID <p-3@example.org>')).length).toBe(2);
    expect(oneRound.some((k) => k.startsWith('reply-0') || k.startsWith('reply-4'))).toBe(false);
  });
});
