// The sender model on an organisation written for the test: four people in four time zones
// (Europe/Paris, America/New_York, Australia/Sydney, Asia/Kolkata) with four clients, a year of
// mail stored as sent and received copies, then forgeries of each family made the way a forger
// would (a hijacked account in another zone, another program, a script claiming a client, a copy
// dropped into an inbox) and the innocent lookalikes of each (a week abroad, a new phone used from
// then on, webmail, sent-folder copies in several languages, mailing-list copies). Recall per
// family and false positives are printed for the calibration note.

import { beforeAll, describe, expect, it } from 'vitest';
import { senderHabitsCheck } from '../../../../src/checks/email/sender-habits.js';
import type { CorpusDocument } from '../../../../src/checks/types.js';
import { DAY } from '../../../../src/checks/email/common.js';
import { NO_KEYS } from './support.js';
import {
  CLIENTS,
  intlOffset,
  javaMail,
  localInstant,
  makeOrg,
  message,
  ordinaryYear,
  phpMailer,
  pythonScript,
  type Org,
  type Person,
} from './sender-fixtures.js';

let claire: Person = {
  login: 'claire.martin',
  name: 'Claire Martin',
  zone: 'Europe/Paris',
  client: CLIENTS.thunderbird,
  sentFolder: 'Envoyés',
  layout: 'eml',
};
let paul: Person = {
  login: 'paul.durand',
  name: 'Paul Durand',
  zone: 'America/New_York',
  client: CLIENTS.outlook,
  sentFolder: 'Sent Items',
};
let lea: Person = { login: 'lea.nguyen', name: 'Léa Nguyen', zone: 'Australia/Sydney', client: CLIENTS.iphone, sentFolder: 'Sent' };
let ravi: Person = { login: 'ravi.iyer', name: 'Ravi Iyer', zone: 'Asia/Kolkata', client: CLIENTS.roundcube, sentFolder: 'Gesendet' };
let bob: Person = { login: 'bob.leroy', name: 'Bob Leroy', zone: 'Europe/Paris', client: CLIENTS.appleMail, sentFolder: 'Sent Messages' };

type Family = 'timezone' | 'client' | 'message-id' | 'signature';
interface Planted {
  name: string;
  family: Family;
  doc: CorpusDocument;
}
interface Lookalike {
  name: string;
  tempts: Family;
  docs: CorpusDocument[];
}

interface Config {
  name: string;
  year: number;
  perPerson: number;
  seed: number;
  /** Mailbox layouts swapped (eml folders for mbox files and the reverse). */
  swapLayouts: boolean;
  /** Forgeries a history this small cannot expose at medium, and why (asserted, so a change shows). */
  knownMisses: string[];
}

const CONFIGS: Config[] = [
  { name: '2023, 40 messages a person', year: 2023, perPerson: 40, seed: 7, swapLayouts: false, knownMisses: [] },
  { name: '2019, 24 messages a person, layouts swapped', year: 2019, perPerson: 24, seed: 19, swapLayouts: true, knownMisses: [] },
  {
    name: '2021, 14 messages a person',
    year: 2021,
    perPerson: 14,
    seed: 21,
    swapLayouts: false,
    knownMisses: [
      // The week in New York is 5 of Claire's 23 other messages: her zone explains 78 %, below the 80 % a medium needs (found as low).
      'Paris sender, July, winter offset +0100',
      // Paul's new iPhone (8 messages) beside 14 from Outlook is found since two clients in turn count as habits (recurrent share).
    ],
  },
];

describe.each(CONFIGS)('email.sender-habits on a test organisation ($name)', (cfg) => {
  let org: Org;
  let genuine: CorpusDocument[];
  const fakes: Planted[] = [];
  const lookalikes: Lookalike[] = [];
  let flagged: Map<string, { family: Family; severity: string; message: string }[]>;

  const Y = cfg.year;

  beforeAll(async () => {
    const swap = (p: Person): Person => (cfg.swapLayouts ? { ...p, layout: p.layout === 'eml' ? 'mbox' : 'eml' } : p);
    [claire, paul, lea, ravi, bob] = [claire, paul, lea, ravi, bob].map(swap);
    org = await makeOrg('example.org', [claire, paul, lea, ravi, bob]);
    genuine = await ordinaryYear(org, Y, cfg.perPerson, cfg.seed);
    const inbox = (owner: Person, layout: 'mbox' | 'eml' = owner.layout ?? 'mbox') => ({ kind: 'received' as const, owner, layout });
    const fake = async (name: string, family: Family, from: Person, t: number, o: Parameters<typeof message>[4]) =>
      fakes.push({ name, family, doc: await message(org, from, bob, t, o) });

    // Date header UTC offset: hijacked accounts (DKIM-signed, the sender's own client), a forger's clock.
    await fake('Paris sender, July, winter offset +0100', 'timezone', claire, localInstant('Europe/Paris', Y, 6, 12, 10), {
      offset: 60,
      storage: inbox(bob),
    });
    await fake('New York sender, January, summer offset -0400', 'timezone', paul, localInstant('America/New_York', Y, 0, 18, 15), {
      offset: -240,
      storage: inbox(bob),
    });
    await fake('Sydney sender, June (southern winter), DST offset +1100', 'timezone', lea, localInstant('Australia/Sydney', Y, 5, 20, 9), {
      offset: 660,
      storage: inbox(bob),
    });
    await fake('Kolkata sender, forger in Moscow +0300', 'timezone', ravi, localInstant('Asia/Kolkata', Y, 8, 5, 11), {
      offset: 180,
      storage: inbox(bob, 'eml'),
    });

    // Mail client: a client the sender never uses, through their own account (signed, usual route).
    await fake('Thunderbird user, message from Outlook 16', 'client', claire, localInstant('Europe/Paris', Y, 4, 16, 14), {
      client: CLIENTS.outlook,
      storage: inbox(bob),
    });
    await fake('Outlook user, message from Apple Mail', 'client', paul, localInstant('America/New_York', Y, 2, 9, 10), {
      client: CLIENTS.appleMail,
      storage: inbox(bob),
    });
    await fake('iPhone user, message from Thunderbird', 'client', lea, localInstant('Australia/Sydney', Y, 9, 3, 16), {
      client: CLIENTS.thunderbird,
      storage: inbox(bob, 'eml'),
    });

    // Message-ID syntax: a script claiming the sender's own client.
    await fake('script with make_msgid claiming Outlook 16', 'message-id', paul, localInstant('America/New_York', Y, 4, 2, 11), {
      client: pythonScript('Microsoft Outlook 16.0'),
      storage: inbox(bob),
    });
    await fake('PHPMailer claiming Thunderbird', 'message-id', claire, localInstant('Europe/Paris', Y, 8, 21, 9), {
      client: phpMailer('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:115.0) Gecko/20100101 Thunderbird/115.6.0'),
      storage: inbox(bob),
    });
    await fake('JavaMail claiming iPhone Mail', 'message-id', lea, localInstant('Australia/Sydney', Y, 10, 14, 12), {
      client: javaMail('iPhone Mail (20B101)'),
      storage: inbox(bob),
    });

    await fake('script with make_msgid and no X-Mailer (Roundcube user)', 'message-id', ravi, localInstant('Asia/Kolkata', Y, 9, 12, 10), {
      client: pythonScript(),
      storage: inbox(bob),
    });

    // Missing internal signature: copies dropped into an inbox.
    await fake('internal .eml in an inbox, no DKIM, no hops', 'signature', claire, localInstant('Europe/Paris', Y, 3, 4, 10), {
      storage: { kind: 'received', owner: bob, layout: 'eml', hops: 'none', dkim: false },
    });
    await fake('internal mbox copy, hops of another server, no DKIM', 'signature', ravi, localInstant('Asia/Kolkata', Y, 6, 25, 15), {
      storage: { kind: 'received', owner: bob, hops: 'foreign', dkim: false },
    });
    await fake('internal mbox copy, no DKIM, no hops', 'signature', paul, localInstant('America/New_York', Y, 10, 28, 9), {
      storage: { kind: 'received', owner: bob, hops: 'none', dkim: false },
    });

    // A colleague who writes little: judged against the domain's received copies.
    const nora: Person = { login: 'nora.petit', name: 'Nora Petit', zone: 'Europe/Paris', client: CLIENTS.thunderbird };
    for (let i = 0; i < 3; i++)
      genuine.push(
        await message(org, nora, bob, localInstant('Europe/Paris', Y, 2 + 3 * i, 7, 10), { storage: inbox(bob), seed: 1100 + i }),
      );
    await fake('low-volume colleague, no DKIM, no hops', 'signature', nora, localInstant('Europe/Paris', Y, 10, 7, 10), {
      storage: { kind: 'received', owner: bob, hops: 'none', dkim: false },
    });

    // Innocent lookalikes.
    const trip: CorpusDocument[] = [];
    for (let i = 0; i < 5; i++)
      trip.push(
        await message(org, claire, bob, localInstant('America/New_York', Y, 9, 9 + i, 9 + i), {
          offset: intlOffset('America/New_York', Date.UTC(Y, 9, 10)),
          storage: inbox(bob),
          seed: 900 + i,
        }),
      );
    lookalikes.push({ name: 'a week in New York (Paris sender, 5 messages at -0400)', tempts: 'timezone', docs: trip });
    const dubai: CorpusDocument[] = [];
    for (let i = 0; i < 3; i++)
      dubai.push(
        await message(org, ravi, bob, localInstant('Asia/Dubai', Y, 2, 6 + i, 10), { offset: 240, storage: inbox(bob), seed: 950 + i }),
      );
    lookalikes.push({ name: 'three days in Dubai (Kolkata sender at +0400)', tempts: 'timezone', docs: dubai });

    const phone: CorpusDocument[] = [];
    for (let i = 0; i < 8; i++)
      phone.push(
        await message(org, paul, bob, localInstant('America/New_York', Y, 7 + Math.floor(i / 2), 3 + 7 * (i % 2), 19), {
          client: CLIENTS.iphone,
          storage: inbox(bob),
          seed: 980 + i,
        }),
      );
    lookalikes.push({ name: 'a new iPhone, used from August on (Outlook user)', tempts: 'client', docs: phone });
    const webmail: CorpusDocument[] = [];
    for (let i = 0; i < 4; i++)
      webmail.push(
        await message(org, lea, bob, localInstant('Australia/Sydney', Y, 1 + 3 * i, 11, 21), {
          client: CLIENTS.roundcube,
          storage: inbox(bob),
          seed: 1010 + i,
        }),
      );
    lookalikes.push({ name: 'webmail now and then (iPhone user, 4 messages over the year)', tempts: 'client', docs: webmail });
    lookalikes.push({
      name: 'one webmail message (Gmail web, no X-Mailer)',
      tempts: 'client',
      docs: [
        await message(org, claire, bob, localInstant('Europe/Paris', Y, 5, 7, 22), {
          client: CLIENTS.gmailWeb,
          storage: inbox(bob),
          seed: 1030,
        }),
      ],
    });

    const sentCopies = genuine.filter((d) => !d.facts.email?.received.length);
    lookalikes.push({
      name: `sent-folder copies (Envoyés, Sent Items, Sent, Gesendet, Sent Messages): ${sentCopies.length}`,
      tempts: 'signature',
      docs: sentCopies,
    });
    lookalikes.push({
      name: 'Gmail export: sent copy labelled X-Gmail-Labels: Sent in an "All Mail" folder',
      tempts: 'signature',
      docs: [
        await message(org, paul, bob, localInstant('America/New_York', Y, 5, 14, 10), {
          storage: { kind: 'sent', owner: paul, folder: 'All Mail', gmailLabel: true },
          seed: 1040,
        }),
      ],
    });
    lookalikes.push({
      name: "the owner's own message in an oddly named folder, without hops",
      tempts: 'signature',
      docs: [
        await message(org, bob, claire, localInstant('Europe/Paris', Y, 6, 3, 10), {
          storage: { kind: 'sent', owner: bob, folder: 'Archives 2023' },
          seed: 1050,
        }),
      ],
    });
    const list: CorpusDocument[] = [];
    for (let i = 0; i < 3; i++)
      list.push(
        await message(org, claire, bob, localInstant('Europe/Paris', Y, 4 + i, 20, 10), {
          storage: { kind: 'list', owner: bob },
          seed: 1060 + i,
        }),
      );
    lookalikes.push({ name: 'mailing-list copies (List-Id, no DKIM, no hops)', tempts: 'signature', docs: list });

    const all = [
      ...genuine.filter((d) => !sentCopies.includes(d)),
      ...sentCopies,
      ...fakes.map((f) => f.doc),
      ...lookalikes.filter((l) => !l.name.startsWith('sent-folder')).flatMap((l) => l.docs),
    ];
    flagged = new Map();
    for (const r of senderHabitsCheck.run(() => all, NO_KEYS)) {
      const list = flagged.get(r.documentId) ?? [];
      list.push({ family: (r.finding.evidence as { family: Family }).family, severity: r.finding.severity, message: r.finding.message });
      flagged.set(r.documentId, list);
    }
  }, 120_000);

  const strong = (id: string) => (flagged.get(id) ?? []).filter((f) => f.severity === 'medium' || f.severity === 'high');

  it('finds every planted forgery at medium or higher, by the family it belongs to', () => {
    const families = new Map<Family, { planted: number; found: number; missed: string[] }>();
    for (const f of fakes) {
      const s = families.get(f.family) ?? { planted: 0, found: 0, missed: [] };
      s.planted++;
      if (strong(f.doc.id).some((x) => x.family === f.family)) s.found++;
      else s.missed.push(`${f.name}: ${JSON.stringify(flagged.get(f.doc.id) ?? [])}`);
      families.set(f.family, s);
    }
    console.log(`Recall per family:\n${[...families].map(([k, v]) => `  ${k.padEnd(11)} ${v.found}/${v.planted}`).join('\n')}`);
    const missed = [...families.values()].flatMap((v) => v.missed);
    expect(missed.map((m) => m.slice(0, m.indexOf(':')))).toEqual(cfg.knownMisses);
  });

  it('flags no innocent lookalike at medium or higher', () => {
    const report = lookalikes.map((l) => ({ name: l.name, strong: l.docs.filter((d) => strong(d.id).length).length, of: l.docs.length }));
    console.log(`Lookalikes (medium+ / documents):\n${report.map((r) => `  ${r.strong}/${r.of}  ${r.name}`).join('\n')}`);
    expect(report.filter((r) => r.strong > 0)).toEqual([]);
  });

  it('flags no genuine message at medium or higher', () => {
    const fp = genuine.filter((d) => strong(d.id).length);
    console.log(`False positives: ${fp.length} of ${genuine.length} genuine copies`);
    expect(fp.map((d) => `${d.path}: ${JSON.stringify(flagged.get(d.id))}`)).toEqual([]);
  });

  it.skipIf(cfg.knownMisses.includes('Paris sender, July, winter offset +0100'))(
    'shows the sender’s own distribution as evidence of a time-zone finding',
    () => {
      const f = fakes.find((x) => x.name.startsWith('Paris sender'))!;
      const finding = strong(f.doc.id).find((x) => x.family === 'timezone')!;
      expect(finding.message).toMatch(/\+0100 in standard time \d+×/);
      expect(finding.message).toMatch(/\+0200 in daylight time \d+×/);
      expect(finding.message).toMatch(/other half of the year: it was \+0200 on this date/);
    },
  );

  it('keeps a week of travel at most low and says why', () => {
    const trip = lookalikes[0].docs;
    for (const d of trip) expect((flagged.get(d.id) ?? []).filter((x) => x.family === 'timezone' && x.severity !== 'low')).toEqual([]);
    expect(trip.length).toBe(5);
    expect(DAY).toBeGreaterThan(0);
  });
});
