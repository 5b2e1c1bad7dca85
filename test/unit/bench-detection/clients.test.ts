// The bench's mail clients and clocks: every client's message reads back through a standard MIME
// parser (mailparser) with the same subject, addresses, text and attachment; Message-IDs have each
// generator's real form; UTC offsets follow each zone's DST rules.

import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src/demo/prng.js';
import { atLocal, offsetAt } from '../../../src/bench/detection/clock.js';
import { compose, newMessageId } from '../../../src/bench/detection/clients.js';
import { replyBody } from '../../../src/bench/detection/quoting.js';
import type { ClientId, Letter, Person } from '../../../src/bench/detection/mail-model.js';

const person = (first: string, last: string, email: string, client: ClientId, extra: Partial<Person> = {}): Person => ({
  first,
  last,
  name: `${first} ${last}`,
  email,
  locale: 'fr-FR',
  zone: 'Europe/Paris',
  client,
  mobileShare: 0,
  hours: [9, 18],
  os: 'windows',
  external: false,
  ...extra,
});

const CLIENTS: ClientId[] = [
  'outlook2016',
  'outlook-exchange',
  'applemail',
  'iphone',
  'thunderbird',
  'roundcube',
  'gmail-web',
  'em-client',
  'k9',
  'evolution',
  'python-smtplib',
  'phpmailer',
  'javamail',
];

describe('bench mail clients', () => {
  it.each(CLIENTS)('%s writes a message a MIME parser reads back faithfully', async (client) => {
    const prng = new Prng(5, 1);
    const from = person('Élodie', 'Lefèvre', 'elodie.lefevre@example.fr', client);
    const to = person('Julien', 'Martin', 'julien.martin@example.fr', 'thunderbird');
    const at = Date.UTC(2019, 6, 4, 8, 15, 0);
    const latin = client === 'phpmailer';
    const text = latin
      ? 'Bonjour Julien,\n\nLe budget est validé.\n\nÉlodie'
      : 'Bonjour Julien,\n\nLe budget de 12 000 € est validé.\n\nÉlodie';
    const letter: Letter = {
      from,
      to: [to],
      cc: [],
      subject: 'Réunion du comité',
      text,
      attachments: ['phpmailer', 'python-smtplib', 'javamail', 'k9', 'evolution', 'em-client'].includes(client)
        ? []
        : [{ filename: 'note.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4 test') }],
      references: [],
      date: at,
      offsetMin: 120,
      messageId: newMessageId(client, from, at, prng, { host: 'forger.example', exchangeServer: 'EXCH01.corp.example.local' }),
      client,
    };
    const raw = compose(letter, prng, { threadIndex: new Map() });
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Réunion du comité');
    expect(parsed.from?.value[0]).toEqual({ address: 'elodie.lefevre@example.fr', name: 'Élodie Lefèvre' });
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0].address : '').toBe('julien.martin@example.fr');
    expect(parsed.messageId).toBe(`<${letter.messageId}>`);
    expect(parsed.date?.getTime()).toBe(at);
    expect((parsed.text ?? '').replace(/\s+/g, ' ').trim()).toContain(text.replace(/\s+/g, ' ').trim());
    expect(parsed.attachments.map((a) => a.filename)).toEqual(letter.attachments.map((a) => a.filename));
    for (const line of raw.toString('latin1').split('\r\n')) expect(line.length, line).toBeLessThanOrEqual(998);
  });

  it('generates each Message-ID in its real form', () => {
    const prng = new Prng(9, 2);
    const p = person('Ann', 'Lee', 'ann.lee@example.org', 'outlook2016');
    const at = Date.UTC(2021, 2, 5, 9, 0, 0);
    const forms: [ClientId, RegExp][] = [
      ['outlook2016', /^[0-9a-f]{12}\$[0-9a-f]{8}\$[0-9a-f]{8}\$@example\.org$/],
      ['applemail', /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}@example\.org$/],
      ['thunderbird', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}@example\.org$/],
      ['roundcube', /^[0-9a-f]{32}@example\.org$/],
      ['gmail-web', /^CA[A-Z][A-Za-z0-9+_=-]{46}@mail\.gmail\.com$/],
      ['python-smtplib', /^161493480000\.\d+\.\d+@forger\.example$/],
      ['phpmailer', /^[A-Za-z0-9]{40,44}@forger\.example$/],
      ['javamail', /^\d+\.\d+\.1614934800000\.JavaMail\.ann@forger\.example$/],
      ['evolution', /^[0-9a-f]{40}\.camel@example\.org$/],
    ];
    for (const [client, re] of forms)
      expect(newMessageId(client, p, at, prng, { host: 'forger.example', user: 'ann' }), client).toMatch(re);
    expect(newMessageId('outlook-exchange', p, at, prng, { exchangeServer: 'BN6PR11MB1234.namprd11.prod.outlook.com' })).toMatch(
      /^BN6PR11MB1234[0-9A-F]{25}@BN6PR11MB1234\.namprd11\.prod\.outlook\.com$/,
    );
  });

  it('quotes the original the way each client does', () => {
    const alice = person('Alice', 'Smith', 'alice@example.org', 'applemail', { locale: 'en-US' });
    const bob = person('Bob', 'Jones', 'bob@example.org', 'outlook2016', { locale: 'en-US' });
    const orig = {
      from: alice,
      to: [bob],
      cc: [],
      subject: 'Budget',
      date: Date.UTC(2021, 2, 5, 15, 15),
      text: 'Hi Bob,\n\nThe budget is $12,000.\n\nAlice',
    };
    expect(replyBody('outlook2016', bob, 'OK', orig, -300)).toContain(
      'From: Alice Smith <alice@example.org> \nSent: Friday, March 5, 2021 10:15 AM\nTo: Bob Jones <bob@example.org>\nSubject: Budget\n\nHi Bob,',
    );
    expect(replyBody('applemail', bob, 'OK', orig, -300)).toContain(
      '> On Mar 5, 2021, at 10:15 AM, Alice Smith <alice@example.org> wrote:\n> \n> Hi Bob,\n>\n> The budget is $12,000.',
    );
    expect(replyBody('thunderbird', bob, 'OK', orig, -300).startsWith('On 3/5/21 10:15 AM, Alice Smith wrote:\n> Hi Bob,')).toBe(true);
    expect(replyBody('gmail-web', bob, 'OK', orig, -300)).toContain(
      'On Fri, Mar 5, 2021 at 10:15 AM Alice Smith <alice@example.org> wrote:',
    );
  });
});

describe('bench clocks', () => {
  it('follows each zone’s DST rules', () => {
    // Paris: EU rules (last Sundays of March and October).
    expect(offsetAt('Europe/Paris', Date.UTC(2019, 2, 31, 0, 59))).toBe(60);
    expect(offsetAt('Europe/Paris', Date.UTC(2019, 2, 31, 1, 0))).toBe(120);
    expect(offsetAt('Europe/Paris', Date.UTC(2019, 9, 27, 1, 0))).toBe(60);
    // New York: US rules (second Sunday of March, first of November).
    expect(offsetAt('America/New_York', Date.UTC(2021, 2, 14, 6, 59))).toBe(-300);
    expect(offsetAt('America/New_York', Date.UTC(2021, 2, 14, 7, 0))).toBe(-240);
    expect(offsetAt('America/New_York', Date.UTC(2021, 2, 20))).toBe(-240); // Paris is still +01:00 then
    expect(offsetAt('Europe/Paris', Date.UTC(2021, 2, 20))).toBe(60);
    // Sydney: southern summer time, first Sunday of October to first Sunday of April.
    expect(offsetAt('Australia/Sydney', Date.UTC(2021, 6, 1))).toBe(600);
    expect(offsetAt('Australia/Sydney', Date.UTC(2022, 0, 15))).toBe(660);
    expect(offsetAt('Australia/Sydney', Date.UTC(2021, 9, 2, 16, 0))).toBe(660);
    // Kolkata: no DST.
    expect(new Set([0, 3, 6, 9].map((m) => offsetAt('Asia/Kolkata', Date.UTC(2021, m, 10))))).toEqual(new Set([330]));
    // Wall clock to instant, across a DST change.
    expect(atLocal('Europe/Paris', 2019, 7, 1, 10, 0)).toBe(Date.UTC(2019, 6, 1, 8, 0));
    expect(atLocal('Australia/Sydney', 2022, 1, 10, 9, 30)).toBe(Date.UTC(2022, 0, 9, 22, 30));
  });
});

describe('bench Thread-Index', () => {
  // Decoded as Microsoft's ExtractLastFileTime does (msgcidx.cxx): the header's FILETIME plus every
  // child block's delta, each block measured from the one before it.
  const lastTime = (b64: string): number => {
    const b = Buffer.from(b64, 'base64');
    let ft = BigInt(`0x${b.subarray(0, 6).toString('hex')}`) << 16n;
    for (let off = 22; off + 5 <= b.length; off += 5) {
      const w = BigInt(b.readUInt32BE(off));
      ft += (w & 0x7fffffffn) << (w >> 31n ? 23n : 18n);
    }
    return Number(ft / 10_000n) - 11_644_473_600_000;
  };

  it('each reply in an Outlook thread carries its own time in its last block', () => {
    const prng = new Prng(9, 1);
    const a = person('Anne', 'Roy', 'anne.roy@example.fr', 'outlook2016');
    const b = person('Marc', 'Petit', 'marc.petit@example.fr', 'outlook2016');
    const ctx = { threadIndex: new Map<string, Buffer>() };
    const times = [Date.UTC(2019, 2, 1, 9, 0), Date.UTC(2019, 2, 1, 11, 30), Date.UTC(2019, 2, 4, 16, 45), Date.UTC(2019, 5, 20, 8, 5)];
    let parent: string | undefined;
    const refs: string[] = [];
    times.forEach((at, i) => {
      const from = i % 2 ? b : a;
      const messageId = newMessageId('outlook2016', from, at, prng, { host: 'example.fr' });
      const letter: Letter = {
        from,
        to: [i % 2 ? a : b],
        cc: [],
        subject: 'Budget',
        text: `message ${i}`,
        attachments: [],
        references: [...refs],
        inReplyTo: parent,
        date: at,
        offsetMin: 60,
        messageId,
        client: 'outlook2016',
      };
      const raw = compose(letter, prng, ctx).toString('latin1');
      const value = /^Thread-Index: (\S+)/m.exec(raw)?.[1];
      expect(value, raw.slice(0, 400)).toBeDefined();
      // 2^18 x 100 ns (26 ms) units, and the header keeps 48 of the FILETIME's 64 bits: within a second.
      expect(Math.abs(lastTime(value!) - at)).toBeLessThan(1000);
      expect(Buffer.from(value!, 'base64').length).toBe(22 + 5 * i);
      parent = messageId;
      refs.push(messageId);
    });
  });
});
