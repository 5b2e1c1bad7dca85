// What every mail server of the bench shares: DKIM signers and signing, the Received-line prepend,
// and the shapes of an organisation's infrastructure, a submission and an outside sender.

import { dkimSign } from 'mailauth/lib/dkim/sign.js';

export interface DkimSigner {
  domain: string;
  selector: string;
  privateKeyPem: string;
  canonicalization: 'relaxed/relaxed' | 'relaxed/simple' | 'simple/simple';
  headerList: string[];
  /** OpenDKIM adds its own "DKIM-Filter:" line above the signature. */
  openDkimHost?: string;
}

const OPENDKIM_HEADERS = [
  'From',
  'Reply-To',
  'Subject',
  'Date',
  'To',
  'Cc',
  'In-Reply-To',
  'References',
  'Message-ID',
  'MIME-Version',
  'Content-Type',
  'Content-Transfer-Encoding',
];
const GOOGLE_HEADERS = ['mime-version', 'references', 'in-reply-to', 'from', 'date', 'message-id', 'subject', 'to', 'cc'];
const O365_HEADERS = ['From', 'Date', 'Subject', 'Message-ID', 'Content-Type', 'MIME-Version'];

export function signerHeaders(kind: 'opendkim' | 'google' | 'o365'): string[] {
  return kind === 'google' ? GOOGLE_HEADERS : kind === 'o365' ? O365_HEADERS : OPENDKIM_HEADERS;
}

/** Prepends a DKIM-Signature made at `at` (t=). */
export async function sign(raw: Buffer, s: DkimSigner, at: number, queueId = ''): Promise<Buffer> {
  const options = {
    canonicalization: s.canonicalization,
    algorithm: 'rsa-sha256',
    signTime: new Date(at),
    headerList: s.headerList,
    signatureData: [{ signingDomain: s.domain, selector: s.selector, privateKey: s.privateKeyPem }],
  };
  const result = await dkimSign(raw, options as unknown as Parameters<typeof dkimSign>[1]);
  if (result.errors?.length) throw new Error(`DKIM signing for d=${s.domain} failed: ${String(result.errors[0])}`);
  if (!result.signatures.trim()) throw new Error(`DKIM signing for d=${s.domain} produced no signature`);
  const filter = s.openDkimHost ? `DKIM-Filter: OpenDKIM Filter v2.11.0 ${s.openDkimHost} ${queueId}\r\n` : '';
  return Buffer.concat([Buffer.from(filter + result.signatures, 'latin1'), raw]);
}

export function prepend(raw: Buffer, lines: string[]): Buffer {
  return Buffer.concat([Buffer.from(lines.map((l) => `${l}\r\n`).join(''), 'utf8'), raw]);
}

export interface Origin {
  ip: string;
  rdns?: string;
}

export type InfraKind = 'postfix' | 'google' | 'exchange' | 'm365' | 'zimbra' | 'exchange2013';

export interface OrgInfra {
  kind: InfraKind;
  domain: string;
  /** Main mail host (Postfix), the Google front, or the signing gateway (Exchange). */
  host: string;
  /** Server zone for Received dates (Postfix/gateway: the head office). */
  zone: string;
  signer: DkimSigner;
  /** Signers by sender domain when the organisation signs several domains. */
  signers?: Record<string, DkimSigner>;
  lanPrefix: string;
  /** Exchange mailbox servers by site name; their zone; their IP. */
  exchange?: Record<string, { host: string; zone: string; ip: string; ll: string }>;
  /** Microsoft 365 tenant (hold-out seed 4). */
  exo?: ExoTenant;
  /** Staff site by address (Exchange 2013: which site server a sender's mail starts from). */
  siteOf?: Map<string, string>;
}

export interface Transit {
  /** Bytes after submission (with the signature), shared by every recipient's copy. */
  submitted: Buffer;
  /** When the signing server handled it. */
  signedAt: number;
  /** Submitted over SMTP AUTH rather than from a client of the mailbox (Exchange Online). */
  smtpAuth?: boolean;
}

export type ExternalKind = 'postfix' | 'o365' | 'gmail' | 'exim';

export interface ExternalOrg {
  name: string;
  domain: string;
  kind: ExternalKind;
  host: string;
  ip: string;
  zone: string;
  signer: DkimSigner;
  /** O365 tenants: the mailbox server stamped in Message-IDs and Received lines. */
  exchangeServer?: string;
}

interface ExoTenant {
  tenantId: string;
  /** Mailbox server of each staff address. */
  servers: Map<string, string>;
  /** Exchange Online Protection frontend for inbound mail. */
  eop: string;
  /** The build Exchange Online runs at a date ("15.20.7270.036"). */
  build: (at: number) => string;
  arc: { privateKeyPem: string };
  /** A transport rule that stamps a warning on mail from outside (HTML and text). */
  externalBanner?: { text: string; html: string };
}
