// The bench's mail world: people, what a person composes (a Letter), and the copies of a message that
// end up in the leaked mailboxes. Clients turn a Letter into bytes (clients.ts); the organisation's
// servers add hops and signatures (mta.ts).

import type { Locale } from './names.js';

export type ClientId =
  | 'outlook2016'
  | 'outlook-exchange'
  | 'applemail'
  | 'iphone'
  | 'thunderbird'
  | 'roundcube'
  | 'gmail-web'
  // hold-out organisations (seeds 4-6): Microsoft 365, Zimbra, Exchange 2013 sites and their phones
  | 'outlook-exo'
  | 'owa'
  | 'new-outlook'
  | 'outlook-mac'
  | 'samsung-email'
  | 'gmail-android'
  | 'zimbra-web'
  | 'becky'
  | 'spark'
  | 'mailspring'
  // tools the organisation's staff never use (what forgers reach for, or outsiders' software)
  | 'em-client'
  | 'k9'
  | 'evolution'
  | 'python-smtplib'
  | 'phpmailer'
  | 'javamail'
  | 'swaks'
  | 'mutt'
  | 'claws'
  | 'nodemailer'
  | 'scanner';

export interface Person {
  first: string;
  last: string;
  name: string;
  email: string;
  locale: Locale;
  /** IANA zone of the person's home. */
  zone: string;
  /** Desktop client and, for some, a phone. */
  client: ClientId;
  mobile?: ClientId;
  /** Share of this person's mail written on the phone. */
  mobileShare: number;
  /** Local working hours [start, end). */
  hours: [number, number];
  /** Operating system of the desktop (User-Agent strings carry it). */
  os: 'windows' | 'mac' | 'linux';
  external: boolean;
  /** Staff: the site's server; externals: their organisation's key. */
  site?: string;
  org?: string;
  /** Days (as [start,end) epoch ms) spent in another zone, with that zone: a traveller's laptop follows. */
  travel?: { from: number; to: number; zone: string }[];
  /** A webmail the person sometimes answers from (away from the desk). */
  webmail?: ClientId;
  /** Day the person switched phones (a new phone's client version). */
  phoneSwitch?: number;
  /** Hold-out presets: the office suite on the person's desk (otherwise derived from the client). */
  suite?: string;
  /** The user name the person's own Office install writes into documents, when it is not `name`. */
  officeName?: string;
  /** Lines the person's client appends under the sign-off (hold-out presets). */
  signature?: string;
}

export interface Attachment {
  filename: string;
  contentType: string;
  data: Buffer;
  /** A message forwarded as an attachment (message/rfc822). */
  rfc822?: boolean;
}

export interface Letter {
  from: Person;
  to: Person[];
  cc: Person[];
  subject: string;
  /** The plain text the person typed, with the reply/forward block the client added. */
  text: string;
  attachments: Attachment[];
  inReplyTo?: string;
  references: string[];
  /** Instant written in the Date header and the offset the client wrote. */
  date: number;
  offsetMin: number;
  messageId: string;
  client: ClientId;
  /** Client details that vary by date (version strings) are chosen at this instant. */
  extraHeaders?: [string, string][];
  /** List mail: List-Id etc. are added by the list server, not here. */
  organization?: string;
}

export type Folder = 'Inbox' | 'Sent' | 'Archive';

/** One copy of a message in one mailbox. */
export interface MailCopy {
  owner: Person;
  folder: Folder;
  raw: Buffer;
  messageId: string;
  /** When it arrived (received) or was sent: orders mbox files and names eml files. */
  at: number;
  subject: string;
  kind: 'sent' | 'received';
  /** Set when this copy is a planted forgery or an innocent lookalike. */
  label?: { label: 'forged' | 'genuine'; family: string; note: string };
  /** What a server of the organisation changed in the body after the sender signed (hold-out presets:
   *  Microsoft 365's external-sender banner, Mimecast's URL protection). */
  serverEdited?: string;
  /** An Outlook .msg mailbox: store properties that differ from the defaults (a forger's item). */
  msg?: { transportHeaders?: boolean; created?: number; modified?: number };
}
