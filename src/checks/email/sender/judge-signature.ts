// A received copy against every comparable received copy: the sender's own and those of the
// sender's domain. An internal message (sender domain = the organisation's) that lacks the DKIM
// signature, or the first hops, that the organisation's servers add to all the others was not
// delivered by them. Sent-folder copies, archived items and messages carried inside other messages
// lack them innocently and are not judged.

import type { MessageFeatures } from './features.js';
import type { Placed, RouteProfile, Routes, SenderModel } from './model.js';
import { goodTuring, round3, topValues, type InnocentCause, type Judgement } from './novelty.js';

/** Comparable received copies needed before a missing trace is judged. */
const MIN_COPIES = 10;
/** ...before missing the signature alone is medium... */
const MEDIUM_COPIES = 19;
/** ...and before missing both traces is high. */
const HIGH_COPIES = 30;
/** "Every comparable copy carries it": the Good-Turing chance of a copy without it is at most this... */
const ALWAYS = 0.1;
/** ...and at most this for a medium or high finding (no exception among 19 copies or more). */
const ALWAYS_STRICT = 0.05;

/** A route profile without this copy. */
interface RouteView {
  others: number;
  dkimOthers: number;
  hopsOthers: number;
  hopCounts: Map<number, number>;
  ownHop: number | undefined;
  /** Other copies with this copy's first hop, and how many of them carry an aligned DKIM signature. */
  sameHop: number;
  dkimSameHop: number;
  /** First-hop values seen once among the other copies. */
  hopSingletons: number;
  usualHop: { code: number; count: number } | null;
}

function viewOf(model: SenderModel, route: RouteProfile, f: MessageFeatures): RouteView {
  const hopCounts = new Map(route.firstHops);
  const ownHop = f.firstHop === null ? undefined : model.hopCode(f.firstHop);
  if (ownHop !== undefined && hopCounts.has(ownHop)) {
    const c = hopCounts.get(ownHop)! - 1;
    if (c > 0) hopCounts.set(ownHop, c);
    else hopCounts.delete(ownHop);
  }
  let usualHop: { code: number; count: number } | null = null;
  let hopSingletons = 0;
  for (const [code, count] of hopCounts) {
    if (!usualHop || count > usualHop.count) usualHop = { code, count };
    if (count === 1) hopSingletons++;
  }
  return {
    others: route.received - 1,
    dkimOthers: route.dkimAligned - (f.dkimAligned ? 1 : 0),
    hopsOthers: route.withHops - (f.hops ? 1 : 0),
    hopCounts,
    ownHop,
    sameHop: ownHop === undefined ? 0 : (hopCounts.get(ownHop) ?? 0),
    dkimSameHop: ownHop === undefined ? 0 : (route.dkimByHop.get(ownHop) ?? 0) - (f.dkimAligned ? 1 : 0),
    hopSingletons,
    usualHop,
  };
}

export function judgeSignature(model: SenderModel, f: MessageFeatures, placed: Placed, routes: Routes): Judgement | null {
  const route = routes.domain;
  if (placed.kind !== 'received' || !route) return null;
  const d = viewOf(model, route, f);
  if (d.others < MIN_COPIES) return null;
  const own = routes.own ? viewOf(model, routes.own, f) : undefined;
  const ownOthers = own && own.others > 0 ? own : undefined;

  // Good-Turing: the chance that a genuine copy lacks what every other one has.
  const pNoDkim = goodTuring(d.others - d.dkimOthers, d.others);
  // The same on this copy's own first hop: where a route signs every copy it carries (an
  // authenticated submission), a copy through it without a signature had it removed or never went through it.
  const pNoDkimOnHop = d.sameHop > 0 ? goodTuring(d.sameHop - d.dkimSameHop, d.sameHop) : 1;
  const lacksDkimOnHop = !f.dkimAligned && d.sameHop >= MEDIUM_COPIES && pNoDkimOnHop <= ALWAYS_STRICT;
  const lacksDkim = !f.dkimAligned && ((d.dkimOthers >= MIN_COPIES && pNoDkim <= ALWAYS) || lacksDkimOnHop);
  const pNoHops = goodTuring(d.others - d.hopsOthers, d.others);
  const lacksHops = f.hops === 0 && d.hopsOthers >= MIN_COPIES && pNoHops <= ALWAYS;
  // A first hop no other copy shows, where new first hops are rare (and the sender's own copies never show it either).
  const newHop =
    f.hops > 0 &&
    f.firstHop !== null &&
    d.hopsOthers >= MIN_COPIES &&
    d.sameHop === 0 &&
    (ownOthers?.sameHop ?? 0) === 0 &&
    goodTuring(d.hopSingletons, d.hopsOthers) <= ALWAYS;
  if (!lacksDkim && !lacksHops && !newHop) return null;

  // The sender's own copies: an exception among them is an innocent habit of theirs (another route).
  const ownWithoutDkim = ownOthers ? ownOthers.others - ownOthers.dkimOthers : 0;
  const ownConsistent = ownWithoutDkim === 0;
  // Judged trace by trace: a domain that never signs internal mail still puts hops on every copy.
  const ownHopsConsistent = ownOthers ? ownOthers.hopsOthers === ownOthers.others : true;
  const missing = [lacksDkim ? 'DKIM signature' : '', lacksHops ? 'Received hops' : newHop ? 'first hop of the usual route' : ''].filter(
    Boolean,
  );
  const both = lacksDkim && (lacksHops || newHop);
  let severity: Judgement['severity'] = 'low';
  if (route.internal && ownConsistent && both) severity = d.others >= HIGH_COPIES && pNoDkim <= ALWAYS_STRICT ? 'high' : 'medium';
  else if (route.internal && ownConsistent && lacksDkim && d.others >= MEDIUM_COPIES && pNoDkim <= ALWAYS_STRICT) severity = 'medium';
  else if (route.internal && ownConsistent && lacksDkimOnHop) severity = 'medium';
  else if (route.internal && ownHopsConsistent && lacksHops && d.hopsOthers >= MEDIUM_COPIES && pNoHops <= ALWAYS_STRICT)
    severity = 'medium';
  const usualHopName = d.usualHop ? model.hopName(d.usualHop.code) : null;
  const causes: InnocentCause[] = [
    { cause: 'a sent-folder copy (never went through the servers)', applies: 'no', why: `this copy is a received one: ${placed.why}` },
    {
      cause: 'a message sent through another server (a phone, a personal account, a webmail)',
      applies: lacksHops ? 'no' : 'possible',
      why: lacksHops ? 'another server would still add Received hops; this copy has none' : `its first hop is ${f.firstHop ?? 'absent'}`,
    },
    {
      cause: "the sender's own copies sometimes lack it (a route of their own)",
      applies: ownOthers ? ((lacksDkim ? ownConsistent : ownHopsConsistent) ? 'no' : 'yes') : 'possible',
      why: ownOthers
        ? `${ownOthers.dkimOthers} of the sender's ${ownOthers.others} other received copies carry an aligned DKIM signature, ${ownOthers.hopsOthers} Received hops`
        : 'no other received copy of this sender to compare with',
    },
    {
      cause: 'the signer was down for a while, or this server does not sign every copy',
      applies: f.firstHop === null || d.sameHop === 0 ? 'possible' : d.sameHop - d.dkimSameHop === 0 ? 'no' : 'possible',
      why:
        f.firstHop === null || d.sameHop === 0
          ? 'no other copy came through the first hop of this one'
          : `${d.dkimSameHop} of ${d.sameHop} other copies through ${f.firstHop} are signed`,
    },
    {
      cause: 'an external sender domain with a varied route',
      applies: route.internal ? 'no' : 'yes',
      why: route.internal
        ? `${route.domain} is the organisation's domain (it owns mailboxes in the dump)`
        : `${route.domain} owns no mailbox in the dump`,
    },
  ];
  const carriers = Math.max(lacksDkim ? d.dkimOthers : 0, lacksHops ? d.hopsOthers : newHop ? (d.usualHop?.count ?? 0) : 0);
  return {
    family: 'signature',
    severity,
    support: d.others,
    message: `${route.internal ? 'Internal' : 'Received'} message from ${f.sender} without the ${missing.join(' and ')} that ${carriers} of ${d.others} other received copies from ${route.domain} carry${usualHopName && (lacksHops || newHop) ? ` (first hop: ${usualHopName})` : ''}${lacksDkimOnHop && !lacksHops && !newHop ? `; through its own first hop (${f.firstHop}) ${d.dkimSameHop} of ${d.sameHop} are signed` : ''}${ownOthers ? (lacksDkim ? `; the sender's own: ${ownOthers.dkimOthers} of ${ownOthers.others} signed` : `; the sender's own: ${ownOthers.hopsOthers} of ${ownOthers.others} with hops`) : ''}.`,
    evidence: {
      family: 'signature',
      sender: f.sender,
      domain: route.domain,
      comparedWith: `received copies from every sender of ${route.domain}, and the sender's own`,
      internal: route.internal,
      placement: { kind: placed.kind, mailbox: placed.mailbox, folder: placed.folder, owner: placed.owner ?? null, why: placed.why },
      comparableCopies: d.others,
      withAlignedDkim: d.dkimOthers,
      withReceivedHops: d.hopsOthers,
      firstHops: topValues(d.hopCounts, (c) => model.hopName(c), 4),
      firstHopsSeenOnce: d.hopSingletons,
      thisSender: ownOthers
        ? {
            copies: ownOthers.others,
            withAlignedDkim: ownOthers.dkimOthers,
            withReceivedHops: ownOthers.hopsOthers,
            firstHops: topValues(ownOthers.hopCounts, (c) => model.hopName(c), 3),
          }
        : null,
      thisCopy: { dkimAligned: f.dkimAligned, dkimAny: f.dkim, hops: f.hops, firstHop: f.firstHop },
      missing,
      chanceGenuineCopyLacksDkim: round3(pNoDkim),
      onThisFirstHop:
        f.firstHop === null
          ? null
          : { copies: d.sameHop, withAlignedDkim: d.dkimSameHop, chanceGenuineCopyLacksDkim: round3(pNoDkimOnHop) },
      innocentCauses: causes,
    },
  };
}
