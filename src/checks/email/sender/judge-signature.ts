// A received copy against every comparable received copy from the same sender domain: an internal
// message (sender domain = the organisation's) that lacks the DKIM signature and the first hops the
// organisation's servers add to all the others was not delivered by them. Sent-folder copies,
// archived items and messages carried inside other messages lack them innocently and are not judged.

import type { MessageFeatures } from './features.js';
import type { Placed, RouteProfile, SenderModel } from './model.js';
import { goodTuring, round3, topValues, type InnocentCause, type Judgement } from './novelty.js';

/** Comparable received copies needed before a missing trace is judged. */
const MIN_COPIES = 10;
/** ...and before missing both traces is high. */
const HIGH_COPIES = 30;
/** "Every comparable copy carries it": the Good-Turing chance of a copy without it is at most this... */
const ALWAYS = 0.1;
/** ...and at most this for a medium or high finding (no exception among 19 copies or more). */
const ALWAYS_STRICT = 0.05;

export function judgeSignature(model: SenderModel, f: MessageFeatures, placed: Placed, route: RouteProfile | undefined): Judgement | null {
  if (placed.kind !== 'received' || !route) return null;
  // Leave this copy out.
  const others = route.received - 1;
  if (others < MIN_COPIES) return null;
  const dkimOthers = route.dkimAligned - (f.dkimAligned ? 1 : 0);
  const hopsOthers = route.withHops - (f.hops ? 1 : 0);
  const hopCounts = new Map(route.firstHops);
  const ownHop = f.firstHop === null ? undefined : model.hopCode(f.firstHop);
  if (ownHop !== undefined && hopCounts.has(ownHop)) {
    const c = hopCounts.get(ownHop)! - 1;
    if (c > 0) hopCounts.set(ownHop, c);
    else hopCounts.delete(ownHop);
  }
  let usualHop: { code: number; count: number } | null = null;
  for (const [code, count] of hopCounts) if (!usualHop || count > usualHop.count) usualHop = { code, count };

  // Good-Turing: the chance that a genuine copy lacks what every other one has.
  const pNoDkim = goodTuring(others - dkimOthers, others);
  const lacksDkim = !f.dkimAligned && dkimOthers >= MIN_COPIES && pNoDkim <= ALWAYS;
  const lacksHops = f.hops === 0 && hopsOthers >= MIN_COPIES && goodTuring(others - hopsOthers, others) <= ALWAYS;
  const otherHop =
    f.hops > 0 &&
    f.firstHop !== null &&
    usualHop !== null &&
    (hopCounts.get(ownHop ?? -1) ?? 0) === 0 &&
    goodTuring(others - usualHop.count, others) <= ALWAYS;
  if (!lacksDkim && !lacksHops && !otherHop) return null;

  const missing = [lacksDkim ? 'DKIM signature' : '', lacksHops ? 'Received hops' : otherHop ? 'first hop of the usual route' : ''].filter(
    Boolean,
  );
  const both = lacksDkim && (lacksHops || otherHop);
  let severity: Judgement['severity'] = 'low';
  if (route.internal && both) severity = others >= HIGH_COPIES && pNoDkim <= ALWAYS_STRICT ? 'high' : 'medium';
  else if (route.internal && lacksDkim && others >= 19 && pNoDkim <= ALWAYS_STRICT) severity = 'medium';
  const usualHopName = usualHop ? model.hopName(usualHop.code) : null;
  const causes: InnocentCause[] = [
    { cause: 'a sent-folder copy (never went through the servers)', applies: 'no', why: `this copy is a received one: ${placed.why}` },
    {
      cause: 'a message sent through another server (a phone, a personal account, a webmail)',
      applies: lacksHops ? 'no' : 'possible',
      why: lacksHops ? 'another server would still add Received hops; this copy has none' : `its first hop is ${f.firstHop ?? 'absent'}`,
    },
    {
      cause: 'an external sender domain with a varied route',
      applies: route.internal ? 'no' : 'yes',
      why: route.internal
        ? `${route.domain} is the organisation's domain (it owns mailboxes in the dump)`
        : `${route.domain} owns no mailbox in the dump`,
    },
  ];
  return {
    family: 'signature',
    severity,
    support: others,
    message: `${route.internal ? 'Internal' : 'Received'} message from ${f.sender} without the ${missing.join(' and ')} that ${Math.max(dkimOthers, usualHop?.count ?? 0, hopsOthers)} of ${others} other received copies from ${route.scope === 'sender' ? 'this sender' : route.domain} carry${usualHopName && (lacksHops || otherHop) ? ` (first hop: ${usualHopName})` : ''}.`,
    evidence: {
      family: 'signature',
      sender: f.sender,
      domain: route.domain,
      comparedWith: route.scope === 'sender' ? "the sender's own received copies" : `received copies from every sender of ${route.domain}`,
      internal: route.internal,
      placement: { kind: placed.kind, mailbox: placed.mailbox, folder: placed.folder, owner: placed.owner ?? null, why: placed.why },
      comparableCopies: others,
      withAlignedDkim: dkimOthers,
      withReceivedHops: hopsOthers,
      firstHops: topValues(hopCounts, (c) => model.hopName(c), 4),
      thisCopy: { dkimAligned: f.dkimAligned, dkimAny: f.dkim, hops: f.hops, firstHop: f.firstHop },
      missing,
      chanceGenuineCopyLacksDkim: round3(pNoDkim),
      innocentCauses: causes,
    },
  };
}
