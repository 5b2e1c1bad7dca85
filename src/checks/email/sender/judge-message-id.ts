// The Message-ID's syntax class against the client the message names and against the sender's
// history. A form the named client never writes (knowledge/message-id-syntax.ts), which no server
// on the route assigned, was written by another program: a script's (Python's make_msgid,
// PHPMailer), another client's. A form never seen in the sender's own messages is the same trace
// learned from the dump.

import { clientFamilyOf } from '../../../knowledge/mail-clients.js';
import { MESSAGE_ID_FORMS, messageIdHost } from '../../../knowledge/message-id-syntax.js';
import type { EmailFacts } from '../../../model/facts-email.js';
import { baseDomain, headerValues } from '../common.js';
import type { MessageFeatures } from './features.js';
import type { SenderModel, SenderProfile } from './model.js';
import { leaveOneOut, LOW_SUPPORT, noveltySeverity, round3, topValues, type InnocentCause, type Judgement } from './novelty.js';

/** History that confirms the client's own form: this many of the sender's messages with it. */
const CONFIRMING_HISTORY = 10;

/** Domains of the servers on the route (Received by-hosts). */
function routeDomains(email: EmailFacts): Set<string> {
  const out = new Set<string>();
  for (const r of email.received) {
    const d = baseDomain((r.by ?? '').split(/[\s(;]/)[0]);
    if (d) out.add(d);
  }
  return out;
}

/** Conflict between the Message-ID form and the client named by X-Mailer/User-Agent. */
function claimedClientConflict(model: SenderModel, email: EmailFacts, f: MessageFeatures, p: SenderProfile | undefined): Judgement | null {
  const family = clientFamilyOf(f.clientRaw);
  if (!family || !f.messageId) return null;
  const own = MESSAGE_ID_FORMS.filter((x) => x.clients.includes(family.family));
  const forms = f.messageIdClass.forms;
  if (!own.length || !forms.length || forms.some((x) => x.clients.includes(family.family))) return null;
  // A gateway may add its own X-Mailer above the client's (GroupWise over Outlook): any named client will do.
  const named = [...headerValues(email, 'X-Mailer'), ...headerValues(email, 'User-Agent')].map((v) => clientFamilyOf(v)?.family);
  if (forms.some((x) => named.some((n) => n && x.clients.includes(n)))) return null;
  // A relay assigns an ID when the client wrote none: fine when that relay is on the route.
  const host = messageIdHost(f.messageId);
  const hostDomain = baseDomain(host);
  const route = routeDomains(email);
  const onRoute = hostDomain !== undefined && (route.has(hostDomain) || hostDomain === f.senderDomain || model.isOrgDomain(hostDomain));
  const serverForm = forms.find((x) => x.writer === 'server');
  if ((serverForm || f.messageIdInTransit) && onRoute) return null;
  // Without a recorded route a server form cannot be placed on it or off it.
  const unplaced = (serverForm !== undefined || f.messageIdInTransit) && route.size === 0;
  const generic = forms.every((x) => x.generic) || unplaced;
  // The sender's own history with this client's forms.
  let history = 0;
  if (p) for (const form of own) history += p.messageId.counts.get(model.messageIdCode(form.id) ?? -1) ?? 0;
  const confirmed = history >= CONFIRMING_HISTORY;
  const severity = generic ? (confirmed ? 'medium' : 'low') : confirmed ? 'high' : 'medium';
  const causes: InnocentCause[] = [
    {
      cause: 'a server assigned the Message-ID (the client wrote none)',
      applies: unplaced ? 'possible' : 'no',
      why: unplaced
        ? `the ${serverForm?.label ?? 'relay'} form names ${host}, and this copy records no server route to compare it with`
        : serverForm
          ? `the ${serverForm.label} form names ${host}, which is not a server on this message's route nor the sender's domain`
          : `no ${family.label} form and no server form; the header was ${f.messageIdInTransit ? 'added in transit, by a host off the route' : 'written before any Received hop'}`,
    },
    {
      cause: 'a client version or configuration the table does not know',
      applies: generic ? 'possible' : 'no',
      why: generic
        ? 'the form is a shape several programs share (a random UUID or digest)'
        : `the form is specific to ${forms.map((x) => x.label).join('; ')}`,
    },
  ];
  if (p)
    causes.push({
      cause: "the sender's own habit with this client",
      applies: confirmed ? 'no' : 'possible',
      why: confirmed
        ? `${history} of the sender's messages carry ${family.label}'s own form`
        : `${history} of the sender's messages carry ${family.label}'s own form: too few to confirm its habit`,
    });
  return {
    family: 'message-id',
    severity,
    support: history,
    message: `Message-ID <${f.messageId}> is in the form of ${forms[0].label}, which ${family.label} (named by ${email.mailer ? 'X-Mailer' : 'User-Agent'}: "${f.clientRaw}") never writes${confirmed ? `; ${history} of this sender's messages carry its own form` : ''}.`,
    evidence: {
      family: 'message-id',
      sender: f.sender,
      messageId: f.messageId,
      claimedClient: { family: family.family, label: family.label, header: f.clientRaw },
      formsOfThisId: forms.map((x) => ({ form: x.id, label: x.label, writer: x.writer, source: x.source })),
      formsOfClaimedClient: own.map((x) => ({ form: x.id, label: x.label, example: x.example })),
      addedInTransit: f.messageIdInTransit,
      senderHistoryWithClientForms: history,
      innocentCauses: causes,
    },
  };
}

/** A Message-ID form never seen among the sender's other messages. */
function historyNovelty(model: SenderModel, f: MessageFeatures, p: SenderProfile): Judgement | null {
  if (!f.messageId) return null;
  const v = leaveOneOut(p.messageId, model.messageIdCode(f.messageIdKey));
  if (v.same > 0 || !v.top || v.others < LOW_SUPPORT) return null;
  const severity = noveltySeverity(v);
  if (!severity) return null;
  const usual = model.messageIdName(v.top.code);
  const sameClient = f.client !== '(none)' && leaveOneOut(p.client, model.clientCode(f.client)).same > 0;
  // No client named, and an ID a programming library builds: webmail writes its own forms, not these.
  const script = f.client === '(none)' && f.messageIdClass.forms.length > 0 && f.messageIdClass.forms.every((x) => x.writer === 'library');
  const causes: InnocentCause[] = [
    {
      cause: 'another client of the sender (phone, webmail)',
      applies: sameClient || script ? 'no' : 'possible',
      why: sameClient
        ? `the message names ${f.client}, a client the sender uses, which writes "${usual}" in their other messages`
        : script
          ? `the message names no client and its ID is built by a programming library (${f.messageIdClass.forms.map((x) => x.label).join('; ')}), not by a webmail or a mail client`
          : `the message names ${f.client}, not the sender's usual client`,
    },
    {
      cause: "a server migration that changed every sender's Message-IDs",
      applies: 'possible',
      why: 'compare with other senders of the same domain around this date',
    },
  ];
  return {
    family: 'message-id',
    // The same client building its ID differently is stronger than a new client doing so.
    severity: sameClient || script ? severity : 'low',
    support: v.others,
    message: `Message-ID syntax out of habit for ${p.sender}: ${v.top.count} of ${v.others} other messages have "${usual}"; this one <${f.messageId}> is "${f.messageIdKey}", never seen from this sender${sameClient ? ` although it names the same client (${f.client})` : ''}.`,
    evidence: {
      family: 'message-id',
      sender: p.sender,
      messageId: f.messageId ?? null,
      form: f.messageIdKey,
      usual,
      thisSender: topValues(p.messageId, (c) => model.messageIdName(c)),
      messages: p.messages,
      novelty: { formsSeenOnce: v.singletons, chanceOfNewValue: round3(v.pNew) },
      innocentCauses: causes,
    },
  };
}

export function judgeMessageId(
  model: SenderModel,
  email: EmailFacts,
  f: MessageFeatures,
  p: SenderProfile | undefined,
  clientJudged: boolean,
): Judgement | null {
  const conflict = claimedClientConflict(model, email, f, p);
  if (conflict) return conflict;
  // A new named client explains a new Message-ID form: the client finding already lists it.
  if (!p || clientJudged) return null;
  return historyNovelty(model, f, p);
}
