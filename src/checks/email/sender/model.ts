// The sender model, learned from every message of the dump in one pass: per message a row of
// small codes in typed arrays (no per-document objects: a million messages cost ~50 MB), then per
// sender the counts of each habit over their distinct messages and their time-zone fit, per
// organisation (sender domain) the pooled habits of its senders (organisation.ts), and per sender
// and per domain what the route adds to received copies (DKIM signature, first hops). Copies of one
// message in several mailboxes count once. Judges (judge-*.ts) read it through the query methods.

import { GrowableF64, GrowableU32, hash48 } from '../../compact-state.js';
import type { CorpusDocument } from '../../types.js';
import { baseDomain, headerValues } from '../common.js';
import { featuresOf, senderOf, type MessageFeatures } from './features.js';
import { headerSaysSent, isInboxFolderName, isSentFolderName, placementOf, type PathKind, type Placement } from './path-kind.js';
import type { EmailFacts } from '../../../model/facts-email.js';
import { CANDIDATE_ZONES, zoneOffsetAt } from './zone.js';
import { addSender, addZoneSamples, ALL_SENDERS, emptyOrg, type OrgProfile } from './organisation.js';

/** A sender needs this many distinct messages before their habits are judged (the organisation's
 *  level decides what a short history can say). */
const MIN_MESSAGES = 6;
/** An organisation pools the habits of at least this many profiled senders. */
const ORG_MIN_SENDERS = 3;
/** The zone fit reads at most this many of a sender's messages (evenly spread). */
const ZONE_SAMPLE = 3000;
/** A sender's own received copies make their route profile from this many on. */
const MIN_ROUTE_COPIES = 3;
/** Owner candidates kept per mailbox and per folder (Misra-Gries heavy hitters). */
const OWNER_CANDIDATES = 24;
/** Without identified owners, a domain sending this share of the distinct messages is the organisation's. */
const DOMINANT_SHARE = 0.3;

const NONE = 0xffffffff;
const OFFSET_BIAS = 1 << 15;

// Row layout (Uint32 columns).
const C_SENDER = 0;
const C_OFFSET = 1;
const C_CLIENT = 2;
const C_MSGID = 3;
const C_BOUNDARY = 4;
const C_ORDER = 5;
const C_FOLDER = 6;
const C_HOP = 7;
const C_FLAGS = 8;
const C_DOMAIN = 9;
const WIDTH = 10;

const F_HOPS = 1;
const F_DKIM_ALIGNED = 2;
const F_DKIM = 4;
const F_SENT_HINT = 8;
const F_ATTACHED = 16;
const F_RECONSTRUCTED = 32;
const F_INBOX_NAME = 64;

function flagsOf(email: EmailFacts, f: MessageFeatures, place: Placement): number {
  let flags = 0;
  if (f.hops) flags |= F_HOPS;
  if (f.dkimAligned) flags |= F_DKIM_ALIGNED;
  if (f.dkim) flags |= F_DKIM;
  if (isSentFolderName(place.folder) || headerSaysSent(email)) flags |= F_SENT_HINT;
  if (place.attached) flags |= F_ATTACHED;
  if (email.reconstructed || email.origin !== 'rfc822') flags |= F_RECONSTRUCTED;
  if (isInboxFolderName(place.folder)) flags |= F_INBOX_NAME;
  return flags;
}

class Interner {
  private readonly codes = new Map<string, number>();
  readonly values: string[] = [];
  code(v: string): number {
    let c = this.codes.get(v);
    if (c === undefined) {
      c = this.values.length;
      this.codes.set(v, c);
      this.values.push(v);
    }
    return c;
  }
  find(v: string): number | undefined {
    return this.codes.get(v);
  }
}

/** Heavy hitters of a stream with bounded memory (Misra-Gries): the owner of a mailbox is the address it is about. */
class HeavyHitters {
  readonly counts = new Map<number, number>();
  /** Messages noted (a message adds each of its recipients once). */
  messages = 0;
  add(code: number): void {
    const c = this.counts.get(code);
    if (c !== undefined) this.counts.set(code, c + 1);
    else if (this.counts.size < OWNER_CANDIDATES) this.counts.set(code, 1);
    else
      for (const [k, v] of this.counts)
        if (v <= 1) this.counts.delete(k);
        else this.counts.set(k, v - 1);
  }
  top(): { code: number; count: number } | null {
    let best: { code: number; count: number } | null = null;
    for (const [code, count] of this.counts)
      if (!best || count > best.count || (count === best.count && code < best.code)) best = { code, count };
    return best;
  }
}

/** Notes whom one copy is about in a mailbox's (or folder's) heavy hitters. */
function noteOwner(into: Map<number, HeavyHitters>, key: number, who: number[]): void {
  let hh = into.get(key);
  if (!hh) into.set(key, (hh = new HeavyHitters()));
  hh.messages++;
  for (const c of who) hh.add(c);
}

export interface ValueCount {
  value: string;
  count: number;
}

/** Counts of one habit over a sender's distinct messages. */
export class Habit {
  readonly counts = new Map<number, number>();
  total = 0;
  add(code: number): void {
    if (code === NONE) return;
    this.counts.set(code, (this.counts.get(code) ?? 0) + 1);
    this.total++;
  }
}

export interface SenderProfile {
  sender: string;
  /** Distinct messages. */
  messages: number;
  client: Habit;
  messageId: Habit;
  boundary: Habit;
  order: Habit;
  /** Per candidate zone, how many sampled messages have the offset the zone had at their instant. */
  zoneHits: Int32Array;
  zoneSamples: number;
  /** Row positions of the distinct messages, in time order (undated ones last). */
  rows: Uint32Array;
  /** Home zones (equal fits; empty when no zone explains 75 % of the offsets). */
  home: string[];
  /** The organisation the sender's habits are compared with: their domain's senders, or the dump's. */
  org: OrgProfile | undefined;
}

export interface RouteProfile {
  domain: string;
  /** Whose copies: the sender's own, or every sender of the domain. */
  scope?: 'sender' | 'domain';
  /** Distinct received copies (not sent, not archived), and how many carry each trace. */
  received: number;
  dkimAligned: number;
  withHops: number;
  firstHops: Map<number, number>;
  /** Copies with an aligned DKIM signature, by first hop: a route that signs always signs. */
  dkimByHop: Map<number, number>;
  internal: boolean;
}

/** The received copies a copy is compared with: the sender's own, and their domain's. */
export interface Routes {
  own: RouteProfile | undefined;
  domain: RouteProfile | undefined;
}

export interface Placed {
  kind: PathKind;
  mailbox: string;
  folder: string;
  owner: string | undefined;
  why: string;
}

export class SenderModel {
  private readonly senders = new Interner();
  private readonly clients = new Interner();
  private readonly messageIds = new Interner();
  private readonly boundaries = new Interner();
  private readonly orders = new Interner();
  private readonly hops = new Interner();
  private readonly folders = new Interner();
  private readonly mailboxes = new Interner();
  private readonly domains = new Interner();
  private readonly rows = new GrowableU32(WIDTH, 4096);
  private readonly times = new GrowableF64();
  private readonly keys = new GrowableF64();
  private readonly folderMailbox: number[] = [];
  private readonly owners = new Map<number, HeavyHitters>();
  private readonly folderOwners = new Map<number, HeavyHitters>();

  // Built by finish().
  private ownerOf = new Map<number, number>();
  private folderOwnerOf = new Map<number, number>();
  private orgs = new Map<string, OrgProfile>();
  private folderStats: { n: number; hops: number }[] = [];
  private kinds = new Uint8Array(0);
  private profiles = new Map<number, SenderProfile>();
  private domainRoutes = new Map<number, RouteProfile>();
  private senderRoutes = new Map<number, RouteProfile>();
  private orgDomains = new Set<string>();

  /** Pass 1: one message. Returns its features, or undefined when it is not a sender's own message. */
  learn(doc: CorpusDocument): MessageFeatures | undefined {
    const email = doc.facts.email;
    const sender = senderOf(email);
    if (!email || !sender) return undefined;
    const f = featuresOf(email, sender);
    const place = placementOf(doc.path);
    const mailbox = this.mailboxes.code(place.mailbox);
    const folder = this.folders.code(`${place.mailbox}\u0000${place.folder}`);
    this.folderMailbox[folder] = mailbox;
    const flags = flagsOf(email, f, place);
    const senderCode = this.senders.code(sender);
    const row = new Uint32Array(WIDTH);
    row[C_SENDER] = senderCode;
    row[C_OFFSET] = f.offset === null ? NONE : f.offset + OFFSET_BIAS;
    row[C_CLIENT] = this.clients.code(f.client);
    row[C_MSGID] = this.messageIds.code(f.messageIdKey);
    row[C_BOUNDARY] = f.boundary === null ? NONE : this.boundaries.code(f.boundary);
    row[C_ORDER] = this.orders.code(f.headerOrder);
    row[C_FOLDER] = folder;
    row[C_HOP] = f.firstHop === null ? NONE : this.hops.code(f.firstHop);
    row[C_FLAGS] = flags;
    row[C_DOMAIN] = f.senderDomain ? this.domains.code(f.senderDomain) : NONE;
    this.rows.push(row);
    this.times.push(f.t ?? NaN);
    // Copies of one message (sent copy, each recipient's copy) share these; a forged variant does not.
    this.keys.push(hash48(`${sender}\u0000${f.messageId ?? ''}\u0000${email.dateRaw ?? ''}\u0000${f.clientRaw ?? ''}`));
    if (!place.attached) {
      const who = this.addressedTo(email, sender, (flags & F_SENT_HINT) !== 0, f.hops > 0);
      if (who.length) {
        noteOwner(this.owners, mailbox, who);
        noteOwner(this.folderOwners, folder, who);
      }
    }
    return f;
  }

  /** Whom a copy is about: the From of a sent copy, the addresses a received copy was delivered to. */
  private addressedTo(email: EmailFacts, sender: string, sent: boolean, received: boolean): number[] {
    if (sent) return [this.senders.code(sender)];
    if (!received) return [];
    const delivered = [
      ...headerValues(email, 'Delivered-To'),
      ...headerValues(email, 'X-Original-To'),
      ...headerValues(email, 'Envelope-To'),
    ]
      .map((v) => v.replace(/[<>\s]/g, '').toLowerCase())
      .filter((v) => v.includes('@'));
    const to = delivered.length ? delivered : [...email.to, ...email.cc].map((a) => a.address.toLowerCase()).filter(Boolean);
    return [...new Set(to)].map((a) => this.senders.code(a));
  }

  /** After pass 1: owners, path kinds, per-sender habits and per-domain route profiles. */
  finish(): void {
    const n = this.times.view().length;
    const rows = this.rows.view();
    const times = this.times.view();
    const keys = this.keys.view();

    // Mailbox and folder owners: the heavy hitter, when it is in a fair share of the messages (a
    // folder per person, 'alice.mbox', has its owner where a mailbox of several people's files has none).
    for (const [into, from] of [
      [this.ownerOf, this.owners],
      [this.folderOwnerOf, this.folderOwners],
    ] as const)
      for (const [key, hh] of from) {
        const top = hh.top();
        if (top && top.count >= Math.max(2, 0.3 * hh.messages)) {
          into.set(key, top.code);
          const d = baseDomain(this.senders.values[top.code]);
          if (d) this.orgDomains.add(d);
        }
      }
    this.folderStats = this.folders.values.map(() => ({ n: 0, hops: 0 }));
    for (let i = 0; i < n; i++) {
      const s = this.folderStats[rows[i * WIDTH + C_FOLDER]];
      s.n++;
      if (rows[i * WIDTH + C_FLAGS] & F_HOPS) s.hops++;
    }
    this.kinds = new Uint8Array(n);
    for (let i = 0; i < n; i++) this.kinds[i] = KIND_CODE[this.placeRow(rows.subarray(i * WIDTH, (i + 1) * WIDTH)).kind];

    // Distinct messages per sender, in time order.
    const order = Uint32Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => {
      const sa = rows[a * WIDTH + C_SENDER];
      const sb = rows[b * WIDTH + C_SENDER];
      if (sa !== sb) return sa - sb;
      const ta = Number.isNaN(times[a]) ? Infinity : times[a];
      const tb = Number.isNaN(times[b]) ? Infinity : times[b];
      return ta - tb || keys[a] - keys[b] || a - b;
    });
    let start = 0;
    while (start < n) {
      const sender = rows[order[start] * WIDTH + C_SENDER];
      let end = start;
      while (end < n && rows[order[end] * WIDTH + C_SENDER] === sender) end++;
      const distinct: number[] = [];
      for (let k = start; k < end; k++) {
        const i = order[k];
        const prev = distinct.length ? distinct[distinct.length - 1] : -1;
        if (prev >= 0 && keys[prev] === keys[i] && (times[prev] === times[i] || (Number.isNaN(times[prev]) && Number.isNaN(times[i]))))
          continue;
        distinct.push(i);
      }
      if (distinct.length >= MIN_MESSAGES) this.profiles.set(sender, this.profile(sender, distinct));
      start = end;
    }
    if (!this.orgDomains.size) this.addDominantDomain();
    this.buildOrganisations();

    // Route profiles per sender domain and per sender, over distinct received copies.
    const received: number[] = [];
    for (let i = 0; i < n; i++) if (this.kinds[i] === KIND_CODE.received && rows[i * WIDTH + C_DOMAIN] !== NONE) received.push(i);
    received.sort((a, b) => rows[a * WIDTH + C_SENDER] - rows[b * WIDTH + C_SENDER] || keys[a] - keys[b] || a - b);
    for (let k = 0; k < received.length; k++) {
      const i = received[k];
      const prev = k > 0 ? received[k - 1] : -1;
      if (prev >= 0 && keys[prev] === keys[i] && rows[prev * WIDTH + C_SENDER] === rows[i * WIDTH + C_SENDER]) continue;
      const d = rows[i * WIDTH + C_DOMAIN];
      const domain = this.domains.values[d];
      const internal = this.orgDomains.has(domain);
      this.addRoute(this.domainRoutes, d, domain, internal, rows.subarray(i * WIDTH, (i + 1) * WIDTH));
      this.addRoute(this.senderRoutes, rows[i * WIDTH + C_SENDER], domain, internal, rows.subarray(i * WIDTH, (i + 1) * WIDTH));
    }
    // Keep per-sender routes only where they carry enough copies to be judged on their own.
    for (const [s, r] of this.senderRoutes) if (r.received < MIN_ROUTE_COPIES) this.senderRoutes.delete(s);
  }

  /** Without mailbox owners: the domain that sends a third of the distinct messages, from 3 senders. */
  private addDominantDomain(): void {
    const messages = new Map<string, { n: number; senders: number }>();
    let total = 0;
    for (const p of this.profiles.values()) {
      const d = baseDomain(p.sender);
      total += p.messages;
      if (!d) continue;
      const e = messages.get(d) ?? { n: 0, senders: 0 };
      e.n += p.messages;
      e.senders++;
      messages.set(d, e);
    }
    for (const [d, e] of messages) if (e.senders >= ORG_MIN_SENDERS && e.n >= DOMINANT_SHARE * total) this.orgDomains.add(d);
  }

  /** Senders pooled per domain (and all together, for domains with too few senders). */
  private buildOrganisations(): void {
    const byDomain = new Map<string, SenderProfile[]>();
    for (const p of this.profiles.values()) {
      const d = baseDomain(p.sender) ?? '';
      const list = byDomain.get(d) ?? [];
      list.push(p);
      byDomain.set(d, list);
    }
    const all = emptyOrg(ALL_SENDERS);
    const groups: [OrgProfile, SenderProfile[]][] = [];
    for (const [d, list] of byDomain) if (d && list.length >= ORG_MIN_SENDERS) groups.push([emptyOrg(d), list]);
    groups.push([all, [...this.profiles.values()]]);
    const read = {
      timeOf: (r: number) => this.timeOf(r),
      offsetOf: (r: number) => this.offsetOf(r),
      clientOf: (r: number) => this.clientOf(r),
      messageIdOf: (r: number) => this.messageIdOf(r),
    };
    const rowsOf = (p: SenderProfile) => ({
      rows: p.rows,
      zoneHits: p.zoneHits,
      zoneSamples: p.zoneSamples,
      clientCounts: p.client.counts,
      messageIdCounts: p.messageId.counts,
    });
    for (const [org, list] of groups) for (const p of list) addZoneSamples(org, rowsOf(p));
    for (const [org, list] of groups) {
      this.orgs.set(org.key, org);
      for (const p of list) {
        const home = addSender(org, rowsOf(p), read);
        if (!p.org || p.org.key === ALL_SENDERS) {
          p.org = org;
          p.home = home;
        }
      }
    }
  }

  private addRoute(into: Map<number, RouteProfile>, key: number, domain: string, internal: boolean, row: Uint32Array): void {
    let r = into.get(key);
    if (!r) into.set(key, (r = { domain, received: 0, dkimAligned: 0, withHops: 0, firstHops: new Map(), dkimByHop: new Map(), internal }));
    r.received++;
    const flags = row[C_FLAGS];
    if (flags & F_DKIM_ALIGNED) r.dkimAligned++;
    if (flags & F_HOPS) r.withHops++;
    const hop = row[C_HOP];
    if (hop !== NONE) {
      r.firstHops.set(hop, (r.firstHops.get(hop) ?? 0) + 1);
      if (flags & F_DKIM_ALIGNED) r.dkimByHop.set(hop, (r.dkimByHop.get(hop) ?? 0) + 1);
    }
  }

  private profile(sender: number, distinct: number[]): SenderProfile {
    const rows = this.rows.view();
    const times = this.times.view();
    const p: SenderProfile = {
      sender: this.senders.values[sender],
      messages: distinct.length,
      client: new Habit(),
      messageId: new Habit(),
      boundary: new Habit(),
      order: new Habit(),
      zoneHits: new Int32Array(CANDIDATE_ZONES.length),
      zoneSamples: 0,
      rows: Uint32Array.from(distinct),
      home: [],
      org: undefined,
    };
    const dated = distinct.filter((i) => !Number.isNaN(times[i]) && rows[i * WIDTH + C_OFFSET] !== NONE);
    const stride = Math.max(1, Math.ceil(dated.length / ZONE_SAMPLE));
    for (let k = 0; k < dated.length; k += stride) {
      const i = dated[k];
      const offset = rows[i * WIDTH + C_OFFSET] - OFFSET_BIAS;
      for (let z = 0; z < CANDIDATE_ZONES.length; z++) if (zoneOffsetAt(CANDIDATE_ZONES[z], times[i]) === offset) p.zoneHits[z]++;
      p.zoneSamples++;
    }
    for (const i of distinct) {
      p.client.add(rows[i * WIDTH + C_CLIENT]);
      p.messageId.add(rows[i * WIDTH + C_MSGID]);
      p.boundary.add(rows[i * WIDTH + C_BOUNDARY]);
      p.order.add(rows[i * WIDTH + C_ORDER]);
    }
    return p;
  }

  private placeRow(row: Uint32Array, selfExcluded = true): Placed {
    const folderCode = row[C_FOLDER];
    const mailbox = this.folderMailbox[folderCode];
    const [mailboxName, folder] = this.folders.values[folderCode].split('\u0000');
    const ownerCode = this.folderOwnerOf.get(folderCode) ?? this.ownerOf.get(mailbox);
    const owner = ownerCode === undefined ? undefined : this.senders.values[ownerCode];
    const flags = row[C_FLAGS];
    const at = (kind: PathKind, why: string): Placed => ({ kind, mailbox: mailboxName, folder, owner, why });
    if (flags & F_ATTACHED) return at('archive', 'a message carried inside another message');
    if (flags & F_SENT_HINT) return at('sent', `a sent folder ("${folder}")`);
    const hasHops = (flags & F_HOPS) !== 0;
    if (!hasHops && ownerCode !== undefined && ownerCode === row[C_SENDER])
      return at('sent', "no Received hops and From is the mailbox's owner");
    if (hasHops) return at('received', 'carries Received hops');
    const st = this.folderStats[folderCode];
    const others = st ? st.n - (selfExcluded ? 1 : 0) : 0;
    if (flags & F_INBOX_NAME) return at('received', `an inbox folder ("${folder}")`);
    if (st && others >= 5 && st.hops / others >= 0.8)
      return at('received', `a folder where ${st.hops} of ${others} other messages carry Received hops`);
    return at(
      'archive',
      flags & F_RECONSTRUCTED ? 'an Outlook item without transport headers' : 'no Received hops, outside any received folder',
    );
  }

  /** Where a message of pass 2 sits: sent copy, received copy or archive. */
  place(doc: CorpusDocument, f: MessageFeatures): Placed {
    const place = placementOf(doc.path);
    const folder = this.folders.find(`${place.mailbox}\u0000${place.folder}`);
    if (folder === undefined)
      return { kind: 'archive', mailbox: place.mailbox, folder: place.folder, owner: undefined, why: 'unknown folder' };
    const row = new Uint32Array(WIDTH);
    row[C_SENDER] = this.senders.find(f.sender) ?? NONE;
    row[C_FOLDER] = folder;
    row[C_FLAGS] = flagsOf(doc.facts.email!, f, place);
    return this.placeRow(row);
  }

  profileOf(sender: string): SenderProfile | undefined {
    const c = this.senders.find(sender);
    return c === undefined ? undefined : this.profiles.get(c);
  }

  /** The received copies comparable with one from this sender: the sender's own, and every copy from the sender's domain. */
  routesOf(sender: string, domain: string | undefined): Routes {
    const s = this.senders.find(sender);
    const own = s === undefined ? undefined : this.senderRoutes.get(s);
    const c = domain === undefined ? undefined : this.domains.find(domain);
    const d = c === undefined ? undefined : this.domainRoutes.get(c);
    return { own: own && { ...own, scope: 'sender' }, domain: d && { ...d, scope: 'domain' } };
  }

  /** The organisation a sender's domain belongs to (the dump's pool for small domains). */
  orgFor(domain: string | undefined): OrgProfile | undefined {
    return (domain !== undefined ? this.orgs.get(domain) : undefined) ?? this.orgs.get(ALL_SENDERS);
  }

  isOrgDomain(domain: string | undefined): boolean {
    return !!domain && this.orgDomains.has(domain);
  }

  organisationDomains(): string[] {
    return [...this.orgDomains].sort();
  }

  // ---- values and rows for the judges ------------------------------------------------------

  clientCode(v: string): number | undefined {
    return this.clients.find(v);
  }
  messageIdCode(v: string): number | undefined {
    return this.messageIds.find(v);
  }
  boundaryCode(v: string): number | undefined {
    return this.boundaries.find(v);
  }
  orderCode(v: string): number | undefined {
    return this.orders.find(v);
  }
  hopCode(v: string): number | undefined {
    return this.hops.find(v);
  }
  clientName(c: number): string {
    return this.clients.values[c];
  }
  messageIdName(c: number): string {
    return this.messageIds.values[c];
  }
  boundaryName(c: number): string {
    return this.boundaries.values[c];
  }
  orderName(c: number): string {
    return this.orders.values[c];
  }
  hopName(c: number): string {
    return this.hops.values[c];
  }

  timeOf(row: number): number {
    return this.times.at1(row);
  }
  offsetOf(row: number): number | null {
    const v = this.rows.view()[row * WIDTH + C_OFFSET];
    return v === NONE ? null : v - OFFSET_BIAS;
  }
  clientOf(row: number): number {
    return this.rows.view()[row * WIDTH + C_CLIENT];
  }
  messageIdOf(row: number): number {
    return this.rows.view()[row * WIDTH + C_MSGID];
  }
  kindOf(row: number): PathKind {
    return KIND_NAME[this.kinds[row]];
  }
}

const KIND_CODE: Record<PathKind, number> = { received: 0, sent: 1, archive: 2 };
const KIND_NAME: PathKind[] = ['received', 'sent', 'archive'];
