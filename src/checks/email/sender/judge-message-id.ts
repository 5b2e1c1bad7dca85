// The Message-ID's syntax class against the client the message names and against the sender's
// history. A form the named client never writes (knowledge/message-id-syntax.ts), which no server
// on the route assigned, was written by another program: a script's (Python's make_msgid,
// PHPMailer), another client's. A form never seen in the sender's own messages is the same trace
// learned from the dump; a short history is judged with the organisation's (how rarely its senders'
// usual client writes a new form, and whether this client ever writes this form in it).

import { clientFamilyOf, MAIL_CLIENT_FAMILIES, type MailClientFamily } from '../../../knowledge/mail-clients.js';
import { MESSAGE_ID_FORMS, messageIdHost } from '../../../knowledge/message-id-syntax.js';
import type { EmailFacts } from '../../../model/facts-email.js';
import { baseDomain, headerValues } from '../common.js';
import type { MessageFeatures } from './features.js';
import type { SenderModel, SenderProfile } from './model.js';
import {
  HABIT_SHARE,
  leaveOneOut,
  LOW_SUPPORT,
  noveltySeverity,
  ORG_MIN_OWN,
  orgBacking,
  round3,
  topValues,
  type InnocentCause,
  type Judgement,
  type OrgBacking,
} from './novelty.js';
import { usedElsewhere, type OrgProfile } from './organisation.js';

/** History that confirms the client's own form: this many of the sender's messages with it. */
const CONFIRMING_HISTORY = 10;

/** How often other senders of the organisation write this Message-ID form with this client. */
function pairElsewhere(model: SenderModel, f: MessageFeatures, org: OrgProfile | undefined): { messages: number; senders: number } {
  const c = model.clientCode(f.client);
  const m = model.messageIdCode(f.messageIdKey);
  return usedElsewhere(c === undefined || m === undefined ? undefined : org?.clientIds.get(`${c}:${m}`), 1);
}

function orgEvidence(org: OrgProfile | undefined, elsewhere: { messages: number; senders: number }, backing: OrgBacking) {
  return org
    ? {
        key: org.key,
        senders: org.senders,
        messages: org.messages,
        sameClientAndFormElsewhere: elsewhere,
        newFormWithUsualClient: org.novel.messageId,
        rate: round3(backing.orgRate),
        chanceForThisSender: round3(backing.chance),
        backsMedium: backing.backs,
        why: backing.why,
      }
    : null;
}

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
  // A relay assigns its own forms or a shape several programs share, never a library's or a
  // client's specific one: such an ID sitting above a Received header was placed there by hand.
  const specific = forms.some((x) => !x.generic && x.writer !== 'server');
  if (onRoute && (serverForm || (f.messageIdInTransit && !specific))) return null;
  // Without a recorded route a server form cannot be placed on it or off it.
  const unplaced = (serverForm !== undefined || f.messageIdInTransit) && route.size === 0;
  const generic = forms.every((x) => x.generic) || unplaced;
  // The sender's own history with this client's forms.
  let history = 0;
  if (p) for (const form of own) history += p.messageId.counts.get(model.messageIdCode(form.id) ?? -1) ?? 0;
  const confirmed = history >= CONFIRMING_HISTORY;
  // A generic form against a shorter history: the organisation says whether this client ever writes it.
  const org = p?.org ?? model.orgFor(f.senderDomain);
  const elsewhere = pairElsewhere(model, f, org);
  const backing = orgBacking('messageId', { others: history, singletons: 0, habitShare: 1 }, org, elsewhere.messages);
  const orgBacked = generic && !confirmed && !unplaced && history >= ORG_MIN_OWN && backing.backs;
  const severity = generic ? (confirmed || orgBacked ? 'medium' : 'low') : confirmed ? 'high' : 'medium';
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
    support: orgBacked && org ? org.messages : history,
    orgBacked,
    cause: 'builder',
    message: `Message-ID <${f.messageId}> is in the form of ${forms[0].label}, which ${family.label} (named by ${email.mailer ? 'X-Mailer' : 'User-Agent'}: "${f.clientRaw}") never writes${confirmed || orgBacked ? `; ${history} of this sender's messages carry its own form` : ''}${orgBacked && org ? `; in ${org.key} (${org.messages} messages) no other sender's ${family.label} wrote it` : ''}.`,
    evidence: {
      family: 'message-id',
      sender: f.sender,
      messageId: f.messageId,
      claimedClient: { family: family.family, label: family.label, header: f.clientRaw },
      formsOfThisId: forms.map((x) => ({ form: x.id, label: x.label, writer: x.writer, source: x.source })),
      formsOfClaimedClient: own.map((x) => ({ form: x.id, label: x.label, example: x.example })),
      addedInTransit: f.messageIdInTransit,
      senderHistoryWithClientForms: history,
      organisation: orgEvidence(org, elsewhere, backing),
      innocentCauses: causes,
    },
  };
}

/** Client families that write this form, all of which name themselves in X-Mailer/User-Agent. */
function selfNamingWriters(f: MessageFeatures): MailClientFamily[] | null {
  const forms = f.messageIdClass.forms;
  if (!forms.length || forms.some((x) => x.generic || x.writer !== 'client')) return null;
  const families = [...new Set(forms.flatMap((x) => x.clients))].map((c) => MAIL_CLIENT_FAMILIES.find((m) => m.family === c));
  return families.length && families.every((m) => m?.namesItself) ? (families as MailClientFamily[]) : null;
}

/** A message naming no client whose Message-ID is in the form of a client that always names itself
 *  (Outlook's "$" form on a message without "X-Mailer: Microsoft Outlook"), a form the sender's other
 *  messages never show: that client did not write it, another program copied its look. */
function unnamedClientConflict(model: SenderModel, f: MessageFeatures, p: SenderProfile | undefined): Judgement | null {
  if (f.client !== '(none)' || !f.messageId || !p) return null;
  const writers = selfNamingWriters(f);
  if (!writers) return null;
  const v = leaveOneOut(p.messageId, model.messageIdCode(f.messageIdKey));
  if (v.same > 0 || !v.top || v.others < ORG_MIN_OWN) return null;
  const org = p.org;
  const elsewhere = pairElsewhere(model, f, org);
  const habit = v.recurrentShare >= HABIT_SHARE;
  const severity = habit && elsewhere.messages === 0 ? 'medium' : 'low';
  const forms = f.messageIdClass.forms;
  const usual = model.messageIdName(v.top.code);
  const names = writers.map((w) => w.label).join(' / ');
  const causes: InnocentCause[] = [
    {
      cause: `${names} set not to write its X-Mailer/User-Agent`,
      applies: 'no',
      why: `the sender's ${v.others} other messages never carry this form (usual: "${usual}", ${v.top.count}×)`,
    },
    {
      cause: 'an export or a gateway that dropped the X-Mailer header',
      applies: org && elsewhere.messages === 0 ? 'no' : 'possible',
      why: org
        ? `${elsewhere.messages} messages of other senders of ${org.key} carry this form without a named client`
        : 'no organisation to compare with',
    },
  ];
  return {
    family: 'message-id',
    severity,
    support: v.others,
    cause: 'builder',
    message: `Message-ID <${f.messageId}> is in the form of ${forms[0].label}, which writes its name in X-Mailer/User-Agent, yet this message names no client; ${v.top.count} of ${p.sender}'s ${v.others} other messages have "${usual}".`,
    evidence: {
      family: 'message-id',
      sender: p.sender,
      messageId: f.messageId,
      form: f.messageIdKey,
      formsOfThisId: forms.map((x) => ({ form: x.id, label: x.label, writer: x.writer, source: x.source })),
      programsThatWriteIt: writers.map((w) => ({ family: w.family, label: w.label, source: w.source })),
      usual,
      thisSender: topValues(p.messageId, (c) => model.messageIdName(c)),
      organisation: org ? { key: org.key, senders: org.senders, messages: org.messages, sameClientAndFormElsewhere: elsewhere } : null,
      innocentCauses: causes,
    },
  };
}

/** A Message-ID form never seen among the sender's other messages. */
function historyNovelty(model: SenderModel, f: MessageFeatures, p: SenderProfile): Judgement | null {
  if (!f.messageId) return null;
  const v = leaveOneOut(p.messageId, model.messageIdCode(f.messageIdKey));
  if (v.same > 0 || !v.top || v.others < ORG_MIN_OWN) return null;
  const usual = model.messageIdName(v.top.code);
  // The same named client as the sender's other messages (naming none is no client: programs that
  // write no X-Mailer differ by their Message-ID only, so a new form there may be a new program).
  const sameClient = f.client !== '(none)' && leaveOneOut(p.client, model.clientCode(f.client)).same > 0;
  const org = p.org;
  const elsewhere = pairElsewhere(model, f, org);
  const backing = orgBacking(
    'messageId',
    { others: v.others, singletons: v.singletons, habitShare: v.recurrentShare },
    org,
    elsewhere.messages,
  );
  const ownSeverity = v.others >= LOW_SUPPORT ? noveltySeverity(v) : null;
  // No client named, and an ID a programming library builds: webmail writes its own forms, not these.
  const script = f.client === '(none)' && f.messageIdClass.forms.length > 0 && f.messageIdClass.forms.every((x) => x.writer === 'library');
  const orgBacked = ownSeverity !== 'medium' && backing.backs && (sameClient || script);
  // A library's ID on a message naming no client, from a sender whose other messages carry one
  // client's or webmail's form and whom no colleague resembles: structural, like a claimed-client conflict.
  const scriptHabit = script && v.recurrentShare >= HABIT_SHARE && elsewhere.messages === 0;
  const severity = orgBacked || scriptHabit ? 'medium' : ownSeverity && (sameClient || script) ? ownSeverity : ownSeverity ? 'low' : null;
  if (!severity) return null;
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
      applies: org && elsewhere.messages === 0 ? 'no' : 'possible',
      why:
        org && elsewhere.messages === 0
          ? `no other sender of ${org.key} (${org.messages} messages) has a message from ${f.client} with this form`
          : org
            ? `${elsewhere.messages} messages of ${elsewhere.senders} other senders of ${org.key} have this client and form`
            : 'no organisation to compare with',
    },
  ];
  return {
    family: 'message-id',
    // The same client building its ID differently is stronger than a new client doing so.
    severity,
    support: orgBacked && org ? org.messages : v.others,
    orgBacked,
    ...(sameClient || script ? { cause: 'builder' as const } : {}),
    message: `Message-ID syntax out of habit for ${p.sender}: ${v.top.count} of ${v.others} other messages have "${usual}"; this one <${f.messageId}> is "${f.messageIdKey}", never seen from this sender${sameClient ? ` although it names the same client (${f.client})` : ''}.${orgBacked && org ? ` The organisation (${org.key}): ${org.messages} messages of ${org.senders} senders, none other from ${f.client} with this form; ${org.novel.messageId} messages with a new form from their sender's usual client.` : ''}`,
    evidence: {
      family: 'message-id',
      sender: p.sender,
      messageId: f.messageId ?? null,
      form: f.messageIdKey,
      usual,
      thisSender: topValues(p.messageId, (c) => model.messageIdName(c)),
      messages: p.messages,
      novelty: { formsSeenOnce: v.singletons, chanceOfNewValue: round3(v.pNew) },
      organisation: orgEvidence(org, elsewhere, backing),
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
  const conflict = claimedClientConflict(model, email, f, p) ?? unnamedClientConflict(model, f, p);
  if (conflict) return conflict;
  // A new named client explains a new Message-ID form: the client finding already lists it.
  if (!p || clientJudged) return null;
  return historyNovelty(model, f, p);
}
