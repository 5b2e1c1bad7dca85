// Time-zone rules from the runtime's IANA database (Intl), made fast enough for a million
// messages: each zone's daylight-saving transitions are found once per year, and an offset
// lookup is then a binary search. Fitting a sender's offsets to zones tells their home zone and
// which offset it used on any date, southern-hemisphere and no-DST zones included.

import { DAY } from '../common.js';

/** One zone per distinct rule (standard offset, DST or not, hemisphere); the fit reports the first of equals. */
export const CANDIDATE_ZONES = [
  'Europe/London',
  'Europe/Paris',
  'Europe/Helsinki',
  'Europe/Moscow',
  'Europe/Istanbul',
  'Atlantic/Reykjavik',
  'Atlantic/Azores',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'America/Halifax',
  'America/St_Johns',
  'America/Regina',
  'America/Sao_Paulo',
  'America/Argentina/Buenos_Aires',
  'America/Mexico_City',
  'America/Bogota',
  'America/Caracas',
  'America/Santiago',
  'Pacific/Honolulu',
  'Asia/Tokyo',
  'Asia/Shanghai',
  'Asia/Singapore',
  'Asia/Bangkok',
  'Asia/Dhaka',
  'Asia/Kathmandu',
  'Asia/Kolkata',
  'Asia/Karachi',
  'Asia/Dubai',
  'Asia/Tehran',
  'Asia/Jerusalem',
  'Asia/Beirut',
  'Africa/Johannesburg',
  'Africa/Lagos',
  'Africa/Cairo',
  'Africa/Casablanca',
  'Australia/Sydney',
  'Australia/Brisbane',
  'Australia/Adelaide',
  'Australia/Darwin',
  'Australia/Perth',
  'Pacific/Auckland',
  'UTC',
] as const;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Offset (minutes east of UTC) of a zone at an instant, straight from Intl (slow: use zoneOffsetAt). */
function intlOffset(zone: string, t: number): number {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    formatters.set(zone, f);
  }
  const name = f.formatToParts(new Date(t)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = name.match(/GMT([+-])(\d{2}):?(\d{2})?/);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
}

interface ZoneYear {
  /** Instants where the offset changes, ascending, and the offset from each on. */
  at: number[];
  offsets: number[];
  /** Offset at the start of the year. */
  first: number;
  /** Distinct offsets of the year; the smallest is standard time. */
  standard: number;
  daylight: number | null;
}

const FIRST_YEAR = 1900;
const LAST_YEAR = 2200;
/** Per zone (index in CANDIDATE_ZONES or interned name), per year since FIRST_YEAR. */
const tables = new Map<string, (ZoneYear | undefined)[]>();
const YEAR_START: number[] = [];
for (let y = FIRST_YEAR; y <= LAST_YEAR + 1; y++) YEAR_START.push(Date.UTC(y, 0, 1));
const AVG_YEAR = 365.2425 * 86_400_000;

/** Calendar year (UTC) of an instant without allocating a Date. */
function yearOf(t: number): number {
  let y = Math.floor(t / AVG_YEAR) + 1970;
  if (y < FIRST_YEAR) return FIRST_YEAR;
  if (y > LAST_YEAR) return LAST_YEAR;
  while (y > FIRST_YEAR && t < YEAR_START[y - FIRST_YEAR]) y--;
  while (y < LAST_YEAR && t >= YEAR_START[y + 1 - FIRST_YEAR]) y++;
  return y;
}

/** The instant in (lo, hi] where the offset stops being `from`, to the minute. */
function findChange(zone: string, lo: number, hi: number, from: number): number {
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (mid <= lo) break;
    if (intlOffset(zone, mid) === from) lo = mid;
    else hi = mid;
  }
  return hi;
}

function zoneYear(zone: string, year: number): ZoneYear {
  let table = tables.get(zone);
  if (!table) tables.set(zone, (table = []));
  let y = table[year - FIRST_YEAR];
  if (y) return y;
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const first = intlOffset(zone, start);
  const at: number[] = [];
  const offsets: number[] = [];
  // Two samples a month find every change (DST periods last months; a pair of changes inside one
  // half-month would be missed, which no candidate zone has).
  let prevT = start;
  let prev = first;
  for (let m = 0; m < 12; m++)
    for (const d of [1, 16]) {
      const t = Math.min(Date.UTC(year, m, d), end);
      if (t <= prevT) continue;
      const o = intlOffset(zone, t);
      if (o !== prev) {
        at.push(findChange(zone, prevT, t, prev));
        offsets.push(o);
      }
      prevT = t;
      prev = o;
    }
  const lastO = intlOffset(zone, end - 1);
  if (lastO !== prev) {
    at.push(findChange(zone, prevT, end - 1, prev));
    offsets.push(lastO);
  }
  const all = [first, ...offsets];
  const standard = Math.min(...all);
  const max = Math.max(...all);
  y = { at, offsets, first, standard, daylight: max !== standard ? max : null };
  table[year - FIRST_YEAR] = y;
  return y;
}

/** Offset (minutes east of UTC) of an IANA zone at an instant, from the runtime's tz database. */
export function zoneOffsetAt(zone: string, t: number): number {
  const y = zoneYear(zone, yearOf(t));
  let offset = y.first;
  for (let i = 0; i < y.at.length && y.at[i] <= t; i++) offset = y.offsets[i];
  return offset;
}

/** Is the zone on daylight-saving time at that instant? */
export function isDaylightTime(zone: string, t: number): boolean {
  const y = zoneYear(zone, yearOf(t));
  return y.daylight !== null && zoneOffsetAt(zone, t) === y.daylight;
}

/** The offsets a zone used in the year of an instant (standard first). */
export function zoneOffsetsOfYear(zone: string, t: number): number[] {
  const y = zoneYear(zone, yearOf(t));
  return y.daylight === null ? [y.standard] : [y.standard, y.daylight];
}

/** Distance from an instant to the nearest offset change of the zone (Infinity for a zone without one). */
export function distanceToTransition(zone: string, t: number): number {
  let best = Infinity;
  for (const yr of [yearOf(t) - 1, yearOf(t), yearOf(t) + 1]) for (const a of zoneYear(zone, yr).at) best = Math.min(best, Math.abs(a - t));
  return best;
}

export interface ZoneFit {
  /** The zones that explain the most samples (equal rules give equal counts). */
  zones: string[];
  /** Samples explained by the best zone, out of `total`. */
  hits: number;
  total: number;
}

/** Per-zone counts of samples whose offset the zone had at their instant. */
function zoneHits(samples: Iterable<{ t: number; offset: number }>): Int32Array {
  const hits = new Int32Array(CANDIDATE_ZONES.length);
  for (const s of samples)
    for (let z = 0; z < CANDIDATE_ZONES.length; z++) if (zoneOffsetAt(CANDIDATE_ZONES[z], s.t) === s.offset) hits[z]++;
  return hits;
}

/** Zones within `tolerance` hits of the best, best first (registry order among equals). */
export function bestZones(hits: Int32Array, tolerance = 0): { zones: string[]; best: number } {
  let best = 0;
  for (const h of hits) best = Math.max(best, h);
  const idx: number[] = [];
  for (let z = 0; z < hits.length; z++) if (hits[z] > 0 && hits[z] >= best - tolerance) idx.push(z);
  idx.sort((a, b) => hits[b] - hits[a] || a - b);
  return { zones: idx.map((z) => CANDIDATE_ZONES[z]), best };
}

/** The IANA zone(s) that explain most of a sender's Date offsets. */
export function fitZone(samples: { t: number; offset: number }[]): ZoneFit | null {
  if (!samples.length) return null;
  const { zones, best } = bestZones(zoneHits(samples));
  return zones.length ? { zones, hits: best, total: samples.length } : null;
}

export const TRAVEL_WINDOW = 10 * DAY;
