// The mail client against the sender's history: a client family (X-Mailer/User-Agent) the sender
// never uses elsewhere, with the rest of the machine fingerprint (Message-ID syntax class, MIME
// boundary style, order of the headers the client writes). A new phone or client goes on being
// used afterwards; a forger's client is a one-off among the sender's later messages.

import type { SenderModel, SenderProfile } from './model.js';
import type { MessageFeatures } from './features.js';
import {
  HABIT_SHARE,
  leaveOneOut,
  LOW_SUPPORT,
  MEDIUM_NOVELTY,
  MEDIUM_SUPPORT,
  round3,
  topValues,
  type HabitView,
  type InnocentCause,
  type Judgement,
} from './novelty.js';

/** After a one-off client, the sender must go on writing this many messages for it to be a one-off. */
const LATER_MESSAGES = 3;
/** Support enough for a medium when the Message-ID syntax and header order are new too. */
const FINGERPRINT_SUPPORT = 12;

interface FingerprintPart {
  part: 'Message-ID syntax' | 'MIME boundary style' | 'header order';
  value: string;
  usual: string;
  usualCount: number;
  others: number;
}

/** Which parts of the fingerprint this message shares with none of the sender's other messages. */
function novelFingerprint(model: SenderModel, f: MessageFeatures, p: SenderProfile): FingerprintPart[] {
  const out: FingerprintPart[] = [];
  const check = (part: FingerprintPart['part'], v: HabitView, value: string, name: (c: number) => string) => {
    if (v.same === 0 && v.others >= LOW_SUPPORT && v.top && v.topShare >= HABIT_SHARE)
      out.push({ part, value, usual: name(v.top.code), usualCount: v.top.count, others: v.others });
  };
  check('Message-ID syntax', leaveOneOut(p.messageId, model.messageIdCode(f.messageIdKey)), f.messageIdKey, (c) => model.messageIdName(c));
  if (f.boundary !== null)
    check('MIME boundary style', leaveOneOut(p.boundary, model.boundaryCode(f.boundary)), f.boundary, (c) => model.boundaryName(c));
  check('header order', leaveOneOut(p.order, model.orderCode(f.headerOrder)), f.headerOrder, (c) => model.orderName(c));
  return out;
}

/** The sender's messages after t: how many, and how many with the given client. */
function laterMessages(
  model: SenderModel,
  p: SenderProfile,
  t: number | null,
  client: number | undefined,
): { later: number; withClient: number } {
  if (t === null) return { later: 0, withClient: 0 };
  let later = 0;
  let withClient = 0;
  for (const row of p.rows) {
    const tm = model.timeOf(row);
    if (Number.isNaN(tm) || tm <= t) continue;
    later++;
    if (client !== undefined && model.clientOf(row) === client) withClient++;
  }
  return { later, withClient };
}

export function judgeClient(model: SenderModel, f: MessageFeatures, p: SenderProfile): Judgement | null {
  const code = model.clientCode(f.client);
  const v = leaveOneOut(p.client, code);
  if (v.same > 0 || v.others < LOW_SUPPORT || !v.top || v.topShare < HABIT_SHARE) return null;
  const usual = model.clientName(v.top.code);
  const fingerprint = novelFingerprint(model, f, p);
  const { later, withClient } = laterMessages(model, p, f.t, v.top.code);
  const none = f.client === '(none)';
  const causes: InnocentCause[] = [
    {
      cause: 'a new phone or client, used from then on',
      applies: later >= LATER_MESSAGES ? 'no' : 'possible',
      why:
        later >= LATER_MESSAGES
          ? `the sender wrote ${later} later messages (${withClient} with ${usual}) and never used ${f.client} again`
          : `only ${later} later message(s) of this sender in the dump: a new device cannot be told from a one-off`,
    },
    {
      cause: 'webmail or a mobile app that writes no X-Mailer/User-Agent',
      applies: none ? 'possible' : 'no',
      why: none ? 'this message names no client at all' : `this message names ${f.clientRaw ?? f.client}`,
    },
    {
      cause: 'another program of the same person (a second computer)',
      applies: 'possible',
      why: `never seen in ${v.others} other messages of this sender`,
    },
  ];
  // Two more parts of the fingerprint never seen from the sender say another program built the
  // message: that corroboration lets a smaller history speak.
  const built = fingerprint.length >= 2;
  const medium =
    !none &&
    v.others >= (built ? FINGERPRINT_SUPPORT : MEDIUM_SUPPORT) &&
    v.pNew <= MEDIUM_NOVELTY * (built ? 1.5 : 1) &&
    later >= LATER_MESSAGES;
  const severity = medium ? 'medium' : 'low';
  const parts = fingerprint.length
    ? `; built differently too: ${fingerprint.map((x) => `${x.part} "${x.value}" (usual "${x.usual}", ${x.usualCount}×)`).join('; ')}`
    : '';
  return {
    family: 'client',
    severity,
    support: v.others,
    message: `Mail client out of habit for ${p.sender}: ${v.top.count} of ${v.others} other messages were written with ${usual}; this one with ${none ? 'no named client' : `"${f.clientRaw}"`}, never seen from this sender${parts}.`,
    evidence: {
      family: 'client',
      sender: p.sender,
      client: f.client,
      clientHeader: f.clientRaw ?? null,
      usual,
      thisSender: topValues(p.client, (c) => model.clientName(c)),
      messages: p.messages,
      novelty: { clientsSeenOnce: v.singletons, chanceOfNewValue: round3(v.pNew) },
      laterMessages: later,
      laterWithUsualClient: withClient,
      fingerprint,
      innocentCauses: causes,
    },
  };
}
