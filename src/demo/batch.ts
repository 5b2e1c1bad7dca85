// One batch of the organisation's activity: its mail (threads, attachments, partners, the mailing
// list) and its loose documents, written under a prefix of the dump. The main batch also receives the
// planted fakes (see plant.ts); further batches add volume for the benchmark.

import type { Prng } from './prng.js';
import { type DumpWriter } from './dump-writer.js';
import { Mailboxes, SENT_EXPORTS, type Folder } from './mailboxes.js';
import { MAILING_LIST, ORG, PARTNER, STAFF, TRAVELLER_LOGIN, type ExternalDomain, type Person } from './org.js';
import { CLIENTS, threadIndex } from './mail-clients.js';
import type { MailAttachment, MessageSpec } from './email.js';
import { DEMO_KEYS, networkOf, sendExternal, sendInternal, sendViaList, type Delivered, type SubmitNetwork } from './mailflow.js';
import { CAMERAS, DocFactory, type MadeDoc } from './documents.js';
import { mailBody, memo, slug, subjectFor, TOPICS, wrap } from './text.js';
import { DAY, HOUR, MINUTE, fromLocal, localParts, zoneOffsetMinutes, type Zone } from './time.js';
import { appleDate, numericDate, outlookSent } from './french.js';
import { zipBuffer, type ZipEntry } from './zip.js';
import { target, type Lookalike, type TruthTarget } from './truth.js';
import { makePdf } from './pdf.js';
import { encodeJpeg, render, type Scene } from './image.js';

const PERIOD_START = fromLocal('Europe/Paris', 2017, 1, 9, 0, 0);
const PERIOD_END = fromLocal('Europe/Paris', 2017, 5, 5, 23, 0);
export const TRIP = { start: fromLocal('America/Montreal', 2017, 4, 10, 0, 0), end: fromLocal('America/Montreal', 2017, 4, 19, 23, 0) };

export interface MailRecord {
  spec: MessageSpec;
  sender: Person;
  recipients: Person[];
  threadIndex?: string;
}

export interface BatchContext {
  writer: DumpWriter;
  prng: Prng;
  counts: Record<string, number>;
  lookalikes: Lookalike[];
  /** Record lookalikes (main batch only: further batches only add volume). */
  recordLookalikes: boolean;
}

export function count(counts: Record<string, number>, key: string, n = 1): void {
  counts[key] = (counts[key] ?? 0) + n;
}

function zoneOf(p: Person, epochMs: number): Zone {
  return p.login === TRAVELLER_LOGIN && epochMs >= TRIP.start && epochMs <= TRIP.end ? 'America/Montreal' : p.zone;
}

export function offsetOf(p: Person, epochMs: number): number {
  return zoneOffsetMinutes(zoneOf(p, epochMs), epochMs);
}

export class Batch {
  readonly boxes: Mailboxes;
  readonly docs: DocFactory;
  readonly recent: MailRecord[] = [];
  /** Loose documents destined for the backup zip ('sauvegarde/documents/...'). */
  readonly backupDocs: ZipEntry[] = [];
  private lookalikeSeq = 0;
  private photoSeq = 100;

  constructor(
    readonly ctx: BatchContext,
    readonly prefix: string,
  ) {
    const zipNames = {
      exportZip: `${prefix}archives/export-boites-2017.zip`,
      backupZip: `${prefix}archives/sauvegarde-avril.zip`,
      innerZip: 'sauvegarde/mail/boites-anciennes.zip',
    };
    this.boxes = new Mailboxes(
      ctx.writer,
      {
        'claire.dumont': { style: 'eml', lineEnding: 'crlf' },
        'julien.marchand': { style: 'eml', lineEnding: 'crlf' },
        'lucie.bernard': { style: 'eml', lineEnding: 'crlf' },
        'sophie.lefebvre': { style: 'mbox', lineEnding: 'lf' },
        'karim.benali': { style: 'mbox', lineEnding: 'lf' },
        'thomas.girard': { style: 'mbox', lineEnding: 'lf' },
        'nadia.haddad': { style: 'zip-mbox', lineEnding: 'crlf' },
        'pierre.moreau': { style: 'zip-mbox', lineEnding: 'crlf' },
        'emilie.rousseau': { style: 'zip-mbox', innerZip: zipNames.innerZip, lineEnding: 'lf' },
      },
      prefix,
      zipNames,
    );
    this.docs = new DocFactory(ctx.prng.fork(7));
  }

  get prng(): Prng {
    return this.ctx.prng;
  }

  lookalike(kind: Lookalike['kind'], t: TruthTarget, tempts: string[], description: string): void {
    if (!this.ctx.recordLookalikes) return;
    this.ctx.lookalikes.push({ id: `lookalike-${String(++this.lookalikeSeq).padStart(3, '0')}`, kind, target: t, tempts, description });
  }

  // ---------------------------------------------------------------- time

  /** A moment in the person's working hours on a random day of the period. */
  randomWorkTime(p: Person): number {
    const days = Math.floor((PERIOD_END - PERIOD_START) / DAY);
    for (;;) {
      const day = PERIOD_START + this.prng.int(0, days - 1) * DAY + 12 * HOUR;
      const t = this.slotOn(p, day);
      if (t !== null) return t;
    }
  }

  /** A working-hours moment on the (Paris) day containing `dayNoon`, or null on most weekends. */
  private slotOn(p: Person, dayNoon: number): number | null {
    const zone = zoneOf(p, dayNoon);
    const l = localParts(dayNoon, zoneOffsetMinutes(zone, dayNoon));
    if ((l.weekday === 0 || l.weekday === 6) && !this.prng.chance(0.12)) return null;
    const hour = this.prng.int(p.hours[0], p.hours[1] - 1);
    return fromLocal(zone, l.year, l.month, l.day, hour, this.prng.int(0, 59), this.prng.int(0, 59));
  }

  /** The first working moment of `p` at or after t. */
  nextWorkTime(p: Person, t: number): number {
    const l = localParts(t, offsetOf(p, t));
    const weekend = l.weekday === 0 || l.weekday === 6;
    if (!weekend && l.hour >= p.hours[0] && l.hour < p.hours[1]) return t;
    for (let d = l.hour >= p.hours[1] ? 1 : 0; d < 5; d++) {
      const noon = fromLocal(zoneOf(p, t), l.year, l.month, l.day, 12, 0) + d * DAY;
      const s = this.slotOn(p, noon);
      if (s !== null && s > t) return s;
    }
    return t + DAY;
  }

  // ---------------------------------------------------------------- mail

  private staffRecipients(sender: Person): Person[] {
    const others = STAFF.filter((s) => s !== sender);
    const withExport = others.filter((s) => this.boxes.has(s.login));
    const n = this.prng.weighted([
      [1, 6],
      [2, 3],
      [3, 1],
    ] as const);
    const out = new Set<Person>();
    while (out.size < n) out.add(this.prng.chance(0.75) ? this.prng.pick(withExport) : this.prng.pick(others));
    return [...out];
  }

  /** Stores the delivered copy in every recipient export in the dump and the sender's Sent copy. */
  storeAll(d: Delivered, rec: MailRecord, attachmentKinds: string[]): TruthTarget[] {
    const stored: TruthTarget[] = [];
    const seen = new Set<string>();
    for (const r of rec.recipients) {
      if (seen.has(r.login) || !this.boxes.has(r.login)) continue;
      seen.add(r.login);
      stored.push(this.storeOne(r.login, 'Inbox', d.raw, rec, attachmentKinds));
    }
    if (SENT_EXPORTS.has(rec.sender.login) && rec.sender.email.endsWith(ORG.domain)) {
      const t = this.storeOne(rec.sender.login, 'Sent', d.sentCopy, rec, attachmentKinds);
      this.lookalike(
        'sent-copy',
        t,
        ['email.thread.duplicate-message-id', 'email.sender.dkim-coverage'],
        `The sender's own copy in ${rec.sender.name}'s Sent folder: same Message-ID and body as the delivered copies, but no Received headers and no DKIM signature (signing happens on the server).`,
      );
    }
    return stored;
  }

  storeOne(login: string, folder: Folder, raw: Buffer, rec: MailRecord, attachmentKinds: string[]): TruthTarget {
    count(this.ctx.counts, 'email');
    for (const k of attachmentKinds) {
      count(this.ctx.counts, k);
      count(this.ctx.counts, 'attachment');
    }
    return this.boxes.store(login, folder, raw, rec.spec.messageId, rec.spec.epochMs, rec.sender.email, rec.spec.subject);
  }

  replyText(replier: Person, parent: MailRecord, text: string): string {
    const client = CLIENTS[replier.client];
    const off = offsetOf(replier, parent.spec.epochMs);
    if (client.angleQuotes) {
      const intro =
        replier.client === 'thunderbird'
          ? `Le ${numericDate(parent.spec.epochMs, off)}, ${parent.sender.name} a écrit :`
          : replier.client === 'roundcube'
            ? `Le ${numericDate(parent.spec.epochMs, off)}, ${parent.sender.email} a écrit :`
            : `> Le ${appleDate(parent.spec.epochMs, off)}, ${parent.sender.name} <${parent.sender.email}> a écrit :\n>`;
      const quoted = parent.spec.text.split('\n').map((l) => (l ? `> ${l}` : '>'));
      return `${text}\n\n${intro}\n${quoted.join('\n')}\n`;
    }
    return [
      text,
      '',
      `De : ${parent.sender.name} [mailto:${parent.sender.email}]`,
      `Envoyé : ${outlookSent(parent.spec.epochMs, off)}`,
      `À : ${parent.spec.to.map((a) => a.name || a.email).join('; ')}`,
      `Objet : ${parent.spec.subject}`,
      '',
      parent.spec.text,
    ].join('\n');
  }

  /** A staff member's message, composed by their client and delivered, not yet stored anywhere. */
  async internalUnstored(
    sender: Person,
    recipients: Person[],
    epochMs: number,
    subject: string,
    text: string,
    reply?: MailRecord,
    attachments?: MadeDoc[],
    opts: { cc?: Person[]; network?: SubmitNetwork } = {},
  ): Promise<{ rec: MailRecord; delivered: Delivered; network: SubmitNetwork }> {
    const client = CLIENTS[sender.client];
    const messageId = client.newMessageId(this.prng, ORG.domain, epochMs);
    let ti: string | undefined;
    if (sender.client === 'outlook2016') {
      ti = reply?.threadIndex
        ? threadIndex(this.prng, epochMs, { index: reply.threadIndex, epochMs: reply.spec.epochMs })
        : threadIndex(this.prng, epochMs);
    }
    const spec: MessageSpec = {
      client: sender.client,
      from: { name: sender.name, email: sender.email },
      to: recipients.map((r) => ({ name: r.name, email: r.email })),
      cc: opts.cc?.map((r) => ({ name: r.name, email: r.email })),
      subject,
      epochMs,
      offsetMin: offsetOf(sender, epochMs),
      messageId,
      text,
      inReplyTo: reply?.spec.messageId,
      references: reply ? [...(reply.spec.references ?? []), reply.spec.messageId].slice(-6) : undefined,
      threadIndex: ti,
      attachments: attachments?.map((a): MailAttachment => ({ filename: a.filename, contentType: a.contentType, data: a.data })),
    };
    const network = opts.network ?? (zoneOf(sender, epochMs) !== sender.zone ? 'hotel' : networkOf(sender));
    const delivered = await sendInternal(this.prng, spec, network);
    const rec: MailRecord = { spec, sender, recipients: [...recipients, ...(opts.cc ?? [])], threadIndex: ti };
    return { rec, delivered, network };
  }

  /** A staff member's message, delivered and stored in every export of the dump that holds it. */
  async internal(
    sender: Person,
    recipients: Person[],
    epochMs: number,
    subject: string,
    text: string,
    opts: {
      reply?: MailRecord;
      attachments?: MadeDoc[];
      cc?: Person[];
      network?: SubmitNetwork;
    } = {},
  ): Promise<{ rec: MailRecord; delivered: Delivered; stored: TruthTarget[] }> {
    const { rec, delivered, network } = await this.internalUnstored(
      sender,
      recipients,
      epochMs,
      subject,
      text,
      opts.reply,
      opts.attachments,
      opts,
    );
    const stored = this.storeAll(
      delivered,
      rec,
      (opts.attachments ?? []).map((a) => a.kind),
    );
    if (network === 'hotel') {
      for (const t of stored) {
        this.lookalike(
          'travelling-sender',
          t,
          ['email.sender.timezone', 'email.received.date-mismatch', 'email.received.timezones'],
          `${sender.name} writes from Montreal during a trip (Date offset ${rec.spec.offsetMin / 60}h, EDT), submitting from a hotel network; the Received hops agree with the Date in UTC.`,
        );
      }
    }
    this.recent.push(rec);
    if (this.recent.length > 80) this.recent.shift();
    return { rec, delivered, stored };
  }

  async attachmentFor(sender: Person, sendAt: number, topic: string): Promise<MadeDoc> {
    const modified = sendAt - this.prng.int(5, 60 * 48) * MINUTE;
    const author = this.prng.chance(0.7) ? sender : this.prng.pick(STAFF);
    const kind = this.prng.weighted([
      ['pdf', 35],
      ['docx', 30],
      ['xlsx', 20],
      ['jpeg', 15],
    ] as const);
    if (kind === 'pdf') return this.docs.memoPdf(author, modified, topic);
    if (kind === 'docx') return this.docs.memoDocx(author, sender, modified, topic);
    if (kind === 'xlsx') return this.docs.budgetXlsx(author, sender, modified, topic);
    const p = this.docs.photo(sender.client === 'iphone' ? CAMERAS.iphone : CAMERAS.canon, modified, ++this.photoSeq);
    return p;
  }

  /** One genuine message: a new thread or a reply, sometimes with an attachment. */
  async genuineMessage(): Promise<void> {
    const replyTo = this.recent.length > 4 && this.prng.chance(0.35) ? this.prng.pick(this.recent) : null;
    if (replyTo) {
      const candidates = replyTo.recipients.filter((r) => r.email.endsWith(ORG.domain));
      if (candidates.length) {
        const replier = this.prng.pick(candidates);
        const at = this.nextWorkTime(replier, replyTo.spec.epochMs + this.prng.int(8, 60 * 30) * MINUTE);
        if (at < PERIOD_END && replyTo.spec.text.length < 6000) {
          const base = replyTo.spec.subject.replace(/^((re|tr|fwd?)\s*:\s*)+/i, '');
          const subject = `${replier.client === 'outlook2016' ? 'RE' : 'Re'}: ${base}`;
          const text = this.replyText(replier, replyTo, mailBody(this.prng, base, replier.name.split(' ')[0]));
          await this.internal(replier, [replyTo.sender], at, subject, text, { reply: replyTo });
          return;
        }
      }
    }
    const sender = this.prng.weighted(STAFF.map((s) => [s, s.activity] as const));
    const at = this.randomWorkTime(sender);
    const topic = this.prng.pick(TOPICS);
    const attachments = this.prng.chance(0.22) ? [await this.attachmentFor(sender, at, topic)] : undefined;
    const text = mailBody(this.prng, topic, sender.name.split(' ')[0]) + (attachments ? '\n\nPJ : document joint.' : '');
    await this.internal(sender, this.staffRecipients(sender), at, subjectFor(this.prng, topic), text, { attachments });
  }

  /** A message from the partner organisation (signed) or the town hall (unsigned). */
  async inbound(org: ExternalDomain): Promise<void> {
    const who = this.prng.pick(org.people);
    const to = this.prng.pick(STAFF.filter((s) => this.boxes.has(s.login)));
    const pseudo: Person = {
      login: who.local,
      name: who.name,
      email: `${who.local}@${org.domain}`,
      role: 'externe',
      client: org.client,
      suite: 'word2016',
      zone: 'Europe/Paris',
      hours: [8, 19],
      activity: 0,
    };
    const at = this.randomWorkTime(pseudo);
    const topic = this.prng.pick(TOPICS);
    const spec: MessageSpec = {
      client: org.client,
      from: { name: who.name, email: pseudo.email },
      to: [{ name: to.name, email: to.email }],
      subject: subjectFor(this.prng, topic),
      epochMs: at,
      offsetMin: zoneOffsetMinutes('Europe/Paris', at),
      messageId: CLIENTS[org.client].newMessageId(this.prng, org.domain, at),
      text: mailBody(this.prng, topic, who.name),
      threadIndex: org.client === 'outlook2016' ? threadIndex(this.prng, at) : undefined,
    };
    const d = await sendExternal(this.prng, spec, org, org === PARTNER ? DEMO_KEYS.partner : null);
    const rec: MailRecord = { spec, sender: pseudo, recipients: [to] };
    this.storeAll(d, rec, []);
    this.recent.push(rec);
  }

  /** A post to the partner's mailing list, received by the subscribed staff. */
  async listPost(index: number): Promise<void> {
    const who = this.prng.pick(PARTNER.people);
    const email = `${who.local}@${PARTNER.domain}`;
    const pseudo: Person = {
      login: who.local,
      name: who.name,
      email,
      role: 'externe',
      client: PARTNER.client,
      suite: 'word2016',
      zone: 'Europe/Paris',
      hours: [8, 20],
      activity: 0,
    };
    const at = this.randomWorkTime(pseudo);
    const topic = this.prng.pick([
      'Appel à bénévoles',
      'Formation des trésoriers',
      'Agenda du réseau',
      'Rencontre inter-associations',
      'Ressources juridiques',
    ]);
    const spec: MessageSpec = {
      client: PARTNER.client,
      from: { name: who.name, email },
      to: [{ name: '', email: MAILING_LIST.listAddress }],
      subject: `[reseau-asso] ${topic}`,
      epochMs: at,
      offsetMin: zoneOffsetMinutes('Europe/Paris', at),
      messageId: CLIENTS[PARTNER.client].newMessageId(this.prng, PARTNER.domain, at),
      text: mailBody(this.prng, topic, who.name),
    };
    const subscribers = STAFF.filter((s) => s.login === 'sophie.lefebvre' || s.login === 'thomas.girard');
    const d = await sendViaList(this.prng, spec, index, subscribers[0].email);
    const rec: MailRecord = { spec, sender: pseudo, recipients: subscribers };
    for (const t of this.storeAll(d, rec, [])) {
      this.lookalike(
        'mailing-list-footer',
        t,
        ['email.dkim.body-hash', 'email.dkim.signature'],
        "A mailing-list post: the list appended its footer, so the author's DKIM body hash no longer matches, and the list re-signed the message for its own domain (List-Id present, list signature valid).",
      );
    }
  }

  // ---------------------------------------------------------------- loose documents

  docTime(author: Person): number {
    return this.randomWorkTime(author);
  }

  async looseDocuments(n: { docx: number; pdf: number; xlsx: number; photos: number; text: number; html: number }): Promise<void> {
    const w = this.ctx.writer;
    for (let i = 0; i < n.docx; i++) {
      const author = this.prng.pick(STAFF);
      const topic = this.prng.pick(TOPICS);
      const d = await this.docs.memoDocx(author, this.prng.chance(0.8) ? author : this.prng.pick(STAFF), this.docTime(author), topic);
      d.filename = `${slug(topic)}-${i + 1}.docx`;
      if (i % 5 === 4) {
        this.backupDocs.push({ name: `sauvegarde/documents/${d.filename}`, data: d.data, epochMs: d.modified });
      } else w.write(`${this.prefix}documents/notes/${d.filename}`, d.data, d.modified);
      count(this.ctx.counts, 'docx');
    }
    for (let i = 0; i < n.pdf; i++) {
      const author = this.prng.pick(STAFF);
      const topic = this.prng.pick(TOPICS);
      const d = await this.docs.memoPdf(author, this.docTime(author), topic);
      d.filename = `${slug(topic)}-${i + 1}.pdf`;
      w.write(`${this.prefix}documents/pdf/${d.filename}`, d.data, d.modified);
      count(this.ctx.counts, 'pdf');
    }
    const treasurers = STAFF.filter((s) => s.login === 'julien.marchand' || s.login === 'antoine.petit');
    for (let i = 0; i < n.xlsx; i++) {
      const author = this.prng.pick(treasurers);
      const topic = this.prng.pick(TOPICS);
      const d = await this.docs.budgetXlsx(author, this.prng.pick(treasurers), this.docTime(author), topic);
      d.filename = `budget-${slug(topic)}-${i + 1}.xlsx`;
      if (i % 4 === 3) this.backupDocs.push({ name: `sauvegarde/documents/${d.filename}`, data: d.data, epochMs: d.modified });
      else w.write(`${this.prefix}documents/budget/${d.filename}`, d.data, d.modified);
      count(this.ctx.counts, 'xlsx');
    }
    const photographers = STAFF.filter((s) => s.login === 'sophie.lefebvre' || s.login === 'karim.benali');
    for (let i = 0; i < n.photos; i++) {
      const p = this.prng.pick(photographers);
      const taken = this.docTime(p);
      const d = this.docs.photo(p.client === 'iphone' ? CAMERAS.iphone : CAMERAS.canon, taken, ++this.photoSeq);
      w.write(`${this.prefix}photos/${slug(this.prng.pick(TOPICS))}/${d.filename}`, d.data, taken);
      count(this.ctx.counts, 'jpeg');
    }
    for (let i = 0; i < n.text; i++) {
      const author = this.prng.pick(STAFF);
      const t = this.docTime(author);
      const topic = this.prng.pick(TOPICS);
      const body = [
        `${topic}`,
        '',
        ...memo(this.prng, topic, this.prng.int(1, 4)).flatMap((p) => [...wrap(p, 78), '']),
        `-- ${author.name}`,
      ].join('\r\n');
      // Notes saved by Windows Notepad in the ANSI code page are common in French dumps: one in three.
      const data = i % 3 === 2 ? Buffer.from(body.replace(/[’]/g, "'"), 'latin1') : Buffer.from(body, 'utf8');
      w.write(`${this.prefix}notes/${slug(topic)}-${i + 1}.txt`, data, t);
      count(this.ctx.counts, 'text');
    }
    for (let i = 0; i < n.html; i++) {
      const topic = this.prng.pick(TOPICS);
      const t = this.docTime(STAFF[2]);
      const paras = memo(this.prng, topic, 3)
        .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
        .join('\n');
      const html = `<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>Lettre d'information - ${topic}</title></head>\n<body><h1>${topic}</h1>\n${paras}\n<p><a href="https://www.campagne-exemple.fr/agenda">Agenda</a></p>\n<img src="https://newsletter.campagne-exemple.fr/o/${this.prng.hex(16)}.gif" width="1" height="1" alt="">\n</body></html>\n`;
      w.write(`${this.prefix}web/lettre-${slug(topic)}-${i + 1}.html`, Buffer.from(html, 'utf8'), t);
      count(this.ctx.counts, 'html');
    }
  }

  /** Innocent PDF lookalikes: scanner output and PDF/A archive copies of genuine memos. */
  async pdfLookalikes(): Promise<void> {
    const w = this.ctx.writer;
    for (let i = 0; i < 3; i++) {
      const lucie = STAFF.find((s) => s.login === 'lucie.bernard')!;
      const t = this.randomWorkTime(lucie);
      const scans = [];
      for (let k = 0; k < this.prng.int(1, 3); k++) {
        // A scanned page: off-white paper with grey bands where the lines of text are.
        const page: Scene = { width: 620, height: 877, sky: [246, 245, 240], ground: [246, 245, 240], horizon: 0, shapes: [] };
        for (let y = 80; y < 800; y += 22)
          page.shapes.push({ x: 70, y, w: this.prng.int(200, 480), h: 9, color: [70, 70, 70], round: false });
        scans.push(encodeJpeg(render(page, this.prng.fork(3)), page.width, page.height, 75));
      }
      const off = zoneOffsetMinutes('Europe/Paris', t);
      const data = await makePdf(
        {
          title: '',
          creator: 'Canon iR-ADV C5535',
          producer: 'Canon iR-ADV C5535  PDF',
          created: { epochMs: t, offsetMin: off },
          modified: { epochMs: t, offsetMin: off },
          heading: '',
          paragraphs: [],
          scans,
          xmp: 'none',
        },
        this.prng,
      );
      const l = localParts(t, off);
      const rel = `${this.prefix}documents/scans/SCAN_${l.year}${String(l.month).padStart(2, '0')}${String(l.day).padStart(2, '0')}_${String(l.hour).padStart(2, '0')}${String(l.minute).padStart(2, '0')}${String(l.second).padStart(2, '0')}.pdf`;
      w.write(rel, data, t);
      count(this.ctx.counts, 'pdf');
      this.lookalike(
        'scanner-producer',
        target(rel),
        ['anachronism.software', 'people.unknown-author'],
        'A page scanned on the office copier: the Producer names the scanner, there is no author and no text layer.',
      );
    }
    for (let i = 0; i < 2; i++) {
      const author = STAFF.find((s) => s.login === (i === 0 ? 'nadia.haddad' : 'claire.dumont'))!;
      const topic = i === 0 ? 'Note juridique sur les comptes de campagne' : 'Convention des adhérents';
      const modified = this.randomWorkTime(author);
      const paragraphs = memo(this.prng, topic, 4);
      const original = await this.docs.memoPdf(author, modified, topic, paragraphs);
      const origRel = `${this.prefix}documents/pdf/${original.filename}`;
      w.write(origRel, original.data, modified);
      count(this.ctx.counts, 'pdf');
      const converted = modified + this.prng.int(2, 20) * DAY;
      const created = original.modified - 0; // the conversion keeps the source's creation date
      const off = (t: number) => zoneOffsetMinutes('Europe/Paris', t);
      const data = await makePdf(
        {
          title: topic,
          author: author.name,
          creator: 'Microsoft® Word 2016',
          producer: 'GPL Ghostscript 9.20',
          created: { epochMs: created, offsetMin: off(created) },
          modified: { epochMs: converted, offsetMin: off(converted) },
          heading: topic,
          paragraphs,
          font: 'Helvetica',
          pdfaPart: 1,
          // Ghostscript writes the XMP dates in UTC ('Z') and the Info dates with the local offset: one instant, two spellings.
          xmp: {
            created: { epochMs: created, offsetMin: 'Z' },
            modified: { epochMs: converted, offsetMin: 'Z' },
            toolkit: 'XMP toolkit 2.9.1-13, framework 1.6',
          },
        },
        this.prng,
      );
      const rel = `${this.prefix}documents/archivage/${slug(topic)}-pdfa.pdf`;
      w.write(rel, data, converted);
      count(this.ctx.counts, 'pdf');
      this.lookalike(
        'pdfa-conversion',
        target(rel),
        ['pdf.info-xmp-mismatch', 'anachronism.software', 'corpus.near-duplicate', 'pdf.revisions'],
        `A PDF/A-1b archive copy of ${origRel} made with Ghostscript: Producer changed, XMP dates in UTC and Info dates with the Paris offset (the same instants), identical text.`,
      );
    }
  }

  // ---------------------------------------------------------------- archives

  /** Writes the batch's zips: mail exports, the backup with its nested zip, and loose docs in it. */
  async writeArchives(): Promise<void> {
    const byZip = new Map<string, ZipEntry[]>();
    const inner: ZipEntry[] = [];
    let latest = PERIOD_START;
    for (const [key, m] of this.boxes.zipMembers) {
      const zipPath = key.split('|')[0];
      const entry: ZipEntry = { name: m.members[m.members.length - 1], data: Buffer.concat(m.chunks), epochMs: m.mtime };
      latest = Math.max(latest, m.mtime);
      count(this.ctx.counts, 'mbox');
      if (m.members.length > 1) inner.push(entry);
      else byZip.set(zipPath, [...(byZip.get(zipPath) ?? []), entry]);
    }
    const exportZip = `${this.prefix}archives/export-boites-2017.zip`;
    const backupZip = `${this.prefix}archives/sauvegarde-avril.zip`;
    const exportEntries = byZip.get(exportZip) ?? [];
    exportEntries.push({
      name: 'export/LISEZMOI.txt',
      data: Buffer.from('Export des boîtes aux lettres (format mbox), réalisé par le service informatique.\r\n', 'utf8'),
      epochMs: latest,
    });
    count(this.ctx.counts, 'text');
    const endAt = fromLocal('Europe/Paris', 2017, 5, 5, 18, 30);
    this.ctx.writer.write(exportZip, await zipBuffer(exportEntries), endAt);
    count(this.ctx.counts, 'zip');
    const backup: ZipEntry[] = [...this.backupDocs];
    if (inner.length) {
      backup.push({ name: 'sauvegarde/mail/boites-anciennes.zip', data: await zipBuffer(inner), epochMs: latest, compress: false });
      count(this.ctx.counts, 'zip');
    }
    this.ctx.writer.write(backupZip, await zipBuffer(backup), endAt);
    count(this.ctx.counts, 'zip');
  }
}
