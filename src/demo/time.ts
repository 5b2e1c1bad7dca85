// Clock arithmetic for the demo dump: local time in the zones the fictional staff live and travel in,
// with the DST rules those zones really follow, and the date syntaxes each file format writes.
// Hand-written rather than Intl-based so the output cannot vary with the ICU data of the Node build.

export type Zone = 'Europe/Paris' | 'America/Montreal' | 'UTC';

/** Last Sunday of a month, at hh:00 UTC, as epoch ms. */
function lastSundayUtc(year: number, month0: number, hourUtc: number): number {
  const lastDay = new Date(Date.UTC(year, month0 + 1, 0));
  const back = lastDay.getUTCDay();
  return Date.UTC(year, month0, lastDay.getUTCDate() - back, hourUtc);
}

/** n-th Sunday of a month at a given UTC hour. */
function nthSundayUtc(year: number, month0: number, n: number, hourUtc: number): number {
  const first = new Date(Date.UTC(year, month0, 1));
  const firstSunday = 1 + ((7 - first.getUTCDay()) % 7);
  return Date.UTC(year, month0, firstSunday + 7 * (n - 1), hourUtc);
}

/** Offset from UTC in minutes at an instant, following the zone's DST rules (EU since 1996, US/Canada since 2007). */
export function zoneOffsetMinutes(zone: Zone, epochMs: number): number {
  const year = new Date(epochMs).getUTCFullYear();
  if (zone === 'UTC') return 0;
  if (zone === 'Europe/Paris') {
    const start = lastSundayUtc(year, 2, 1);
    const end = lastSundayUtc(year, 9, 1);
    return epochMs >= start && epochMs < end ? 120 : 60;
  }
  // America/Montreal: second Sunday of March 02:00 local (07:00 UTC) to first Sunday of November 02:00 local (06:00 UTC).
  const start = nthSundayUtc(year, 2, 2, 7);
  const end = nthSundayUtc(year, 10, 1, 6);
  return epochMs >= start && epochMs < end ? -240 : -300;
}

/** Wall-clock fields of an instant in a zone. */
export function localParts(epochMs: number, offsetMin: number) {
  const d = new Date(epochMs + offsetMin * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

/** The instant at which a wall-clock time happens in a zone. */
export function fromLocal(zone: Zone, year: number, month: number, day: number, hour: number, minute: number, second = 0): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute, second);
  const off = zoneOffsetMinutes(zone, guess - zoneOffsetMinutes(zone, guess) * 60_000);
  return guess - off * 60_000;
}

const p2 = (n: number) => String(n).padStart(2, '0');
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function offsetString(offsetMin: number, sep: string): string {
  const sign = offsetMin < 0 ? '-' : '+';
  const a = Math.abs(offsetMin);
  return `${sign}${p2(Math.floor(a / 60))}${sep}${p2(a % 60)}`;
}

/** RFC 5322 date: 'Tue, 14 Mar 2017 10:22:33 +0100'. */
export function rfc2822(epochMs: number, offsetMin: number): string {
  const l = localParts(epochMs, offsetMin);
  return `${DAYS[l.weekday]}, ${l.day} ${MONTHS[l.month - 1]} ${l.year} ${p2(l.hour)}:${p2(l.minute)}:${p2(l.second)} ${offsetString(offsetMin, '')}`;
}

/** Postfix-style Received date with the zone comment: 'Tue, 14 Mar 2017 10:22:33 +0100 (CET)'. */
export function receivedDate(epochMs: number, offsetMin: number): string {
  const abbr = offsetMin === 60 ? 'CET' : offsetMin === 120 ? 'CEST' : offsetMin === -240 ? 'EDT' : offsetMin === -300 ? 'EST' : 'UTC';
  return `${rfc2822(epochMs, offsetMin)} (${abbr})`;
}

/** PDF date: "D:20170314102233+01'00'" (or 'Z' for UTC when asked). */
export function pdfDate(epochMs: number, offsetMin: number | 'Z'): string {
  const l = localParts(epochMs, offsetMin === 'Z' ? 0 : offsetMin);
  const base = `D:${l.year}${p2(l.month)}${p2(l.day)}${p2(l.hour)}${p2(l.minute)}${p2(l.second)}`;
  return offsetMin === 'Z' ? `${base}Z` : `${base}${offsetString(offsetMin, "'")}'`;
}

/** ISO 8601 with offset, as XMP writes it: '2017-03-14T10:22:33+01:00'; 'Z' form for UTC. */
export function isoDate(epochMs: number, offsetMin: number | 'Z'): string {
  const l = localParts(epochMs, offsetMin === 'Z' ? 0 : offsetMin);
  const base = `${l.year}-${p2(l.month)}-${p2(l.day)}T${p2(l.hour)}:${p2(l.minute)}:${p2(l.second)}`;
  return offsetMin === 'Z' ? `${base}Z` : `${base}${offsetString(offsetMin, ':')}`;
}

/** EXIF date: '2017:03:14 10:22:33' (local wall clock, no zone) and its OffsetTime '+01:00'. */
export function exifDate(epochMs: number, offsetMin: number): { date: string; offset: string } {
  const l = localParts(epochMs, offsetMin);
  return {
    date: `${l.year}:${p2(l.month)}:${p2(l.day)} ${p2(l.hour)}:${p2(l.minute)}:${p2(l.second)}`,
    offset: offsetString(offsetMin, ':'),
  };
}

/** mbox 'From ' line date (asctime, UTC): 'Tue Mar 14 09:22:33 2017'. */
export function asctime(epochMs: number): string {
  const l = localParts(epochMs, 0);
  return `${DAYS[l.weekday]} ${MONTHS[l.month - 1]} ${String(l.day).padStart(2, ' ')} ${p2(l.hour)}:${p2(l.minute)}:${p2(l.second)} ${l.year}`;
}

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
