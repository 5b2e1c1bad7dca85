// The hold-out presets' writers, read back by the project's own extractors: Outlook .msg drag-outs
// (email/msg.ts), Zimbra .tgz exports (archive/gzip.ts then archive/tar.ts), the UTC offsets of the
// hold-out zones on both sides of their DST changes, and Thunderbird's delsp=yes flowed text.

import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src/demo/prng.js';
import { offsetAt } from '../../../src/bench/detection/clock.js';
import { compose, newMessageId } from '../../../src/bench/detection/clients.js';
import type { ClientId, Letter, Person } from '../../../src/bench/detection/mail-model.js';
import { flowed } from '../../../src/bench/detection/mime-build.js';
import { msgFromMime } from '../../../src/bench/detection/msg-writer.js';
import { tgz } from '../../../src/bench/detection/tar-gz.js';
import { gzipExtractor } from '../../../src/extract/archive/gzip.js';
import { tarExtractor } from '../../../src/extract/archive/tar.js';
import { msgExtractor } from '../../../src/extract/email/msg.js';
import { MIME } from '../../../src/extract/mime.js';
import { run } from '../../support/extract-harness.js';

const person = (first: string, last: string, email: string, client: ClientId, extra: Partial<Person> = {}): Person => ({
  first,
  last,
  name: `${first} ${last}`,
  email,
  locale: 'de-DE',
  zone: 'Europe/Berlin',
  client,
  mobileShare: 0,
  hours: [8, 17],
  os: 'windows',
  external: false,
  ...extra,
});

function letterFrom(client: ClientId, from: Person, to: Person, at: number, offsetMin: number, prng: Prng): Letter {
  return {
    from,
    to: [to],
    cc: [],
    subject: 'Jahresabschluss Müller GmbH',
    text: 'Hallo Jan,\n\nanbei der Entwurf für den Jahresabschluss. Bitte bis Freitag prüfen.\n\nViele Grüße\nAnna',
    attachments: [{ filename: 'Entwurf Jahresabschluss.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.7 Entwurf') }],
    references: [],
    date: at,
    offsetMin,
    messageId: newMessageId(client, from, at, prng, { exchangeServer: 'FR3P281MB1234.DEUP281.PROD.OUTLOOK.COM' }) ?? 'x@example.de',
    client,
  };
}

describe('hold-out .msg writer', () => {
  const anna = person('Anna', 'Weber', 'anna.weber@brenner-voss.de', 'outlook2016');
  const jan = person('Jan', 'Hartmann', 'jan.hartmann@brenner-voss.de', 'outlook2016');
  const at = Date.UTC(2024, 2, 12, 9, 41, 7);

  it('a received item: the extractor reads its sender, recipients, subject, text, Internet headers, times and attachment', async () => {
    const prng = new Prng(4, 9);
    const letter = letterFrom('outlook2016', anna, jan, at, 60, prng);
    const raw = compose(letter, prng, { threadIndex: new Map() });
    const delivered = at + 4000;
    const bytes = await msgFromMime(raw, {
      transportHeaders: true,
      delivered,
      lcid: 1031,
      outlookVersion: '16.0',
      exchangeOrg: { domain: 'brenner-voss.de', dn: '/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)' },
    });
    const r = await run(msgExtractor, bytes, 'Jahresabschluss Müller GmbH.msg', { mime: MIME.msg });
    expect(r.error).toBeUndefined();
    const out = r.output!;
    const e = out.facts!.email!;
    expect(out.kind).toBe('email');
    expect(e.origin).toBe('msg');
    expect(out.title).toBe('Jahresabschluss Müller GmbH');
    expect(e.from?.address).toBe('anna.weber@brenner-voss.de');
    expect(e.to.map((a) => a.address)).toEqual(['jan.hartmann@brenner-voss.de']);
    expect(e.text).toContain('anbei der Entwurf für den Jahresabschluss');
    // The transport headers are the composed message's own, in its order.
    const rawNames = raw
      .toString('latin1')
      .slice(0, raw.indexOf('\r\n\r\n'))
      .split('\r\n')
      .filter((l) => /^[!-9;-~]+:/.test(l))
      .map((l) => l.slice(0, l.indexOf(':')).toLowerCase());
    expect(e.headers.map((h) => h.name.toLowerCase())).toEqual(rawNames);
    const mapi = out.facts!.dates!.filter((d) => d.source.startsWith('msg:'));
    expect(mapi.find((d) => d.role === 'sent')?.utc).toBe(new Date(at).toISOString());
    expect(mapi.find((d) => d.role === 'received')?.utc).toBe(new Date(delivered).toISOString());
    expect(r.children.map((c) => c.name)).toEqual(['Entwurf Jahresabschluss.pdf']);
    expect(Buffer.from(await r.children[0].source.readAll()).toString('latin1')).toBe('%PDF-1.7 Entwurf');
  });

  it('a Sent Items item has no Internet headers, as Outlook keeps none for mail it composed', async () => {
    const prng = new Prng(4, 10);
    const raw = compose(letterFrom('outlook2016', anna, jan, at, 60, prng), prng, { threadIndex: new Map() });
    const bytes = await msgFromMime(raw, { delivered: at, lcid: 1031, outlookVersion: '16.0', sent: true });
    const r = await run(msgExtractor, bytes, 'sent.msg', { mime: MIME.msg });
    expect(r.error).toBeUndefined();
    const e = r.output!.facts!.email!;
    expect(e.received).toHaveLength(0);
    expect(e.from?.address).toBe('anna.weber@brenner-voss.de');
    expect(r.output!.title).toBe('Jahresabschluss Müller GmbH');
  });
});

describe('hold-out Zimbra .tgz writer', () => {
  it('the archive extractors read the folders, names, bytes and member times back', async () => {
    const mtime = Date.UTC(2023, 10, 24, 18, 49, 8);
    const eml = Buffer.from('From: a@coopavale.com.br\r\nSubject: Frete\r\n\r\nTexto\r\n');
    const long = `Inbox/${'Re Manutenção das colheitadeiras próximos passos '.repeat(3).trim()}.eml`;
    const archive = tgz([
      { name: 'Inbox/Frete para o porto de Santos.eml', data: eml, mtime },
      { name: 'Sent/Re Frete para o porto de Santos.eml', data: Buffer.alloc(1300, 0x41), mtime: mtime + 60_000 },
      { name: long, data: eml, mtime },
    ]);
    const gz = await run(gzipExtractor, archive, 'juliana.ferreira-2024-02-14-124400.tgz', { mime: MIME.gzip });
    expect(gz.error).toBeUndefined();
    expect(gz.children).toHaveLength(1);
    const tarBytes = gunzipSync(archive);
    expect(Buffer.from(await gz.children[0].source.readAll()).equals(tarBytes)).toBe(true);
    const t = await run(tarExtractor, tarBytes, gz.children[0].name, { mime: MIME.tar });
    expect(t.error).toBeUndefined();
    expect(t.warnings).toEqual([]);
    expect(t.children.map((c) => c.name)).toEqual([
      'Inbox/Frete para o porto de Santos.eml',
      'Sent/Re Frete para o porto de Santos.eml',
      long,
    ]);
    expect(Buffer.from(await t.children[0].source.readAll()).equals(eml)).toBe(true);
    expect(t.children[1].source.size).toBe(1300);
    const mtimeOf = (i: number) => t.children[i].metadata?.find((m) => m.source === 'tar' && m.key === 'mtime')?.value;
    expect([mtimeOf(0), mtimeOf(1)]).toEqual([new Date(mtime).toISOString(), new Date(mtime + 60_000).toISOString()]);
  });
});

describe('hold-out zones', () => {
  // [zone, instant (UTC), minutes east of UTC]: each zone just before and after its DST changes, and
  // Brazil before and after it abolished DST in 2019.
  const cases: [string, string, number][] = [
    ['Europe/Berlin', '2024-03-31T00:59:59Z', 60],
    ['Europe/Berlin', '2024-03-31T01:00:00Z', 120],
    ['Europe/Berlin', '2023-10-29T00:59:59Z', 120],
    ['Europe/Berlin', '2023-10-29T01:00:00Z', 60],
    ['America/Sao_Paulo', '2018-01-15T12:00:00Z', -120],
    ['America/Sao_Paulo', '2018-02-18T01:59:59Z', -120],
    ['America/Sao_Paulo', '2018-02-18T02:00:00Z', -180],
    ['America/Sao_Paulo', '2023-12-15T12:00:00Z', -180],
    ['America/Cuiaba', '2018-01-15T12:00:00Z', -180],
    ['America/Cuiaba', '2023-12-15T12:00:00Z', -240],
    ['Asia/Tokyo', '2017-07-01T00:00:00Z', 540],
    ['Asia/Tokyo', '2018-01-01T00:00:00Z', 540],
    ['America/Los_Angeles', '2017-03-12T09:59:59Z', -480],
    ['America/Los_Angeles', '2017-03-12T10:00:00Z', -420],
    ['America/Los_Angeles', '2017-11-05T08:59:59Z', -420],
    ['America/Los_Angeles', '2017-11-05T09:00:00Z', -480],
    ['Europe/London', '2017-03-26T00:59:59Z', 0],
    ['Europe/London', '2017-03-26T01:00:00Z', 60],
    ['Europe/London', '2017-10-29T00:59:59Z', 60],
    ['Europe/London', '2017-10-29T01:00:00Z', 0],
  ];
  it.each(cases)('%s at %s is %i minutes east of UTC', (zone, iso, minutes) => {
    expect(offsetAt(zone, Date.parse(iso))).toBe(minutes);
  });

  it('Zimbra writes the Date with the offset and Java short zone name of the day', () => {
    const prng = new Prng(5, 3);
    const sp = person('Thiago', 'Pereira', 'thiago.pereira@coopavale.com.br', 'zimbra-web', {
      locale: 'pt-BR',
      zone: 'America/Sao_Paulo',
    });
    const cb = person('Juliana', 'Ferreira', 'juliana.ferreira@coopavale.com.br', 'zimbra-web', {
      locale: 'pt-BR',
      zone: 'America/Cuiaba',
    });
    const at = Date.UTC(2023, 10, 24, 19, 49, 8);
    const dateOf = (from: Person) => {
      const l = letterFrom('zimbra-web', from, sp, at, offsetAt(from.zone, at), prng);
      l.messageId = newMessageId('zimbra-web', from, at, prng, { host: 'coopavale.com.br' }) ?? l.messageId;
      return /^Date: (.*)$/m.exec(compose(l, prng, { threadIndex: new Map() }).toString('latin1'))![1].trim();
    };
    expect(dateOf(sp)).toBe('Fri, 24 Nov 2023 16:49:08 -0300 (BRT)');
    expect(dateOf(cb)).toBe('Fri, 24 Nov 2023 15:49:08 -0400 (AMT)');
  });
});

describe('Thunderbird flowed text', () => {
  const para = 'As discussed on the call about the Q3 budget, lead time to the Canary Wharf office is 14 weeks. Please update the invoice.';
  /** RFC 3676 section 4.2 reading, with delsp=yes deleting the space before each soft break. */
  const unflow = (s: string, delsp: boolean) =>
    s
      .split('\n')
      .reduce<string[]>((acc, line) => {
        const prev = acc.length ? acc[acc.length - 1] : undefined;
        if (prev !== undefined && prev.endsWith(' ')) acc[acc.length - 1] = (delsp ? prev.slice(0, -1) : prev) + line;
        else acc.push(line);
        return acc;
      }, [])
      .join('\n');

  it.each([false, true])('delsp=%s: wrapped lines read back to the typed words', (delsp) => {
    const out = flowed(para, 72, delsp);
    expect(out.split('\n').length).toBeGreaterThan(1);
    for (const line of out.split('\n')) expect(line.trimEnd().length).toBeLessThanOrEqual(72);
    expect(unflow(out, delsp)).toBe(para);
  });
});
