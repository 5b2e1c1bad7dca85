// A sender's habits, learned from all the mail of the dump (field survey S33, S34, S51): the zone of
// their Date offsets, their mail client and how it builds a message, and what the organisation's
// servers add to their received copies. One finding per family that deviates (evidence.family:
// timezone, client, message-id, signature); design in docs/checks-email.md.

import type { Severity } from '../../model/document.js';
import type { CorpusCheck } from '../types.js';
import { featuresOf, senderOf } from './sender/features.js';
import { judgeClient } from './sender/judge-client.js';
import { judgeMessageId } from './sender/judge-message-id.js';
import { judgeSignature } from './sender/judge-signature.js';
import { judgeTimezone, type TimezoneCache } from './sender/judge-timezone.js';
import { SenderModel } from './sender/model.js';
import { FAMILY_CAUSE, MEDIUM_SUPPORT, type Cause, type Judgement } from './sender/novelty.js';

const RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3 };
const STEP_UP: Record<Severity, Severity> = { info: 'low', low: 'medium', medium: 'high', high: 'high' };

const causeOf = (j: Judgement): Cause => j.cause ?? FAMILY_CAUSE[j.family];

/**
 * Independent anomalies add up: a deviation of the clock (time zone), of the program (client), of
 * how the ID was built (a form the named client never writes) and of the route (signature) have
 * different innocent causes, so two of them on one message, each against ample support (the
 * sender's own or the organisation's), raise the strongest by one step.
 */
function corroborate(js: Judgement[]): void {
  const strong = js.filter((j) => j.support >= MEDIUM_SUPPORT || j.orgBacked);
  if (new Set(strong.map(causeOf)).size < 2) return;
  strong.sort((a, b) => RANK[b.severity] - RANK[a.severity]);
  const top = strong[0];
  const second = strong.find((j) => causeOf(j) !== causeOf(top))!;
  // Two lows make a medium; a high needs a medium beside the strongest.
  if (top.severity === 'high' || (top.severity === 'medium' && second.severity === 'low')) return;
  top.severity = STEP_UP[top.severity];
  top.message += ` Corroborated by an independent anomaly (${second.family}).`;
  top.evidence.corroboratedBy = strong.filter((j) => j !== top).map((j) => ({ family: j.family, severity: j.severity }));
}

export const senderHabitsCheck: CorpusCheck = {
  scope: 'corpus',
  id: 'email.sender-habits',
  version: 3,
  title: "Out of the sender's habits",
  detects:
    "A message whose Date offset does not fit the sender's home time zone on that date (daylight-saving rules included), whose mail client or Message-ID syntax the sender never uses elsewhere or the named client never writes, or which, received from the organisation's own domain, lacks the DKIM signature and first hops every comparable received copy carries.",
  whyForgersLeaveIt:
    "A forged message is written with the forger's own program on the forger's own machine and placed in a mailbox without going through the organisation's servers; copying every habit of the real sender (zone, daylight-saving, client, how it builds IDs, the server's signature) takes knowledge and access a forger rarely has, even with the account's password.",
  innocentCauses: [
    'Travel: the device follows the local zone (shows as several messages clustered in time with one offset).',
    'A new phone or mail client (goes on being used afterwards); a second device in another zone (recurs).',
    'Webmail or an app writing no X-Mailer or the server zone; a server migration changing Message-IDs.',
    'Sent-folder copies and archived items lack Received hops and signatures (placed as sent or archive and not judged for them).',
    'Mailing-list copies (excluded: lists rewrite headers).',
  ],
  kinds: ['email'],
  reads: ['email-headers'],
  *run(docs) {
    const model = new SenderModel();
    for (const d of docs()) model.learn(d);
    model.finish();
    const zones: TimezoneCache = new Map();
    for (const d of docs()) {
      const email = d.facts.email;
      const sender = senderOf(email);
      if (!email || !sender) continue;
      const f = featuresOf(email, sender);
      const p = model.profileOf(sender);
      const js: Judgement[] = [];
      if (p) {
        const tz = judgeTimezone(model, f, p, zones);
        if (tz) js.push(tz);
      }
      const client = p ? judgeClient(model, f, p) : null;
      if (client) js.push(client);
      const mid = judgeMessageId(model, email, f, p, client !== null && f.client !== '(none)');
      if (mid) js.push(mid);
      const sig = judgeSignature(model, f, model.place(d, f), model.routesOf(sender, f.senderDomain));
      if (sig) js.push(sig);
      corroborate(js);
      for (const j of js) yield { documentId: d.id, finding: { severity: j.severity, message: j.message, evidence: j.evidence } };
    }
  },
};
