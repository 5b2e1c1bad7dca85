// The mail client against the sender's history: a client family (X-Mailer/User-Agent) the sender
// never uses elsewhere, with the rest of the machine fingerprint (Message-ID syntax class, MIME
// boundary style, order of the headers the client writes). A new phone or client goes on being
// used afterwards; a forger's client is a one-off among the sender's later messages. A short
// history is judged with the organisation's: how rarely its senders use a client once, and
// whether anyone else in it uses this one.

import type { SenderModel, SenderProfile } from './model.js';
import type { MessageFeatures } from './features.js';
import {
  HABIT_SHARE,
  leaveOneOut,
  LOW_SUPPORT,
  MEDIUM_NOVELTY,
  MEDIUM_SUPPORT,
  ORG_MIN_OWN,
  orgBacking,
  round3,
  topValues,
  type HabitView,
  type InnocentCause,
  type Judgement,
} from './novelty.js';
import { usedElsewhere } from './organisation.js';

/** After a one-off client, the sender must go on writing this many messages for it to be a one-off. */
const LATER_MESSAGES = 3;
/** Support enough for a medium when the Message-ID syntax and header order are new too. */
const FINGERPRINT_SUPPORT = 12;
/** With the organisation's backing, this many later messages without the client rule out a new device. */
const ORG_LATER_MESSAGES = 1;

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
  if (v.same > 0 || v.others < ORG_MIN_OWN || !v.top || v.recurrentShare < HABIT_SHARE) return null;
  const usual = model.clientName(v.top.code);
  const fingerprint = novelFingerprint(model, f, p);
  const { later, withClient } = laterMessages(model, p, f.t, v.top.code);
  const none = f.client === '(none)';
  const org = p.org;
  const elsewhere = usedElsewhere(code === undefined ? undefined : org?.clients.get(code), 1);
  const backing = orgBacking(
    'client',
    { others: v.others, singletons: v.singletons, habitShare: v.recurrentShare },
    org,
    elsewhere.messages,
  );
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
  const ownMedium =
    v.others >= (built ? FINGERPRINT_SUPPORT : MEDIUM_SUPPORT) && v.pNew <= MEDIUM_NOVELTY * (built ? 1.5 : 1) && later >= LATER_MESSAGES;
  const orgBacked = !ownMedium && backing.backs;
  if (v.others < LOW_SUPPORT && !orgBacked) return null;
  if (org)
    causes.push({
      cause: "a client the organisation uses (a colleague's computer, the office's standard program)",
      applies: elsewhere.messages > 0 ? 'possible' : 'no',
      why:
        elsewhere.messages > 0
          ? `${elsewhere.messages} messages of ${elsewhere.senders} other senders of ${org.key} use ${f.client}`
          : `no other sender of ${org.key} uses ${f.client} (${org.messages} messages of ${org.senders} senders)`,
    });
  const medium = !none && (ownMedium || (orgBacked && later >= ORG_LATER_MESSAGES));
  const severity = medium ? 'medium' : 'low';
  const parts = fingerprint.length
    ? `; built differently too: ${fingerprint.map((x) => `${x.part} "${x.value}" (usual "${x.usual}", ${x.usualCount}×)`).join('; ')}`
    : '';
  const orgText =
    org && orgBacked
      ? ` The organisation (${org.key}): ${org.messages} messages of ${org.senders} senders, ${elsewhere.messages ? `${elsewhere.messages} of other senders` : 'none'} with this client; ${org.novel.client} messages with a client their sender used once.`
      : '';
  return {
    family: 'client',
    severity,
    support: orgBacked && org ? org.messages : v.others,
    orgBacked,
    message: `Mail client out of habit for ${p.sender}: ${v.top.count} of ${v.others} other messages were written with ${usual}; this one with ${none ? 'no named client' : `"${f.clientRaw}"`}, never seen from this sender${parts}.${orgText}`,
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
      organisation: org
        ? {
            key: org.key,
            senders: org.senders,
            messages: org.messages,
            clients: [...org.clients.entries()]
              .sort((a, b) => b[1].messages - a[1].messages)
              .slice(0, 6)
              .map(([c, u]) => ({ value: model.clientName(c), count: u.messages, senders: u.senders })),
            thisClientElsewhere: elsewhere,
            clientUsedOnce: org.novel.client,
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
