// email.threads on an organisation's mailboxes: Message-IDs reused by a forger (a fabricated Sent copy,
// a mail sent from a hijacked account under a genuine one's ID) against IDs reused innocently (bulk
// mailers, scripts, calendar updates, drafts, test fixtures); quoted header blocks rendered differently
// at every depth and in several languages; replies dated before their parents, and what explains it.

import { describe, expect, it } from 'vitest';
import { threadsCheck } from '../../../../src/checks/email/threads.js';
import type { CorpusDocument } from '../../../../src/checks/types.js';
import type { Finding } from '../../../../src/model/document.js';
import { NO_KEYS, asCorpusDoc, emailDoc } from './support.js';

interface Mail {
  id: string;
  from?: string;
  to?: string;
  subject?: string;
  date: string;
  body: string;
  /** Received hop times, first hop last (as they stand in the header). */
  hops?: string[];
  extra?: string[];
  irt?: string;
  contentType?: string;
}

let serial = 0;

/** A message as the real extractor reads it, placed at `path` in the dump. */
async function mail(path: string, m: Mail, findings?: Finding[]): Promise<CorpusDocument> {
  const head = [
    ...(m.hops ?? []).map(
      (t, i) =>
        `Received: from relay${i}.example.org (relay${i}.example.org [192.0.2.${10 + i}]) by mx${i}.example.org (Postfix) with ESMTPS id 4R${i}K${serial}; ${t}`,
    ),
    `From: ${m.from ?? 'Claire Martin <claire.martin@example.org>'}`,
    `To: ${m.to ?? 'Paul Durand <paul.durand@example.org>, Nadia Haddad <nadia.haddad@example.org>'}`,
    `Subject: ${m.subject ?? 'Budget 2024'}`,
    `Date: ${m.date}`,
    `Message-ID: <${m.id}>`,
    ...(m.irt ? [`In-Reply-To: <${m.irt}>`, `References: <${m.irt}>`] : []),
    'MIME-Version: 1.0',
    `Content-Type: ${m.contentType ?? 'text/plain; charset=utf-8'}`,
    ...(m.extra ?? []),
  ];
  const raw = Buffer.from(`${head.join('\r\n')}\r\n\r\n${m.body.replace(/\r?\n/g, '\r\n')}`, 'utf8');
  const doc = asCorpusDoc(await emailDoc(raw, path), `${path}#${serial++}`);
  return { ...doc, path, findings };
}

const run = (docs: CorpusDocument[]) => [...threadsCheck.run(() => docs, NO_KEYS)];
const flagged = (docs: CorpusDocument[]) =>
  run(docs)
    .filter((r) => r.finding.severity === 'medium' || r.finding.severity === 'high')
    .map((r) => [docs.find((d) => d.id === r.documentId)!.path, r.finding.severity]);

const dkimPass: Finding[] = [
  {
    check: 'email.dkim',
    severity: 'info',
    message: 'verifies',
    evidence: { verdict: 'pass', bodyHash: 'pass' },
  } as unknown as Finding,
];

const BUDGET =
  'Hello Paul, hello Nadia,\n\nThe board approved the 2024 budget this morning: 120,000 euros for events, 35,000 for travel.\nPlease keep the travel line for the Lyon conference.\n\nClaire\n';
const OTHER =
  'Paul,\n\nPlease wire the 48,000 euros deposit for the Lyon hall today to the new account of the caterer, IBAN FR76 3000 6000 0112 3456 7890 189.\nDo not discuss it with Nadia, she is not in the loop.\n\nClaire\n';

/** The genuine message: Claire's sent copy, and the copies Paul and Nadia received. */
async function genuine(id: string, date = 'Tue, 5 Mar 2024 10:12:03 +0100', hop = 'Tue, 5 Mar 2024 10:12:05 +0100') {
  return [
    await mail('mail/claire.martin/Sent.mbox!message-12', { id, date, body: BUDGET }),
    await mail('mail/paul.durand/Inbox.mbox!message-40', { id, date, body: BUDGET, hops: [hop] }, dkimPass),
    await mail('mail/eml/nadia.haddad/Inbox/00031.eml', { id, date, body: BUDGET, hops: [hop] }, dkimPass),
  ];
}

/** A few ordinary messages of the organisation. */
async function background() {
  const out: CorpusDocument[] = [];
  for (let i = 0; i < 4; i++)
    out.push(
      await mail(`mail/paul.durand/Inbox.mbox!message-${i + 1}`, {
        id: `bg-${i}@example.org`,
        from: 'Karim Benali <karim.benali@example.org>',
        date: `Mon, ${i + 1} Apr 2024 09:00:00 +0200`,
        body: `Meeting notes number ${i}: nothing to report this week, see you on Monday.\n`,
      }),
    );
  return out;
}

describe('email.threads: a Message-ID reused by a forger', () => {
  const ID = '000001da6ec4$2b1c9a40$8155ced0$@example.org';

  it('a fabricated Sent copy with another text, dated 12 days later, is high: the recipients agree on the genuine text, which came first', async () => {
    const docs = [...(await genuine(ID)), ...(await background())];
    const fake = await mail('mail/claire.martin/Sent.mbox!message-31', { id: ID, date: 'Sun, 17 Mar 2024 18:40:00 +0100', body: OTHER });
    expect(flagged([...docs, fake])).toEqual([['mail/claire.martin/Sent.mbox!message-31', 'high']]);
    const f = run([...docs, fake]).find((r) => r.documentId === fake.id)!.finding;
    expect(f.evidence).toMatchObject({
      difference: 'other-text',
      decidedBy: ['agreement', 'servers', 'chronology', 'majority'],
      comparedWith: { mailboxes: 3 },
    });
    expect(f.message).toMatch(/first seen 12 days later/);
  });

  it('back-dated before the genuine one, it is still medium: the mailboxes agree against it, only the dates disagree', async () => {
    const docs = [...(await genuine(ID)), ...(await background())];
    const fake = await mail('mail/claire.martin/Sent Items/0042.eml', { id: ID, date: 'Mon, 4 Mar 2024 08:05:00 +0100', body: OTHER });
    expect(flagged([...docs, fake])).toEqual([['mail/claire.martin/Sent Items/0042.eml', 'medium']]);
    expect(run([...docs, fake])[0].finding.evidence).toMatchObject({
      decidedBy: ['agreement', 'servers', 'majority'],
      contradictedBy: ['chronology'],
    });
  });

  it('against the only copy the recipient received, a Sent copy with the same Date and another text is medium: only the received text passed through servers', async () => {
    const date = 'Tue, 5 Mar 2024 10:12:03 +0100';
    const received = await mail('mail/paul.durand/Inbox.mbox!message-40', {
      id: ID,
      date,
      body: BUDGET,
      hops: ['Tue, 5 Mar 2024 10:12:05 +0100'],
    });
    const fake = await mail('mail/claire.martin/Sent.mbox!message-12', { id: ID, date, body: OTHER });
    const docs = [received, fake, ...(await background())];
    expect(flagged(docs)).toEqual([['mail/claire.martin/Sent.mbox!message-12', 'medium']]);
    expect(run(docs)[0].finding.evidence).toMatchObject({ decidedBy: ['servers'] });
  });

  it('sent from the hijacked account 3 days later (DKIM verifies on every copy): the later text is medium, the genuine copies nothing', async () => {
    const docs = [...(await genuine(ID)), ...(await background())];
    const date = 'Fri, 8 Mar 2024 21:03:00 +0100';
    const hop = 'Fri, 8 Mar 2024 21:03:02 +0100';
    const forged = [
      await mail('mail/claire.martin/Sent.mbox!message-30', { id: ID, date, body: OTHER }),
      await mail('mail/paul.durand/Inbox.mbox!message-52', { id: ID, date, body: OTHER, hops: [hop] }, dkimPass),
    ];
    expect(flagged([...docs, ...forged])).toEqual([
      ['mail/claire.martin/Sent.mbox!message-30', 'medium'],
      ['mail/paul.durand/Inbox.mbox!message-52', 'medium'],
    ]);
    // The same with the forged text an edit of the genuine one (a figure and an account changed).
    const edited = BUDGET.replace('120,000 euros for events', '180,000 euros for events, paid to account FR76 3000 6000 0112');
    const forged2 = [
      await mail('mail/claire.martin/Sent.mbox!message-30', { id: ID, date, body: edited }),
      await mail('mail/eml/nadia.haddad/Inbox/00044.eml', { id: ID, date, body: edited, hops: [hop] }, dkimPass),
    ];
    const out = run([...docs, ...forged2]);
    expect(flagged([...docs, ...forged2])).toEqual([
      ['mail/claire.martin/Sent.mbox!message-30', 'medium'],
      ['mail/eml/nadia.haddad/Inbox/00044.eml', 'medium'],
    ]);
    expect(out[0].finding.evidence).toMatchObject({ difference: 'inside', decidedBy: ['chronology', 'majority'] });
  });
});

describe('email.threads: Message-IDs reused innocently', () => {
  it('a bulk mailer from outside reusing one ID for four newsletters is low', async () => {
    const docs = await background();
    for (let i = 0; i < 4; i++)
      for (const box of ['paul.durand', 'nadia.haddad'])
        docs.push(
          await mail(`mail/${box}/Inbox.mbox!message-${20 + i}`, {
            id: 'newsletter@mailer.example.com',
            from: 'Events Weekly <news@mailer.example.com>',
            date: `Mon, ${4 + 7 * i} Mar 2024 07:00:00 +0000`,
            body: `Events Weekly issue ${i}: ${['trade fairs in Lyon', 'catering prices', 'new venues in Paris', 'sound systems'][i]} and more news from the events trade this week.\n`,
            hops: [`Mon, ${4 + 7 * i} Mar 2024 07:00:09 +0000`],
          }),
        );
    expect(flagged(docs)).toEqual([]);
    const f = run(docs)[0].finding;
    expect(f.evidence.innocentCausesFound).toEqual(expect.arrayContaining([expect.stringMatching(/4 different texts share this ID/)]));
  });

  it('two texts under one ID from an outside sender, weeks apart, are low', async () => {
    const docs = await background();
    for (const [i, date] of ['Mon, 4 Mar 2024 07:00:00 +0000', 'Mon, 25 Mar 2024 07:00:00 +0000'].entries())
      docs.push(
        await mail(`mail/paul.durand/Inbox.mbox!message-${30 + i}`, {
          id: '1@localhost',
          from: 'Venue Finder <noreply@venues.example.net>',
          date,
          body: i ? OTHER : BUDGET,
          hops: [date],
        }),
      );
    expect(flagged(docs)).toEqual([]);
    expect(run(docs)[0].finding.message).toMatch(/outside the organisation/);
  });

  it("an internal script that reuses IDs habitually (three IDs, two texts each) is low: the sender's software does it", async () => {
    const docs = await background();
    for (let k = 0; k < 3; k++)
      for (let i = 0; i < 2; i++)
        docs.push(
          await mail(`mail/paul.durand/Inbox.mbox!message-${40 + 2 * k + i}`, {
            id: `report-${k}@monitor.example.org`,
            from: 'Monitoring <monitor@example.org>',
            date: `Mon, ${4 + 7 * i + k} Mar 2024 06:00:00 +0100`,
            body: `Nightly report ${k}-${i}: ${i ? 'backup failed on server files2, disk full' : 'all backups completed, no errors, 312 GB written'}.\n`,
            hops: [`Mon, ${4 + 7 * i + k} Mar 2024 06:00:01 +0100`],
          }),
        );
    expect(flagged(docs)).toEqual([]);
    expect(run(docs).some((r) => /its software reuses IDs/.test(r.finding.message))).toBe(true);
  });

  it('calendar updates and a draft saved before its last edits are low', async () => {
    const ID = 'meeting-update@example.org';
    const docs = [...(await genuine(ID)), ...(await background())];
    const update = await mail('mail/claire.martin/Sent.mbox!message-33', {
      id: ID,
      subject: 'Updated invitation: Budget 2024 review',
      date: 'Thu, 7 Mar 2024 09:00:00 +0100',
      body: OTHER,
      contentType: 'text/calendar; method=REQUEST; charset=utf-8',
    });
    expect(flagged([...docs, update])).toEqual([]);
    const draft = await mail('mail/claire.martin/Drafts.mbox!message-2', {
      id: ID,
      date: 'Tue, 5 Mar 2024 09:40:00 +0100',
      body: BUDGET.replace('120,000 euros for events, 35,000 for travel', '110,000 euros for events, 45,000 for travel'),
    });
    expect(flagged([...docs, draft])).toEqual([]);
    expect(run([...docs, draft])[0].finding.message).toMatch(/a draft/);
  });
});

describe('email.threads: quoted header blocks are rendered by clients, at every depth', () => {
  const G =
    'Bonjour Paul,\n\nLe devis du traiteur est de 3 400 euros pour 120 personnes, boissons comprises.\nIl faut confirmer avant vendredi.\n\nClaire';
  const PARENT_OWN = 'Karim,\n\nvoir ci-dessous le devis de Claire, je suis d accord pour le valider.\n\nPaul';
  // The header block Paul's client wrote above Claire's text, and the one Karim's client renders when it
  // quotes Paul's message (another day, another zone, another language, the address book's name).
  const blocks: [string, string, string][] = [
    [
      'Outlook (fr)',
      'De : Claire Martin\nEnvoyé : mardi 5 février 2019 09:22\nÀ : Paul Durand\nObjet : Traiteur\n',
      'De : Martin, Claire <claire.martin@example.org>\nEnvoyé : mardi 24 février 2019 09:22\nÀ : Durand Paul\nObjet : RE: Traiteur\n',
    ],
    [
      'Outlook (de)',
      'Von: Claire Martin\nGesendet: Dienstag, 5. Februar 2019 09:22\nAn: Paul Durand\nBetreff: Traiteur\n',
      'Von: Martin, Claire\nGesendet: Mittwoch, 6. Februar 2019 03:22\nAn: Paul Durand\nCc: Karim Benali\nBetreff: AW: Traiteur\n',
    ],
    [
      'Outlook (en), separator line',
      '-----Original Message-----\nFrom: Claire Martin\nSent: Tuesday, February 5, 2019 9:22 AM\nTo: Paul Durand\nSubject: Traiteur\n',
      '-----Original Message-----\nFrom: Claire Martin [mailto:claire.martin@example.org]\nSent: Tuesday, February 05, 2019 3:22 AM\nTo: Paul Durand\nSubject: RE: Traiteur\n',
    ],
    [
      'Gmail attribution (en / fr)',
      'On Tue, Feb 5, 2019 at 9:22 AM Claire Martin <claire.martin@example.org> wrote:\n',
      'Le mar. 5 févr. 2019 à 03:22, Claire Martin <claire.martin@example.org> a écrit :\n',
    ],
  ];
  const quote = (s: string, marker = '> ') =>
    s
      .split('\n')
      .map((l) => `${marker}${l}`)
      .join('\n');

  it.each(blocks)(
    '%s: a header block rendered differently at depth 2 and 3 is no change; a figure changed below it is',
    async (_, asWritten, asRendered) => {
      const styleOf = (header: string, body: string) =>
        /wrote:|a écrit :/.test(header) ? `${header}${quote(body)}` : `${header}\n${body}`;
      const parentBody = `${PARENT_OWN}\n\n${styleOf(asWritten, G)}\n`;
      const g = await mail('mail/claire.martin/Sent.mbox!message-1', {
        id: 'g@example.org',
        subject: 'Traiteur',
        date: 'Tue, 5 Feb 2019 09:22:00 +0100',
        body: G,
      });
      const p = await mail('mail/paul.durand/Sent.mbox!message-2', {
        id: 'p@example.org',
        from: 'Paul Durand <paul.durand@example.org>',
        to: 'Karim Benali <karim.benali@example.org>',
        subject: 'TR: Traiteur',
        date: 'Tue, 5 Feb 2019 11:00:00 +0100',
        irt: 'g@example.org',
        body: parentBody,
      });
      const reply = (inner: string, depth3 = false) =>
        mail('mail/karim.benali/Sent.mbox!message-3', {
          id: 'r@example.org',
          from: 'Karim Benali <karim.benali@example.org>',
          subject: 'RE: Traiteur',
          date: 'Tue, 5 Feb 2019 12:00:00 +0100',
          irt: 'p@example.org',
          body: depth3
            ? `Ok pour moi.\n\nOn Tue, Feb 5, 2019 at 11:40 AM Nadia Haddad wrote:\n${quote(`Je transmets.\n\n${styleOf('On Tue, Feb 5, 2019 at 11:00 AM Paul Durand wrote:\n', `${PARENT_OWN}\n\n${styleOf(asRendered, inner)}`)}`)}\n`
            : `Ok pour moi.\n\n${styleOf('On Tue, Feb 5, 2019 at 11:00 AM Paul Durand wrote:\n', `${PARENT_OWN}\n\n${styleOf(asRendered, inner)}`)}\n`,
        });
      expect(run([g, p, await reply(G)])).toEqual([]);
      const changed = G.replace('3 400 euros', '34 000 euros');
      expect(flagged([g, p, await reply(changed)])).toEqual([['mail/karim.benali/Sent.mbox!message-3', 'medium']]);
      // Depth 3: Nadia's message is not in the dump; Paul's, quoted inside it, is found by its subject, sender and time.
      expect(run([g, p, await reply(G, true)]).filter((r) => r.finding.severity !== 'low')).toEqual([]);
    },
  );
});

describe('email.threads: a reply dated before its parent', () => {
  const parentAt = (path: string, date: string, hops?: string[], id = 'parent@example.org') => mail(path, { id, date, body: BUDGET, hops });
  const replyAt = (date: string, hops?: string[]) =>
    mail('mail/paul.durand/Sent.mbox!message-5', {
      id: 'reply@example.org',
      from: 'Paul Durand <paul.durand@example.org>',
      to: 'Claire Martin <claire.martin@example.org>',
      subject: 'RE: Budget 2024',
      date,
      irt: 'parent@example.org',
      body: 'Thanks, noted.\n',
      hops,
    });

  it('4 days before, both clocks confirmed by their servers: medium', async () => {
    const p = await parentAt('mail/paul.durand/Inbox.mbox!message-3', 'Tue, 5 Mar 2024 10:12:03 +0100', ['Tue, 5 Mar 2024 10:12:05 +0100']);
    const r = await replyAt('Fri, 1 Mar 2024 09:00:00 +0100', ['Fri, 1 Mar 2024 09:00:02 +0100']);
    expect(flagged([p, r])).toEqual([['mail/paul.durand/Sent.mbox!message-5', 'medium']]);
  });

  it('innocent: the servers had the parent first (the replier’s clock was 4 days behind) is low', async () => {
    const p = await parentAt('mail/paul.durand/Inbox.mbox!message-3', 'Tue, 5 Mar 2024 10:12:03 +0100', ['Tue, 5 Mar 2024 10:12:05 +0100']);
    const r = await replyAt('Fri, 1 Mar 2024 11:00:00 +0100', ['Tue, 5 Mar 2024 11:00:04 +0100']);
    const out = run([p, r]);
    expect(out.map((x) => x.finding.severity)).toEqual(['low']);
    expect(out[0].finding.message).toMatch(/servers had the parent first/);
  });

  it('innocent: another copy of the parent ID dated later (the ID carried by two messages) does not make the reply early', async () => {
    const p = await parentAt('mail/claire.martin/Sent.mbox!message-9', 'Tue, 5 Mar 2024 10:12:03 +0100');
    const later = await mail('mail/claire.martin/Sent.mbox!message-20', {
      id: 'parent@example.org',
      date: 'Sat, 9 Mar 2024 10:00:00 +0100',
      body: OTHER,
    });
    const r = await replyAt('Tue, 5 Mar 2024 11:00:00 +0100');
    expect(run([later, p, r]).filter((x) => x.documentId === r.id)).toEqual([]);
  });

  it('innocent: a Date without a zone, 6 hours before, is within the ±14 h it allows', async () => {
    const p = await parentAt('mail/paul.durand/Inbox.mbox!message-3', 'Tue, 5 Mar 2024 10:12:03 +0100');
    const r = await replyAt('Tue, 5 Mar 2024 04:12:03');
    expect(run([p, r])).toEqual([]);
  });
});
