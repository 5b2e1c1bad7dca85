// The dump being built: the organisation, every message with its copies in the leaked mailboxes, and
// the loose files. `send` routes a composed message the way it really travels: a staff member's copy
// in Sent, internal and outgoing mail through the organisation's submission server (hops + DKIM),
// delivery into each leaked recipient's mailbox, external mail through its sender's servers and the
// organisation's MX, list mail through Mailman.

import type { Prng } from '../../demo/prng.js';
import { atLocal, DAY, MINUTE, offsetAt, wall } from './clock.js';
import { compose, dateOffsetFor, newMessageId } from './clients.js';
import type { QuotedMessage } from './quoting.js';
import type { ComposeContext } from './mime-build.js';
import { mailmanDistribute } from './lists.js';
import { googleGroupsDistribute } from './mta-holdout.js';
import type { ClientId, Folder, Letter, MailCopy, Person } from './mail-model.js';
import { deliver, externalBanner, externalSend, inbound, originFor, submit } from './mta.js';
import { type ExternalOrg, type Origin } from './mta-core.js';
import type { Org, OrgExternal } from './org.js';
import type { Doc } from './documents.js';
import type { Photo } from './photos.js';
import { langOf, type Writer } from './text.js';
import { androidEmailId } from './clients-holdout.js';
import { editTextParts, setHeader } from './mail-edit.js';

export interface Label {
  label: 'forged' | 'genuine';
  /** The forgery family, or for a genuine item the family it is an innocent lookalike of. */
  family?: string;
  note: string;
}

export interface DumpFile {
  /** Dump path; members of a zip archive as 'archive.zip!inner/path'. */
  path: string;
  data: Buffer;
  at: number;
  label?: Label;
}

export interface MailRecord {
  letter: Letter;
  composed: Buffer;
  /** After the organisation's submission server (hops and signature), when it went through it. */
  submitted?: Buffer;
  signedAt?: number;
  copies: MailCopy[];
  quoted: QuotedMessage;
}

export interface SendOptions {
  origin?: Origin;
  /** Keep no Sent copy (the message was sent from a device whose Sent folder is not in the dump). */
  noSentCopy?: boolean;
  /** Deliver to these leaked recipients only. */
  only?: Person[];
  /** Time between the Date the client wrote and the first server hop (a phone that was offline,
   *  a greylisting delay). */
  delayMs?: number;
}

export class World {
  readonly records: MailRecord[] = [];
  readonly copies: MailCopy[] = [];
  readonly files: DumpFile[] = [];
  /** Authored documents in the dump (loose files and attachments), for forgeries to copy or contradict. */
  readonly docs: { doc: Doc; file?: DumpFile; record?: MailRecord }[] = [];
  readonly photos: { photo: Photo; file: DumpFile }[] = [];
  readonly ctx: ComposeContext = { threadIndex: new Map() };
  private readonly leakedSet: Set<Person>;
  readonly archiveCutoff: number;

  constructor(
    readonly org: Org,
    readonly prng: Prng,
  ) {
    this.leakedSet = new Set(org.leaked.map((l) => l.person));
    this.archiveCutoff = org.start + (org.end - org.start) * 0.55;
  }

  isLeaked(p: Person): boolean {
    return this.leakedSet.has(p);
  }

  styleOf(p: Person) {
    return this.org.leaked.find((l) => l.person === p)?.style;
  }

  /** Where the person is: home, or the zone of a trip. */
  zoneAt(p: Person, at: number): string {
    return p.travel?.find((t) => at >= t.from && at < t.to)?.zone ?? p.zone;
  }

  isWorkTime(p: Person, at: number): boolean {
    const w = wall(at, offsetAt(this.zoneAt(p, at), at));
    return w.weekday >= 1 && w.weekday <= 5 && w.hour >= p.hours[0] && w.hour < p.hours[1];
  }

  /** The first working moment of `p` at or after `after` (plus a little), or an evening on the phone. */
  nextTime(p: Person, after: number, prng: Prng, allowPhone = true): { at: number; phone: boolean } {
    if (allowPhone && p.mobile && (!p.phoneSwitch || after >= p.phoneSwitch) && prng.chance(p.mobileShare)) {
      const at = after + prng.int(5, 180) * MINUTE;
      const w = wall(at, offsetAt(this.zoneAt(p, at), at));
      if (w.hour >= 7 && w.hour <= 22) return { at, phone: true };
    }
    let t = after + prng.int(4, 90) * MINUTE;
    for (let i = 0; i < 20 && !this.isWorkTime(p, t); i++) {
      const zone = this.zoneAt(p, t);
      const w = wall(t, offsetAt(zone, t));
      const nextDay = w.hour >= p.hours[1] || w.weekday === 0 || w.weekday === 6;
      const base = nextDay ? t + DAY : t;
      const bw = wall(base, offsetAt(zone, base));
      t = atLocal(zone, bw.year, bw.month, bw.day, p.hours[0], prng.int(0, 50), prng.int(0, 59)) + prng.int(0, 90) * MINUTE;
    }
    return { at: t, phone: false };
  }

  /** The client a person writes with at an instant. */
  clientFor(p: Person, at: number, phone: boolean, prng: Prng): ClientId {
    if (phone && p.mobile && (!p.phoneSwitch || at >= p.phoneSwitch)) return p.mobile;
    if (p.webmail && !this.isWorkTime(p, at) && prng.chance(0.5)) return p.webmail;
    if (p.webmail && prng.chance(0.08)) return p.webmail;
    return p.client;
  }

  contextFor(p: Person, client: ClientId): ComposeContext {
    const ext = this.externalOf(p);
    if (this.org.params.holdout) {
      const h = this.holdoutContext(p, client);
      if (h) return h;
    }
    if (client === 'outlook-exchange') {
      const server = ext?.ext.exchangeServer ?? this.org.infra.exchange?.[p.site ?? '']?.host;
      return {
        ...this.ctx,
        exchangeServer: server,
        originatingIp: `10.${p.site === 'KOL' ? 40 : 20}.5.${(p.email.length * 7) % 200}`,
        lagDays: p.phoneSwitch ? 0 : undefined,
      };
    }
    return { ...this.ctx, lagDays: p.phoneSwitch && client === p.mobile ? 0 : undefined };
  }

  /** Hold-out organisations: the mailbox server of an Exchange Online or Exchange 2013 client. */
  private holdoutContext(p: Person, client: ClientId): ComposeContext | undefined {
    const infra = this.org.infra;
    const lagDays = p.phoneSwitch && client === p.mobile ? 0 : undefined;
    if (p.external) {
      const server = this.externalOf(p)?.ext.exchangeServer;
      return client === 'outlook-exchange' ? { ...this.ctx, exchangeServer: server, lagDays } : undefined;
    }
    if (infra.kind === 'm365' && ['outlook-exo', 'owa', 'new-outlook', 'outlook-mac', 'outlook-exchange'].includes(client))
      return { ...this.ctx, exchangeServer: infra.exo!.servers.get(p.email), lagDays };
    if (infra.kind === 'exchange2013' && (client === 'outlook-exchange' || client === 'outlook-mac')) {
      const i = Object.keys(infra.exchange!).indexOf(p.site ?? '');
      return {
        ...this.ctx,
        exchangeServer: infra.exchange![p.site ?? '']?.host,
        originatingIp: `10.${i + 1}.5.${((p.email.length * 7) % 200) + 20}`,
        lagDays,
      };
    }
    if (infra.kind === 'zimbra' && client === 'zimbra-web')
      return { ...this.ctx, originatingIp: `10.0.${p.site === 'CGB' ? 2 : 1}.${((p.email.length * 11) % 200) + 20}`, lagDays };
    return undefined;
  }

  /** The writer of the person's language (the organisation's one language for the first presets). */
  writerFor(p: Person): Writer {
    return this.org.writers?.[langOf(p.locale)] ?? this.org.writer;
  }

  /** How colleagues address a person in a greeting: the given name, or the family name in Japanese. */
  callName(p: Person): string {
    return p.locale === 'ja-JP' ? p.last : p.first || p.name;
  }

  externalOf(p: Person): OrgExternal | undefined {
    return this.org.externals.find((e) => e.people.includes(p));
  }

  newId(client: ClientId, p: Person, at: number, prng: Prng): string {
    const infra = this.org.infra;
    return newMessageId(client, p, at, prng, {
      exchangeServer: this.contextFor(p, client).exchangeServer,
      ...(this.org.params.holdout && !p.external
        ? { onPremIds: infra.kind === 'exchange2013', host: infra.kind === 'zimbra' ? infra.domain : undefined }
        : {}),
    });
  }

  /** A letter with the Date offset the client writes for where the person is. */
  letter(
    from: Person,
    to: Person[],
    cc: Person[],
    subject: string,
    text: string,
    at: number,
    client: ClientId,
    prng: Prng,
    extra: Partial<Letter> = {},
  ): Letter {
    const off = this.org.params.holdout
      ? this.holdoutDateOffset(from, client, at)
      : dateOffsetFor(client, offsetAt(this.zoneAt(from, at), at));
    return {
      from,
      to,
      cc,
      subject,
      text,
      attachments: [],
      references: [],
      date: at,
      offsetMin: off,
      messageId: this.newId(client, from, at, prng),
      client,
      organization: client === 'roundcube' ? this.org.params.name : undefined,
      ...extra,
    };
  }

  /** The offset a hold-out client writes: Exchange converts to UTC, Zimbra writes the account's zone
   *  preference (home, even abroad), the others the device's zone where the person is. */
  holdoutDateOffset(from: Person, client: ClientId, at: number): number {
    const infra = this.org.infra.kind;
    const exchangeHosted = !from.external && (infra === 'm365' || infra === 'exchange2013');
    if (['outlook-exo', 'owa', 'new-outlook', 'outlook-exchange'].includes(client)) return 0;
    if (client === 'outlook-mac' && exchangeHosted) return 0;
    if (client === 'zimbra-web') return offsetAt(from.zone, at);
    return offsetAt(this.zoneAt(from, at), at);
  }

  folderFor(owner: Person, at: number, prng: Prng): Folder {
    const style = this.styleOf(owner);
    if (this.org.params.holdout) return style !== 'apple-mbox' && at < this.archiveCutoff && prng.chance(0.5) ? 'Archive' : 'Inbox';
    if ((style === 'tb-mbox' || style === 'eml-folders' || style === 'takeout-mbox') && at < this.archiveCutoff && prng.chance(0.7))
      return 'Archive';
    return 'Inbox';
  }

  addCopy(copy: MailCopy): MailCopy {
    this.copies.push(copy);
    return copy;
  }

  /** Records a message (its copies are added by the caller). */
  record(letter: Letter, composed: Buffer, copies: MailCopy[] = []): MailRecord {
    const r: MailRecord = {
      letter,
      composed,
      copies,
      quoted: { from: letter.from, to: letter.to, cc: letter.cc, subject: letter.subject, date: letter.date, text: letter.text },
    };
    this.records.push(r);
    return r;
  }

  /** A delivered copy in `owner`'s mailbox. */
  receivedCopy(letter: Letter, owner: Person, d: { raw: Buffer; at: number }, prng: Prng, subject = letter.subject): MailCopy {
    return this.addCopy({
      owner,
      folder: this.folderFor(owner, d.at, prng),
      raw: d.raw,
      messageId: letter.messageId,
      at: d.at,
      subject,
      kind: 'received',
    });
  }

  /** A copy written straight into the sender's Sent folder (it never crosses a server). */
  sentCopy(letter: Letter, prng: Prng): MailCopy {
    const composed = compose(letter, prng, this.contextFor(letter.from, letter.client));
    const copy = this.addCopy({
      owner: letter.from,
      folder: 'Sent',
      raw: composed,
      messageId: letter.messageId,
      at: letter.date,
      subject: letter.subject,
      kind: 'sent',
    });
    this.record(letter, composed, [copy]);
    return copy;
  }

  /** Sends a composed letter and files every copy that lands in a leaked mailbox. */
  async send(letter: Letter, prng: Prng, opts: SendOptions = {}): Promise<MailRecord> {
    const sender = letter.from;
    const record = this.record(letter, compose(letter, prng, this.contextFor(sender, letter.client)));
    const composed = record.composed;
    const all = [...letter.to, ...letter.cc];
    const leakedRcpt = all.filter((p) => this.isLeaked(p) && p !== sender && (!opts.only || opts.only.includes(p)));
    if (!sender.external) {
      if (this.isLeaked(sender) && !opts.noSentCopy) {
        record.copies.push(
          this.addCopy({
            owner: sender,
            folder: 'Sent',
            raw: composed,
            messageId: letter.messageId,
            at: letter.date,
            subject: letter.subject,
            kind: 'sent',
          }),
        );
      }
      const zone = this.zoneAt(sender, letter.date);
      const inOffice = this.isWorkTime(sender, letter.date) && letter.client !== sender.mobile && zone === sender.zone;
      const origin = opts.origin ?? originFor(sender, letter.date, prng, zone, inOffice, this.org.infra.lanPrefix);
      const transit = await submit(this.org.infra, composed, sender, all, letter.date + (opts.delayMs ?? 0), letter.client, origin, prng);
      record.submitted = transit.submitted;
      if (letter.messageId.startsWith('pending.')) this.adoptServerMessageId(record, transit.submitted, prng);
      record.signedAt = transit.signedAt;
      for (const r of leakedRcpt) {
        const d = deliver(this.org.infra, transit.submitted, sender.email, r, transit.signedAt, prng);
        record.copies.push(this.receivedCopy(letter, r, d, prng));
      }
      return record;
    }
    const ext = this.externalOf(sender)?.ext ?? this.org.listPosters.find((l) => l.person === sender)?.ext;
    if (!ext) throw new Error(`send: no server for external sender ${sender.email}`);
    const out = await externalSend(ext, composed, sender, letter.date, prng);
    for (const r of leakedRcpt)
      record.copies.push(this.addCopy(await this.inboundCopy(out.raw, out.at + (opts.delayMs ?? 0), ext, sender.email, r, letter, prng)));
    return record;
  }

  /** Samsung Email sends without a Message-ID: the copies that crossed the server carry the one Postfix
   *  added; the copy the app appended to Sent over IMAP carries the app's own (AOSP Email's form). */
  private adoptServerMessageId(record: MailRecord, submitted: Buffer, prng: Prng): void {
    const head = submitted.subarray(0, submitted.indexOf('\r\n\r\n')).toString('latin1');
    const id = /^Message-I[dD]:\s*<([^>]+)>/im.exec(head)?.[1];
    if (!id) return;
    const letter = record.letter;
    for (const c of record.copies) {
      if (c.kind !== 'sent') continue;
      const own = androidEmailId(letter.date, prng);
      c.raw = setHeader(c.raw, 'Message-ID', `<${own}>`);
      c.messageId = own;
    }
    letter.messageId = id;
  }

  async inboundCopy(
    raw: Buffer,
    at: number,
    from: ExternalOrg | { host: string; ip: string; domain: string },
    envelopeFrom: string,
    r: Person,
    letter: Letter,
    prng: Prng,
  ): Promise<MailCopy> {
    // Southbank's gateway stamps a caution banner on plain-text external mail (after the sender signed).
    const stamped =
      this.org.infra.kind === 'exchange' && /^Content-Type: text\/plain/im.test(raw.toString('latin1').split('\r\n\r\n')[0])
        ? externalBanner(
            raw,
            'CAUTION: This email originated from outside Southbank Marine. Do not click links or open attachments unless you recognise the sender.',
          )
        : raw;
    const d = await inbound(
      this.org.infra,
      stamped,
      { host: from.host, ip: from.ip, domain: from.domain },
      envelopeFrom,
      r,
      at,
      prng,
      stamped === raw ? 'pass' : 'fail (body hash did not verify)',
    );
    // Microsoft 365: a transport rule prepends its warning to mail from outside, after verification.
    const banner = this.org.infra.exo?.externalBanner;
    if (banner)
      // The rule prepends to every text part; HTML without a <body> (Gmail's) gets it at the start.
      d.raw = editTextParts(d.raw, (t, sub) =>
        sub === 'plain'
          ? `${banner.text}\n\n${t}`
          : /<body[^>]*>/i.test(t)
            ? t.replace(/<body[^>]*>/i, (b) => `${b}\n${banner.html}`)
            : `${banner.html}\n${t}`,
      ).raw;
    return {
      owner: r,
      folder: this.folderFor(r, d.at, prng),
      raw: d.raw,
      messageId: letter.messageId,
      at: d.at,
      subject: letter.subject,
      kind: 'received',
      ...(banner
        ? { serverEdited: "Microsoft 365's transport rule prepended its external-sender warning after the sender signed" }
        : /protect-[a-z]+\.mimecast\.com\/s\//.test(d.raw.toString('latin1'))
          ? { serverEdited: "Mimecast's URL protection rewrote the links after the sender signed" }
          : {}),
    };
  }

  /** A member's post to the mailing list, delivered to the leaked subscribers. */
  async listPost(letter: Letter, ext: ExternalOrg, prng: Prng, subscribers: Person[]): Promise<MailRecord> {
    const record = this.record(letter, compose(letter, prng, this.ctx));
    const out = await externalSend(ext, record.composed, letter.from, letter.date, prng);
    const group = this.org.group;
    const listed = group
      ? await googleGroupsDistribute(group, out.raw, out.at, prng)
      : await mailmanDistribute(this.org.list, out.raw, out.at, prng);
    const [local, domain] = this.org.list.address.split('@');
    for (const r of subscribers) {
      if (!this.isLeaked(r)) continue;
      const d = await inbound(
        this.org.infra,
        listed.raw,
        { host: this.org.list.host, ip: this.org.list.ip, domain },
        group ? `${local}+bncBDZ${prng.hex(12).toUpperCase()}@${domain}` : `${local}-bounces@${domain}`,
        r,
        listed.at,
        prng,
        'pass',
      );
      record.copies.push(this.receivedCopy(letter, r, d, prng, group ? letter.subject : `[${this.org.list.name}] ${letter.subject}`));
    }
    return record;
  }

  addFile(path: string, data: Buffer, at: number, label?: Label): DumpFile {
    // Two documents with one title in one folder: the second is saved as "name (2).ext".
    let unique = path;
    for (let k = 2; this.files.some((f) => f.path === unique); k++) unique = path.replace(/(\.[A-Za-z0-9]+)$/, ` (${k})$1`);
    const f: DumpFile = { path: unique, data, at, label };
    this.files.push(f);
    return f;
  }
}
