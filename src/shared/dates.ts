// Parsing the date syntaxes documents carry into a ClaimedDate: UTC instant plus the written zone.
// Kept separate from any library so that "no zone written" stays distinguishable from "UTC".

import type { ClaimedDate } from '../model/facts.js';

export interface ParsedDate {
  utc: string | null;
  /** Minutes east of UTC as written; null when the value carried no zone (then utc assumes UTC). */
  offsetMinutes: number | null;
}

const NONE: ParsedDate = { utc: null, offsetMinutes: null };

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, offset: number | null): ParsedDate {
  if (!(y >= 1 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h >= 0 && h <= 24 && mi >= 0 && mi <= 59 && s >= 0 && s <= 61))
    return NONE;
  const ms = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59)) - (offset ?? 0) * 60_000;
  if (!Number.isFinite(ms)) return NONE;
  const date = new Date(ms);
  if (y < 100) date.setUTCFullYear(y); // Date.UTC maps 0-99 to 1900-1999
  return { utc: date.toISOString(), offsetMinutes: offset };
}

/** PDF date: D:YYYYMMDDHHmmSSOHH'mm' (ISO 32000 §7.9.4), with the common deviations seen in the wild. */
export function parsePdfDate(raw: string): ParsedDate {
  const m = raw.trim().match(/^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(Z|[+-]\d{2}'?(?:\d{2})?'?)?/);
  if (!m) return NONE;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', z] = m;
  let offset: number | null = null;
  if (z === 'Z') offset = 0;
  else if (z) {
    const zm = z.match(/^([+-])(\d{2})'?(\d{2})?/);
    if (zm) offset = (zm[1] === '-' ? -1 : 1) * (Number(zm[2]) * 60 + Number(zm[3] ?? 0));
  }
  return build(+y, +mo, +d, +h, +mi, +s, offset);
}

/** ISO 8601 / XMP date: YYYY[-MM[-DD[THH:MM[:SS[.s]][TZD]]]]. */
export function parseIsoDate(raw: string): ParsedDate {
  const m = raw
    .trim()
    .match(/^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/);
  if (!m) return raw.trim().startsWith('D:') ? parsePdfDate(raw) : NONE;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', z] = m;
  let offset: number | null = null;
  if (z === 'Z') offset = 0;
  else if (z) {
    const zm = z.match(/^([+-])(\d{2}):?(\d{2})/)!;
    offset = (zm[1] === '-' ? -1 : 1) * (Number(zm[2]) * 60 + Number(zm[3]));
  }
  return build(+y, +mo, +d, +h, +mi, +s, offset);
}

/** EXIF date 'YYYY:MM:DD HH:MM:SS' with an optional OffsetTime* value '+02:00'. */
export function parseExifDate(raw: string, offsetTime?: string): ParsedDate {
  const m = raw.trim().match(/^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})/);
  if (!m) return NONE;
  let offset: number | null = null;
  const zm = offsetTime?.trim().match(/^([+-])(\d{2}):?(\d{2})$/);
  if (zm) offset = (zm[1] === '-' ? -1 : 1) * (Number(zm[2]) * 60 + Number(zm[3]));
  return build(+m[1], +m[2], +m[3], +m[4], +m[5], +m[6], offset);
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const ZONES: Record<string, number> = {
  UT: 0,
  GMT: 0,
  Z: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  CET: 60,
  CEST: 120,
  BST: 60,
  MET: 60,
  MEST: 120,
};

/** RFC 5322 date-time (and the obsolete forms of §4.3), as in Date and Received headers. */
export function parseRfc2822Date(raw: string): ParsedDate {
  const s = raw
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const m = s.match(
    /(?:[A-Za-z]{3},?\s*)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([+-]\d{4}|[A-Za-z]{1,5})?/,
  );
  if (!m) return NONE;
  const mo = MONTHS[m[2].toLowerCase()];
  if (!mo) return NONE;
  let y = Number(m[3]);
  if (m[3].length === 2) y += y < 50 ? 2000 : 1900;
  else if (m[3].length === 3) y += 1900;
  let offset: number | null = null;
  const z = m[7];
  if (z && /^[+-]\d{4}$/.test(z)) {
    offset = (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
    if (z === '-0000') offset = null; // RFC 5322 §3.3: -0000 = local time unknown
  } else if (z && ZONES[z.toUpperCase()] !== undefined) offset = ZONES[z.toUpperCase()];
  return build(y, mo, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), offset);
}

/** A ClaimedDate from a raw value, with the parser chosen by syntax. */
export function claimDate(role: string, source: string, raw: string, parser: (raw: string) => ParsedDate = guessParser(raw)): ClaimedDate {
  const p = parser(raw);
  return { role, source, raw, utc: p.utc, offsetMinutes: p.offsetMinutes };
}

function guessParser(raw: string): (raw: string) => ParsedDate {
  const t = raw.trim();
  if (t.startsWith('D:') || /^\d{14}/.test(t)) return parsePdfDate;
  if (/^\d{4}:\d{2}:\d{2} /.test(t)) return (r) => parseExifDate(r);
  if (/^\d{4}-\d{2}/.test(t)) return parseIsoDate;
  return parseRfc2822Date;
}
