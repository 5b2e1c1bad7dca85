import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitZone, senderHabitsCheck, shapeOf, zoneOffsetAt } from '../../../../src/checks/email/sender-habits.js';
import type { CorpusDocument } from '../../../../src/checks/types.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { NO_KEYS, asCorpusDoc, emailDoc, makeSigner, mboxMessages, plainMessage } from './support.js';

const signer = makeSigner('example.org', 'mail2024');

/** An RFC 5322 date in Europe/Paris local time for a UTC instant, as Claire's Thunderbird writes it. */
function parisDate(utc: Date, offsetMinutes = zoneOffsetAt('Europe/Paris', utc.getTime())): string {
  const local = new Date(utc.getTime() + offsetMinutes * 60_000);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const a = Math.abs(offsetMinutes);
  return `${days[local.getUTCDay()]}, ${local.getUTCDate()} ${months[local.getUTCMonth()]} ${local.getUTCFullYear()} ${p(local.getUTCHours())}:${p(local.getUTCMinutes())}:${p(local.getUTCSeconds())} ${sign}${p(Math.floor(a / 60))}${p(a % 60)}`;
}

async function claireMessage(
  i: number,
  o: { client?: string; offset?: number; sign?: boolean; month?: number } = {},
): Promise<CorpusDocument> {
  const utc = new Date(Date.UTC(2024, o.month ?? i % 12, 3 + (i % 20), 8 + (i % 8), (7 * i) % 60, 13));
  const date = parisDate(utc, o.offset);
  const received = `Received: from [192.168.1.${10 + (i % 5)}] (unknown [10.0.0.5])\r\n\tby mail.example.org (Postfix) with ESMTPSA id 4F${i}A; ${date}`;
  const client = o.client ?? 'User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:115.0) Gecko/20100101 Thunderbird/115.6.0';
  const id = `${(0x1a2b3c4d + i * 7919).toString(16)}-${(i * 104729).toString(16).padStart(8, '0')}-4c2e-9f1a-${(i * 31337).toString(16).padStart(12, '0')}@example.org`;
  const msg = plainMessage({ id, date, subject: `Point ${i}`, extra: client });
  const body = o.sign === false ? Buffer.from(msg) : await signer.sign(msg);
  return asCorpusDoc(await emailDoc(Buffer.concat([Buffer.from(received + '\r\n'), body]), `claire-${i}.eml`), `c${i}`);
}

describe('email.sender-habits on a generated organisation mailbox', () => {
  it("fits the sender's home zone from offsets through the year (DST included)", () => {
    const samples = [0, 1, 6, 7].map((m) => {
      const t = Date.UTC(2024, m, 10, 9);
      return { t, offset: zoneOffsetAt('Europe/Paris', t) };
    });
    expect(samples.map((s) => s.offset)).toEqual([60, 60, 120, 120]);
    expect(fitZone(samples)?.zone).toMatch(
      /^Europe\/(Paris|Berlin|Rome|Madrid|Amsterdam|Brussels|Vienna|Stockholm|Oslo|Copenhagen|Warsaw|Prague|Budapest)$/,
    );
    expect(shapeOf('4b3c5c8a.1060004@mail.example.org')).toBe(shapeOf('4b3c5c8b.1060104@smtp.example.org'));
  });

  it('flags a message with another client, no DKIM signature and the winter offset in July (high), with the profile as evidence', async () => {
    const docs = await Promise.all(Array.from({ length: 24 }, (_, i) => claireMessage(i)));
    const fake = await claireMessage(99, { client: 'X-Mailer: Microsoft Outlook 16.0', sign: false, month: 6, offset: 60 });
    const all = [...docs, fake];
    const results = [...senderHabitsCheck.run(() => all, NO_KEYS)];
    expect(results.map((r) => r.documentId)).toEqual(['c99']);
    const f = results[0].finding;
    expect(f.severity).toBe('high');
    expect(f.message).toMatch(/24 of 25 messages from this sender are DKIM-signed; this one is not/);
    expect(f.message).toMatch(/wrong|other half of the year/);
    const ev = f.evidence as { deviations: { feature: string }[]; timezone: { expectedOffset: string; writtenOffset: string } };
    expect(ev.deviations.map((d) => d.feature)).toEqual(expect.arrayContaining(['client', 'dkim']));
    expect(ev.timezone).toMatchObject({ expectedOffset: '+0200', writtenOffset: '+0100' });
  });

  it('innocent: the same sender travelling (New York offset, own client, signed) is at most low', async () => {
    const docs = await Promise.all(Array.from({ length: 24 }, (_, i) => claireMessage(i)));
    const travel = await claireMessage(98, { offset: -240, month: 6 });
    const results = [...senderHabitsCheck.run(() => [...docs, travel], NO_KEYS)];
    expect(results.every((r) => r.finding.severity === 'low')).toBe(true);
    expect(results.map((r) => r.documentId)).toEqual(['c98']);
  });

  it('innocent: below the minimum number of messages nobody is judged', async () => {
    const docs = await Promise.all(Array.from({ length: 6 }, (_, i) => claireMessage(i)));
    const odd = await claireMessage(97, { client: 'X-Mailer: Microsoft Outlook 16.0', sign: false });
    expect([...senderHabitsCheck.run(() => [...docs, odd], NO_KEYS)]).toEqual([]);
  });
});

describe.skipIf(corpusMissing())('email.sender-habits on the real Enron mailboxes', () => {
  it('innocent: genuine mail gets no finding of medium severity or higher', async () => {
    const docs: CorpusDocument[] = [];
    let i = 0;
    for (const f of readdirSync(corpusPath('email/enron/mbox')))
      for (const raw of await mboxMessages(`email/enron/mbox/${f}`)) docs.push(asCorpusDoc(await emailDoc(raw, f), `m${i++}`));
    for (const f of readdirSync(corpusPath('email/enron/eml')))
      docs.push(asCorpusDoc(await emailDoc(readFileSync(corpusPath(`email/enron/eml/${f}`)), f), `e${i++}`));
    expect(docs.length).toBeGreaterThan(300);
    const results = [...senderHabitsCheck.run(() => docs, NO_KEYS)];
    expect(results.filter((r) => r.finding.severity !== 'low')).toEqual([]);
  });
});
