// Shared reading of the dates a document claims (facts.dates), for the date and anachronism checks.
// Instants are compared, never strings: '2024-04-18T00:39:22+03:00' and '2024-04-17T14:39:22-07:00'
// are one moment. A date written without a zone is only known to within ±14 hours.

import type { ClaimedDate } from '../../model/facts.js';
import { parseExifDate, parseIsoDate, parsePdfDate, type ParsedDate } from '../../shared/dates.js';
import type { DocumentFacts } from '../types.js';

export const DAY_MS = 86_400_000;
/** Widest spread of civil time zones (UTC-12 .. UTC+14). */
export const ZONELESS_SLACK_MS = 14 * 3_600_000;

export interface Instant {
  ms: number;
  /** False when the value carried no zone (then ms assumed UTC). */
  zoned: boolean;
  /** Precision of the written value: a date-only value ('2013-01-11') equals any time that day. */
  dateOnly: boolean;
}

/** Parse any date syntax a document uses: PDF 'D:...', ISO/XMP, EXIF 'YYYY:MM:DD HH:MM:SS[+hh:mm]'. */
export function parseAnyDate(raw: string): Instant | null {
  // Some writers put an ISO date behind a PDF prefix in XMP: "D:2018-08-02T16:06:22+02'00'".
  let t = raw.trim();
  if (/^D:\d{4}-/.test(t)) t = t.slice(2).replace(/([+-]\d{2})'(\d{2})'?$/, '$1:$2');
  let p: ParsedDate;
  if (/^D:/.test(t) || /^\d{14}/.test(t)) p = parsePdfDate(t);
  else if (/^\d{4}:\d{2}:\d{2}[ T]\d{2}:\d{2}:\d{2}/.test(t)) {
    const zone = t
      .slice(19)
      .trim()
      .match(/^(Z|[+-]\d{2}:?\d{2})/)?.[1];
    p = parseExifDate(t.slice(0, 19), zone === 'Z' ? '+00:00' : zone);
  } else p = parseIsoDate(t);
  if (!p.utc) return null;
  return { ms: Date.parse(p.utc), zoned: p.offsetMinutes !== null, dateOnly: isDateOnly(t) };
}

function isDateOnly(t: string): boolean {
  return /^(?:D:)?\d{4}(?:[-:]?\d{2}){0,2}$/.test(t);
}

export function instantOf(d: ClaimedDate): Instant | null {
  // An ISO value where a PDF date belongs (Info "2015-03-10T17:19:21+01:00") is misread by a PDF
  // date parser (as 2015-01-01T03:00Z): read it from the raw text, as XMP values are.
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(d.raw.trim())) return parseAnyDate(d.raw);
  if (d.utc) {
    const ms = Date.parse(d.utc);
    if (Number.isFinite(ms)) return { ms, zoned: d.offsetMinutes !== null, dateOnly: isDateOnly(d.raw.trim()) };
  }
  return parseAnyDate(d.raw);
}

/** How far apart two instants may be and still be the same written moment. */
export function slackMs(a: Instant, b: Instant): number {
  let s = 0;
  if (!a.zoned || !b.zoned) s += ZONELESS_SLACK_MS;
  if (a.dateOnly || b.dateOnly) s += DAY_MS;
  return s;
}

/** True when a and b can denote the same moment given their precision and zones. */
export function sameMoment(a: Instant, b: Instant): boolean {
  // Whole seconds: some writers keep milliseconds in one of the two copies.
  return Math.abs(Math.floor(a.ms / 1000) - Math.floor(b.ms / 1000)) * 1000 <= slackMs(a, b);
}

export interface DatedClaim extends ClaimedDate {
  instant: Instant;
}

/** Parsed dates of a document, optionally only some roles. Placeholder dates (before 1980) are dropped. */
export function claimedDates(doc: DocumentFacts, roles?: readonly string[]): DatedClaim[] {
  const out: DatedClaim[] = [];
  for (const d of doc.facts.dates ?? []) {
    if (roles && !roles.includes(d.role)) continue;
    const instant = instantOf(d);
    if (!instant || isPlaceholder(instant.ms)) continue;
    out.push({ ...d, instant });
  }
  return out;
}

/** Roles that say when the document (or this copy of it) was written. */
const AUTHORING_ROLES = ['created', 'modified', 'metadata', 'printed', 'original', 'digitized', 'signed'] as const;

/**
 * Placeholder or zeroed dates that tools write when they have no clock value: FILETIME 0 (1601),
 * OLE Automation 0 (1899-12-30), Unix 0 (1970), DOS 0 (1980-01-01). They say nothing about the file.
 */
export function isPlaceholder(ms: number): boolean {
  return ms < Date.UTC(1980, 0, 2);
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function days(ms: number): number {
  return Math.round((ms / DAY_MS) * 10) / 10;
}

/** The latest moment the document claims it was written or saved, with the claim that says so. */
export function latestAuthoringDate(doc: DocumentFacts): DatedClaim | undefined {
  let best: DatedClaim | undefined;
  for (const d of claimedDates(doc, AUTHORING_ROLES)) if (!best || d.instant.ms > best.instant.ms) best = d;
  return best;
}

/** Zip member times that are a writer's constant, not a clock: DOS zero (Microsoft Office, Google Docs) and WPS Office's. */
function constantStamp(raw: string): boolean {
  return raw.startsWith('1980-01-0') || raw === '2012-07-02 09:52:14';
}

/** Parts stamped this close together were written in one go (a save takes seconds to minutes). */
const ONE_WRITE_MS = 5 * 60_000;

/**
 * What an OOXML/ODF package's part stamps (zip member times, zoneless) say about who wrote it last:
 * the newest stamp when it is a clock, and whether the parts disagree (some keep the writer's
 * constant or save time, others were put back later by another tool).
 */
export function packageStamps(doc: DocumentFacts): { newest: Instant; raw: string; min: string; mixed: boolean } | undefined {
  const t = doc.facts.office?.zipEntryTimes;
  if (!t || constantStamp(t.max)) return undefined;
  const newest = parseAnyDate(t.max.replace(' ', 'T'));
  if (!newest || isPlaceholder(newest.ms)) return undefined;
  const oldest = parseAnyDate(t.min.replace(' ', 'T'));
  const mixed = constantStamp(t.min) || !oldest || newest.ms - oldest.ms > ONE_WRITE_MS;
  return { newest: { ...newest, zoned: false }, raw: t.max, min: t.min, mixed };
}

/**
 * A camera clock that was never set starts at a default: midnight on 1 January of some year, or a
 * year before digital photos were common. `raw` is the EXIF value as written ('2020:01:01 00:00:12').
 */
export function unsetClockDefault(raw: string): boolean {
  const m = raw.match(/^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2})/);
  return !!m && ((m[2] === '01' && m[3] === '01' && Number(m[4]) < 3) || Number(m[1]) < 2002);
}
