// Where a copy of a message sits in the dump, from its report path: the mailbox (a person's
// export), the folder inside it, and whether the folder is a sent folder (Sent, Envoyés, Gesendet,
// Sent Items...). A sent copy lacks Received hops and often the DKIM signature innocently; a
// received copy in an inbox carries what the servers added on the way.

import { headerValues } from '../common.js';
import type { EmailFacts } from '../../../model/facts-email.js';

export type PathKind = 'received' | 'sent' | 'archive';

/** Sent-folder names in the languages mail clients ship (lowercase, accents removed, separators as spaces). */
const SENT_NAMES = new Set([
  'sent',
  'sent items',
  'sent mail',
  'sent messages',
  'sentmail',
  'outbox',
  'envoyes',
  'elements envoyes',
  'messages envoyes',
  'courrier envoye',
  'gesendet',
  'gesendete elemente',
  'gesendete objekte',
  'gesendete nachrichten',
  'enviados',
  'elementos enviados',
  'correo enviado',
  'mensajes enviados',
  'itens enviados',
  'mensagens enviadas',
  'enviadas',
  'posta inviata',
  'inviati',
  'elementi inviati',
  'verzonden',
  'verzonden items',
  'verzonden berichten',
  'skickat',
  'skickade objekt',
  'sendt',
  'sendte elementer',
  'sendt post',
  'lahetetyt',
  'wyslane',
  'elementy wyslane',
  'odeslane',
  'odeslana posta',
  'elkuldott',
  'elkuldott elemek',
  'gonderilmis',
  'gonderilen',
  'gonderilmis ogeler',
  'отправленные',
  '已发送',
  '已傳送',
  '送信済み',
  '送信済みアイテム',
  '보낸 편지함',
]);

/** Inbox names: a copy here that lacks Received hops is a received copy that lacks them. */
const INBOX_NAMES = new Set([
  'inbox',
  'boite de reception',
  'courrier entrant',
  'posteingang',
  'bandeja de entrada',
  'entrada',
  'caixa de entrada',
  'posta in arrivo',
  'postvak in',
  'inkorgen',
  'indbakke',
  'innboks',
  'saapuneet',
  'odebrane',
  'dorucena posta',
  'beerkezett uzenetek',
  'gelen kutusu',
  'входящие',
  '收件箱',
  '受信トレイ',
  '받은 편지함',
]);

function normalise(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\.(mbox|mbx|sbd|eml|msf)$/g, '')
    .replace(/^\[gmail\]\s*\/?\s*/, '')
    .replace(/[_\-.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Is a folder name, or its last dotted/slashed token ('enron.allen-p.sent_mail'), one of the names? */
function named(names: ReadonlySet<string>, name: string): boolean {
  if (names.has(normalise(name))) return true;
  const tail = name
    .split(/[./\\]/)
    .filter(Boolean)
    .pop();
  return tail ? names.has(normalise(tail)) : false;
}

export function isSentFolderName(name: string): boolean {
  return named(SENT_NAMES, name);
}

export function isInboxFolderName(name: string): boolean {
  return named(INBOX_NAMES, name);
}

export interface Placement {
  /** The mailbox export the copy belongs to: the path up to its folder. */
  mailbox: string;
  /** The folder name as written. */
  folder: string;
  /** The copy is a message carried inside another message (forwarded as attachment). */
  attached: boolean;
}

/**
 * Mailbox and folder of a message from its report path:
 * 'mail/alice/Sent.mbox!message-3' -> mailbox 'mail/alice', folder 'Sent';
 * 'mail/eml/bob/Inbox/0001.eml' -> 'mail/eml/bob', 'Inbox';
 * 'x.pst!/Top of Personal Folders/Sent Items/Subject' -> 'x.pst!/Top of Personal Folders', 'Sent Items'.
 */
export function placementOf(path: string): Placement {
  const segments = path.split('!');
  // A message inside a message: 'a.eml!attachment-1.eml', 'Inbox.mbox!message-3!attachment-2',
  // 'x.pst!/Top/Inbox/FW: report!report.eml'.
  const isMessage = (i: number) =>
    i >= 0 && (/\.(eml|msg)$/i.test(segments[i]) || /^message-\d+$/.test(segments[i]) || (i >= 1 && /\.(pst|ost)$/i.test(segments[i - 1])));
  const attached = segments.some((_, i) => i >= 1 && isMessage(i - 1));
  const last = segments[segments.length - 1];
  let container: string;
  if (segments.length > 1 && /^message-\d+$/.test(last)) container = segments.slice(0, -1).join('!');
  else {
    const slash = path.lastIndexOf('/');
    container = slash >= 0 ? path.slice(0, slash) : '';
  }
  const cut = Math.max(container.lastIndexOf('/'), container.lastIndexOf('!'));
  const folder = cut >= 0 ? container.slice(cut + 1) : container;
  const mailbox = cut >= 0 ? container.slice(0, cut) : '';
  return { mailbox, folder, attached };
}

/** Labels and folder headers that name a sent copy: Gmail's X-Gmail-Labels, Enron's X-Folder. */
export function headerSaysSent(email: EmailFacts): boolean {
  for (const v of headerValues(email, 'X-Gmail-Labels')) if (/(^|,)\s*(?:\\?Sent|Envoy[ée]s|Gesendet)\s*(,|$)/i.test(v)) return true;
  for (const v of headerValues(email, 'X-Folder')) if (isSentFolderName(v.replace(/^.*[\\/]/, ''))) return true;
  return false;
}
