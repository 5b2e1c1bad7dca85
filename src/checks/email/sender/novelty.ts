// How surprising a value is among a sender's other messages, and the severity policy that follows
// from the support (docs/checks-email.md): leave-one-out counts, and the Good-Turing estimate of the
// chance that a sender's next message shows a value never seen before, (values seen once + 1) /
// (messages + 1). A sender who uses one client in 300 messages makes a new client very unlikely;
// one who switches every few weeks does not. A short history borrows strength from the
// organisation: its own rate of such novelties, shrunk towards the organisation's.

import type { Severity } from '../../../model/document.js';
import type { Habit, ValueCount } from './model.js';
import { orgNoveltyRate, type NoveltyFamily, type OrgProfile } from './organisation.js';

/** A medium finding needs this many of the sender's other messages... */
export const MEDIUM_SUPPORT = 19;
/** ...and a Good-Turing chance of a never-seen value at most this. */
export const MEDIUM_NOVELTY = 0.08;
/** A low finding needs this many other messages. */
export const LOW_SUPPORT = 7;
/** A habit: the commonest value covers at least this share of the other messages. */
export const HABIT_SHARE = 0.75;

export interface HabitView {
  /** The sender's other distinct messages with a value for this habit. */
  others: number;
  /** Of those, how many have this message's value. */
  same: number;
  /** Values seen exactly once among the others. */
  singletons: number;
  /** Good-Turing chance of a never-seen value. */
  pNew: number;
  top: { code: number; count: number } | null;
  topShare: number;
  /** Share of the other messages whose value recurs (a sender with two clients used in turn has a habit too). */
  recurrentShare: number;
}

/** The habit without this message (its value counted once among the sender's distinct messages). */
export function leaveOneOut(h: Habit, own: number | undefined): HabitView {
  let others = h.total;
  const counts = new Map(h.counts);
  if (own !== undefined && counts.has(own)) {
    others--;
    const c = counts.get(own)! - 1;
    if (c > 0) counts.set(own, c);
    else counts.delete(own);
  }
  let singletons = 0;
  let top: { code: number; count: number } | null = null;
  for (const [code, count] of counts) {
    if (count === 1) singletons++;
    if (!top || count > top.count || (count === top.count && code < top.code)) top = { code, count };
  }
  const same = own !== undefined ? (counts.get(own) ?? 0) : 0;
  return {
    others,
    same,
    singletons,
    pNew: goodTuring(singletons, others),
    top,
    topShare: top && others ? top.count / others : 0,
    recurrentShare: others ? (others - singletons) / others : 0,
  };
}

export function goodTuring(singletons: number, others: number): number {
  return (singletons + 1) / (others + 1);
}

/** Severity of a never-seen value, from the support alone (judges lower it where an innocent cause fits). */
export function noveltySeverity(v: Pick<HabitView, 'others' | 'pNew' | 'topShare'>): Severity | null {
  if (v.others < LOW_SUPPORT) return null;
  if (v.others >= MEDIUM_SUPPORT && v.pNew <= MEDIUM_NOVELTY && v.topShare >= HABIT_SHARE) return 'medium';
  return v.pNew <= 0.3 ? 'low' : null;
}

/** Weight of the organisation's rate in a sender's chance of a novel value, in messages. */
const ORG_PRIOR = 10;
/** The organisation backs a medium finding when such novelties are this rare among its other messages... */
const ORG_RARE = 0.05;
/** ...the sender's chance of a novel value, shrunk towards the organisation's, is at most this... */
const ORG_CHANCE = 0.03;
/** ...over at least this many of the organisation's messages and this many of the sender's. */
const ORG_MIN_MESSAGES = 60;
export const ORG_MIN_OWN = 5;
/** A value is rare in the organisation when other senders' messages carry it at most this share of the time. */
const ORG_VALUE_SHARE = 0.02;

export interface OrgBacking {
  /** Does the organisation back a medium finding? */
  backs: boolean;
  /** The sender's chance of a novel value, shrunk towards the organisation's rate. */
  chance: number;
  /** The organisation's rate of novel values. */
  orgRate: number;
  why: string;
}

/**
 * Empirical Bayes over senders: the chance that this sender's genuine message shows a value they
 * never used is (their values seen once + ORG_PRIOR x the organisation's rate) / (their messages +
 * ORG_PRIOR). `elsewhere` is how many of other senders' messages in the organisation carry the value.
 */
export function orgBacking(
  family: NoveltyFamily,
  own: { others: number; singletons: number; habitShare: number },
  org: OrgProfile | undefined,
  elsewhere: number,
): OrgBacking {
  if (!org) return { backs: false, chance: 1, orgRate: 1, why: 'no organisation to compare with' };
  // The organisation's other messages (this one, novel, left out).
  const orgRate = orgNoveltyRate(org, family, true);
  const chance = (own.singletons + ORG_PRIOR * orgRate) / (own.others + ORG_PRIOR);
  const reasons: string[] = [];
  if (org.messages < ORG_MIN_MESSAGES) reasons.push(`the organisation has ${org.messages} messages (fewer than ${ORG_MIN_MESSAGES})`);
  if (own.others < ORG_MIN_OWN) reasons.push(`the sender has ${own.others} other messages (fewer than ${ORG_MIN_OWN})`);
  if (own.habitShare < HABIT_SHARE) reasons.push(`no habit covers ${Math.round(HABIT_SHARE * 100)} % of the sender's messages`);
  if (orgRate > ORG_RARE) reasons.push(`such novelties are common in the organisation (${round3(orgRate)})`);
  if (chance > ORG_CHANCE) reasons.push(`the sender's chance of a novel value is ${round3(chance)}`);
  if (elsewhere > ORG_VALUE_SHARE * org.messages) reasons.push(`${elsewhere} messages of other senders carry it`);
  return {
    backs: reasons.length === 0,
    chance,
    orgRate,
    why: reasons.length
      ? reasons.join('; ')
      : `${org.novel[family]} of the organisation's ${org.messages} messages show a value their sender never used elsewhere; ${elsewhere} messages of other senders carry this one`,
  };
}

/** The commonest values of a habit, for the evidence. */
export function topValues(h: Habit | Map<number, number>, name: (code: number) => string, limit = 6): ValueCount[] {
  const counts = h instanceof Map ? h : h.counts;
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, limit)
    .map(([code, count]) => ({ value: name(code), count }));
}

export const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** One innocent explanation, whether it fits this message, and why. */
export interface InnocentCause {
  cause: string;
  applies: 'yes' | 'no' | 'possible';
  why: string;
}

export type Family = 'timezone' | 'client' | 'message-id' | 'signature';

/** Independent causes of a deviation: the clock (time zone), the program (client), how the ID was
 *  built (a form the named client never writes), the route (signature). */
export type Cause = 'clock' | 'program' | 'builder' | 'route';

/** The cause of each family's deviation unless the judge says otherwise. */
export const FAMILY_CAUSE: Record<Family, Cause> = {
  timezone: 'clock',
  client: 'program',
  'message-id': 'program',
  signature: 'route',
};

/** What a judge concludes about one message for one family. */
export interface Judgement {
  family: Family;
  severity: Severity;
  /** The sender's (or domain's) other messages the judgement rests on. */
  support: number;
  /** The organisation's level backs it (a short history judged against the organisation's). */
  orgBacked?: boolean;
  /** The cause, when it differs from the family's (a time zone written by a webmail is the program's). */
  cause?: Cause;
  message: string;
  evidence: Record<string, unknown>;
}
