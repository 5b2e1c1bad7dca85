// DKIM / ARC tag lists (RFC 6376 §3.2, RFC 8617 §4.1) as written, to describe a signature even when
// it cannot be verified (mailauth verifies later, over the raw bytes).

import type { DkimSignatureFacts } from '../../model/facts-email.js';

export interface TagList {
  /** Tag name (case kept: RFC 6376 tags are case-sensitive) -> value with folding whitespace removed where the RFC says so. */
  tags: Record<string, string>;
  /** Tag names that appeared more than once (a signature with duplicates is invalid, §3.2). */
  duplicates: string[];
  /** Pieces that were not tag=value. */
  malformed: string[];
}

/** Tags whose value is base64 or a list in which FWS is not significant. */
const STRIP_ALL_WS = new Set(['b', 'bh', 'h', 'z', 'p']);

/** Parse a tag-list: `tag=value; tag=value`. Values keep inner spaces except for base64/list tags. */
export function parseTagList(raw: string): TagList {
  const tags: Record<string, string> = Object.create(null);
  const duplicates: string[] = [];
  const malformed: string[] = [];
  for (const piece of raw.split(';')) {
    if (piece.trim() === '') continue;
    const eq = piece.indexOf('=');
    if (eq < 0) {
      malformed.push(piece.trim());
      continue;
    }
    const name = piece.slice(0, eq).trim();
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
      malformed.push(piece.trim());
      continue;
    }
    let value = piece.slice(eq + 1).replace(/\r?\n/g, '');
    value = STRIP_ALL_WS.has(name) ? value.replace(/[ \t]+/g, '') : value.trim();
    if (name in tags) duplicates.push(name);
    else tags[name] = value;
  }
  return { tags: { ...tags }, duplicates, malformed };
}

function intTag(v: string | undefined): number | undefined {
  if (v === undefined || !/^\d{1,15}$/.test(v.trim())) return undefined;
  return Number(v.trim());
}

/** Describe one DKIM-Signature / ARC-Message-Signature / ARC-Seal header from its raw value. */
export function dkimSignatureFacts(header: DkimSignatureFacts['header'], index: number, raw: string): DkimSignatureFacts {
  const { tags } = parseTagList(raw);
  const facts: DkimSignatureFacts = {
    header,
    index,
    raw,
    tags,
    signedHeaders: tags.h
      ? tags.h
          .split(':')
          .map((h) => h.trim())
          .filter((h) => h !== '')
      : [],
  };
  if (tags.d !== undefined) facts.domain = tags.d;
  if (tags.s !== undefined) facts.selector = tags.s;
  if (tags.a !== undefined) facts.algorithm = tags.a;
  const l = intTag(tags.l);
  if (l !== undefined) facts.bodyLength = l;
  const t = intTag(tags.t);
  if (t !== undefined) facts.timestamp = t;
  const x = intTag(tags.x);
  if (x !== undefined) facts.expiration = x;
  return facts;
}
