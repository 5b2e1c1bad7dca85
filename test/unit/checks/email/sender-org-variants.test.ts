// The sender model on organisations whose senders have short histories (6 to 25 messages each,
// 5 to 25 staff), where a sender's habits must be judged with the organisation's: zones Europe/Paris,
// America/New_York, Australia/Sydney, Asia/Kolkata, Europe/Berlin, America/Sao_Paulo (no DST since
// 2019) and Asia/Tokyo; clients Outlook (Windows, Mac, web), Apple Mail, iPhone, Thunderbird, Gmail
// web, Samsung Email, Spark; mailboxes exported as mbox folders, eml folders or one mbox per person.
// Forgeries are made as a forger with the account's password would (the victim's client headers
// copied, the organisation's DKIM signature): another clock, another program, a script's
// Message-ID, a copy dropped into an inbox. Innocent lookalikes: a trip (several messages in the
// local zone), a new phone used from then on, webmail now and then (server zone, server IDs), one
// webmail message, sent copies. Recall per family and false positives are printed and asserted.

import { beforeAll, describe, expect, it } from 'vitest';
import { prng } from '../../../../src/bench/synthetic-case.js';
import { senderHabitsCheck } from '../../../../src/checks/email/sender-habits.js';
import type { CorpusDocument } from '../../../../src/checks/types.js';
import { NO_KEYS } from './support.js';
import {
  CLIENTS,
  intlOffset,
  javaMailId,
  makeMsgid,
  makeOrg,
  message,
  outlookId,
  phpMailer5,
  phpMailer6Id,
  swaks,
  withForeignId,
  type ClientRecipe,
  type Org,
  type Person,
  type Storage,
} from './sender-fixtures.js';

type Family = 'timezone' | 'client' | 'message-id' | 'signature';
type ClientName = keyof typeof CLIENTS;

const DAY = 86_400_000;
/** The X-Mailer / User-Agent each client writes (what a forger copies from the victim's messages). */
const MAILER: Partial<Record<ClientName, string>> = {
  outlook: 'Microsoft Outlook 16.0',
  outlookMac: 'Microsoft-MacOutlook/16.78.23091003',
  appleMail: 'Apple Mail (2.3731.300.101.1.3)',
  iphone: 'iPhone Mail (20B101)',
  thunderbird: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:115.0) Gecko/20100101 Thunderbird/115.6.0',
};
const SENT_FOLDERS = ['Sent', 'Sent Items', 'Envoyés', 'Gesendet', 'Enviados', 'Sent Messages'];

interface Config {
  name: string;
  domain: string;
  /** First day of the dump and its length in days. */
  start: [number, number, number];
  days: number;
  seed: number;
  /** Staff: zone, client and how many people; `mix`: a second device used for a share of their mail. */
  staff: { zone: string; client: ClientName; n: number; mix?: { client: ClientName; share: number } }[];
  perPerson: number;
  layout: 'mbox' | 'eml' | 'single';
}

const CONFIGS: Config[] = [
  {
    name: 'Paris firm, 8 staff, 10 messages each, mbox folders',
    domain: 'cabinet-lefort.fr',
    start: [2023, 0, 9],
    days: 300,
    seed: 3,
    staff: [
      { zone: 'Europe/Paris', client: 'outlook', n: 3 },
      { zone: 'Europe/Paris', client: 'appleMail', n: 2 },
      { zone: 'Europe/Paris', client: 'thunderbird', n: 2 },
      { zone: 'Europe/Paris', client: 'gmailWeb', n: 1 },
    ],
    perPerson: 10,
    layout: 'mbox',
  },
  {
    name: 'New York office, 15 staff, 15 messages each, one mbox per person',
    domain: 'hudsonpartners.com',
    start: [2022, 1, 1],
    days: 240,
    seed: 5,
    staff: [
      { zone: 'America/New_York', client: 'outlookMac', n: 4 },
      { zone: 'America/New_York', client: 'outlook', n: 5 },
      { zone: 'America/New_York', client: 'iphone', n: 3 },
      { zone: 'America/New_York', client: 'spark', n: 2 },
      { zone: 'America/New_York', client: 'gmailWeb', n: 1 },
    ],
    perPerson: 15,
    layout: 'single',
  },
  {
    name: 'Sydney and Kolkata, 12 staff, 25 messages each, eml folders',
    domain: 'southernarc.com.au',
    start: [2024, 2, 1],
    days: 200,
    seed: 8,
    staff: [
      { zone: 'Australia/Sydney', client: 'outlook', n: 3 },
      { zone: 'Australia/Sydney', client: 'samsung', n: 2 },
      { zone: 'Australia/Sydney', client: 'appleMail', n: 1 },
      { zone: 'Asia/Kolkata', client: 'gmailWeb', n: 3 },
      { zone: 'Asia/Kolkata', client: 'thunderbird', n: 3 },
    ],
    perPerson: 25,
    layout: 'eml',
  },
  {
    name: 'Berlin, Sao Paulo and Tokyo, 20 staff, 6 messages each, mbox folders',
    domain: 'kreuzer-logistik.de',
    start: [2022, 3, 1],
    days: 180,
    seed: 13,
    staff: [
      { zone: 'Europe/Berlin', client: 'outlook', n: 8 },
      { zone: 'Europe/Berlin', client: 'thunderbird', n: 4 },
      { zone: 'America/Sao_Paulo', client: 'outlook', n: 4 },
      { zone: 'Asia/Tokyo', client: 'appleMail', n: 4 },
    ],
    perPerson: 6,
    layout: 'mbox',
  },
  {
    name: 'Paris group, 25 staff, 10 messages each, eml folders',
    domain: 'groupe-valmont.fr',
    start: [2021, 8, 1],
    days: 330,
    seed: 21,
    staff: [
      { zone: 'Europe/Paris', client: 'outlook', n: 10 },
      { zone: 'Europe/Paris', client: 'outlookMac', n: 4 },
      { zone: 'Europe/Paris', client: 'iphone', n: 4 },
      { zone: 'Europe/Paris', client: 'gmailWeb', n: 4 },
      { zone: 'Europe/Paris', client: 'thunderbird', n: 3 },
    ],
    perPerson: 10,
    layout: 'eml',
  },
  {
    name: 'Lyon agency, 18 staff, 15 messages each, desktop and phone in turn, webmail-only users',
    domain: 'agence-rhone.fr',
    start: [2023, 2, 6],
    days: 250,
    seed: 34,
    staff: [
      { zone: 'Europe/Paris', client: 'outlook', n: 5, mix: { client: 'iphone', share: 0.3 } },
      { zone: 'Europe/Paris', client: 'appleMail', n: 4, mix: { client: 'iphone', share: 0.3 } },
      { zone: 'Europe/Paris', client: 'thunderbird', n: 3 },
      { zone: 'Europe/Paris', client: 'owa', n: 2 },
      { zone: 'Europe/Paris', client: 'gmailWeb', n: 4, mix: { client: 'samsung', share: 0.2 } },
    ],
    perPerson: 15,
    layout: 'mbox',
  },
];

interface Planted {
  name: string;
  family: Family;
  docs: CorpusDocument[];
}
interface Lookalike {
  name: string;
  docs: CorpusDocument[];
}

const SURNAMES = ['martin', 'bernard', 'dubois', 'thomas', 'robert', 'richard', 'petit', 'durand', 'leroy', 'moreau', 'simon', 'laurent'];

/** One organisation's dump: ordinary mail, planted forgeries and lookalikes. */
async function buildDump(cfg: Config) {
  const rnd = prng(cfg.seed);
  const people: Person[] = [];
  for (const g of cfg.staff)
    for (let i = 0; i < g.n; i++) {
      const k = people.length;
      people.push({
        login: `p${String(k).padStart(2, '0')}.${SURNAMES[k % SURNAMES.length]}`,
        name: `Person ${k}`,
        zone: g.zone,
        client: CLIENTS[g.client],
        sentFolder: SENT_FOLDERS[k % SENT_FOLDERS.length],
        layout: cfg.layout,
      });
    }
  const groupOf = cfg.staff.flatMap((g) => Array<(typeof cfg.staff)[number]>(g.n).fill(g));
  const clientOf = new Map(people.map((p, i) => [p, groupOf[i].client]));
  const mixOf = new Map(people.map((p, i) => [p, groupOf[i].mix]));
  const org: Org = await makeOrg(cfg.domain, people);
  const start = Date.UTC(...cfg.start);
  const genuine: CorpusDocument[] = [];
  let seed = cfg.seed * 1_000_000;
  const inbox = (owner: Person): Storage => ({ kind: 'received', owner, layout: owner.layout });
  const sent = (p: Person): Storage => ({ kind: 'sent', owner: p, folder: p.sentFolder, layout: p.layout });

  /** One message: the sender's sent copy and each recipient's received copy (same bytes but the route's). */
  async function send(from: Person, t: number, o: { client?: ClientRecipe; offset?: number } = {}): Promise<CorpusDocument[]> {
    const others = people.filter((x) => x !== from);
    const to = others[Math.floor(rnd() * others.length)];
    const cc = rnd() < 0.3 ? others.find((x) => x !== to) : undefined;
    const s = ++seed;
    const out = [await message(org, from, to, t, { ...o, seed: s, storage: sent(from) })];
    // Each recipient's copy names that recipient (as a Cc or a Delivered-To would).
    for (const r of cc ? [to, cc] : [to]) out.push(await message(org, from, r, t, { ...o, seed: s, storage: inbox(r) }));
    return out;
  }
  /** A working-hours instant on day `day` of the dump in the person's zone. */
  const at = (p: Person, day: number) => {
    const approx = start + day * DAY + (8 + Math.floor(rnd() * 10)) * 3_600_000 + Math.floor(rnd() * 3_600_000);
    return approx - intlOffset(p.zone, approx) * 60_000;
  };

  const times = new Map<Person, number[]>();
  for (const p of people) {
    const ts: number[] = [];
    for (let i = 0; i < cfg.perPerson; i++) ts.push(at(p, Math.floor(((i + rnd()) / cfg.perPerson) * cfg.days)));
    times.set(p, ts);
  }

  // Lookalikes, written into the histories of four people.
  const lookalikes: Lookalike[] = [];
  const [traveller, phoneUser, webmailUser, oneOff] = [people[1], people[2], people[3], people[4]];
  const tripZone = traveller.zone.startsWith('Europe') ? 'America/New_York' : 'Europe/London';
  const tripDay = Math.floor(cfg.days * 0.4);
  const trip: CorpusDocument[] = [];
  for (let i = 0; i < 3; i++) {
    const t = at({ ...traveller, zone: tripZone }, tripDay + 2 * i);
    trip.push(...(await send(traveller, t, { offset: intlOffset(tripZone, t) })));
  }
  lookalikes.push({ name: `a week in ${tripZone} (${traveller.zone} sender, 3 messages)`, docs: trip });
  const phone: CorpusDocument[] = [];
  const phoneClient = clientOf.get(phoneUser) === 'iphone' ? CLIENTS.samsung : CLIENTS.iphone;
  for (let i = 0; i < 4; i++)
    phone.push(...(await send(phoneUser, at(phoneUser, Math.floor(cfg.days * 0.6) + 12 * i), { client: phoneClient })));
  lookalikes.push({ name: `a new phone (${phoneClient.name}) from day ${Math.floor(cfg.days * 0.6)} on`, docs: phone });
  const webmail: CorpusDocument[] = [];
  for (let i = 0; i < 3; i++)
    webmail.push(...(await send(webmailUser, at(webmailUser, 20 + Math.floor((i * cfg.days) / 3)), { client: CLIENTS.owa })));
  lookalikes.push({ name: 'Outlook on the web now and then (UTC Date, Exchange Online IDs)', docs: webmail });
  const single =
    clientOf.get(oneOff) === 'gmailWeb'
      ? await send(oneOff, at(oneOff, Math.floor(cfg.days * 0.5)), { client: CLIENTS.owa })
      : await send(oneOff, at(oneOff, Math.floor(cfg.days * 0.5)), { client: CLIENTS.gmailWeb });
  lookalikes.push({ name: 'one webmail message', docs: single });

  for (const p of people)
    for (const t of times.get(p)!) {
      const mix = mixOf.get(p);
      genuine.push(...(await send(p, t, mix && rnd() < mix.share ? { client: CLIENTS[mix.client] } : {})));
    }
  const sentCopies = genuine.filter((d) => !d.facts.email?.received.length);
  lookalikes.push({ name: `sent copies (${sentCopies.length})`, docs: sentCopies });

  // Forgeries: a received copy in a colleague's inbox, at a random moment of the victim's history.
  const fakes: Planted[] = [];
  // Victims: anyone but the four people of the lookalikes.
  const victims = people.filter((_, i) => i === 0 || i >= 5);
  let v = 0;
  const victimFor = (want?: (p: Person) => boolean) => {
    for (let i = 0; i < victims.length; i++) {
      const p = victims[(v + i) % victims.length];
      if (!want || want(p)) {
        v = (v + i + 1) % victims.length;
        return p;
      }
    }
    throw new Error('no victim fits');
  };
  const plant = async (
    name: string,
    family: Family,
    victim: Person,
    o: { client?: ClientRecipe; offset?: (t: number) => number; storage?: Partial<Extract<Storage, { kind: 'received' }>> },
  ) => {
    // Between two of the victim's real messages, as a forger slips one into the flow of work.
    const ts = times.get(victim)!;
    const k = Math.floor(rnd() * (ts.length - 1));
    const t = ts[k] + (ts[k + 1] - ts[k]) * (0.3 + 0.4 * rnd());
    const owner = people.find((x) => x !== victim)!;
    const doc = await message(org, victim, owner, t, {
      client: o.client,
      offset: o.offset?.(t),
      seed: ++seed,
      storage: { ...inbox(owner), ...o.storage } as Storage,
    });
    fakes.push({ name: `${name} (${victim.zone}, ${victim.client.name})`, family, docs: [doc] });
  };
  const zoneOf = (p: Person) => (t: number) => intlOffset(p.zone, t);
  // Date header UTC offset.
  let p = victimFor();
  await plant('offset +0000', 'timezone', p, { offset: () => 0 });
  p = victimFor((x) => !x.zone.includes('Moscow'));
  await plant('offset +0300', 'timezone', p, { offset: () => 180 });
  p = victimFor((x) => ['Europe/Paris', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney'].includes(x.zone));
  {
    const zone = p.zone;
    // The other half of the year's offset: what a forger copies from an old message.
    await plant('wrong daylight-saving offset', 'timezone', p, {
      offset: (t) => {
        const now = intlOffset(zone, t);
        const other = intlOffset(zone, t + 182 * DAY);
        return other !== now ? other : now + 60;
      },
    });
  }
  p = victimFor();
  await plant('offset -0800 (a forger on the US west coast)', 'timezone', p, { offset: (t) => (zoneOf(p)(t) === -480 ? 60 : -480) });
  // Mail client.
  const oneOffs: ClientRecipe[] = [CLIENTS.k9, CLIENTS.evolution, CLIENTS.emClient, CLIENTS.claws, CLIENTS.mutt, CLIENTS.mailspring];
  for (let i = 0; i < 3; i++) {
    const c = oneOffs[(cfg.seed + i) % oneOffs.length];
    p = victimFor();
    await plant(`one-off ${c.name}`, 'client', p, { client: c });
  }
  // Message-ID syntax under the victim's own client headers.
  p = victimFor();
  await plant('Python make_msgid(domain=...) under the victim’s headers, hops appended below', 'message-id', p, {
    client: withForeignId(p.client, makeMsgid(cfg.domain)),
    storage: { hopsBelow: true },
  });
  if (people.some((x) => clientOf.get(x) === 'gmailWeb')) {
    p = victimFor((x) => clientOf.get(x) === 'gmailWeb');
    await plant('Outlook-form ID on Gmail web headers', 'message-id', p, { client: withForeignId(p.client, outlookId) });
  }
  p = victimFor((x) => MAILER[clientOf.get(x)!] !== undefined);
  await plant('PHPMailer 5.2 ID claiming the victim’s client', 'message-id', p, { client: phpMailer5(MAILER[clientOf.get(p)!]!) });
  p = victimFor();
  await plant(cfg.seed % 2 ? 'PHPMailer 6 ID under the victim’s headers' : 'JavaMail ID under the victim’s headers', 'message-id', p, {
    client: withForeignId(p.client, cfg.seed % 2 ? phpMailer6Id : javaMailId),
  });
  p = victimFor((x) => clientOf.get(x) === 'outlook');
  await plant('swaks claiming Outlook', 'message-id', p, { client: swaks('Microsoft Outlook 16.0') });
  // Missing internal signature.
  p = victimFor();
  await plant('hops copied from a genuine copy, DKIM-Signature removed', 'signature', p, { storage: { dkim: false } });
  p = victimFor();
  await plant('a delivery hop written by hand, no submission hop, no DKIM', 'signature', p, {
    storage: { dkim: false, hops: 'delivery-only' },
  });
  p = victimFor();
  await plant('no hops, no DKIM, dropped into an inbox', 'signature', p, { storage: { dkim: false, hops: 'none' } });

  const lookalikeDocs = new Set(lookalikes.flatMap((l) => l.docs));
  const all = [...genuine, ...lookalikes.flatMap((l) => l.docs.filter((d) => !genuine.includes(d))), ...fakes.flatMap((f) => f.docs)];
  return { genuine: genuine.filter((d) => !lookalikeDocs.has(d)), lookalikes, fakes, all };
}

interface Outcome {
  recall: Map<Family, { planted: number; found: number }>;
  missed: string[];
  lookalikeHits: string[];
  genuineHits: string[];
  genuine: number;
}

const outcomes: Outcome[] = [];

describe.each(CONFIGS)('email.sender-habits with short histories: $name', (cfg) => {
  let out: Outcome;
  let flagged: Map<string, { family: Family; severity: string; message: string }[]>;

  beforeAll(async () => {
    const dump = await buildDump(cfg);
    flagged = new Map();
    for (const r of senderHabitsCheck.run(() => dump.all, NO_KEYS)) {
      const list = flagged.get(r.documentId) ?? [];
      list.push({ family: (r.finding.evidence as { family: Family }).family, severity: r.finding.severity, message: r.finding.message });
      flagged.set(r.documentId, list);
    }
    const strong = (id: string) => (flagged.get(id) ?? []).filter((f) => f.severity === 'medium' || f.severity === 'high');
    out = { recall: new Map(), missed: [], lookalikeHits: [], genuineHits: [], genuine: dump.genuine.length };
    for (const f of dump.fakes) {
      const s = out.recall.get(f.family) ?? { planted: 0, found: 0 };
      s.planted++;
      if (f.docs.some((d) => strong(d.id).some((x) => x.family === f.family))) s.found++;
      else
        out.missed.push(
          `${f.family}: ${f.name}: ${JSON.stringify((flagged.get(f.docs[0].id) ?? []).map((x) => `${x.severity} ${x.message}`))}`,
        );
      out.recall.set(f.family, s);
    }
    for (const l of dump.lookalikes)
      for (const d of l.docs) if (strong(d.id).length) out.lookalikeHits.push(`${l.name}: ${d.path}: ${strong(d.id)[0].message}`);
    for (const d of dump.genuine) if (strong(d.id).length) out.genuineHits.push(`${d.path}: ${strong(d.id)[0].message}`);
    outcomes.push(out);
    console.log(
      `${cfg.name}\n${[...out.recall].map(([k, x]) => `  ${k.padEnd(11)} ${x.found}/${x.planted}`).join('\n')}\n` +
        `  lookalikes flagged: ${out.lookalikeHits.length}; genuine flagged: ${out.genuineHits.length} of ${out.genuine}\n` +
        out.missed.map((m) => `  missed ${m.slice(0, 600)}`).join('\n'),
    );
  }, 240_000);

  it('finds at least three in four forgeries of every family at medium or higher', () => {
    for (const [family, r] of out.recall) expect(r.found / r.planted, `${family}: ${out.missed.join('\n')}`).toBeGreaterThanOrEqual(0.75);
  });

  it('flags no innocent lookalike (trip, new phone, webmail, sent copies) at medium or higher', () => {
    expect(out.lookalikeHits).toEqual([]);
  });

  it('flags no genuine message at medium or higher', () => {
    expect(out.genuineHits).toEqual([]);
  });
});

describe('over all the organisations', () => {
  it('finds 95 % of the forgeries of every family', () => {
    const total = new Map<Family, { planted: number; found: number }>();
    for (const o of outcomes)
      for (const [k, r] of o.recall) {
        const t = total.get(k) ?? { planted: 0, found: 0 };
        t.planted += r.planted;
        t.found += r.found;
        total.set(k, t);
      }
    console.log(`All organisations:\n${[...total].map(([k, x]) => `  ${k.padEnd(11)} ${x.found}/${x.planted}`).join('\n')}`);
    expect(outcomes).toHaveLength(CONFIGS.length);
    for (const [family, r] of total) expect(r.found / r.planted, family).toBeGreaterThanOrEqual(0.95);
  });
});
