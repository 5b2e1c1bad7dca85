// DKIM, verified offline (RFC 6376, RFC 8301, RFC 8463). Per signature: the body-hash verdict
// (needs no key), the signature verdict (needs the key from the imported key table: never live
// DNS), l= partial-body coverage, which headers the signature covers, weak keys, x= expiry.
//
// mailauth computes the canonical body hash and the canonicalised header block; the verdict policy
// on top of it is strict, the way Debian's dkimpy is (agreement is asserted against dkimpy's
// recorded verdicts in test/unit/checks/email/dkim.test.ts). Where the Mail::DKIM test corpus is
// lenient (512-bit keys, pre-RFC drafts without v=1), the strict verdict is kept and the finding
// says why.

import { createHash, createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import type { CheckContext, DkimKey, DkimKeyTable, DocumentCheck, DocumentFacts, FindingDraft } from '../types.js';
import type { Severity } from '../../model/document.js';
import { dkimKeyName, spkiFingerprint } from '../dkim-keys.js';
import { parseTagList, readHeaderBlock, type RawHeaderBlock } from './raw-headers.js';
import { findAddedBlocks, type AddedBlock } from './dkim-additions.js';
import { linkRewriting, type LinkRewriting } from './link-rewriters.js';
import { arrivalPass, verifyArc, type ArcData, type ArcResult } from './dkim-arc.js';

type DkimVerdict = 'pass' | 'fail' | 'invalid' | 'nokey';

export interface DkimSignatureResult {
  index: number;
  verdict: DkimVerdict;
  /** Why, in words (empty on pass). */
  reason: string;
  domain?: string;
  selector?: string;
  algorithm?: string;
  canonicalization?: string;
  /** Body hash: 'pass' | 'fail' | null when it could not be computed (malformed signature). */
  bodyHash: 'pass' | 'fail' | null;
  bodyHashExpected?: string;
  bodyHashComputed?: string;
  /** Header signature alone (computed even when the body hash fails): null without a usable key. */
  headerSignature: 'pass' | 'fail' | null;
  signedHeaders: string[];
  bodyLengthLimit?: number;
  /** Canonical body bytes after the l= limit: content nobody signed. */
  unsignedBodyBytes?: number;
  keyBits?: number;
  keyType?: string;
  /** The key read for this signature ('selector._domainkey.domain') and where it came from. */
  key?: { name: string } & Omit<DkimKey, 'record'>;
  timestamp?: string;
  expiration?: string;
  /** Signed header names that occur more often in the message than h= covers (an unsigned extra instance). */
  unsignedDuplicates: string[];
  /** A pre-RFC 6376 draft signature (no v= or v= other than 1): its body hash follows other rules. */
  draft?: boolean;
  /** Text a server added to the signed body (a gateway banner, a disclaimer, a list footer or wrapper):
   *  without it the body hash verifies. */
  addedBlocks?: AddedBlock[];
  /** Candidate bodies hashed to find addedBlocks. */
  additionCandidates?: number;
  /** A tag a server put before the signed Subject ("[EXTERNAL] ", "[list] "): without it the header signature verifies. */
  subjectTag?: string;
  /** With the Content-* fields of the part a list wrapped the message into, the header signature verifies. */
  wrapperFieldsRestored?: boolean;
}

/** mailauth's per-signature result: the fields we read (its .d.ts does not declare them). */
interface MailauthResult {
  signature?: string;
  bodyHash?: string;
  bodyHashExpecting?: string;
  signingHeaders?: { keys: string; headers: string[]; canonicalizedHeader: string };
  canonBodyLength?: number;
  canonBodyLengthTotal?: number;
  canonBodyLengthLimited?: boolean;
  status: { result: string; comment?: string };
}

const ALGORITHMS: Record<string, { sign: 'rsa' | 'ed25519'; hash: 'sha256' | 'sha1' }> = {
  'rsa-sha256': { sign: 'rsa', hash: 'sha256' },
  'rsa-sha1': { sign: 'rsa', hash: 'sha1' },
  'ed25519-sha256': { sign: 'ed25519', hash: 'sha256' },
};

/** Leeway for signers with inaccurate clocks when judging t= in the future and x= in the past (as dkimpy). */
const CLOCK_SLOP_S = 36_000;
/** RFC 8301 §3.2: verifiers MUST NOT accept RSA keys shorter than 1024 bits. */
const MIN_RSA_BITS = 1024;

interface KeyInfo {
  key: KeyObject;
  type: 'rsa' | 'ed25519';
  bits: number;
  hashes?: string[];
}

/** RSA keys are published as SubjectPublicKeyInfo (RFC 6376 §3.6.1); a few publish bare PKCS#1. */
function readRsaKey(der: Buffer): KeyObject {
  try {
    return createPublicKey({ key: der, format: 'der', type: 'spki' });
  } catch {
    return createPublicKey({ key: der, format: 'der', type: 'pkcs1' });
  }
}

/** Reads a DKIM key record (RFC 6376 §3.6.1). Throws with a reason when the record is unusable. */
function readKey(record: string): KeyInfo {
  const tags = parseTagList(record);
  if (!tags) throw new Error('key record is not a tag list');
  if (tags.v !== undefined && tags.v !== 'DKIM1') throw new Error(`key record v=${tags.v}, not DKIM1`);
  const k = (tags.k ?? 'rsa').toLowerCase();
  if (k !== 'rsa' && k !== 'ed25519') throw new Error(`unknown key type k=${tags.k}`);
  if (tags.s !== undefined) {
    const services = tags.s.split(':').map((s) => s.trim().toLowerCase());
    if (!services.includes('*') && !services.includes('email')) throw new Error(`key is not for email (s=${tags.s})`);
  }
  if (!tags.p) throw new Error('key revoked (empty p=)');
  const der = Buffer.from(tags.p, 'base64');
  let key: KeyObject;
  try {
    key =
      k === 'ed25519'
        ? createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), der]), format: 'der', type: 'spki' })
        : readRsaKey(der);
  } catch (e) {
    throw new Error(`could not parse ${k} public key: ${(e as Error).message}`, { cause: e });
  }
  if (k === 'ed25519' && der.length !== 32) throw new Error(`ed25519 key is ${der.length} bytes, not 32`);
  if (key.asymmetricKeyType !== k) throw new Error(`key is ${key.asymmetricKeyType}, record says k=${k}`);
  const bits = k === 'rsa' ? (key.asymmetricKeyDetails?.modulusLength ?? 0) : 256;
  const hashes = tags.h?.split(':').map((h) => h.trim().toLowerCase());
  return { key, type: k, bits, hashes };
}

/** The SHA-256 of a key record's public key (SPKI DER), to match it with a published private key; null when unreadable. */
export function dkimRecordFingerprint(record: string): string | null {
  try {
    return spkiFingerprint(readKey(record).key);
  } catch {
    return null;
  }
}

/** RFC 6376 §3.5 checks on the signature's own tags; returns the reason it is invalid, or null. */
function signatureProblem(tags: Record<string, string>, now: Date): string | null {
  for (const t of ['v', 'a', 'b', 'bh', 'd', 'h', 's'])
    if (tags[t] === undefined) return `missing ${t}= tag (pre-RFC 6376 draft signature or damaged header)`;
  if (tags.v !== '1') return `v=${tags.v} is not 1 (pre-RFC 6376 draft signature)`;
  if (!ALGORITHMS[tags.a.toLowerCase()]) return `unknown signature algorithm a=${tags.a}`;
  if (!/^[A-Za-z0-9+/]+=*$/.test(tags.b) || tags.b.length % 4) return 'b= is not valid base64';
  if (!/^[A-Za-z0-9+/]+=*$/.test(tags.bh) || tags.bh.length % 4) return 'bh= is not valid base64';
  if (tags.i !== undefined) {
    const i = tags.i.toLowerCase();
    const d = tags.d.toLowerCase();
    const at = i.lastIndexOf('@');
    const idomain = at >= 0 ? i.slice(at + 1) : i;
    if (!(idomain === d || idomain.endsWith('.' + d))) return `i=${tags.i} is not in d=${tags.d} or a subdomain`;
  }
  if (tags.l !== undefined && !/^\d{1,76}$/.test(tags.l)) return `l=${tags.l} is not a decimal length`;
  if (tags.q !== undefined && tags.q.toLowerCase() !== 'dns/txt') return `q=${tags.q} is not dns/txt`;
  const nowS = Math.floor(now.getTime() / 1000);
  if (tags.t !== undefined) {
    if (!/^\d+$/.test(tags.t)) return `t=${tags.t} is not a timestamp`;
    if (Number(tags.t) > nowS + CLOCK_SLOP_S) return `t=${tags.t} is in the future of the analysis time`;
  }
  if (tags.x !== undefined) {
    if (!/^\d+$/.test(tags.x)) return `x=${tags.x} is not a timestamp`;
    if (Number(tags.x) < nowS - CLOCK_SLOP_S) return `signature expired (x=${new Date(Number(tags.x) * 1000).toISOString()})`;
  }
  return null;
}

function validCanonicalization(c: string | undefined): boolean {
  if (c === undefined) return true;
  return /^(simple|relaxed)(\/(simple|relaxed))?$/i.test(c.trim());
}

function keyResolver(keys: DkimKeyTable) {
  // mailauth's resolver contract: (name, 'TXT') -> string[][]; a missing name throws ENOTFOUND.
  return async (name: string): Promise<string[][]> => {
    const v = keys.get(name.replace(/\.$/, '').toLowerCase());
    if (v === undefined) throw Object.assign(new Error(`no imported key for ${name}`), { code: 'ENOTFOUND' });
    return [[v.record]];
  };
}

/** Verifies every DKIM-Signature of a raw message against the key table. Pure apart from CPU. */
export async function verifyDkim(raw: Uint8Array, keys: DkimKeyTable, now: Date): Promise<DkimSignatureResult[]> {
  return (await verifyMessage(raw, keys, now)).signatures;
}

/** The DKIM signatures and the ARC chain of a message, from one pass of mailauth over it. */
export async function verifyMessage(
  raw: Uint8Array,
  keys: DkimKeyTable,
  now: Date,
): Promise<{ signatures: DkimSignatureResult[]; arc: ArcResult | null }> {
  const block = readHeaderBlock(raw);
  const sigFields = block.fields.filter((f) => f.key === 'dkim-signature');
  const sealed = block.fields.some((f) => f.key === 'arc-seal');
  if (!sigFields.length && !sealed) return { signatures: [], arc: null };
  const mailauth = await dkimVerify(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), {
    resolver: keyResolver(keys),
    curTime: now,
    minBitLength: MIN_RSA_BITS,
  });
  const results = (mailauth.results as unknown as MailauthResult[]).filter((r) => r.signature !== undefined);
  const body = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).subarray(block.bodyOffset).toString('latin1');
  const signatures = sigFields.map((field, index) => judgeSignature(index, field.value, block, body, results, keys, now));
  const arcData = (mailauth as unknown as { arc?: ArcData }).arc;
  return { signatures, arc: sealed ? await verifyArc(arcData, keys, MIN_RSA_BITS) : null };
}

/** The body canonicalization of c= (RFC 6376 §3.5: "relaxed" alone is the header's, the body's is then simple). */
function bodyCanonicalization(c: string | undefined): string {
  const parts = (c ?? 'simple/simple').toLowerCase().split('/');
  return (parts[1] ?? 'simple').trim();
}

/** A tag a list or gateway puts before the Subject, in a canonicalised header block. */
const SUBJECT_TAG =
  /((?:^|\r\n)subject:[ \t]*)(\[[^\]\r\n]{1,40}\][ \t]*|\*{1,3}[^*\r\n]{1,30}\*{1,3}[ \t]*|(?:ext|external|extern|externe|externo|suspicious|spam)[ \t]*[:-][ \t]*)/i;

/** The signed header block with the given fields ('Content-Type: ...', as written) in place of the message's own. */
function withFields(canonical: Buffer, fields: string[], headerCanon: string): Buffer | null {
  let text = canonical.toString('latin1');
  for (const field of fields) {
    const colon = field.indexOf(':');
    if (colon < 0) continue;
    const name = field.slice(0, colon).trim();
    const value = field.slice(colon + 1);
    const line =
      headerCanon === 'relaxed'
        ? `${name.toLowerCase()}:${value
            .replace(/\r?\n/g, '')
            .replace(/[ \t]+/g, ' ')
            .trim()}`
        : field;
    const re = new RegExp(`(^|\\r\\n)${name.replace(/[-]/g, '\\-')}[ \\t]*:[^\\r\\n]*(?:\\r\\n[ \\t][^\\r\\n]*)*`, 'i');
    if (!re.test(text)) return null;
    text = text.replace(re, (_m, lead: string) => lead + line.replace(/\r?\n/g, '\r\n'));
  }
  return Buffer.from(text, 'latin1');
}

/** The signed header block without a subject tag, and the tag, or null when the Subject carries none. */
function withoutSubjectTag(canonical: Buffer): { header: Buffer; tag: string } | null {
  const text = canonical.toString('latin1');
  const m = SUBJECT_TAG.exec(text);
  if (!m) return null;
  return { header: Buffer.from(text.slice(0, m.index) + m[1] + text.slice(m.index + m[0].length), 'latin1'), tag: m[2] };
}

function judgeSignature(
  index: number,
  value: string,
  block: RawHeaderBlock,
  body: string,
  results: MailauthResult[],
  keys: DkimKeyTable,
  now: Date,
): DkimSignatureResult {
  const tags = parseTagList(value);
  const out: DkimSignatureResult = {
    index,
    verdict: 'invalid',
    reason: '',
    bodyHash: null,
    headerSignature: null,
    signedHeaders: [],
    unsignedDuplicates: [],
  };
  if (!tags) return { ...out, reason: 'the DKIM-Signature header is not a valid tag list' };
  out.domain = tags.d;
  out.selector = tags.s;
  out.algorithm = tags.a;
  out.canonicalization = tags.c ?? 'simple/simple';
  out.signedHeaders = (tags.h ?? '')
    .split(':')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  if (tags.l !== undefined && /^\d+$/.test(tags.l)) out.bodyLengthLimit = Number(tags.l);
  if (tags.t && /^\d+$/.test(tags.t)) out.timestamp = new Date(Number(tags.t) * 1000).toISOString();
  if (tags.x && /^\d+$/.test(tags.x)) out.expiration = new Date(Number(tags.x) * 1000).toISOString();
  out.unsignedDuplicates = unsignedDuplicates(out.signedHeaders, block);

  out.draft = tags.v !== '1';
  const ma = results.find((r) => r.signature === tags.b);
  let wrappedFields: string[] | undefined;
  // Without bh= (draft-00 signatures) there is no body hash to compare.
  if (ma?.bodyHash !== undefined && tags.bh !== undefined) {
    out.bodyHashExpected = ma.bodyHashExpecting;
    out.bodyHashComputed = ma.bodyHash;
    out.bodyHash = ma.bodyHash === ma.bodyHashExpecting ? 'pass' : 'fail';
    if (ma.canonBodyLengthLimited && typeof ma.canonBodyLengthTotal === 'number' && typeof ma.canonBodyLength === 'number') {
      out.unsignedBodyBytes = Math.max(0, ma.canonBodyLengthTotal - ma.canonBodyLength);
    }
    const hash = ALGORITHMS[tags.a?.toLowerCase() ?? '']?.hash;
    if (out.bodyHash === 'fail' && !out.draft && hash) {
      const field = (k: string) => block.fields.find((f) => f.key === k)?.value;
      const found = findAddedBlocks(body, field('content-type'), field('content-transfer-encoding'), {
        canonicalization: bodyCanonicalization(tags.c),
        algorithm: hash,
        expected: tags.bh,
        length: out.bodyLengthLimit,
      });
      if (found) {
        out.addedBlocks = found.blocks;
        out.additionCandidates = found.tried;
        wrappedFields = found.wrappedFields;
      }
    }
  }

  // Strict order, as dkimpy: message well formed, signature tags, then the key, then hashes.
  if (block.malformed.length) return { ...out, reason: `the header block is malformed (line "${block.malformed[0].slice(0, 60)}")` };
  const problem = signatureProblem(tags, now);
  if (problem) return { ...out, reason: problem };
  if (tags.x && tags.t && Number(tags.x) < Number(tags.t)) return { ...out, reason: 'x= (expiry) is before t= (signing time)' };

  const keyName = dkimKeyName(tags.s, tags.d);
  const entry = keys.get(keyName);
  const record = entry?.record;
  if (record === undefined || record.trim() === '') return { ...out, verdict: 'nokey', reason: `no imported key for ${keyName}` };
  const { record: _record, ...origin } = entry!;
  out.key = { name: keyName, ...origin };
  let key: KeyInfo;
  try {
    key = readKey(record);
  } catch (e) {
    return { ...out, reason: `unusable key: ${(e as Error).message}` };
  }
  out.keyBits = key.bits;
  out.keyType = key.type;
  const algo = ALGORITHMS[tags.a.toLowerCase()];
  if (algo.sign !== key.type) return { ...out, reason: `signature algorithm ${tags.a} does not match the ${key.type} key` };
  if (key.hashes && !key.hashes.includes(algo.hash))
    return { ...out, reason: `key accepts h=${key.hashes.join(':')} only, signature uses ${algo.hash}` };
  if (!validCanonicalization(tags.c)) return { ...out, reason: `invalid canonicalization c=${tags.c}` };
  if (!ma?.signingHeaders) return { ...out, reason: 'the signature could not be evaluated' };

  const canonical = Buffer.from(ma.signingHeaders.canonicalizedHeader, 'base64');
  const signature = Buffer.from(tags.b, 'base64');
  const headerOk = verifySignature(algo, canonical, key.key, signature);
  if (!headerOk) {
    // A list or gateway that tagged the Subject: the signature holds over the Subject as it was.
    const untagged = withoutSubjectTag(canonical);
    if (untagged && verifySignature(algo, untagged.header, key.key, signature)) out.subjectTag = untagged.tag;
    // A list that wrapped the message moved its Content-Type into the wrapped part: the signature
    // holds over the fields as they were.
    const unwrapped = wrappedFields && withFields(canonical, wrappedFields, (tags.c ?? 'simple').split('/')[0].trim().toLowerCase());
    if (unwrapped && verifySignature(algo, unwrapped, key.key, signature)) out.wrapperFieldsRestored = true;
  }
  out.headerSignature = headerOk ? 'pass' : 'fail';
  if (out.bodyHash === 'fail')
    return {
      ...out,
      verdict: 'fail',
      reason: out.addedBlocks
        ? 'body hash mismatch: text was added to the body after signing'
        : 'body hash mismatch: the body was changed after signing',
    };
  if (!headerOk) return { ...out, verdict: 'fail', reason: 'the signature over the signed headers does not verify' };
  if (out.unsignedDuplicates.includes('from')) {
    // dkimpy (Debian bug #644046) counts an extra From instance as signed: a second, unsigned From
    // header is the classic way to show a forged sender above a valid signature.
    return { ...out, verdict: 'fail', reason: 'a second From header is not covered by the signature' };
  }
  if (key.type === 'rsa' && key.bits < MIN_RSA_BITS)
    return {
      ...out,
      reason: `the key has ${key.bits} bits; RFC 8301 §3.2 forbids accepting RSA keys under ${MIN_RSA_BITS} bits (such keys can be factored, so anyone may have made the signature)`,
    };
  return { ...out, verdict: 'pass' };
}

function verifySignature(
  algo: { sign: 'rsa' | 'ed25519'; hash: 'sha256' | 'sha1' },
  canonical: Buffer,
  key: KeyObject,
  signature: Buffer,
): boolean {
  try {
    return algo.sign === 'rsa'
      ? cryptoVerify(algo.hash === 'sha1' ? 'RSA-SHA1' : 'RSA-SHA256', canonical, key, signature)
      : cryptoVerify(null, createHash('sha256').update(canonical).digest(), key, signature);
  } catch {
    return false;
  }
}

/** Header names listed in h= that occur more times in the message than h= lists them. */
function unsignedDuplicates(signed: string[], block: RawHeaderBlock): string[] {
  const out: string[] = [];
  const inH = new Map<string, number>();
  for (const h of signed) inH.set(h, (inH.get(h) ?? 0) + 1);
  for (const [name, n] of inH) {
    const present = block.fields.filter((f) => f.key === name).length;
    if (present > n) out.push(name);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Findings

function isMailingList(block: RawHeaderBlock): string | null {
  const list = block.fields.find(
    (f) =>
      f.key === 'list-id' ||
      f.key === 'list-post' ||
      f.key === 'list-unsubscribe' ||
      f.key === 'mailing-list' ||
      (f.key === 'precedence' && /list|bulk/i.test(f.value)),
  );
  return list ? `${list.name}: ${list.value.trim().slice(0, 120)}` : null;
}

function evidenceOf(r: DkimSignatureResult): Record<string, unknown> {
  return {
    signature: r.index,
    d: r.domain,
    s: r.selector,
    a: r.algorithm,
    c: r.canonicalization,
    verdict: r.verdict,
    reason: r.reason || undefined,
    draft: r.draft || undefined,
    bodyHash: r.bodyHash,
    bhExpected: r.bodyHashExpected,
    bhComputed: r.bodyHashComputed,
    headerSignature: r.headerSignature,
    h: r.signedHeaders,
    l: r.bodyLengthLimit,
    unsignedBodyBytes: r.unsignedBodyBytes,
    keyBits: r.keyBits,
    keyType: r.keyType,
    ...(r.key
      ? {
          keyName: r.key.name,
          keySource: r.key.source,
          keyFirstSeen: r.key.firstSeenAt,
          keyLastSeen: r.key.lastSeenAt,
          keyPrivatePublished: r.key.publishedPrivateKey,
        }
      : {}),
    t: r.timestamp,
    x: r.expiration,
    ...(r.addedBlocks ? { bodyHashWithoutAdditions: 'pass', addedBlocks: r.addedBlocks, additionCandidates: r.additionCandidates } : {}),
    ...(r.subjectTag !== undefined ? { subjectTag: r.subjectTag, headerSignatureWithoutSubjectTag: 'pass' } : {}),
    ...(r.wrapperFieldsRestored ? { headerSignatureWithWrappedFields: 'pass' } : {}),
  };
}

/** "a block added at the top of the text/plain and text/html parts: "[EXTERNAL] ..."" */
function describeAdditions(blocks: readonly AddedBlock[]): string {
  const where = (at: AddedBlock['at']) => (at === 'start' ? 'at the top of' : at === 'end' ? 'at the bottom of' : 'around');
  const places = [
    ...new Set(
      blocks.map((b) =>
        b.at === 'wrapper' ? 'the message, wrapped in a new multipart with an extra part' : `${where(b.at)} the ${b.part} part`,
      ),
    ),
  ];
  const text = blocks.find((b) => b.text)?.text ?? '';
  return `${places.join(' and ')}${text ? `: "${text.length > 160 ? `${text.slice(0, 160)}…` : text}"` : ''}`;
}

function signatureFindings(
  r: DkimSignatureResult,
  list: string | null,
  dateUtc: string | null,
  rewritten: LinkRewriting | null,
  arcResult: ArcResult | null,
): FindingDraft[] {
  const who = `The DKIM signature of ${r.domain ?? 'an unknown domain'}${r.selector ? ` (selector ${r.selector})` : ''}`;
  const ev = evidenceOf(r);
  const out: FindingDraft[] = [];
  const listNote = list
    ? ` The message came through a mailing list (${list.split(':')[0]}), which commonly rewrites bodies and subjects: that is the likely innocent cause.`
    : '';
  const listEv = list ? { mailingList: list } : {};
  // A link-protection gateway on the way in rewrote the links after signing: the body hash cannot
  // tell its rewriting from an edit, so a body failure stays low and says so.
  const rewriteNote = rewritten
    ? ` The body carries ${rewritten.links} link(s) rewritten by ${rewritten.gateway} (e.g. ${rewritten.example}), which handled the message on its way in (${rewritten.seenIn}): a link-protection gateway rewrites every link after the sender signed, which breaks the body hash as an edit would. That is the likely innocent cause; the signed text cannot be compared with the text as received.`
    : '';
  // A forwarder that verified this signature on arrival and sealed what it sent on (a valid ARC chain):
  // the signature broke in transit at that hop.
  const hop = arrivalPass(arcResult, r.domain, r.selector);
  const arcNote = hop
    ? ` The message carries a valid ARC chain: ${hop.authservId ?? hop.domain} (ARC i=${hop.instance}, sealed by ${hop.domain}) recorded this signature as passing (dkim=pass) when the message reached it, and sealed the message as it forwarded it. The signature broke in transit, after that check: the forwarder's own changes (a footer, rewritten links, a re-encoding) are the likely innocent cause. ARC vouches for what the forwarder says it found; it is as trustworthy as the forwarder.`
    : '';
  const arcEv = hop ? { arcArrival: { instance: hop.instance, sealer: hop.domain, authservId: hop.authservId } } : {};
  const bodyLow = !!list || !!rewritten || !!hop;
  const bodyEv = { ...listEv, ...(rewritten ? { linkRewriting: rewritten } : {}), ...arcEv };
  switch (r.verdict) {
    case 'pass':
      out.push(
        r.key?.publishedPrivateKey
          ? {
              // dkim-rotate and others publish retired private keys on purpose: anyone can sign with them.
              severity: 'info',
              message: `${who} verifies, but it cannot vouch for the message: the private half of its key is published (${r.key.publishedPrivateKey}), so anyone could have made this signature, at any time. The verified signature is not evidence that the domain's server sent it.`,
              evidence: ev,
            }
          : {
              severity: 'info',
              message: `${who} verifies with the imported key${r.key?.source ? ` (from ${r.key.source})` : ''}: the signed headers and body are as the domain's server sent them (DKIM proves the server, not the author).`,
              evidence: ev,
            },
      );
      break;
    case 'nokey':
      if (r.bodyHash === 'fail' && r.addedBlocks) {
        out.push({
          severity: 'low',
          message: `${who} carries a body hash that does not match the body as received, but matches it once the text added ${describeAdditions(r.addedBlocks)} is removed (checked without the key). A server on the way added it (the receiving organisation's gateway banner or disclaimer, a mailing list's footer); the signed text itself is unchanged.${listNote}`,
          evidence: { ...ev, ...listEv },
        });
      } else if (r.bodyHash === 'fail') {
        out.push({
          severity: bodyLow ? 'low' : 'high',
          message: `${who} carries a body hash that does not match the body: the body changed after signing (checked without the key).${listNote}${rewriteNote}${arcNote}`,
          evidence: { ...ev, ...bodyEv },
        });
      } else {
        out.push({
          severity: 'info',
          message: `${who} could not be checked: no key for it was imported (not a failure). Its body hash ${r.bodyHash === 'pass' ? 'matches the body' : 'could not be computed'}.`,
          evidence: ev,
        });
      }
      break;
    case 'fail':
      if (
        r.bodyHash === 'fail' &&
        r.addedBlocks &&
        (r.headerSignature === 'pass' || r.subjectTag !== undefined || r.wrapperFieldsRestored)
      ) {
        const tag =
          r.subjectTag !== undefined
            ? ` The signed headers verify once the tag "${r.subjectTag.trim()}" put before the Subject is removed.`
            : r.wrapperFieldsRestored
              ? ' The signed headers verify with the Content-Type the list moved into the wrapped part.'
              : ' The signature over the headers verifies.';
        out.push({
          severity: 'low',
          message: `${who} fails on the message as received only because text was added ${describeAdditions(r.addedBlocks)}: without it the body hash verifies, so the signed text is unchanged.${tag} A server on the way added it (the receiving organisation's gateway, a mailing list).${listNote}`,
          evidence: { ...ev, ...listEv },
        });
      } else if (r.bodyHash === 'pass' && r.subjectTag !== undefined) {
        out.push({
          severity: 'low',
          message: `${who} fails on the message as received only because the tag "${r.subjectTag.trim()}" was put before the Subject: without it the signature verifies. Gateways ("[EXTERNAL]") and mailing lists ("[list]") tag subjects this way.${listNote}`,
          evidence: { ...ev, ...listEv },
        });
      } else if (r.bodyHash === 'fail') {
        const headers = r.headerSignature === 'pass' ? ' The signature over the headers still verifies, so only the body was altered.' : '';
        out.push({
          severity: bodyLow ? 'low' : 'high',
          message: `${who} fails: the body changed after signing.${headers}${listNote}${rewriteNote}${arcNote}`,
          evidence: { ...ev, ...bodyEv },
        });
      } else {
        out.push({
          severity: list || hop ? 'low' : 'high',
          message: `${who} fails: ${r.reason}; a signed header (${r.signedHeaders.filter((h) => ['from', 'to', 'subject', 'date', 'cc'].includes(h)).join(', ') || 'see h='}) was likely changed after signing.${listNote}${arcNote}`,
          evidence: { ...ev, ...listEv, ...arcEv },
        });
      }
      break;
    case 'invalid': {
      const weak = r.keyBits !== undefined && r.keyType === 'rsa' && r.keyBits < MIN_RSA_BITS;
      // Draft signatures canonicalised and hashed the body by their own rules (Mail::DKIM verifies
      // the corpus's ietf-00/01 and v=0.5 vectors): an RFC 6376 body-hash mismatch proves nothing there.
      const severity: Severity = r.bodyHash === 'fail' && !list && !r.draft ? (r.addedBlocks ? 'low' : 'medium') : 'info';
      const bh =
        r.bodyHash === 'fail'
          ? r.addedBlocks
            ? ` Its body hash matches the body once the text added ${describeAdditions(r.addedBlocks)} is removed (a gateway or a list added it).`
            : r.draft
              ? ' Its body hash does not match the body by RFC 6376 rules, which this draft signature predates.'
              : ' Its body hash does not match the body either.'
          : r.bodyHash === 'pass'
            ? ' Its body hash matches the body.'
            : '';
      const lenient =
        weak || /pre-RFC|v=/.test(r.reason)
          ? ' Lenient verifiers (Mail::DKIM) may report "pass"; Verity follows the strict RFC verdict, as dkimpy does.'
          : '';
      out.push({ severity, message: `${who} cannot be accepted: ${r.reason}.${bh}${lenient}`, evidence: { ...ev, ...listEv } });
      break;
    }
  }
  // l=: content after the signed length is not protected at all (appended text, a second MIME part).
  if (r.bodyLengthLimit !== undefined && r.unsignedBodyBytes && r.unsignedBodyBytes > 0 && r.bodyHash === 'pass') {
    out.push({
      severity: list ? 'low' : 'medium',
      message: `${who} signs only the first ${r.bodyLengthLimit} bytes of the body (l=); ${r.unsignedBodyBytes} bytes after them are not covered and could have been added by anyone.${listNote}`,
      evidence: { ...ev, ...listEv },
    });
  }
  // Which headers are covered matters only when the signature otherwise holds or could hold.
  if (r.verdict === 'pass' || r.verdict === 'nokey') {
    const missing = ['from', 'subject', 'date', 'to'].filter((h) => !r.signedHeaders.includes(h));
    if (missing.includes('from'))
      out.push({
        severity: r.verdict === 'pass' ? 'high' : 'medium',
        message: `${who} does not cover the From header, so it says nothing about who sent the message (RFC 6376 §5.4 requires From to be signed).`,
        evidence: { ...ev, unsigned: missing },
      });
    else if (missing.includes('subject') || missing.includes('date')) {
      // An unsigned Subject under a verifying signature can be rewritten freely: that matters more than Date.
      const severity: Severity = missing.includes('subject') && r.verdict === 'pass' ? 'medium' : 'low';
      out.push({
        severity,
        message: `${who} does not cover ${missing.filter((h) => h !== 'to').join(' and ')}: ${missing.length > 1 ? 'those headers' : 'that header'} could have been edited without breaking it.`,
        evidence: { ...ev, unsigned: missing },
      });
    }
    const dup = r.unsignedDuplicates.filter((h) => h !== 'received');
    if (dup.length && r.verdict !== 'nokey')
      out.push({
        severity: 'high',
        message: `${who} covers fewer instances of ${dup.join(', ')} than the message carries: an extra, unsigned instance was added (a known way to show forged headers above a valid signature).`,
        evidence: { ...ev, unsignedDuplicates: dup },
      });
    else if (dup.length)
      out.push({
        severity: 'medium',
        message: `The message carries more ${dup.join(', ')} headers than the DKIM signature covers: an extra, unsigned instance may have been added.`,
        evidence: { ...ev, unsignedDuplicates: dup },
      });
  }
  const seen = archiveContext(r, dateUtc);
  if (seen) out.push({ severity: 'info', message: `${who}: ${seen}`, evidence: { ...ev, date: r.timestamp ?? dateUtc, keyDates: seen } });
  if (r.expiration && dateUtc && Date.parse(r.expiration) < Date.parse(dateUtc)) {
    out.push({
      severity: 'low',
      message: `${who} had already expired (x=) at the time in the Date header.`,
      evidence: { ...ev, date: dateUtc },
    });
  }
  return out;
}

/** A key archive's dates set against the mail's (t=, else Date): context for a verified signature, not proof either way. */
function archiveContext(r: DkimSignatureResult, dateUtc: string | null): string | null {
  if (r.verdict !== 'pass' || !r.key) return null;
  const signed = r.timestamp ?? dateUtc;
  const at = signed ? Date.parse(signed) : NaN;
  if (Number.isNaN(at)) return null;
  const day = (iso: string) => iso.slice(0, 10);
  const first = r.key.firstSeenAt ? Date.parse(r.key.firstSeenAt) : NaN;
  const last = r.key.lastSeenAt ? Date.parse(r.key.lastSeenAt) : NaN;
  if (!Number.isNaN(first) && first > at)
    return `the key archive first saw this key on ${day(r.key.firstSeenAt!)}, after the mail's date (${day(signed!)}). Context, not proof: archives start watching a selector late, but a key published only after a mail was dated is also what a signature made later would show.`;
  if (!Number.isNaN(last) && last < at)
    return `the key archive last saw this key on ${day(r.key.lastSeenAt!)}, before the mail's date (${day(signed!)}). Context, not proof: archives look at a selector now and then, but a key retired before a mail was dated is also what a backdated signature would show.`;
  return null;
}

/** The header block (up to the first empty line), as latin1 text. */
function headerText(raw: Uint8Array): string {
  const buf = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const ends = [buf.indexOf('\n\n'), buf.indexOf('\n\r\n'), buf.indexOf('\r\r')].filter((i) => i >= 0);
  return buf.subarray(0, ends.length ? Math.min(...ends) + 1 : buf.length).toString('latin1');
}

/** Whether the header block has a DKIM-Signature field, any case. */
export function hasDkimSignatureHeader(raw: Uint8Array): boolean {
  return /(?:^|[\r\n])dkim-signature[ \t]*:/i.test(headerText(raw));
}

/** Whether the header block has a DKIM-Signature or an ARC-Seal field: the messages this check reads. */
function isSignedOrSealed(raw: Uint8Array): boolean {
  return /(?:^|[\r\n])(?:dkim-signature|arc-seal)[ \t]*:/i.test(headerText(raw));
}

async function dkimFindings(doc: DocumentFacts, ctx: CheckContext): Promise<FindingDraft[]> {
  if (!doc.raw) return [];
  const email = doc.facts.email;
  if (email && (email.reconstructed || email.origin !== 'rfc822')) {
    // .msg/.pst items: the bytes are a rendering, not what the domain signed; a mismatch proves nothing.
    return email.dkim.some((d) => d.header === 'DKIM-Signature')
      ? [
          {
            severity: 'info',
            message:
              'The message carries a DKIM signature, but its original bytes are not in the dump (Outlook store item), so the signature cannot be checked.',
            evidence: {
              origin: email.origin,
              reconstructed: email.reconstructed ?? false,
              signatures: email.dkim.filter((d) => d.header === 'DKIM-Signature').map((d) => ({ d: d.domain, s: d.selector })),
            },
          },
        ]
      : [];
  }
  // Most mail is unsigned: mailauth would still stream and canonicalise the whole message to find that out.
  if (!isSignedOrSealed(doc.raw)) return [];
  const { signatures: results, arc: arcResult } = await verifyMessage(doc.raw, ctx.dkimKeys, ctx.now);
  if (!results.length && !arcResult) return [];
  const block = readHeaderBlock(doc.raw);
  const list = isMailingList(block);
  const dateUtc = doc.facts.email?.dateUtc ?? null;
  // Only a body failure needs explaining: the bodies are searched for rewritten links then alone.
  const rewritten = results.some((r) => r.bodyHash === 'fail')
    ? linkRewriting(block, [doc.facts.email?.text ?? '', doc.facts.email?.html ?? ''])
    : null;
  return [
    ...results.flatMap((r) => signatureFindings(r, list, dateUtc, rewritten, arcResult)),
    ...(arcResult ? [arcFinding(arcResult)] : []),
  ];
}

/** What the ARC chain shows: a seal that holds (the forwarders' word on what they received), one that
 *  broke (the message changed after the last forwarder sealed it), or one without its keys. A broken
 *  chain stays low: the DKIM signatures carry the weight, and a forwarder may itself record cv=fail. */
function arcFinding(a: ArcResult): FindingDraft {
  const sealers = a.hops.length ? a.hops.map((h) => `${h.domain ?? '?'} (i=${h.instance})`).join(', ') : 'the message';
  const evidence: Record<string, unknown> = {
    arc: { result: a.result, instance: a.instance, ...(a.reason ? { reason: a.reason } : {}), hops: a.hops, keys: a.keys },
  };
  if (a.result === 'pass')
    return {
      severity: 'info',
      message: `The ARC chain (RFC 8617) verifies with the imported keys: ${sealers} forwarded the message and sealed it, each recording what it found on arrival. The message is as the last forwarder sent it; what it was before rests on their word.`,
      evidence,
    };
  if (a.result === 'no-key') {
    // The first missing key, as a signature without its key: `verity dkim needed` lists it.
    const [selector, domain] = (a.missing[0] ?? '').split('._domainkey.');
    return {
      severity: 'info',
      message: `The ARC chain of ${sealers} could not be checked: ${a.reason} (not a failure).`,
      evidence: { ...evidence, verdict: 'nokey', d: domain, s: selector },
    };
  }
  if (!a.hops.length)
    return { severity: 'info', message: `The message's ARC headers do not form a chain that can be verified: ${a.reason}.`, evidence };
  const forwarderSaidSo = /cv=fail/.test(a.reason);
  return {
    severity: forwarderSaidSo ? 'info' : 'low',
    message: forwarderSaidSo
      ? `The ARC chain of ${sealers} records a failure: ${a.reason}. A forwarder found the chain already broken when the message reached it; that says nothing about the message's text.`
      : `The ARC chain of ${sealers} does not verify: ${a.reason}. The message was changed after the last forwarder sealed it, or the chain was damaged (the DKIM findings say whether the signed text changed).`,
    evidence,
  };
}

export const dkimCheck: DocumentCheck = {
  scope: 'document',
  id: 'email.dkim',
  version: 5,
  title: 'DKIM signatures (offline)',
  detects:
    'Per DKIM signature: whether the body still matches the signed body hash (no key needed), and when it does not, whether it matches once a block a server added at the top or bottom of a text part (or a list wrapper) is removed; whether the signature verifies with the imported key (also with a subject tag removed); body bytes after an l= limit, signed headers that are missing from h= or duplicated unsigned, weak (<1024-bit) keys, and expiry.',
  whyForgersLeaveIt:
    "A forger who edits a genuine signed message (a changed sentence, a changed date or recipient) cannot recompute the signature without the domain's private key, so the body hash or the header signature breaks; one who invents a message either leaves it unsigned or signs it with a key nobody published.",
  innocentCauses: [
    'Mailing lists add footers and subject tags, which break the body hash or the header signature.',
    'Receiving gateways (Exchange transport rules, Mimecast, Proofpoint) put a banner at the top of external mail or a disclaimer at the bottom: when the body hash verifies without that block, the finding is low and shows the added text. A forger who only ADDS a paragraph at the top or bottom looks the same; an edit inside the signed text never verifies and stays high.',
    "Link-protection gateways (Mimecast URL Protect, Microsoft Safe Links, Proofpoint URL Defense, Barracuda) rewrite every link of inbound mail after it was signed: when the body carries the gateway's rewritten links and the gateway's hop is on the message, a body failure is low and names the gateway (the text cannot be compared with the signed text).",
    'Export tools re-encode bodies (8bit to quoted-printable, CRLF to LF, trailing whitespace, dot-stuffing) or refold headers.',
    'Keys rotate: without the archived key the signature cannot be checked, which is not a failure.',
    'Forwarders (lists, forwarding services, gateways) change mail after its signature was made: when a valid ARC chain (RFC 8617) shows a forwarder found the signature passing on arrival, a failure is low and names that forwarder.',
    'Old mail signed with pre-RFC drafts or 512-bit keys was valid at the time for lenient verifiers.',
  ],
  kinds: ['email'],
  needsRaw: true,
  run: dkimFindings,
};

/** Re-runs the DKIM check after the analyst imported keys: the same check with the new key table. */
export function reverifyDkim(doc: DocumentFacts, keys: DkimKeyTable, now: Date): Promise<FindingDraft[]> {
  return dkimFindings(doc, { dkimKeys: keys, now });
}
