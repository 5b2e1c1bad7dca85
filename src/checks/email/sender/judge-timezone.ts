// The Date header's UTC offset against the sender's own history: the IANA zone that explains their
// offsets (with its real daylight-saving rules for each date), and whether this message's offset is
// one that zone never has (another machine, or travel) or the wrong one for the date (a forger who
// copied the offset of a message written in the other half of the year). Travel shows as several
// messages clustered in time with one consistent offset; a second device in another zone recurs.
// A short history is judged with the organisation's: its zones, and how rarely its senders write
// an offset off their home zone once.

import { formatOffset, DAY } from '../common.js';
import type { SenderModel, SenderProfile } from './model.js';
import type { MessageFeatures } from './features.js';
import {
  goodTuring,
  LOW_SUPPORT,
  MEDIUM_NOVELTY,
  MEDIUM_SUPPORT,
  ORG_MIN_OWN,
  orgBacking,
  round3,
  type InnocentCause,
  type Judgement,
} from './novelty.js';
import { homeZonesOf, orgZones, orgZonesWithOffset } from './organisation.js';
import { looksLikeOtherWebmail } from './webmail.js';
import { CANDIDATE_ZONES, distanceToTransition, isDaylightTime, TRAVEL_WINDOW, zoneOffsetAt, zoneOffsetsOfYear } from './zone.js';

/** The home zone must explain this share of the sender's other offsets. */
const ZONE_FIT_SHARE = 0.75;
/** ...and this share before a deviation can be medium. */
const ZONE_FIT_SHARE_MEDIUM = 0.8;
/** A wrong-DST offset this close to a clock change may be a device that has not switched yet. */
const TRANSITION_MARGIN = 7 * DAY;

interface Summary {
  zone: string;
  /** Offsets by the zone's season, over the sender's distinct messages. */
  seasons: { season: 'standard time' | 'daylight time'; offset: string; count: number }[];
  /** Offsets the zone did not have on their date, and how often. */
  foreign: Map<number, number>;
}

/** Per-sender summaries, computed at the sender's first judged message. */
export type TimezoneCache = Map<string, Summary>;

function summarise(model: SenderModel, p: SenderProfile, zone: string): Summary {
  const seasons = new Map<string, { season: 'standard time' | 'daylight time'; offset: string; count: number }>();
  const foreign = new Map<number, number>();
  for (const row of p.rows) {
    const t = model.timeOf(row);
    const o = model.offsetOf(row);
    if (Number.isNaN(t) || o === null) continue;
    const season = isDaylightTime(zone, t) ? 'daylight time' : 'standard time';
    const key = `${season}|${o}`;
    const s = seasons.get(key) ?? { season, offset: formatOffset(o), count: 0 };
    s.count++;
    seasons.set(key, s);
    if (zoneOffsetAt(zone, t) !== o) foreign.set(o, (foreign.get(o) ?? 0) + 1);
  }
  return { zone, seasons: [...seasons.values()].sort((a, b) => b.count - a.count), foreign };
}

/** Other messages of the sender with this offset within the travel window of t. */
function nearbySameOffset(model: SenderModel, p: SenderProfile, t: number, offset: number): number {
  let n = 0;
  // Rows are in time order: binary search the window start.
  let lo = 0;
  let hi = p.rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const tm = model.timeOf(p.rows[mid]);
    if (!Number.isNaN(tm) && tm < t - TRAVEL_WINDOW) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < p.rows.length; k++) {
    const tm = model.timeOf(p.rows[k]);
    if (Number.isNaN(tm) || tm > t + TRAVEL_WINDOW) break;
    if (tm !== t && model.offsetOf(p.rows[k]) === offset) n++;
  }
  return n;
}

export function judgeTimezone(model: SenderModel, f: MessageFeatures, p: SenderProfile, cache: TimezoneCache): Judgement | null {
  if (f.t === null || f.offset === null || p.zoneSamples === 0) return null;
  const t = f.t;
  const o = f.offset;
  // Leave this message out of the fit (exact while the fit reads every message).
  const hits = Int32Array.from(p.zoneHits);
  const sampledAll = p.zoneSamples >= p.messages - 1;
  if (sampledAll) for (let z = 0; z < CANDIDATE_ZONES.length; z++) if (zoneOffsetAt(CANDIDATE_ZONES[z], t) === o && hits[z] > 0) hits[z]--;
  const others = sampledAll ? p.zoneSamples - 1 : p.zoneSamples;
  if (others < ORG_MIN_OWN) return null;
  const { zones, best } = homeZonesOf(hits, others, p.org);
  const fitShare = best / others;
  if (!zones.length || fitShare < ZONE_FIT_SHARE) return null;
  const expected = new Set(zones.map((z) => zoneOffsetAt(z, t)));
  if (expected.has(o)) return null;

  const zone = zones[0];
  let s = cache.get(p.sender);
  if (!s || s.zone !== zone) cache.set(p.sender, (s = summarise(model, p, zone)));
  const sameElsewhere = Math.max(0, (s.foreign.get(o) ?? 0) - 1);
  const nearby = nearbySameOffset(model, p, t, o);
  const yearOffsets = zoneOffsetsOfYear(zone, t);
  const wrongDst = yearOffsets.includes(o);
  const nearChange = wrongDst && distanceToTransition(zone, t) < TRANSITION_MARGIN;
  // Good-Turing over the sender's offset behaviours: the home zone, and each other offset.
  let singletons = 0;
  for (const [off, c] of s.foreign) if ((off === o ? c - 1 : c) === 1) singletons++;
  const pNew = goodTuring(singletons, others);

  const written = formatOffset(o);
  const expectedList = [...expected].map(formatOffset);
  const causes: InnocentCause[] = [
    {
      cause: 'travel (the device follows the local zone)',
      applies: nearby >= 2 ? 'yes' : nearby === 1 ? 'possible' : 'no',
      why:
        nearby > 0
          ? `${nearby} other message(s) of this sender within ${TRAVEL_WINDOW / DAY} days also say ${written}`
          : `no other message of this sender within ${TRAVEL_WINDOW / DAY} days says ${written}; a trip shows in several messages`,
    },
    {
      cause: 'a second device or a webmail set to another zone',
      applies: sameElsewhere >= 2 ? 'yes' : sameElsewhere === 1 ? 'possible' : 'no',
      why:
        sameElsewhere > 0
          ? `${sameElsewhere} other message(s) of this sender carry ${written} off their home zone`
          : `the sender never wrote ${written} in ${others} other messages`,
    },
  ];
  if (wrongDst)
    causes.push({
      cause: 'a device that had not yet switched to or from daylight-saving time',
      applies: nearChange ? 'possible' : 'no',
      why: nearChange
        ? `the date is within ${TRANSITION_MARGIN / DAY} days of a clock change in ${zone}`
        : `the nearest clock change in ${zone} is ${Math.round(distanceToTransition(zone, t) / DAY)} days away`,
    });
  const webmail = looksLikeOtherWebmail(model, f, p);
  if (webmail) causes.push({ cause: "a webmail writing its server's zone", applies: 'possible', why: webmail });
  const explained = nearby >= 2 || sameElsewhere >= 2;
  if (explained) return null;
  const org = p.org;
  const usedInOrg = org ? orgZonesWithOffset(org, t, o) : [];
  const backing = orgBacking('offset', { others, singletons, habitShare: fitShare }, org, usedInOrg.length ? (org?.messages ?? 0) : 0);
  if (org)
    causes.push({
      cause: 'the offset of a zone where colleagues live (a visit to another office)',
      applies: usedInOrg.length ? 'possible' : 'no',
      why: usedInOrg.length
        ? `${written} was the offset of ${usedInOrg.join(', ')} on this date, home zone of senders of ${org.key}`
        : `no sender of ${org.key} lives in a zone with ${written} on this date`,
    });
  // +0000 all year is mostly not a person's zone but a server that rewrites Date to UTC (Exchange
  // Online's transport headers, some webmails and exports): an offset that escaped it says little.
  const utcHabit = yearOffsets.every((x) => x === 0);
  if (utcHabit)
    causes.push({
      cause: 'a server that rewrites the Date header to UTC (the +0000 habit is not the sender’s zone)',
      applies: 'possible',
      why: `this sender's Dates fit ${zone}, +0000 all year, which is what UTC-writing servers produce; this message's ${written} may be the sender's own clock`,
    });
  const weakly = nearby === 1 || sameElsewhere === 1 || nearChange || webmail !== null || utcHabit;
  const ownMedium = others >= MEDIUM_SUPPORT && pNew <= MEDIUM_NOVELTY;
  const orgBacked = !ownMedium && backing.backs;
  if (others < LOW_SUPPORT && !orgBacked) return null;
  const medium = !weakly && fitShare >= ZONE_FIT_SHARE_MEDIUM && (ownMedium || orgBacked);
  const severity = medium ? 'medium' : 'low';
  // The sender's distribution without this message.
  const ownSeason = isDaylightTime(zone, t) ? 'daylight time' : 'standard time';
  const seasons = s.seasons
    .map((x) => (x.season === ownSeason && x.offset === written ? { ...x, count: x.count - 1 } : x))
    .filter((x) => x.count > 0);
  const seasonsText = seasons
    .slice(0, 4)
    .map((x) => `${x.offset} in ${x.season} ${x.count}×`)
    .join(', ');
  const what = wrongDst
    ? `the offset ${zone} had in the other half of the year: it was ${expectedList.join(' or ')} on this date`
    : `an offset ${zone} never has (it was ${expectedList.join(' or ')} on this date)`;
  const orgText =
    org && orgBacked
      ? ` The organisation (${org.key}): ${org.messages} messages of ${org.senders} senders, home zones ${orgZones(org)
          .slice(0, 3)
          .map((z) => `${z.zone} (${z.senders} senders)`)
          .join(', ')}; ${org.novel.offset} messages off their sender's zone once.`
      : '';
  return {
    family: 'timezone',
    severity,
    support: orgBacked && org ? org.messages : others,
    orgBacked,
    ...(webmail ? { cause: 'program' as const } : {}),
    message: `Date offset ${written} is out of habit for ${p.sender}: ${best} of ${others} other messages fit ${zone} (${seasonsText}); this one says ${written}, ${what}.${orgText}`,
    evidence: {
      family: 'timezone',
      sender: p.sender,
      date: new Date(t).toISOString(),
      writtenOffset: written,
      expectedOffset: expectedList.join(' or '),
      deviation: wrongDst ? 'wrong daylight-saving offset for the date' : 'offset foreign to the home zone',
      zone,
      zonesFittingEqually: zones.slice(1, 6),
      zoneFit: { explained: best, of: others, share: round3(fitShare) },
      thisSender: seasons.slice(0, 8),
      thisMessage: { offset: written, season: ownSeason },
      sameOffsetElsewhere: sameElsewhere,
      sameOffsetWithinTravelWindow: nearby,
      novelty: { offsetsSeenOnce: singletons, chanceOfNewValue: round3(pNew) },
      organisation: org
        ? {
            key: org.key,
            senders: org.senders,
            messages: org.messages,
            zones: orgZones(org).slice(0, 6),
            offsetsOffHomeZoneOnce: org.novel.offset,
            rate: round3(backing.orgRate),
            chanceForThisSender: round3(backing.chance),
            backsMedium: backing.backs,
            why: backing.why,
          }
        : null,
      innocentCauses: causes,
    },
  };
}
