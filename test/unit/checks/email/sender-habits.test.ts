// The pieces of the sender model on small inputs (zones and their DST rules, where a copy sits,
// what a message's features are, the novelty estimate), and the whole check on real mail: the
// Enron mailboxes and the rest of the shared corpus's messages get no finding of medium or higher.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { senderHabitsCheck } from '../../../../src/checks/email/sender-habits.js';
import { clientKey, firstHopKey, messageIdAddedInTransit, shapeOf } from '../../../../src/checks/email/sender/features.js';
import { Habit } from '../../../../src/checks/email/sender/model.js';
import { goodTuring, leaveOneOut, noveltySeverity } from '../../../../src/checks/email/sender/novelty.js';
import { headerSaysSent, isSentFolderName, placementOf } from '../../../../src/checks/email/sender/path-kind.js';
import {
  distanceToTransition,
  fitZone,
  isDaylightTime,
  zoneOffsetAt,
  zoneOffsetsOfYear,
} from '../../../../src/checks/email/sender/zone.js';
import type { CorpusDocument } from '../../../../src/checks/types.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { prng } from '../../../../src/bench/synthetic-case.js';
import { CLIENTS, intlOffset, localInstant, makeOrg, message, ordinaryYear, type Person } from './sender-fixtures.js';
import { NO_KEYS, asCorpusDoc, emailDoc, mboxMessages, plainMessage } from './support.js';

describe('time zones from the IANA database', () => {
  it('agrees with Intl at a thousand instants in four zones, southern hemisphere and no-DST included', () => {
    const rnd = prng(11);
    for (const zone of ['Europe/Paris', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata'])
      for (let i = 0; i < 250; i++) {
        const t = Date.UTC(1998, 0, 1) + Math.floor(rnd() * 28 * 365 * 86_400_000);
        expect(zoneOffsetAt(zone, t)).toBe(intlOffset(zone, t));
      }
  });

  it('knows the seasons: July is daylight time in Paris, standard time in Sydney; Kolkata has one offset', () => {
    const july = Date.UTC(2024, 6, 15, 12);
    expect(isDaylightTime('Europe/Paris', july)).toBe(true);
    expect(isDaylightTime('Australia/Sydney', july)).toBe(false);
    expect(zoneOffsetsOfYear('Australia/Sydney', july)).toEqual([600, 660]);
    expect(zoneOffsetsOfYear('Asia/Kolkata', july)).toEqual([330]);
    expect(distanceToTransition('Asia/Kolkata', july)).toBe(Infinity);
    // Paris switched at 01:00 UTC on 31 March 2024.
    expect(distanceToTransition('Europe/Paris', Date.UTC(2024, 2, 31, 1, 30))).toBe(30 * 60_000);
  });

  it("fits a sender's offsets through the year to the zone with those rules", () => {
    const samples = (zone: string) =>
      [0, 2, 4, 6, 8, 10].map((m) => {
        const t = Date.UTC(2024, m, 10, 9);
        return { t, offset: zoneOffsetAt(zone, t) };
      });
    expect(fitZone(samples('Europe/Paris'))?.zones[0]).toBe('Europe/Paris');
    expect(fitZone(samples('Australia/Sydney'))?.zones[0]).toBe('Australia/Sydney');
    expect(fitZone(samples('Asia/Kolkata'))?.zones[0]).toBe('Asia/Kolkata');
    expect(fitZone(samples('America/New_York'))).toMatchObject({ zones: ['America/New_York'], hits: 6, total: 6 });
  });
});

describe('where a copy sits', () => {
  it('reads mailbox and folder from report paths of mbox, eml folders, pst and nested messages', () => {
    expect(placementOf('mail/alice/Sent.mbox!message-3')).toEqual({ mailbox: 'mail/alice', folder: 'Sent.mbox', attached: false });
    expect(placementOf('mail/eml/bob/Boîte de réception/0001.eml')).toEqual({
      mailbox: 'mail/eml/bob',
      folder: 'Boîte de réception',
      attached: false,
    });
    expect(placementOf('x.pst!/Top of Personal Folders/Sent Items/Budget')).toMatchObject({ folder: 'Sent Items', attached: false });
    expect(placementOf('archives/a.zip!export/nadia/Inbox.mbox!message-2')).toMatchObject({
      mailbox: 'archives/a.zip!export/nadia',
      folder: 'Inbox.mbox',
    });
    expect(placementOf('mail/bob/Inbox.mbox!message-3!attachment-1.eml').attached).toBe(true);
    expect(placementOf('x.pst!/Top/Inbox/FW: report!report.eml').attached).toBe(true);
    expect(placementOf('email/eml/tika-testLotusEml.eml').attached).toBe(false);
  });

  it('knows sent folders in the languages clients ship, and Gmail labels', async () => {
    for (const n of [
      'Sent',
      'Sent Items',
      'Envoyés',
      'Éléments envoyés',
      'Gesendet',
      'Gesendete Objekte',
      'Elementos enviados',
      'Posta inviata',
      '[Gmail]/Sent Mail',
      'enron.allen-p.sent_mail',
      'Отправленные',
    ])
      expect(isSentFolderName(n), n).toBe(true);
    for (const n of ['Inbox', 'Archives', 'Boîte de réception', 'sentiment']) expect(isSentFolderName(n), n).toBe(false);
    const labelled = (await emailDoc(plainMessage({ extra: 'X-Gmail-Labels: Sent,Opened' }))).facts.email!;
    expect(headerSaysSent(labelled)).toBe(true);
  });
});

describe('features of one message', () => {
  it('names the client family, the first hop and whether a relay added the Message-ID', async () => {
    const viaRelay = (
      await emailDoc(
        [
          'Received: from mx.example.org by imap.example.org with ESMTPS id 1; Tue, 5 Mar 2024 10:12:05 +0100',
          'Message-ID: <20240305091204.4F2A1B3C@relay.example.org>',
          'Received: from [10.0.0.5] by smtp7.example.org (Postfix) with ESMTPSA id 2; Tue, 5 Mar 2024 10:12:04 +0100',
          plainMessage({ extra: 'X-Mailer: Microsoft Outlook 16.0' }).replace(/^Message-ID:.*\r\n/m, ''),
        ].join('\r\n'),
      )
    ).facts.email!;
    expect(messageIdAddedInTransit(viaRelay)).toBe(true);
    expect(firstHopKey(viaRelay)).toBe('smtp0.example.org with esmtpsa');
    expect(clientKey(viaRelay)).toBe('outlook');
    const direct = (await emailDoc(plainMessage({ extra: 'User-Agent: Some Homegrown Mailer 2.3 (Linux)' }))).facts.email!;
    expect(messageIdAddedInTransit(direct)).toBe(false);
    expect(clientKey(direct)).toBe('some homegrown mailer');
    expect(shapeOf('4b3c5c8a.1060004@mail.example.org')).toBe(shapeOf('4b3c5c8b.1060104@smtp.example.org'));
  });
});

describe('novelty from the support', () => {
  it('leaves the message out, counts values seen once and grows severity with the support', () => {
    const h = new Habit();
    for (let i = 0; i < 30; i++) h.add(1);
    h.add(2);
    const v = leaveOneOut(h, 2);
    expect(v).toMatchObject({ others: 30, same: 0, singletons: 0, topShare: 1 });
    expect(v.pNew).toBeCloseTo(1 / 31);
    expect(noveltySeverity(v)).toBe('medium');
    expect(noveltySeverity({ ...v, others: 10, pNew: goodTuring(0, 10) })).toBe('low');
    // A sender who changes clients often: many values seen once make a new one unsurprising.
    expect(noveltySeverity({ others: 30, pNew: goodTuring(6, 30), topShare: 0.6 })).toBe('low');
    expect(noveltySeverity({ others: 30, pNew: goodTuring(12, 30), topShare: 0.5 })).toBeNull();
    expect(noveltySeverity({ others: 5, pNew: goodTuring(0, 5), topShare: 1 })).toBeNull();
  });
});

describe('email.sender-habits on small organisations', () => {
  const claire: Person = {
    login: 'claire',
    name: 'Claire Martin',
    zone: 'Europe/Paris',
    client: CLIENTS.thunderbird,
    sentFolder: 'Envoyés',
  };
  const bob: Person = { login: 'bob', name: 'Bob Leroy', zone: 'Europe/Paris', client: CLIENTS.outlook };

  it('judges no habit below the minimum number of messages', async () => {
    const org = await makeOrg('example.net', [claire, bob]);
    const docs = (await ordinaryYear(org, 2024, 5, 3)).filter((d) => d.facts.email?.from?.address.startsWith('claire'));
    docs.push(
      await message(org, claire, bob, localInstant('Europe/Paris', 2024, 6, 3, 10), {
        offset: 180,
        client: CLIENTS.appleMail,
        storage: { kind: 'received', owner: bob },
      }),
    );
    const found = [...senderHabitsCheck.run(() => docs, NO_KEYS)].map((r) => (r.finding.evidence as { family: string }).family);
    expect(found.filter((f) => f === 'timezone' || f === 'client')).toEqual([]);
  });

  it('judges a missing signature on the route of its own first hop: a submission route that signs every copy', async () => {
    const ana: Person = { login: 'ana', name: 'Ana Roux', zone: 'Europe/Paris', client: CLIENTS.thunderbird };
    const org = await makeOrg('example.net', [claire, bob, ana]);
    const docs = await ordinaryYear(org, 2024, 30, 9);
    // A scanner and a script mail colleagues through another relay, unsigned: 12 % of the domain's
    // received copies lack DKIM, so the domain-wide rate alone cannot speak.
    for (let i = 0; i < 12; i++)
      docs.push(
        await message(org, i % 2 ? bob : ana, claire, localInstant('Europe/Paris', 2024, 1 + (i % 11), 10 + i, 9), {
          seed: 900 + i,
          storage: { kind: 'received', owner: claire, hops: 'foreign', dkim: false },
        }),
      );
    // The forgery: Claire's genuine route (authenticated submission, then delivery) copied, the signature left out.
    const fake = await message(org, claire, bob, localInstant('Europe/Paris', 2024, 6, 12, 15), {
      seed: 4242,
      storage: { kind: 'received', owner: bob, dkim: false },
    });
    const results = [...senderHabitsCheck.run(() => [...docs, fake], NO_KEYS)];
    const onFake = results.filter((r) => r.documentId === fake.id && (r.finding.evidence as { family: string }).family === 'signature');
    expect(onFake.map((r) => r.finding.severity)).toEqual(['medium']);
    const ev = onFake[0].finding.evidence as {
      chanceGenuineCopyLacksDkim: number;
      onThisFirstHop: { copies: number; withAlignedDkim: number };
    };
    expect(ev.chanceGenuineCopyLacksDkim).toBeGreaterThan(0.05);
    expect(ev.onThisFirstHop.copies).toBeGreaterThanOrEqual(19);
    expect(ev.onThisFirstHop.withAlignedDkim).toBe(ev.onThisFirstHop.copies);
    expect(onFake[0].finding.message).toMatch(/through its own first hop/);
    // The unsigned copies of the other relay stay below medium: their route never signs.
    const strongElsewhere = results.filter(
      (r) => r.documentId !== fake.id && (r.finding.severity === 'medium' || r.finding.severity === 'high'),
    );
    expect(strongElsewhere).toEqual([]);
  });

  it('judges missing Received hops on their own where the domain never signs internal mail (Exchange, Microsoft 365)', async () => {
    const org = await makeOrg('example.net', [claire, bob]);
    const docs: CorpusDocument[] = [];
    for (let i = 0; i < 40; i++) {
      const [from, to] = i % 2 ? [claire, bob] : [bob, claire];
      const t = localInstant('Europe/Paris', 2024, 1 + (i % 11), 1 + (i % 27), 9 + (i % 8));
      docs.push(await message(org, from, to, t, { seed: 300 + i, storage: { kind: 'received', owner: to, dkim: false } }));
    }
    const fake = await message(org, claire, bob, localInstant('Europe/Paris', 2024, 7, 3, 11), {
      seed: 77,
      storage: { kind: 'received', owner: bob, dkim: false, hops: 'none' },
    });
    const results = [...senderHabitsCheck.run(() => [...docs, fake], NO_KEYS)].filter(
      (r) => (r.finding.evidence as { family: string }).family === 'signature',
    );
    expect(results.filter((r) => r.documentId === fake.id).map((r) => r.finding.severity)).toEqual(['medium']);
    expect(results.find((r) => r.documentId === fake.id)?.finding.message).toMatch(
      /without the Received hops that 40 of 40 .*the sender.s own: 20 of 20 with hops/,
    );
    // No copy is faulted for the signature the domain never adds.
    expect(results.filter((r) => r.documentId !== fake.id)).toEqual([]);
  });

  it('keeps an offset off a +0000-all-year habit low: servers that rewrite Date to UTC make that habit', async () => {
    // Exchange Online's transport headers say +0000 whatever the sender's zone: the one message that
    // escaped the rewriting carries the sender's real +0100.
    const utc: Person = { login: 'lena', name: 'Lena Vogt', zone: 'Atlantic/Reykjavik', client: CLIENTS.outlook };
    const org = await makeOrg('example.net', [utc, bob]);
    const docs = (await ordinaryYear(org, 2024, 40, 3)).filter((d) => d.facts.email?.from?.address.startsWith('lena'));
    const odd = await message(org, utc, bob, localInstant('Europe/Berlin', 2024, 2, 6, 10), {
      offset: 60,
      storage: { kind: 'received', owner: bob },
    });
    const found = [...senderHabitsCheck.run(() => [...docs, odd], NO_KEYS)].filter(
      (r) => r.documentId === odd.id && (r.finding.evidence as { family: string }).family === 'timezone',
    );
    expect(found.map((r) => r.finding.severity)).toEqual(['low']);
    expect(JSON.stringify(found[0].finding.evidence)).toContain('rewrites the Date header to UTC');
  });

  it('raises two independent low anomalies (clock and machine) to medium, and says so', async () => {
    const paul: Person = { login: 'paul', name: 'Paul Durand', zone: 'America/New_York', client: CLIENTS.outlook };
    const org = await makeOrg('example.net', [paul, bob]);
    // Paul's history ends in October; two days after the clock change of 3 November 2024 a message
    // says -0400 (a device late to switch is possible) from a client he never used (a new device
    // cannot be ruled out at the end of his history): two weak signals with different causes.
    const docs = (await ordinaryYear(org, 2024, 36, 5)).filter(
      (d) => !(d.facts.email?.from?.address.startsWith('paul') && Date.parse(d.facts.email.dateUtc ?? '') > Date.UTC(2024, 9, 31)),
    );
    const fake = await message(org, paul, bob, localInstant('America/New_York', 2024, 10, 5, 10), {
      offset: -240,
      client: CLIENTS.appleMail,
      storage: { kind: 'received', owner: bob },
    });
    const results = [...senderHabitsCheck.run(() => [...docs, fake], NO_KEYS)].filter((r) => r.documentId === fake.id);
    expect(results.map((r) => (r.finding.evidence as { family: string }).family).sort()).toEqual(['client', 'timezone']);
    const top = results.find((r) => r.finding.severity === 'medium');
    expect(top?.finding.message).toMatch(/Corroborated by an independent anomaly/);
    expect(results.filter((r) => r.finding.severity === 'low')).toHaveLength(1);
  });
});

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe.skipIf(corpusMissing())('email.sender-habits on the real mail of the shared corpus', () => {
  it('innocent: the Enron mailboxes and the other genuine messages get no finding of medium severity or higher', async () => {
    const docs: CorpusDocument[] = [];
    let i = 0;
    for (const p of files(corpusPath('email'))) {
      const rel = relative(corpusPath(''), p);
      if (/\.mbox$|\/enron\/mbox\//.test(p))
        for (const raw of await mboxMessages(rel))
          docs.push({ ...asCorpusDoc(await emailDoc(raw, rel), `m${i}`), path: `${rel}!message-${i++}` });
      else if (/\.(eml|txt)$/i.test(p) && !/EXPECTED|README|FAKE_DNS/i.test(p))
        try {
          docs.push({ ...asCorpusDoc(await emailDoc(readFileSync(p), rel), `e${i++}`), path: rel });
        } catch {
          // not a message
        }
    }
    expect(docs.length).toBeGreaterThan(500);
    const results = [...senderHabitsCheck.run(() => docs, NO_KEYS)];
    const strong = results.filter((r) => r.finding.severity !== 'low').map((r) => docs.find((d) => d.id === r.documentId)!.path);
    // Examined by hand: a spam whose X-Mailer claims Netscape 4.04 while its Message-ID was assigned
    // by a Postfix server (mail.netnoteinc.com) that is not on its route (www.goabroad.com.cn): forged headers.
    expect(strong).toEqual(['email/spamassassin/spam/008.eml']);
  }, 120_000);
});
