// ARC (RFC 8617), verified offline with the same imported keys as DKIM: a forwarder (a list, a
// forwarding service, a gateway) that checked the message on arrival records what it found
// (ARC-Authentication-Results), signs the message as it sends it on (ARC-Message-Signature) and seals
// the chain (ARC-Seal). When the chain holds and a hop recorded dkim=pass for a signature that no longer
// verifies, the signature broke in transit at that hop: the innocent cause the DKIM finding then names.
// mailauth verifies the chain; docs/checks-email-integrity.md says what a pass proves (the sealer's word).

import { arc } from 'mailauth/lib/arc/index.js';
import type { DkimKey, DkimKeyTable } from '../types.js';
import { dkimKeyName } from '../dkim-keys.js';

export interface ArcResult {
  /** 'none' when the message carries no ARC set. */
  result: 'pass' | 'fail' | 'no-key';
  /** The newest instance (i=) of the chain. */
  instance: number;
  reason: string;
  /** Each hop, oldest first: who sealed it and what it found on arrival. */
  hops: ArcHop[];
  /** Where the keys the chain was verified with came from. */
  keys: { name: string; source?: string }[];
  /** Keys ('selector._domainkey.domain') the chain needs and the case lacks. */
  missing: string[];
}

interface ArcHop {
  instance: number;
  /** d= and s= of the ARC-Seal. */
  domain?: string;
  selector?: string;
  /** The forwarder's authserv-id (who wrote the ARC-Authentication-Results). */
  authservId?: string;
  /** DKIM results the hop recorded on arrival. */
  dkim: { domain: string; selector?: string; result: string }[];
}

/** The parts of mailauth's ARC chain data we read (its .d.ts leaves them loose). */
interface ParsedTag {
  value?: string | number;
}
interface ChainEntry {
  i: number;
  'arc-seal'?: { parsed?: { d?: ParsedTag; s?: ParsedTag } };
  'arc-message-signature'?: { parsed?: { d?: ParsedTag; s?: ParsedTag } };
  'arc-authentication-results'?: {
    parsed?: { value?: string; dkim?: { value?: string; header?: { d?: string; s?: string } }[] };
  };
}
export interface ArcData {
  chain?: ChainEntry[] | false;
  error?: Error;
  lastEntry?: { messageSignature?: { status?: { result?: string; comment?: string } } };
}

const text = (t: ParsedTag | undefined): string | undefined => (t?.value === undefined ? undefined : String(t.value).toLowerCase());

/** The hops as the chain records them, read before mailauth's verifier rewrites the parsed results. */
function hopsOf(chain: readonly ChainEntry[]): ArcHop[] {
  return [...chain]
    .sort((a, b) => a.i - b.i)
    .map((e) => {
      const aar = e['arc-authentication-results']?.parsed;
      return {
        instance: e.i,
        domain: text(e['arc-seal']?.parsed?.d),
        selector: text(e['arc-seal']?.parsed?.s),
        authservId: aar?.value,
        dkim: (aar?.dkim ?? [])
          .filter((d) => d.header?.d)
          .map((d) => ({
            domain: d.header!.d!.toLowerCase(),
            selector: d.header?.s?.toLowerCase(),
            result: (d.value ?? '').toLowerCase(),
          })),
      };
    });
}

function resolver(keys: DkimKeyTable) {
  return async (name: string): Promise<string[][]> => {
    const v = keys.get(name.replace(/\.$/, '').toLowerCase());
    if (v === undefined) throw Object.assign(new Error(`no imported key for ${name}`), { code: 'ENOTFOUND' });
    return [[v.record]];
  };
}

/** Verifies the ARC chain mailauth's DKIM pass collected (dkimVerify's `arc`); null when there is none. */
export async function verifyArc(data: ArcData | undefined, keys: DkimKeyTable, minBitLength: number): Promise<ArcResult | null> {
  // mailauth's getARChain gives false, not an empty list, when the headers form no chain.
  const chain = Array.isArray(data?.chain) ? data.chain : [];
  if (!chain.length && !data?.error) return null;
  const hops = hopsOf(chain);
  const instance = Math.max(0, ...chain.map((e) => e.i));
  // Every seal and the newest message signature need their key; without one nothing can be said.
  const names = new Set<string>();
  for (const e of chain) {
    const s = text(e['arc-seal']?.parsed?.s);
    const d = text(e['arc-seal']?.parsed?.d);
    if (s && d) names.add(dkimKeyName(s, d));
  }
  const newest = chain.find((e) => e.i === instance);
  const ams = newest && [text(newest['arc-message-signature']?.parsed?.s), text(newest['arc-message-signature']?.parsed?.d)];
  if (ams?.[0] && ams[1]) names.add(dkimKeyName(ams[0], ams[1]));
  const used = [...names].map((name) => ({ name, key: keys.get(name) as DkimKey | undefined }));
  const keyList = used.filter((u) => u.key).map((u) => ({ name: u.name, ...(u.key!.source ? { source: u.key!.source } : {}) }));
  const missing = used.filter((u) => !u.key).map((u) => u.name);
  if (chain.length && missing.length)
    return { result: 'no-key', instance, reason: `no imported key for ${missing.join(', ')}`, hops, keys: keyList, missing };

  const verdict = await arc(data as Parameters<typeof arc>[0], { resolver: resolver(keys), minBitLength });
  const status = verdict.status as { result: string; comment?: string };
  if (status.result === 'pass') return { result: 'pass', instance, reason: '', hops, keys: keyList, missing };
  const amsComment = data?.lastEntry?.messageSignature?.status?.comment;
  const reason = [
    status.comment || data?.error?.message || 'the chain does not verify',
    amsComment && `ARC-Message-Signature: ${amsComment}`,
  ]
    .filter(Boolean)
    .join('; ');
  return { result: 'fail', instance, reason, hops, keys: keyList, missing };
}

/** The hop that found a DKIM signature of this domain (and selector) passing on arrival, when the chain holds. */
export function arrivalPass(arcResult: ArcResult | null, domain: string | undefined, selector: string | undefined): ArcHop | null {
  if (!arcResult || arcResult.result !== 'pass' || !domain) return null;
  const d = domain.toLowerCase();
  const s = selector?.toLowerCase();
  return (
    arcResult.hops.find((h) => h.dkim.some((r) => r.result === 'pass' && r.domain === d && (!r.selector || !s || r.selector === s))) ?? null
  );
}
