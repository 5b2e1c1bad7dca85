// The organisation's level of the sender model: senders of one domain pooled, so that a sender with
// a short history borrows strength from colleagues (docs/checks-email.md). Per organisation: the
// zones its senders live in, the rate at which a genuine message shows a value its sender never
// used elsewhere (Good-Turing at the organisation level), and how often each client and each
// (client, Message-ID form) pair occurs. A few maps per domain, never per message.

import { CANDIDATE_ZONES, bestZones, zoneOffsetAt, zoneOffsetsOfYear } from './zone.js';

/** Families whose novelty rate the organisation estimates. */
export type NoveltyFamily = 'client' | 'messageId' | 'offset';

export interface ValueUse {
  /** Distinct messages with the value. */
  messages: number;
  /** Senders who used it. */
  senders: number;
}

export interface OrgProfile {
  /** The sender domain, or ALL_SENDERS for the dump-wide pool. */
  key: string;
  /** Senders with a profile (enough distinct messages). */
  senders: number;
  /** Their distinct messages. */
  messages: number;
  /** Per candidate zone, how many of their sampled messages it explains. */
  zoneHits: Int32Array;
  zoneSamples: number;
  /** Home zone of each sender whose offsets fit one, and how many senders live there. */
  homeZones: Map<string, number>;
  /** Distinct messages whose value their sender shows nowhere else (per family). */
  novel: Record<NoveltyFamily, number>;
  clients: Map<number, ValueUse>;
  /** Key `${client}:${messageIdClass}`. */
  clientIds: Map<string, ValueUse>;
}

export const ALL_SENDERS = '(all senders of the dump)';

export function emptyOrg(key: string): OrgProfile {
  return {
    key,
    senders: 0,
    messages: 0,
    zoneHits: new Int32Array(CANDIDATE_ZONES.length),
    zoneSamples: 0,
    homeZones: new Map(),
    novel: { client: 0, messageId: 0, offset: 0 },
    clients: new Map(),
    clientIds: new Map(),
  };
}

/** Good-Turing chance, at the organisation's level, that a genuine message shows a value its sender
 *  never used; `leaveOut` leaves out the judged message (itself such a novelty). */
export function orgNoveltyRate(org: OrgProfile, family: NoveltyFamily, leaveOut = false): number {
  const k = leaveOut && org.novel[family] > 0 ? 1 : 0;
  return (org.novel[family] - k + 1) / (org.messages - k + 1);
}

/** The home zones a history of offsets fits; the zone fit's share is `best / others`. Zones the
 *  sender's own offsets cannot tell apart (a winter-only history fits Paris and Lagos alike) are
 *  told apart by the organisation's. */
export function homeZonesOf(hits: Int32Array, others: number, org: OrgProfile | undefined): { zones: string[]; best: number } {
  const tolerance = Math.max(1, Math.round(0.02 * others));
  const fit = bestZones(hits, tolerance);
  if (!org || fit.zones.length < 2 || org.zoneSamples === 0) return fit;
  const idx = fit.zones.map((z) => CANDIDATE_ZONES.indexOf(z as (typeof CANDIDATE_ZONES)[number]));
  let top = 0;
  for (const z of idx) top = Math.max(top, org.zoneHits[z]);
  const orgTolerance = Math.max(1, Math.round(0.02 * org.zoneSamples));
  const kept = fit.zones.filter((_, i) => org.zoneHits[idx[i]] >= top - orgTolerance);
  return { zones: kept, best: fit.best };
}

/** Zones where colleagues live whose offset at t is o (the offset is usual somewhere in the
 *  organisation). +0000 all year is left out: it is the zone of servers and of programs that write
 *  UTC (Exchange Online, eM Client), not a sign that colleagues live there. */
export function orgZonesWithOffset(org: OrgProfile, t: number, o: number): string[] {
  const out: string[] = [];
  for (const z of org.homeZones.keys()) {
    const year = zoneOffsetsOfYear(z, t);
    if (year.length === 1 && year[0] === 0) continue;
    if (zoneOffsetAt(z, t) === o) out.push(z);
  }
  return out;
}

/** How many distinct messages of the organisation, other senders', carry a value. */
export function usedElsewhere(use: ValueUse | undefined, own: number): { messages: number; senders: number } {
  if (!use) return { messages: 0, senders: 0 };
  return { messages: Math.max(0, use.messages - own), senders: Math.max(0, use.senders - (own > 0 ? 1 : 0)) };
}

/** A sender's rows, as the organisation's builder reads them. */
export interface SenderRows {
  rows: Uint32Array;
  zoneHits: Int32Array;
  zoneSamples: number;
  clientCounts: Map<number, number>;
  messageIdCounts: Map<number, number>;
}

export interface RowReader {
  timeOf(row: number): number;
  offsetOf(row: number): number | null;
  clientOf(row: number): number;
  messageIdOf(row: number): number;
}

/** Adds a sender's zone samples to the organisation (first step: the zone hits). */
export function addZoneSamples(org: OrgProfile, s: SenderRows): void {
  for (let z = 0; z < org.zoneHits.length; z++) org.zoneHits[z] += s.zoneHits[z];
  org.zoneSamples += s.zoneSamples;
}

/** Adds a sender's habits and novelties to the organisation (second step, once the zone hits are known).
 *  Returns the sender's home zones (empty when no zone explains 75 % of their offsets). */
export function addSender(org: OrgProfile, s: SenderRows, read: RowReader): string[] {
  org.senders++;
  org.messages += s.rows.length;
  const fit = homeZonesOf(s.zoneHits, s.zoneSamples, org);
  const home = s.zoneSamples && fit.best / s.zoneSamples >= 0.75 ? fit.zones : [];
  if (home.length) org.homeZones.set(home[0], (org.homeZones.get(home[0]) ?? 0) + 1);
  const foreign = new Map<number, number>();
  const offsets: number[] = [];
  const pairs = new Map<string, number>();
  for (const row of s.rows) {
    const c = read.clientOf(row);
    const m = read.messageIdOf(row);
    const clientNovel = s.clientCounts.get(c) === 1;
    if (clientNovel) org.novel.client++;
    // A new Message-ID form with the sender's usual client: a new client explains a new form.
    if (!clientNovel && s.messageIdCounts.get(m) === 1) org.novel.messageId++;
    const key = `${c}:${m}`;
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
    const t = read.timeOf(row);
    const o = read.offsetOf(row);
    if (!home.length || Number.isNaN(t) || o === null) continue;
    if (home.some((z) => zoneOffsetAt(z, t) === o)) continue;
    foreign.set(o, (foreign.get(o) ?? 0) + 1);
    offsets.push(o);
  }
  // An offset off the home zone seen once (a trip or a second device shows several times).
  for (const o of offsets) if (foreign.get(o) === 1) org.novel.offset++;
  for (const [c, n] of s.clientCounts) bump(org.clients, c, n);
  for (const [k, n] of pairs) bump(org.clientIds, k, n);
  return home;
}

function bump<K>(m: Map<K, ValueUse>, k: K, n: number): void {
  const u = m.get(k);
  if (u) {
    u.messages += n;
    u.senders++;
  } else m.set(k, { messages: n, senders: 1 });
}

/** The organisation's zones for the evidence: zone and how many senders live there. */
export function orgZones(org: OrgProfile): { zone: string; senders: number }[] {
  return [...org.homeZones.entries()].sort((a, b) => b[1] - a[1]).map(([zone, senders]) => ({ zone, senders }));
}
