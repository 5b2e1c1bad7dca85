// Wall clocks of the fictional organisation: UTC offsets from the IANA zone database (Intl, so the
// real DST rules of each zone: EU and US switch on different Sundays, Sydney's DST is in the
// southern summer, Kolkata has none) and the date syntaxes each tool writes.

import { exifDate, localParts } from '../../demo/time.js';

export const SECOND = 1000;
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Minutes east of UTC in `zone` at `epochMs`. */
export function offsetAt(zone: string, epochMs: number): number {
  const t = Math.floor(epochMs / 1000) * 1000;
  const parts = Object.fromEntries(
    formatter(zone)
      .formatToParts(new Date(t))
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return Math.round((asUtc - t) / MINUTE);
}

/** Wall-clock fields of an instant seen with a fixed offset. */
export const wall = localParts;

/** The instant at which a wall-clock time happens in a zone (the later one in a DST fold). */
export function atLocal(zone: string, y: number, mo: number, d: number, h: number, mi: number, s = 0): number {
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  const first = guess - offsetAt(zone, guess) * MINUTE;
  return guess - offsetAt(zone, first) * MINUTE;
}

const p2 = (n: number) => String(n).padStart(2, '0');
const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function offsetText(offsetMin: number, sep = ''): string {
  const a = Math.abs(offsetMin);
  return `${offsetMin < 0 ? '-' : '+'}${p2(Math.floor(a / 60))}${sep}${p2(a % 60)}`;
}

/** RFC 5322 date. `padDay`: PHP's date('r') and Python's formatdate write '05', most clients '5'. */
export function rfc5322(epochMs: number, offsetMin: number, padDay = false): string {
  const w = wall(epochMs, offsetMin);
  const day = padDay ? p2(w.day) : String(w.day);
  return `${DAY_NAMES[w.weekday]}, ${day} ${MONTH_NAMES[w.month - 1]} ${w.year} ${p2(w.hour)}:${p2(w.minute)}:${p2(w.second)} ${offsetText(offsetMin)}`;
}

/** Postfix's Received date: day padded with a space ('Tue,  5 Mar'), zone abbreviation in a comment. */
export function postfixDate(epochMs: number, offsetMin: number, abbr: string): string {
  const w = wall(epochMs, offsetMin);
  return `${DAY_NAMES[w.weekday]}, ${String(w.day).padStart(2, ' ')} ${MONTH_NAMES[w.month - 1]} ${w.year} ${p2(w.hour)}:${p2(w.minute)}:${p2(w.second)} ${offsetText(offsetMin)} (${abbr})`;
}

/** The zone abbreviation a Unix MTA prints for this offset in this zone. */
export function zoneAbbreviation(zone: string, epochMs: number): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' })
    .formatToParts(new Date(epochMs))
    .find((p) => p.type === 'timeZoneName')?.value;
  // ICU writes 'GMT+1' where glibc writes 'CET'; the MTA is a Linux box, so use the tz database names.
  const off = offsetAt(zone, epochMs);
  const known: Record<string, Record<number, string>> = {
    'Europe/Paris': { 60: 'CET', 120: 'CEST' },
    'Europe/Berlin': { 60: 'CET', 120: 'CEST' },
    'America/New_York': { [-300]: 'EST', [-240]: 'EDT' },
    'America/Chicago': { [-360]: 'CST', [-300]: 'CDT' },
    'Australia/Sydney': { 600: 'AEST', 660: 'AEDT' },
    'Asia/Kolkata': { 330: 'IST' },
    UTC: { 0: 'UTC' },
  };
  return known[zone]?.[off] ?? name ?? 'UTC';
}

/** "D:20190305101502+01'00'"; 'Z' for UTC writers; 'none' for writers that omit the zone (scanners). */
export function pdfDate(epochMs: number, offsetMin: number, zone: 'offset' | 'Z' | 'none' = 'offset'): string {
  const w = wall(epochMs, zone === 'Z' ? 0 : offsetMin);
  const base = `D:${w.year}${p2(w.month)}${p2(w.day)}${p2(w.hour)}${p2(w.minute)}${p2(w.second)}`;
  if (zone === 'Z') return `${base}Z`;
  if (zone === 'none') return base;
  return `${base}${offsetText(offsetMin, "'")}'`;
}

/** ISO 8601 as XMP writes it: '2019-03-05T10:15:02+01:00', or UTC 'Z'. */
export function isoDate(epochMs: number, offsetMin: number, utc = false, millis = false): string {
  const w = wall(epochMs, utc ? 0 : offsetMin);
  const ms = millis ? `.${String(new Date(epochMs).getUTCMilliseconds()).padStart(3, '0')}` : '';
  return `${w.year}-${p2(w.month)}-${p2(w.day)}T${p2(w.hour)}:${p2(w.minute)}:${p2(w.second)}${ms}${utc ? 'Z' : offsetText(offsetMin, ':')}`;
}

export { exifDate };

/** asctime, as mbox 'From ' separator lines carry it: 'Tue Mar  5 09:15:02 2019'. */
export function asctime(epochMs: number, offsetMin = 0): string {
  const w = wall(epochMs, offsetMin);
  return `${DAY_NAMES[w.weekday]} ${MONTH_NAMES[w.month - 1]} ${String(w.day).padStart(2, ' ')} ${p2(w.hour)}:${p2(w.minute)}:${p2(w.second)} ${w.year}`;
}
