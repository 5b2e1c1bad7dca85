// Mail forgeries, written as forgers make them (before and without looking at any check):
// - with a hijacked account, sending through the organisation's own server, so the mail carries a
//   valid DKIM signature: only the forger's own machine and tools give it away (Date offset of the
//   forger's clock, a script's Message-ID, a client the victim never uses, a reused Message-ID);
// - by hand, dropping a fabricated .eml into a leaked mailbox (IMAP APPEND, a file copy, an mbox
//   edited in a text editor): no signature, copied or missing hops;
// - by editing a genuine mail after the fact (body, quoted text, Date, an attachment swapped).

import type { Prng } from '../../demo/prng.js';
import { DAY, HOUR, MINUTE, offsetAt, rfc5322 } from './clock.js';
import { compose, newMessageId } from './clients.js';
import { replyBody, replySubject } from './quoting.js';
import { makeOfficeDoc, makePdfDoc } from './documents.js';
import { editTextParts, header, plainText, removeHeaders, replaceAttachment, setHeader } from './mail-edit.js';
import type { ClientId, MailCopy, Person } from './mail-model.js';
import { deliver, submit } from './mta.js';
import { type Origin } from './mta-core.js';
import { CAMERAS, shoot } from './photos.js';
import { attachmentOf } from './population.js';
import type { Lang } from './text.js';
import type { MailRecord, World } from './world.js';

export const FAMILY = {
  dateOffset: 'email-date-offset',
  messageIdSyntax: 'email-message-id-syntax',
  client: 'email-client',
  missingSignature: 'email-missing-signature',
  quoteAltered: 'email-quote-altered',
  bodyAltered: 'email-body-altered',
  dateVsReceived: 'email-date-vs-received',
  duplicateMessageId: 'email-duplicate-message-id',
  attachmentAfter: 'attachment-after-email',
} as const;

function forged(copy: MailCopy, family: string, note: string): void {
  copy.label = { label: 'forged', family, note };
}

const INCRIMINATING: Record<Lang, string[]> = {
  fr: [
    'Comme convenu, les justificatifs de {topic} ne figureront pas dans le dossier remis aux auditeurs.',
    'Je confirme le virement de {amount} € sur le compte indiqué, inutile de prévenir la comptabilité.',
    'Merci de supprimer la version précédente du rapport avant la réunion de {day}.',
    'On garde ça entre nous jusqu’à la clôture de {topic}.',
  ],
  en: [
    'As agreed, the {topic} invoices will stay out of the pack we give the auditors.',
    'I approve the transfer of ${amount} to the account below, no need to copy finance.',
    'Please delete the earlier version of the report before the {day} meeting.',
    'Let’s keep this between us until {topic} is closed.',
  ],
  de: [
    'Wie besprochen bleiben die Belege zu {topic} aus der Mappe für die Prüfer heraus.',
    'Ich gebe die Überweisung von {amount} € auf das unten genannte Konto frei, die Buchhaltung muss das nicht wissen.',
    'Bitte lösche die alte Version des Berichts vor dem Termin am {day}.',
  ],
  pt: [
    'Como combinado, as notas de {topic} não vão no pacote da auditoria.',
    'Autorizo a transferência de R$ {amount} para a conta abaixo, não precisa avisar o financeiro.',
    'Por favor apague a versão anterior do relatório antes da reunião de {day}.',
  ],
  ja: [
    '打ち合わせの通り、{topic}の請求書は監査資料に含めないでください。',
    '下記口座への{amount}円の送金を承認します。経理には連絡不要です。',
    '{day}の会議の前に、前の版の報告書を削除してください。',
  ],
};

/** A damaging mail in the victim's voice. */
function forgedText(world: World, prng: Prng, from: Person, to: Person): string {
  const w = world.writerFor(from);
  const lang = w.lang;
  const topic = w.topic(prng);
  const base = w.mail(prng, topic, world.callName(to), world.callName(from));
  const lines = base.split('\n\n');
  lines.splice(2, 0, w.fill(prng, prng.pick(INCRIMINATING[lang]), { topic }));
  return lines.join('\n\n');
}

/** A damaging mail from `from` to `to`, written with `from`'s usual client. */
function forgedLetter(world: World, prng: Prng, from: Person, to: Person, at: number) {
  return world.letter(
    from,
    [to],
    [],
    world.org.writer.subject(prng, world.org.writer.topic(prng)),
    forgedText(world, prng, from, to),
    at,
    from.client,
    prng,
  );
}

/** A working moment of `p` on a random day of the dump (not in the first or last week). */
export function someWorkTime(world: World, p: Person, prng: Prng): number {
  const span = world.org.end - world.org.start - 20 * DAY;
  return world.nextTime(p, world.org.start + 10 * DAY + Math.floor(prng.next() * span), prng, false).at;
}

/** Staff who send enough mail to have a history (sent or received copies in the dump). */
export function historyOf(world: World, p: Person): MailRecord[] {
  return world.records.filter((r) => r.letter.from === p && r.copies.length > 0);
}

function senders(world: World, ok: (p: Person) => boolean, min = 4): Person[] {
  return world.org.staff
    .filter((p) => ok(p) && historyOf(world, p).length >= min)
    .sort((a, b) => historyOf(world, b).length - historyOf(world, a).length);
}

function leakedExcept(world: World, not: Person[]): Person[] {
  return world.org.leaked.map((l) => l.person).filter((p) => !not.includes(p));
}

/** A forger's VPS or his own broadband line, as the submission hop shows it. */
function forgerOrigin(prng: Prng): Origin {
  return prng.pick([
    { ip: `185.220.${prng.int(100, 103)}.${prng.int(2, 250)}` },
    { ip: `5.188.${prng.int(62, 63)}.${prng.int(2, 250)}`, rdns: undefined },
    {
      ip: `45.${prng.int(130, 140)}.${prng.int(1, 250)}.${prng.int(2, 250)}`,
      rdns: `static.${prng.int(10, 250)}.${prng.int(10, 250)}.clients.your-server.de`,
    },
  ]);
}

interface HijackOptions {
  client: ClientId;
  at: number;
  offsetMin?: number;
  messageId?: string;
  extra?: [string, string][];
  text?: string;
  subject?: string;
  origin?: Origin;
  inReplyTo?: MailRecord;
}

/** Sends a forged mail as `from` through the organisation's server with stolen credentials: the
 *  receiving leaked mailbox gets a copy with real hops and a valid signature. */
async function hijackSend(
  world: World,
  prng: Prng,
  from: Person,
  to: Person,
  o: HijackOptions,
  family: string,
  note: string,
): Promise<MailRecord> {
  const subject = o.subject ?? world.org.writer.subject(prng, world.org.writer.topic(prng));
  const letter = world.letter(from, [to], [], subject, o.text ?? forgedText(world, prng, from, to), o.at, o.client, prng, {
    extraHeaders: o.extra,
  });
  if (o.offsetMin !== undefined) letter.offsetMin = o.offsetMin;
  if (o.messageId) letter.messageId = o.messageId;
  if (o.inReplyTo) {
    letter.inReplyTo = o.inReplyTo.letter.messageId;
    letter.references = [...o.inReplyTo.letter.references, o.inReplyTo.letter.messageId].slice(-8);
  }
  const rec = await world.send(letter, prng, { noSentCopy: true, only: [to], origin: o.origin ?? forgerOrigin(prng) });
  if (!rec.copies.length) throw new Error(`hijackSend: ${to.email} is not a leaked mailbox`);
  for (const c of rec.copies) forged(c, family, note);
  return rec;
}

/** Offsets in use in `zone` over the dump period (standard and daylight time). */
function offsetsOf(zone: string, world: World): Set<number> {
  const s = new Set<number>();
  for (let t = world.org.start; t <= world.org.end; t += 7 * DAY) s.add(offsetAt(zone, t));
  return s;
}

// ---------------------------------------------------------------------------------------------

/** Date offsets the victim never uses, on mail with a valid signature (hijacked account). */
async function dateOffset(world: World, prng: Prng): Promise<void> {
  const pool = senders(world, (p) => p.client !== 'outlook-exchange' && !p.travel);
  const victims = prng.shuffle([...pool]).slice(0, 3);
  const zones = ['Europe/Moscow', 'Asia/Dubai', 'America/Sao_Paulo', 'Asia/Shanghai', 'Africa/Lagos', 'UTC'];
  for (let v = 0; v < victims.length; v++) {
    const from = victims[v];
    const to = prng.pick(leakedExcept(world, [from]));
    const own = offsetsOf(from.zone, world);
    let at = someWorkTime(world, from, prng);
    let offsetMin: number;
    let note: string;
    if (v === 1) {
      // A script that writes the victim's standard-time offset all year (or the summer one all year):
      // wrong for this date. Zones without DST get a neighbouring country's offset.
      const [std, dst] = [Math.min(...own), Math.max(...own)];
      if (std === dst) {
        offsetMin = std + prng.pick([-30, 30, 60]);
        note = `offset ${offsetMin} min written for a zone that is always ${std} min (forger's hand-set offset)`;
      } else {
        for (let k = 0; k < 60 && offsetAt(from.zone, at) !== dst; k++) at = someWorkTime(world, from, prng);
        offsetMin = offsetAt(from.zone, at) === dst ? std : dst;
        note = `standard-time offset on a daylight-saving date (or the reverse): ${offsetMin} min, the zone was at ${offsetAt(from.zone, at)} min`;
      }
    } else {
      const zone = zones.find((z) => !own.has(offsetAt(z, at)) && (v === 0 ? z !== 'UTC' : z === 'UTC')) ?? 'Asia/Dubai';
      offsetMin = offsetAt(zone, at);
      note = `sent from the forger's machine set to ${zone} (${offsetMin} min) through the victim's account`;
    }
    await hijackSend(world, prng, from, to, { client: from.client, at, offsetMin }, FAMILY.dateOffset, note);
  }
}

/** Scripts sending as the victim, copying the victim's client headers but not its Message-ID form. */
async function messageIdSyntax(world: World, prng: Prng): Promise<void> {
  const pool = senders(world, () => true);
  const victims = prng.shuffle([...pool]).slice(0, 3);
  const variants: { gen: ClientId; host: (p: Person) => string; note: string }[] = [
    {
      gen: 'python-smtplib',
      host: (p) => p.email.split('@')[1],
      note: "Message-ID from Python email.utils.make_msgid(domain=…) under the victim client's headers",
    },
    {
      gen: 'phpmailer',
      host: () => 'localhost.localdomain',
      note: "Message-ID from PHPMailer (uniqueid@serverHostname) under the victim client's headers",
    },
    {
      gen: 'javamail',
      host: () => `WS-${prng.hex(6).toUpperCase()}`,
      note: "Message-ID from JavaMail (…JavaMail.user@host) under the victim client's headers",
    },
  ];
  for (let v = 0; v < victims.length; v++) {
    const from = victims[v];
    const to = prng.pick(leakedExcept(world, [from]));
    const at = someWorkTime(world, from, prng);
    const g = variants[v];
    // One variant takes another real client's form instead: a Gmail or Outlook id under the victim's client.
    const gen: ClientId = v === 2 && from.client !== 'gmail-web' ? 'gmail-web' : v === 2 ? 'outlook2016' : g.gen;
    const messageId = newMessageId(gen, from, at, prng, { host: g.host(from), user: from.first.toLowerCase(), pid: prng.int(2000, 60000) });
    const note = v === 2 ? `Message-ID in ${gen}'s form on a mail claiming ${from.client}` : g.note;
    await hijackSend(world, prng, from, to, { client: from.client, at, messageId }, FAMILY.messageIdSyntax, note);
  }
}

/** A client the victim never uses: the forger's own mail program on the victim's account. */
async function foreignClient(world: World, prng: Prng): Promise<void> {
  const pool = senders(world, (p) => !p.webmail && !p.phoneSwitch);
  const victims = prng.shuffle([...pool]).slice(0, 3);
  const choices: ClientId[] = ['em-client', 'k9', 'evolution', 'thunderbird', 'roundcube'];
  for (let v = 0; v < victims.length; v++) {
    const from = victims[v];
    const used = new Set(historyOf(world, from).map((r) => r.letter.client));
    const client = choices.slice(v).find((c) => !used.has(c) && c !== from.client && c !== from.mobile) ?? 'em-client';
    const to = prng.pick(leakedExcept(world, [from]));
    const at = someWorkTime(world, from, prng);
    const offsetMin = client === 'k9' || client === 'evolution' ? offsetAt(from.zone, at) : undefined;
    await hijackSend(
      world,
      prng,
      from,
      to,
      { client, at, offsetMin },
      FAMILY.client,
      `sent with ${client}, a client ${from.name} never uses`,
    );
  }
}

/** Hand-made "received" internal mail: no signature, and hops copied, missing, or only the last one. */
async function missingSignature(world: World, prng: Prng): Promise<void> {
  const pool = senders(world, (p) => !world.isLeaked(p) || true);
  const victims = prng.shuffle([...pool]).slice(0, 3);
  for (let v = 0; v < victims.length; v++) {
    const from = victims[v];
    const owners = leakedExcept(world, [from]);
    const owner = owners[v % owners.length];
    const at = someWorkTime(world, from, prng);
    const letter = world.letter(
      from,
      [owner],
      [],
      world.org.writer.subject(prng, world.org.writer.topic(prng)),
      forgedText(world, prng, from, owner),
      at,
      from.client,
      prng,
    );
    const composed = compose(letter, prng, world.contextFor(from, from.client));
    let raw: Buffer;
    let note: string;
    let arrived = at + prng.int(3, 20) * 1000;
    if (v === 0) {
      // Hops copied from a genuine mail and re-dated; the signature removed because it no longer verifies.
      const t = await submit(
        world.org.infra,
        composed,
        from,
        [owner],
        at,
        from.client,
        { ip: `${world.org.infra.lanPrefix}.${prng.int(20, 200)}` },
        prng,
      );
      const d = deliver(
        world.org.infra,
        removeHeaders(t.submitted, ['DKIM-Signature', 'DKIM-Filter']),
        from.email,
        owner,
        t.signedAt,
        prng,
      );
      raw = d.raw;
      arrived = d.at;
      note = 'hops copied from a genuine mail, DKIM-Signature removed';
    } else if (v === 1) {
      // Appended into the Inbox over IMAP with the stolen password: the client's bytes only.
      raw = composed;
      note = 'appended to the Inbox over IMAP: no Received, no DKIM-Signature';
    } else {
      raw = deliver(world.org.infra, composed, from.email, owner, at, prng).raw;
      note = 'only the final delivery hop written by hand, no submission hop, no DKIM-Signature';
    }
    const copy = world.addCopy({
      owner,
      folder: 'Inbox',
      raw,
      messageId: letter.messageId,
      at: arrived,
      subject: letter.subject,
      kind: 'received',
    });
    forged(copy, FAMILY.missingSignature, note);
    world.record(letter, composed, [copy]);
  }
}

const WEEKDAYS: Record<Lang, string[]> = {
  fr: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
  de: ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag'],
  pt: ['segunda-feira', 'terça-feira', 'quarta-feira', 'quinta-feira', 'sexta-feira'],
  ja: ['月曜日', '火曜日', '水曜日', '木曜日', '金曜日'],
};

const CLAUSE: Record<Lang, string> = {
  fr: ', sans en parler à la direction.',
  en: ', without telling the board.',
  de: ', ohne die Geschäftsführung zu informieren.',
  pt: ', sem avisar a diretoria.',
  ja: '（役員には報告しないこと）。',
};

/** Quoted-header and attribution lines in the hold-out languages (never the fact a forger edits). */
const HEADER_LABELS: Partial<Record<Lang, RegExp>> = {
  de: /^(Von|Gesendet|An|Betreff|Datum|Am .* schrieb|_{10,}|Gesendet von)/,
  pt: /^(De|Enviado|Enviada|Para|Assunto|Data|Em .* escreveu|-{5})/,
  ja: /^(差出人|送信日時|宛先|件名|日付|On |-{5})|のメール:$|wrote:$/,
};

/** One fact to change in a text, as [old, new]: a number, a weekday, or a clause added to a sentence. */
export function pickChange(text: string, prng: Prng, lang: Lang): [string, string] | null {
  const lines = text.split('\n');
  const order = prng.shuffle(lines.map((_, i) => i));
  const skip = (l: string) =>
    l.startsWith('>') ||
    /^(From|De|Sent|Envoyé|To|À|Cc|Subject|Objet|Date|On |Le |Sent from|Envoyé de)\b/.test(l) ||
    (HEADER_LABELS[lang]?.test(l) ?? false);
  for (const i of order) {
    const l = lines[i];
    if (skip(l)) continue;
    const num = /\d[\d ,.]*\d|\d/.exec(l);
    if (num && !/\d{4}-\d{2}/.test(l)) {
      const digits = num[0].replace(/\D/g, '');
      return [num[0], String(Number(digits) * prng.int(2, 4) + prng.int(1, 9))];
    }
    const days = WEEKDAYS[lang];
    const d = days.find((x) => l.includes(x));
    if (d) return [`${d}`, days[(days.indexOf(d) + 2) % days.length]];
  }
  for (const i of order) {
    const l = lines[i];
    if (!skip(l) && l.length > 40 && /[^.]{20,}\.$/.test(l)) {
      const sentence = /[^.?!]{20,}\.$/.exec(l)![0].trim();
      return [sentence, sentence.replace(/\.$/, CLAUSE[lang])];
    }
  }
  return null;
}

/** The text with one fact changed, or null when nothing could be changed. */
function alterFact(text: string, prng: Prng, lang: Lang): string | null {
  const c = pickChange(text, prng, lang);
  return c ? text.replace(c[0], c[1]) : null;
}

function originals(world: World, ok: (r: MailRecord) => boolean): MailRecord[] {
  return world.records.filter(
    (r) =>
      r.copies.length &&
      !r.letter.from.external &&
      r.letter.to.length &&
      !r.letter.to[0].external &&
      r.letter.client !== 'scanner' &&
      ok(r),
  );
}

/** A fabricated reply whose quote differs from the original present in the dump. */
async function quoteAltered(world: World, prng: Prng): Promise<void> {
  const lang = world.org.params.language;
  const pool = prng.shuffle(
    originals(world, (r) => !r.letter.inReplyTo && world.isLeaked(r.letter.from) && r.letter.to.some((p) => !p.external)),
  );
  const usedOwners: Person[] = [];
  let v = 0;
  for (const orig of pool) {
    if (v >= 3) break;
    if (usedOwners.includes(orig.letter.from) && pool.length > 6) continue;
    if (
      v === 1 &&
      !world.isLeaked(orig.letter.to[0]) &&
      pool.some((r) => world.isLeaked(r.letter.to[0]) && !usedOwners.includes(r.letter.from))
    )
      continue;
    const S = orig.letter.from;
    const T = orig.letter.to[0];
    const altered = alterFact(orig.letter.text, prng, lang);
    if (!altered) continue;
    usedOwners.push(S);
    const step = world.nextTime(T, orig.letter.date + prng.int(30, 600) * MINUTE, prng, false);
    const client = T.client;
    const typed = world.org.writer.shortReply(prng, S.first, T.first);
    const body = replyBody(client, T, typed, { ...orig.quoted, text: altered }, offsetAt(world.zoneAt(T, step.at), step.at));
    const subject = replySubject(client, orig.letter.subject);
    if (v === 0) {
      // T's account hijacked: sent for real to S, whose mailbox keeps the original in Sent.
      await hijackSend(
        world,
        prng,
        T,
        S,
        { client, at: step.at, text: body, subject, inReplyTo: orig, origin: { ip: `${world.org.infra.lanPrefix}.${prng.int(20, 200)}` } },
        FAMILY.quoteAltered,
        'reply sent from the hijacked account of the recipient; the quoted original was edited',
      );
    } else {
      const owner = v === 1 && world.isLeaked(T) ? T : S;
      const letter = world.letter(T, [S], [], subject, body, step.at, client, prng, {
        inReplyTo: orig.letter.messageId,
        references: [orig.letter.messageId],
      });
      const composed = compose(letter, prng, world.contextFor(T, client));
      const raw = owner === T ? composed : deliver(world.org.infra, composed, T.email, S, step.at, prng).raw;
      const copy = world.addCopy({
        owner,
        folder: owner === T ? 'Sent' : 'Inbox',
        raw,
        messageId: letter.messageId,
        at: step.at,
        subject,
        kind: owner === T ? 'sent' : 'received',
      });
      forged(
        copy,
        FAMILY.quoteAltered,
        owner === T
          ? "fabricated reply written into the replier's Sent folder; its quote was edited"
          : 'fabricated reply placed in the Inbox by hand; its quote was edited',
      );
      world.record(letter, composed, [copy]);
    }
    v++;
  }
}

function signedReceived(world: World, ok: (c: MailCopy) => boolean): MailCopy[] {
  return world.copies.filter(
    (c) => c.kind === 'received' && !c.label && /^DKIM-Signature:/im.test(c.raw.toString('latin1').slice(0, 6000)) && ok(c),
  );
}

function bodyEncoding(c: MailCopy): string {
  const s = c.raw.toString('latin1');
  if (/Content-Transfer-Encoding:\s*base64\r\n\r\n/i.test(s) && /Content-Type: text\/plain/i.test(s)) {
    const i = s.search(/Content-Type: text\/plain/i);
    const part = s.slice(i, i + 300);
    if (/Content-Transfer-Encoding:\s*base64/i.test(part)) return 'base64';
  }
  if (/Content-Transfer-Encoding:\s*quoted-printable/i.test(s)) return 'qp';
  return 'plain';
}

/** Body edited after signing; the signature left in place. */
async function bodyAltered(world: World, prng: Prng): Promise<void> {
  const lang = world.org.params.language;
  const wanted = ['qp', 'plain', 'base64'];
  const used = new Set<Person>();
  let v = 0;
  for (let attempt = 0; attempt < 30 && v < 3; attempt++) {
    const pool = prng.shuffle(signedReceived(world, (c) => !used.has(c.owner) || used.size >= world.org.leaked.length));
    const copy = pool.find((c) => bodyEncoding(c) === wanted[v]) ?? pool.find((c) => bodyEncoding(c) !== 'base64') ?? pool[0];
    if (!copy) return;
    const change = pickChange(plainText(copy.raw), prng, lang);
    if (!change) {
      used.add(copy.owner);
      continue;
    }
    // The forger edits every text part alike (plain and HTML), in a text editor or with a script.
    const { raw, changed } = editTextParts(copy.raw, (t) => t.replace(change[0], change[1]));
    if (!changed) continue;
    used.add(copy.owner);
    copy.raw = raw;
    forged(
      copy,
      FAMILY.bodyAltered,
      `body edited after signing (${bodyEncoding(copy)} part${changed > 1 ? 's' : ''}), DKIM-Signature kept: "${change[0]}" became "${change[1]}"`,
    );
    v++;
  }
}

/** Date moved while the Received hops of the real sending stay. */
async function dateVsReceived(world: World, prng: Prng): Promise<void> {
  const shifts = [
    { ms: -3 * DAY, keep: true, note: 'Date moved 3 days earlier; DKIM-Signature and Received hops left' },
    { ms: -26 * DAY - 2 * HOUR, keep: false, note: 'Date moved 26 days earlier; DKIM-Signature deleted, Received hops left' },
    { ms: -(29 * HOUR), keep: true, note: 'Date moved a day and 5 hours earlier; DKIM-Signature and Received hops left' },
  ];
  const used = new Set<Person>();
  for (const s of shifts) {
    const pool = prng.shuffle(signedReceived(world, (c) => !used.has(c.owner) && c.at - world.org.start > 40 * DAY));
    const copy = pool[0] ?? prng.shuffle(signedReceived(world, () => true))[0];
    if (!copy) return;
    used.add(copy.owner);
    const date = header(copy.raw, 'Date')!;
    const off = /([+-]\d{4})\s*$/.exec(date)?.[1] ?? '+0000';
    const offMin = (off[0] === '-' ? -1 : 1) * (Number(off.slice(1, 3)) * 60 + Number(off.slice(3)));
    const rec = world.records.find((r) => r.letter.messageId === copy.messageId)!;
    const newDate = rfc5322(rec.letter.date + s.ms, offMin, /^\w{3}, 0\d /.test(date));
    let raw = setHeader(copy.raw, 'Date', newDate);
    if (!s.keep) raw = removeHeaders(raw, ['DKIM-Signature', 'DKIM-Filter']);
    copy.raw = raw;
    forged(copy, FAMILY.dateVsReceived, s.note);
  }
}

/** A fabricated mail that reuses a genuine Message-ID. */
async function duplicateMessageId(world: World, prng: Prng): Promise<void> {
  const w = world.org.writer;
  // 1. A genuine received .eml used as a template: new subject, date and body; Message-ID kept.
  const internal = (c: MailCopy) =>
    !c.owner.external && world.records.some((r) => r.letter.messageId === c.messageId && !r.letter.from.external);
  const template =
    prng.shuffle(signedReceived(world, internal))[0] ??
    // An organisation that does not sign its internal mail (Exchange, Microsoft 365): any received internal copy.
    prng.shuffle(world.copies.filter((c) => c.kind === 'received' && !c.label && internal(c)))[0];
  if (template) {
    const rec = world.records.find((r) => r.letter.messageId === template.messageId)!;
    const owners = leakedExcept(world, [template.owner, rec.letter.from]);
    const owner = owners[0] ?? template.owner;
    const at = rec.letter.date + prng.int(5, 30) * DAY;
    let raw = setHeader(template.raw, 'Subject', w.subject(prng, w.topic(prng)));
    raw = setHeader(raw, 'Date', rfc5322(at, offsetAt(rec.letter.from.zone, at)));
    raw = setHeader(raw, 'To', `${owner.name} <${owner.email}>`);
    raw = removeHeaders(raw, ['DKIM-Signature', 'DKIM-Filter']);
    const text = forgedText(world, prng, rec.letter.from, owner);
    raw = editTextParts(raw, (t, sub) => (sub === 'plain' ? text : `<html><body>${text.replace(/\n/g, '<br>\n')}</body></html>`)).raw;
    forged(
      world.addCopy({
        owner,
        folder: 'Inbox',
        raw,
        messageId: template.messageId,
        at,
        subject: header(raw, 'Subject') ?? '',
        kind: 'received',
      }),
      FAMILY.duplicateMessageId,
      'copy of a genuine mail edited into a new one; Message-ID kept',
    );
  }
  // 2. A fabricated Sent copy that reuses the Message-ID of an earlier mail of the same sender.
  const sentOwner = world.org.leaked.map((l) => l.person).find((p) => historyOf(world, p).length > 3 && p !== template?.owner);
  if (sentOwner) {
    const earlier = prng.pick(historyOf(world, sentOwner));
    const to = earlier.letter.to[0];
    const at = earlier.letter.date + prng.int(3, 40) * DAY;
    const letter = world.letter(
      sentOwner,
      [to],
      [],
      w.subject(prng, w.topic(prng)),
      forgedText(world, prng, sentOwner, to),
      at,
      sentOwner.client,
      prng,
    );
    letter.messageId = earlier.letter.messageId;
    forged(
      world.sentCopy(letter, prng),
      FAMILY.duplicateMessageId,
      'fabricated Sent copy reusing the Message-ID of an earlier mail of the sender',
    );
  }
  // 3. Sent for real through the hijacked account, with the Message-ID header set to a genuine one.
  const pool = senders(world, (p) => p !== sentOwner);
  const from = pool[prng.int(0, Math.min(3, pool.length - 1))];
  if (from) {
    const genuine = prng.pick(historyOf(world, from));
    const to = prng.pick(leakedExcept(world, [from, ...genuine.letter.to]).concat(leakedExcept(world, [from])));
    const at = genuine.letter.date + prng.int(2, 20) * DAY;
    await hijackSend(
      world,
      prng,
      from,
      to,
      { client: from.client, at: Math.min(at, world.org.end - DAY), messageId: genuine.letter.messageId },
      FAMILY.duplicateMessageId,
      'sent through the hijacked account with the Message-ID of a genuine mail',
    );
  }
}

/** Attachments made after the mail that carries them. */
async function attachmentAfter(world: World, prng: Prng): Promise<void> {
  const org = world.org;
  const owners = world.org.leaked.map((l) => l.person);
  // 1. A Sent copy backdated into the owner's Sent folder, carrying a document written weeks later.
  {
    const owner = owners[0];
    const to = prng.pick(org.staff.filter((p) => p !== owner));
    const at = someWorkTime(world, owner, prng);
    const created = at + prng.int(10, 16) * DAY;
    const doc = await makeOfficeDoc(
      org,
      { kind: 'docx', author: owner, created, modified: created + prng.int(1, 3) * DAY, topic: org.writer.topic(prng) },
      prng,
    );
    const letter = forgedLetter(world, prng, owner, to, at);
    letter.attachments.push(attachmentOf(doc));
    forged(
      world.sentCopy(letter, prng),
      FAMILY.attachmentAfter,
      'backdated Sent copy; the attached .docx was created and saved after the mail date',
    );
  }
  // 2. A genuine received mail whose attachment was swapped for a PDF made 5-6 weeks later.
  {
    const withAtt = prng.shuffle(
      world.copies.filter(
        (c) =>
          c.kind === 'received' &&
          !c.label &&
          /Content-Disposition:\s*attachment/i.test(c.raw.toString('latin1')) &&
          !/message\/rfc822/i.test(c.raw.toString('latin1')),
      ),
    );
    const copy = withAtt[0];
    if (copy) {
      const rec = world.records.find((r) => r.letter.messageId === copy.messageId)!;
      const author = rec.letter.from;
      const created = rec.letter.date + prng.int(35, 45) * DAY;
      const doc = await makePdfDoc(org, { author, created, topic: org.writer.topic(prng) }, prng);
      copy.raw = replaceAttachment(copy.raw, doc.filename, 'application/pdf', doc.data);
      forged(copy, FAMILY.attachmentAfter, 'attachment of a genuine mail replaced with a PDF produced weeks after the mail');
    }
  }
  // 3. A Sent copy in another mailbox with a spreadsheet from two months later, and 4. a phone photo
  //    taken after the mail that carries it.
  for (const [k, kind] of (['xlsx', 'jpeg'] as const).entries()) {
    const owner = owners[(k + 1) % owners.length];
    const to = prng.pick(org.staff.filter((p) => p !== owner));
    const at = someWorkTime(world, owner, prng);
    const letter = forgedLetter(world, prng, owner, to, at);
    if (kind === 'xlsx') {
      const created = at + prng.int(55, 70) * DAY;
      const doc = await makeOfficeDoc(
        org,
        { kind: 'xlsx', author: owner, created, modified: created + prng.int(1, 5) * HOUR, topic: org.writer.topic(prng) },
        prng,
      );
      letter.attachments.push(attachmentOf(doc));
    } else {
      const cam = CAMERAS[org.params.cameras.find((c) => c.startsWith('iphone')) ?? org.params.cameras[0]];
      const taken = at + prng.int(8, 20) * DAY;
      const photo = shoot(cam, taken, owner.zone, prng.int(1000, 9000), prng);
      letter.attachments.push({ filename: photo.fileName, contentType: 'image/jpeg', data: photo.jpeg });
    }
    forged(
      world.sentCopy(letter, prng),
      FAMILY.attachmentAfter,
      kind === 'xlsx'
        ? 'Sent copy carrying a spreadsheet created two months after the mail'
        : 'Sent copy carrying a photo taken after the mail date',
    );
  }
}

export async function forgeMail(world: World): Promise<void> {
  const prng = world.prng.fork(300);
  await dateOffset(world, prng.fork(1));
  await messageIdSyntax(world, prng.fork(2));
  await foreignClient(world, prng.fork(3));
  await missingSignature(world, prng.fork(4));
  await quoteAltered(world, prng.fork(5));
  await bodyAltered(world, prng.fork(6));
  await dateVsReceived(world, prng.fork(7));
  await duplicateMessageId(world, prng.fork(8));
  await attachmentAfter(world, prng.fork(9));
}
