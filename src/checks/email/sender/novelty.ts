// How surprising a value is among a sender's other messages, and the severity policy that follows
// from the support (docs/checks-email.md): leave-one-out counts, and the Good-Turing estimate of the
// chance that a sender's next message shows a value never seen before, (values seen once + 1) /
// (messages + 1). A sender who uses one client in 300 messages makes a new client very unlikely;
// one who switches every few weeks does not.

import type { Severity } from '../../../model/document.js';
import type { Habit, ValueCount } from './model.js';

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
  return { others, same, singletons, pNew: goodTuring(singletons, others), top, topShare: top && others ? top.count / others : 0 };
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

/** Families with independent causes: a forger's machine (client, Message-ID), clock (time zone), route (signature). */
export const FAMILY_GROUP: Record<Family, 'machine' | 'time' | 'route'> = {
  timezone: 'time',
  client: 'machine',
  'message-id': 'machine',
  signature: 'route',
};

/** What a judge concludes about one message for one family. */
export interface Judgement {
  family: Family;
  severity: Severity;
  /** The sender's (or domain's) other messages the judgement rests on. */
  support: number;
  message: string;
  evidence: Record<string, unknown>;
}
