// Reply and forward blocks as each client writes them into the plain text, in the replier's language:
// Outlook's header block ("From:/Sent:" in English, "Von:/Gesendet:", "De:/Enviado:", "差出人:/送信日時:";
// Outlook 2013-2016 wrote "[mailto:…]" until its 2018 builds; Outlook on the web and the new Outlook
// open it with a line of 32 underscores; Outlook for Mac writes "Date: … at …"), Apple's
// attribution ("Am … schrieb …:", "Em …, à(s) …, … escreveu:", "…のメール:"), Thunderbird's, Gmail's,
// Zimbra's "----- Mensagem original -----", Samsung Email's "-------- Mensagem original --------" with
// its "(GMT-03:00)", Becky!'s RFC 5322 date line, Spark's attribution with the numeric offset.
// Only the top block is rendered here, from the quoted message's own date in the replier's zone; the
// quoted text (with any older blocks inside it) is copied verbatim, as clients do.

import { rfc5322, wall } from './clock.js';
import type { ClientId, Person } from './mail-model.js';
import {
  appleWhen,
  becky,
  gmailWhen,
  forwardPrefix,
  localeLabels,
  macOutlookDate,
  outlookSent,
  replyPrefix,
  roundcubeWhen,
  samsungWhen,
  sentFromPhone,
  sparkWhen,
  thunderbirdWhen,
  zimbraSent,
} from './locale-text.js';
import { langOf } from './text.js';

export interface QuotedMessage {
  from: Person;
  to: Person[];
  cc: Person[];
  subject: string;
  date: number;
  text: string;
  /** The UTC offset written in the quoted message's Date header (Thunderbird's forward copies it). */
  dateOffset?: number;
}

const prefixQuote = (text: string) =>
  text
    .split('\n')
    .map((l) => (l.startsWith('>') ? `>${l}` : l ? `> ${l}` : '>'))
    .join('\n');

function names(list: Person[], withAddr: boolean): string {
  return list.map((p) => (withAddr ? `${p.name} <${p.email}>` : p.name)).join('; ');
}

/** Outlook for Windows wrote "Name [mailto:address]" in its header block until its 2018 builds. */
const OUTLOOK_MAILTO_UNTIL = Date.parse('2018-01-01');

function outlookBlock(client: ClientId, replier: Person, orig: QuotedMessage, off: number, at: number): string {
  const L = replier.locale;
  const g = langOf(L);
  const web = client === 'owa' || client === 'new-outlook';
  const lab = localeLabels(g);
  const mailto = !web && at < OUTLOOK_MAILTO_UNTIL;
  const who = (p: Person) => (mailto ? `${p.name} [mailto:${p.email}]` : `${p.name} <${p.email}>`);
  const trail = web ? '' : ' ';
  const head = [`${lab.from}${who(orig.from)}${trail}`, `${lab.sent}${outlookSent(orig.date, off, L)}`, `${lab.to}${names(orig.to, true)}`];
  if (orig.cc.length) head.push(`${lab.cc}${names(orig.cc, true)}`);
  head.push(`${lab.subject}${orig.subject}`);
  return `${web ? '________________________________\n' : ''}${head.join('\n')}`;
}

/** The body a client produces when `replier` answers `orig` with `typed`, at local offset `off`
 *  (the replier's offset, in the replier's zone, at the quoted message's date). */
export function replyBody(client: ClientId, replier: Person, typed: string, orig: QuotedMessage, off: number, at = orig.date): string {
  const L = replier.locale;
  const g = langOf(L);
  const fr = g === 'fr';
  const who = `${orig.from.name} <${orig.from.email}>`;
  switch (client) {
    case 'outlook2016':
    case 'outlook-exchange':
    case 'outlook-exo': {
      if (g === 'en' || g === 'fr') {
        if (client !== 'outlook-exo' && at >= OUTLOOK_MAILTO_UNTIL) {
          const head = fr
            ? [`De : ${orig.from.name} <${orig.from.email}> `, `Envoyé : ${outlookSent(orig.date, off, L)}`, `À : ${names(orig.to, true)}`]
            : [`From: ${orig.from.name} <${orig.from.email}> `, `Sent: ${outlookSent(orig.date, off, L)}`, `To: ${names(orig.to, true)}`];
          if (orig.cc.length) head.push(`${fr ? 'Cc : ' : 'Cc: '}${names(orig.cc, true)}`);
          head.push(`${fr ? 'Objet : ' : 'Subject: '}${orig.subject}`);
          return `${typed}\n\n${head.join('\n')}\n\n${orig.text}`;
        }
      }
      return `${typed}\n\n${outlookBlock(client, replier, orig, off, at)}\n\n${orig.text}`;
    }
    case 'owa':
    case 'new-outlook':
      return `${typed}\n\n${outlookBlock(client, replier, orig, off, at)}\n\n${orig.text}`;
    case 'outlook-mac': {
      const lab = localeLabels(g);
      const head = [`${lab.from}${who}`, `${lab.date}${macOutlookDate(orig.date, off, L)}`, `${lab.to}${names(orig.to, true)}`];
      if (orig.cc.length) head.push(`${lab.cc}${names(orig.cc, true)}`);
      head.push(`${lab.subject}${orig.subject}`);
      return `${typed}\n\n${head.join('\n')}\n\n${orig.text}`;
    }
    case 'applemail':
    case 'iphone': {
      const when = appleWhen(orig.date, off, L);
      const attribution =
        g === 'fr'
          ? `Le ${when}, ${who} a écrit :`
          : g === 'de'
            ? `Am ${when} schrieb ${who}:`
            : g === 'pt'
              ? `Em ${when}, ${who} escreveu:`
              : g === 'ja'
                ? `${when}、${who}のメール:`
                : `On ${when}, ${who} wrote:`;
      const sig = client === 'iphone' ? `\n\n${sentFromPhone(L, 'iphone')}` : '';
      return `${typed}${sig}\n\n> ${attribution}\n> \n${prefixQuote(orig.text)}`;
    }
    case 'thunderbird': {
      // Thunderbird's default is to start the reply below the quote.
      const when = thunderbirdWhen(orig.date, off, L);
      const attribution =
        g === 'fr'
          ? `Le ${when}, ${orig.from.name} a écrit :`
          : g === 'de'
            ? `Am ${when} schrieb ${orig.from.name}:`
            : g === 'pt'
              ? `Em ${when}, ${orig.from.name} escreveu:`
              : `On ${when}, ${orig.from.name} wrote:`;
      return `${attribution}\n${prefixQuote(orig.text)}\n\n${typed}`;
    }
    case 'roundcube': {
      const attribution = fr
        ? `Le ${roundcubeWhen(orig.date, off)}, ${orig.from.name} a écrit :`
        : `On ${roundcubeWhen(orig.date, off)}, ${orig.from.name} wrote:`;
      return `${attribution}\n${prefixQuote(orig.text)}\n\n${typed}`;
    }
    case 'gmail-web':
    case 'gmail-android': {
      const when = gmailWhen(orig.date, off, L);
      const attribution =
        g === 'fr'
          ? `Le ${when}, ${who} a écrit :`
          : g === 'de'
            ? `Am ${when} schrieb ${who}:`
            : g === 'pt'
              ? `Em ${when}, ${who} escreveu:`
              : g === 'ja'
                ? `${when} ${who}:`
                : `On ${when} ${who} wrote:`;
      return `${typed}\n\n${attribution}\n\n${prefixQuote(orig.text)}`;
    }
    case 'zimbra-web': {
      const lab = localeLabels(g);
      const head = [
        `${lab.from}"${orig.from.name}" <${orig.from.email}>`,
        `${lab.to}${orig.to.map((p) => `"${p.name}" <${p.email}>`).join(', ')}`,
        ...(orig.cc.length ? [`${lab.cc}${orig.cc.map((p) => `"${p.name}" <${p.email}>`).join(', ')}`] : []),
        `${lab.zimbraSent}${zimbraSent(orig.date, off, L)}`,
        `${lab.subject}${orig.subject}`,
      ];
      return `${typed}\n\n${lab.original}\n${prefixQuote(`${head.join('\n')}\n\n${orig.text}`)}`;
    }
    case 'samsung-email': {
      const lab = localeLabels(g);
      const head = [
        lab.samsungOriginal,
        `${lab.from}${who} `,
        `${lab.date}${samsungWhen(orig.date, off, L)} `,
        `${lab.to}${names(orig.to, true).replace(/; /g, ', ')} `,
        `${lab.subject}${orig.subject} `,
      ];
      return `${typed}\n\n${sentFromPhone(L, 'samsung')}\n\n${head.join('\n')}\n\n${orig.text}`;
    }
    case 'becky': {
      // Becky!'s default reply header: the original Date line and the sender, then "> " quoting.
      return `${becky(orig.date, off)}\n${who} wrote:\n\n${prefixQuote(orig.text)}\n\n${typed}`;
    }
    case 'spark':
      return `${typed}\n\n${sparkWhen(orig.date, off, L)}, ${who}, wrote:\n${prefixQuote(orig.text)}`;
    case 'mailspring': {
      const w = wall(orig.date, off);
      const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][w.month - 1];
      const h = w.hour % 12 === 0 ? 12 : w.hour % 12;
      const when = `${mon} ${w.day} ${w.year}, at ${h}:${String(w.minute).padStart(2, '0')} ${w.hour < 12 ? 'am' : 'pm'}`;
      return `${typed}\n\nOn ${when}, ${who} wrote:\n${prefixQuote(orig.text)}`;
    }
    default: {
      const attribution = `On ${rfc5322(orig.date, off)}, ${orig.from.name} wrote:`;
      return `${typed}\n\n${attribution}\n${prefixQuote(orig.text)}`;
    }
  }
}

/** The body of an inline forward. */
export function forwardBody(client: ClientId, fwd: Person, typed: string, orig: QuotedMessage, off: number, at = orig.date): string {
  const L = fwd.locale;
  const g = langOf(L);
  const fr = g === 'fr';
  const lab = localeLabels(g);
  switch (client) {
    case 'outlook2016':
    case 'outlook-exchange':
    case 'outlook-exo':
    case 'owa':
    case 'new-outlook':
    case 'outlook-mac':
    case 'zimbra-web':
    case 'samsung-email':
    case 'becky':
    case 'spark':
    case 'mailspring':
      return replyBody(client, fwd, typed, orig, off, at);
    case 'applemail':
    case 'iphone': {
      const sig = client === 'iphone' ? `\n\n${sentFromPhone(L, 'iphone')}` : '';
      const when = appleWhen(orig.date, off, L);
      if (g === 'en' || g === 'fr') {
        const lines = fr
          ? [`De: ${orig.from.name} <${orig.from.email}>`, `Date: ${when}`, `À: ${names(orig.to, true)}`, `Objet: ${orig.subject}`]
          : [`From: ${orig.from.name} <${orig.from.email}>`, `Subject: ${orig.subject}`, `Date: ${when}`, `To: ${names(orig.to, true)}`];
        const begin = fr ? 'Début du message réexpédié :' : 'Begin forwarded message:';
        return `${typed}${sig}\n\n${begin}\n\n${prefixQuote(`${lines.join('\n')}\n\n${orig.text}`)}`;
      }
      const lines = [
        `${lab.from.trim()} ${orig.from.name} <${orig.from.email}>`,
        `${lab.subject.trim()} ${orig.subject}`,
        `${lab.date.trim()} ${when}`,
        `${lab.to.trim()} ${names(orig.to, true)}`,
      ];
      return `${typed}${sig}\n\n${lab.appleForward}\n\n${prefixQuote(`${lines.join('\n')}\n\n${orig.text}`)}`;
    }
    case 'thunderbird': {
      if (g === 'en' || g === 'fr') {
        const lines = [
          fr ? '-------- Message transféré --------' : '-------- Forwarded Message --------',
          `${fr ? 'Sujet :' : 'Subject:'} \t${orig.subject}`,
          `Date: \t${rfc5322(orig.date, orig.dateOffset ?? off)}`,
          `${fr ? 'De :' : 'From:'} \t${orig.from.name} <${orig.from.email}>`,
          `${fr ? 'Pour :' : 'To:'} \t${names(orig.to, true).replace(/; /g, ', ')}`,
        ];
        return `${typed}\n\n\n${lines.join('\n')}\n\n\n\n${orig.text}`;
      }
      const lines = [
        lab.tbForward,
        `${lab.subject.trim()} \t${orig.subject}`,
        `${lab.date.trim()} \t${rfc5322(orig.date, orig.dateOffset ?? off)}`,
        `${lab.from.trim()} \t${orig.from.name} <${orig.from.email}>`,
        `${lab.to.trim()} \t${names(orig.to, true).replace(/; /g, ', ')}`,
      ];
      return `${typed}\n\n\n${lines.join('\n')}\n\n\n\n${orig.text}`;
    }
    case 'gmail-web':
    case 'gmail-android': {
      const lines = [
        '---------- Forwarded message ---------',
        `${fr ? 'De :' : 'From:'} ${orig.from.name} <${orig.from.email}>`,
        `Date: ${gmailWhen(orig.date, off, L)}`,
        `Subject: ${orig.subject}`,
        `To: ${names(orig.to, true).replace(/; /g, ', ')}`,
      ];
      return `${typed}\n\n${lines.join('\n')}\n\n\n${orig.text}`;
    }
    default: {
      const lines = [
        '-------- Original Message --------',
        `Subject: ${orig.subject}`,
        `Date: ${roundcubeWhen(orig.date, off)}`,
        `From: ${orig.from.name} <${orig.from.email}>`,
        `To: ${names(orig.to, true).replace(/; /g, ', ')}`,
      ];
      return `${typed}\n\n${lines.join('\n')}\n\n${orig.text}`;
    }
  }
}

export function replySubject(client: ClientId, subject: string, locale?: string): string {
  if (/^(re|aw|res|答复|回复)\s*:/i.test(subject)) return subject;
  return `${replyPrefix(client, locale)}${subject}`;
}

export function forwardSubject(client: ClientId, person: Person, subject: string): string {
  return `${forwardPrefix(client, person.locale)}${subject}`;
}
