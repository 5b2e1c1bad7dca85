// The genuine population of a bench dump: a year of work mail (threads with replies that quote their
// originals, forwards, attachments, external correspondents, a mailing list, the scanner's
// scan-to-mail), the shared drive (Office files, PDFs, scans, one zip archive) and photo folders.
// Innocent lookalikes are produced here too, as the ordinary habits they are (a trip abroad, a new
// phone, webmail, re-saves by colleagues); lookalikes.ts labels them and adds the rarer ones.

import type { Prng } from '../../demo/prng.js';
import { DAY, MINUTE, offsetAt, postfixDate, rfc5322, SECOND, zoneAbbreviation } from './clock.js';
import { compose } from './clients.js';
import { forwardBody, forwardSubject, replyBody, replySubject } from './quoting.js';
import { makeOfficeDoc, makePdfDoc, makeScan, safeName, suiteOf, workTimeBefore, type Doc } from './documents.js';
import type { Attachment, ClientId, Person } from './mail-model.js';
import { deliver } from './mta.js';
import { prepend } from './mta-core.js';
import { scannerRelay } from './mta-holdout.js';
import { sentFromPhone } from './locale-text.js';
import { langOf, type Lang, type Writer } from './text.js';
import { CAMERAS, shoot } from './photos.js';
import type { MailRecord, World } from './world.js';

export function attachmentOf(doc: Doc): Attachment {
  return { filename: doc.filename, contentType: doc.contentType, data: doc.data };
}

const HOLDOUT_FOLDERS: Partial<Record<Lang, ReturnType<typeof folders>>> = {
  de: {
    projects: 'Ablage/Mandanten',
    finance: 'Ablage/Buchhaltung',
    reports: 'Ablage/Berichte',
    scans: 'Ablage/Scans',
    photos: 'Fotos',
    archive: 'Archiv/Mandanten',
  },
  pt: {
    projects: 'Documentos/Projetos',
    finance: 'Documentos/Financeiro',
    reports: 'Documentos/Relatórios',
    scans: 'Documentos/Digitalizações',
    photos: 'Fotos',
    archive: 'Arquivo/Projetos',
  },
  ja: {
    projects: '共有/案件',
    finance: '共有/経理',
    reports: '共有/報告書',
    scans: '共有/スキャン',
    photos: '写真',
    archive: 'アーカイブ/案件',
  },
};

export function folders(world: World): {
  projects: string;
  finance: string;
  reports: string;
  scans: string;
  photos: string;
  archive: string;
} {
  const h = world.org.params.holdout ? HOLDOUT_FOLDERS[world.org.params.language] : undefined;
  if (h) return h;
  const fr = world.org.params.language === 'fr';
  return {
    projects: fr ? 'Partage/Projets' : 'Shared/Projects',
    finance: fr ? 'Partage/Finances' : 'Shared/Finance',
    reports: fr ? 'Partage/Rapports' : 'Shared/Reports',
    scans: fr ? 'Partage/Scans' : 'Shared/Scans',
    photos: 'Photos',
    archive: fr ? 'Archives/Projets' : 'Archives/Projects',
  };
}

/** A random working-day instant between the dump's start and `endMargin` days before its end. */
function randomDay(world: World, p: Person, prng: Prng, endMargin = 12): number {
  const span = world.org.end - world.org.start - endMargin * DAY;
  const t = world.org.start + Math.floor(prng.next() * span);
  return world.nextTime(p, t, prng, false).at;
}

function pickStaff(world: World, prng: Prng, not: Person[] = []): Person {
  const pool = world.org.staff.filter((p) => !not.includes(p));
  return prng.pick(pool);
}

function pickLeaked(world: World, prng: Prng, not: Person[] = []): Person {
  const pool = world.org.leaked.map((l) => l.person).filter((p) => !not.includes(p));
  return pool.length ? prng.pick(pool) : pickStaff(world, prng, not);
}

/** A document the sender attaches, made shortly before sending. */
async function attachmentFor(world: World, sender: Person, at: number, topic: string, prng: Prng): Promise<Doc | null> {
  const org = world.org;
  const ext = world.externalOf(sender);
  if (sender.external && ext?.ext.kind === 'gmail') return null;
  const kind = prng.weighted([
    ['docx', 4],
    ['xlsx', 2],
    ['pdf', 3],
  ] as const);
  const created = workTimeBefore(sender, at, prng.int(0, 20), prng);
  const modified = Math.min(at - prng.int(3, 90) * MINUTE, created + prng.int(10, 600) * MINUTE);
  const author = sender;
  const company = ext ? ext.ext.name : undefined;
  if (kind === 'pdf') {
    const doc = await makePdfDoc(org, { author, created: modified, topic }, prng);
    return doc;
  }
  return makeOfficeDoc(org, { kind, author, created: Math.min(created, modified), modified, topic, company }, prng);
}

async function thread(world: World, prng: Prng, i: number): Promise<void> {
  const org = world.org;
  const w = org.writer;
  const H = !!org.params.holdout;
  const topic = w.topic(prng);
  const kind = prng.weighted([
    ['internal', 62],
    ['inbound', 24],
    ['outbound', 14],
  ] as const);
  let from: Person, to: Person[], cc: Person[];
  if (kind === 'internal') {
    from = prng.chance(0.55) ? pickLeaked(world, prng) : pickStaff(world, prng);
    const first = world.isLeaked(from) && prng.chance(0.5) ? pickStaff(world, prng, [from]) : pickLeaked(world, prng, [from]);
    to = [first];
    if (prng.chance(0.3)) to.push(pickStaff(world, prng, [from, first]));
    cc = prng.chance(0.25) ? [pickStaff(world, prng, [from, ...to])] : [];
  } else if (kind === 'inbound') {
    const e = prng.pick(org.externals);
    from = prng.pick(e.people);
    to = [pickLeaked(world, prng)];
    cc = prng.chance(0.25) ? [pickStaff(world, prng, to)] : [];
  } else {
    from = pickLeaked(world, prng);
    const e = prng.pick(org.externals);
    to = [prng.pick(e.people)];
    cc = prng.chance(0.2) ? [pickStaff(world, prng, [from])] : [];
  }
  let at = from.external ? world.nextTime(from, randomDay(world, to[0], prng), prng, false).at : randomDay(world, from, prng);
  let phone = false;
  if (!from.external) ({ at, phone } = world.nextTime(from, at - 30 * MINUTE, prng));
  let client = from.external ? from.client : world.clientFor(from, at, phone, prng);
  if (H && from.external && from.mobile && prng.chance(from.mobileShare)) client = from.mobile;
  const wf = H ? world.writerFor(from) : w;
  const tp = H ? wf.topic(prng) : topic;
  const subject = wf.subject(prng, tp);
  const text = H
    ? holdoutText(world, prng, wf, tp, from, to[0], client)
    : w.mail(prng, topic, to[0].first || to[0].name, from.first, undefined);
  const letter = world.letter(
    from,
    to,
    cc,
    subject,
    client === 'iphone' && !H
      ? `${text}\n\n${phone ? (from.locale === 'fr-FR' ? 'Envoyé de mon iPhone' : 'Sent from my iPhone') : ''}`.trim()
      : text,
    at,
    client,
    prng,
  );
  if (prng.chance(0.3) && client !== 'scanner') {
    const doc = await attachmentFor(world, from, at, tp, prng);
    if (doc) {
      letter.attachments.push(attachmentOf(doc));
      world.docs.push({ doc });
    }
  }
  let last = await world.send(letter, prng);
  if (letter.attachments.length) world.docs[world.docs.length - 1].record = last;
  const participants = [from, ...to, ...cc];
  const replies = prng.weighted([
    [0, 3],
    [1, 4],
    [2, 3],
    [3, 1],
  ] as const);
  for (let r = 0; r < replies; r++) {
    const prev = last.letter;
    const candidates = participants.filter((p) => p !== prev.from);
    const replier = prng.pick(candidates);
    const step = replier.external
      ? { at: prev.date + prng.int(30, 2880) * MINUTE, phone: false }
      : world.nextTime(replier, prev.date + prng.int(2, 600) * MINUTE, prng);
    client = replier.external ? replier.client : world.clientFor(replier, step.at, step.phone, prng);
    if (H && replier.external && replier.mobile && prng.chance(replier.mobileShare)) client = replier.mobile;
    const typed = H
      ? holdoutReply(world, prng, replier, prev.from, client)
      : w.shortReply(prng, prev.from.first || prev.from.name, replier.first);
    const off = offsetAt(world.zoneAt(replier, step.at), step.at);
    const body = replyBody(client, replier, typed, last.quoted, off);
    const replyAll = prng.chance(0.4);
    const rto = [prev.from];
    const rcc = replyAll ? participants.filter((p) => p !== replier && p !== prev.from) : [];
    const reply = world.letter(
      replier,
      rto,
      rcc,
      replySubject(client, prev.subject, H ? replier.locale : undefined),
      body,
      step.at,
      client,
      prng,
      {
        inReplyTo: prev.messageId,
        references: [...prev.references, prev.messageId].slice(-8),
      },
    );
    last = await world.send(reply, prng);
  }
  if (prng.chance(0.12)) {
    const fwder = participants.find((p) => !p.external && world.isLeaked(p)) ?? participants.find((p) => !p.external);
    if (fwder) {
      const target = prng.chance(0.7) ? pickStaff(world, prng, participants) : prng.pick(prng.pick(org.externals).people);
      const step = world.nextTime(fwder, last.letter.date + prng.int(60, 4000) * MINUTE, prng, false);
      const fc = world.clientFor(fwder, step.at, false, prng);
      const off = offsetAt(world.zoneAt(fwder, step.at), step.at);
      const typed = H
        ? `${prng.pick(FYI[langOf(fwder.locale)])}\n\n${world.callName(fwder) === fwder.last ? fwder.name : fwder.first}`
        : `${w.fill(prng, prng.pick(['FYI.', 'Pour info.', 'See below.', 'Voir ci-dessous.']))}\n\n${fwder.first}`;
      const asAttachment = fc === 'roundcube' && prng.chance(0.5);
      const fwd = world.letter(
        fwder,
        [target],
        [],
        forwardSubject(fc, fwder, last.letter.subject),
        asAttachment ? typed : forwardBody(fc, fwder, typed, last.quoted, off),
        step.at,
        fc,
        prng,
      );
      // Forwarded as an attachment: the forwarder's own copy of the message (as received, or as sent).
      const own =
        last.copies.find((c) => c.owner === fwder)?.raw ??
        (last.letter.from === fwder || !last.submitted
          ? last.composed
          : deliver(world.org.infra, last.submitted, last.letter.from.email, fwder, last.signedAt ?? last.letter.date, prng).raw);
      if (asAttachment)
        fwd.attachments.push({ filename: `${safeName(last.letter.subject)}.eml`, contentType: 'message/rfc822', data: own, rfc822: true });
      else fwd.attachments.push(...letter.attachments);
      await world.send(fwd, prng);
    }
  }
  void i;
}

const FYI: Record<Lang, string[]> = {
  fr: ['Pour info.'],
  en: ['FYI.', 'See below.', 'FYI, see below.'],
  de: ['Zur Info.', 'Siehe unten.', 'Zur Kenntnis.'],
  pt: ['Para conhecimento.', 'Segue abaixo.', 'FYI.'],
  ja: ['ご参考まで。', '下記、転送します。'],
};

/** A hold-out mail: the sender's language, colleagues addressed as they are in that language, the
 *  client's own signature line (phones), a colleague's signature, and now and then a link (seed 6). */
function holdoutText(world: World, prng: Prng, w: Writer, topic: string, from: Person, to: Person, client: ClientId): string {
  let text = w.mail(prng, topic, world.callName(to), from.locale === 'ja-JP' ? from.last : from.first, from.signature);
  const links = world.org.params.holdout?.links;
  if (links && from.external && prng.chance(0.35)) text = text.replace(/\n\n/, `\n\n${prng.pick(links)}\n\n`);
  if (client === 'iphone') text = `${text}\n\n${sentFromPhone(from.locale, 'iphone')}`;
  if (client === 'samsung-email') text = `${text}\n\n${sentFromPhone(from.locale, 'samsung')}`;
  return text;
}

function holdoutReply(world: World, prng: Prng, replier: Person, to: Person, client: ClientId): string {
  const w = world.writerFor(replier);
  const typed = w.shortReply(prng, world.callName(to), replier.locale === 'ja-JP' ? replier.last : replier.first);
  return replier.signature && client !== 'iphone' ? `${typed}\n${replier.signature}` : typed;
}

const SCANNED: Partial<Record<Lang, [string, string]>> = {
  de: ['Gescanntes Dokument', 'Gescannt von'],
  pt: ['Documento digitalizado', 'Digitalizado em'],
  ja: ['スキャンデータ', 'スキャナー:'],
};

/** The scanner's scan-to-mail: relayed to the mailbox server without passing the signing milter. */
async function scanToMail(world: World, to: Person, at: number, prng: Prng): Promise<MailRecord> {
  const org = world.org;
  const scan = await makeScan(org, at - prng.int(20, 90) * SECOND, prng.int(1, 3), prng);
  const fr = org.params.language === 'fr';
  const scanned = SCANNED[org.params.language];
  const letter = world.letter(
    org.scanner,
    [to],
    [],
    scanned ? scanned[0] : fr ? 'Document numérisé' : 'Scanned document',
    scanned
      ? `${scanned[1]} ${org.params.scanner.name}`
      : fr
        ? 'Numérisé depuis ' + org.params.scanner.name
        : 'Scanned from ' + org.params.scanner.name,
    at,
    'scanner',
    prng,
  );
  letter.attachments.push({ filename: scan.filename, contentType: 'application/pdf', data: scan.data });
  const record = world.record(letter, compose(letter, prng, world.ctx));
  const composed = record.composed;
  world.docs.push({ doc: scan, record });
  const t = at + prng.int(1, 4) * SECOND;
  const infra = org.infra;
  if (org.params.holdout) {
    const relayed = await scannerRelay(infra, composed, org.params.scanner.name.replace(/\s+/g, '-').toUpperCase(), to, t, prng);
    const dh = deliver(infra, relayed, org.scanner.email, to, t, prng);
    record.copies.push(world.receivedCopy(letter, to, dh, prng));
    return record;
  }
  const hop =
    infra.kind === 'google'
      ? `Received: from XRX0000AA${prng.hex(6).toUpperCase()} ([${infra.lanPrefix}.240])\r\n        by smtp-relay.gmail.com with ESMTPS id ${prng.hex(2)}sm${prng.int(1000000, 9999999)}.${prng.int(10, 99)}\r\n        for <${to.email}>\r\n        (version=TLS1_2 cipher=ECDHE-RSA-AES128-GCM-SHA256 bits=128/128);\r\n        ${rfc5322(t, offsetAt('America/Los_Angeles', t), true)} (${offsetAt('America/Los_Angeles', t) === -420 ? 'PDT' : 'PST'})`
      : infra.kind === 'exchange'
        ? `Received: from mfp-syd-01 (${infra.lanPrefix}.240) by ${infra.exchange![to.site ?? 'SYD'].host} (${infra.exchange![to.site ?? 'SYD'].ip}) with Microsoft SMTP Server id 15.1.2242.4 via Frontend Transport; ${rfc5322(t, offsetAt(to.zone, t))}`
        : `Received: from RNP002673${prng.hex(6).toUpperCase()} (unknown [${infra.lanPrefix}.240])\r\n\tby ${infra.host} (Postfix) with ESMTP id ${prng.hex(10).toUpperCase()}\r\n\tfor <${to.email}>; ${postfixDate(t, offsetAt(infra.zone, t), zoneAbbreviation(infra.zone, t))}`;
  const d = deliver(infra, prepend(composed, [hop]), org.scanner.email, to, t, prng);
  record.copies.push(world.receivedCopy(letter, to, d, prng));
  return record;
}

async function listTraffic(world: World, prng: Prng): Promise<void> {
  const org = world.org;
  const posts = prng.int(5, 8);
  for (let i = 0; i < posts; i++) {
    const { person, ext } = prng.pick(org.listPosters);
    const at = randomDay(world, person, prng, 5);
    const topic = org.writer.topic(prng);
    const letter = world.letter(
      person,
      [{ ...person, name: org.list.description, email: org.list.address, first: '' }],
      [],
      org.writer.subject(prng, topic),
      org.writer.mail(prng, topic, '', person.first),
      at,
      person.client,
      prng,
    );
    await world.listPost(letter, ext, prng, org.listSubscribers);
  }
}

async function sharedDrive(world: World, prng: Prng): Promise<void> {
  const org = world.org;
  const f = folders(world);
  const n = org.params.looseDocuments;
  for (let i = 0; i < n; i++) {
    const author = pickStaff(world, prng);
    const topic = org.writer.topic(prng);
    const kind = prng.weighted([
      ['docx', 5],
      ['xlsx', 3],
      ['pdf', 3],
      ['scan', 1],
    ] as const);
    const created = randomDay(world, author, prng, 20);
    const modified = world.nextTime(author, created + prng.int(0, 9) * DAY, prng, false).at;
    const topicFolder = safeName(topic.replace(/^(the|les|le|la|l’)\s+/i, '')).replace(/^./, (c) => c.toUpperCase());
    if (kind === 'scan') {
      const doc = await makeScan(org, created, prng.int(1, 4), prng);
      const file = world.addFile(`${f.scans}/${doc.filename}`, doc.data, created);
      world.docs.push({ doc, file });
      continue;
    }
    if (kind === 'pdf') {
      const suite = suiteOf(author, org);
      const doc = await makePdfDoc(
        org,
        {
          author,
          created: modified,
          topic,
          producer:
            prng.chance(0.15) && suite !== 'libreoffice'
              ? {
                  kind: 'acrobat',
                  library: 'Adobe PDF Library 15.0',
                  creator: 'Acrobat PDFMaker 15 for Word',
                  xmpCore: 'Adobe XMP Core 5.6-c015 84.158116, 2016/06/03-00:23:50        ',
                }
              : undefined,
        },
        prng,
      );
      const file = world.addFile(`${f.reports}/${doc.filename}`, doc.data, modified);
      world.docs.push({ doc, file });
      continue;
    }
    const doc = await makeOfficeDoc(org, { kind, author, created, modified, topic }, prng);
    const folder = kind === 'xlsx' ? f.finance : `${f.projects}/${topicFolder}`;
    const file = world.addFile(`${folder}/${doc.filename}`, doc.data, modified);
    world.docs.push({ doc, file });
  }
  // An archive of older project files, zipped by someone in IT.
  const members = prng.int(4, 6);
  const year = new Date(org.start).getUTCFullYear();
  for (let i = 0; i < members; i++) {
    const author = pickStaff(world, prng);
    const topic = org.writer.topic(prng);
    const created = randomDay(world, author, prng, 200);
    const doc = await makeOfficeDoc(
      org,
      { kind: prng.chance(0.7) ? 'docx' : 'xlsx', author, created, modified: created + prng.int(1, 300) * MINUTE, topic },
      prng,
    );
    const file = world.addFile(`${f.archive}-${year}.zip!${f.archive.split('/')[1]} ${year}/${doc.filename}`, doc.data, created);
    world.docs.push({ doc, file });
  }
}

async function photoFolders(world: World, prng: Prng): Promise<void> {
  const org = world.org;
  const events = Math.max(2, Math.round(org.params.photos / 6));
  let counter = prng.int(1200, 6000);
  let made = 0;
  for (let e = 0; e < events && made < org.params.photos; e++) {
    const owner = pickStaff(world, prng);
    const camera = CAMERAS[org.params.cameras[e % org.params.cameras.length]];
    let at = randomDay(world, owner, prng, 10);
    const folder = `Photos/${new Date(at).toISOString().slice(0, 10)} ${safeName(org.writer.event(prng))}`;
    const shots = Math.min(org.params.photos - made, prng.int(4, 7));
    for (let s = 0; s < shots; s++) {
      at += prng.int(20, 600) * SECOND;
      const photo = shoot(camera, at, world.zoneAt(owner, at), counter++, prng, { portrait: camera.make === 'Apple' && prng.chance(0.3) });
      const file = world.addFile(`${folder}/${photo.fileName}`, photo.jpeg, at);
      world.photos.push({ photo, file });
      made++;
    }
  }
}

/** Builds the genuine population into `world`. */
export async function populate(world: World): Promise<void> {
  const org = world.org;
  const prng = world.prng.fork(11);
  for (let i = 0; i < org.params.threads; i++) await thread(world, prng.fork(100 + i), i);
  await listTraffic(world, prng.fork(5));
  const scanPrng = prng.fork(6);
  for (let i = 0; i < 5; i++) {
    const to = pickLeaked(world, scanPrng);
    await scanToMail(world, to, randomDay(world, to, scanPrng), scanPrng);
  }
  await sharedDrive(world, prng.fork(7));
  await photoFolders(world, prng.fork(8));
}
