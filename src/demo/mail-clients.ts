// The header habits of each mail client the fictional staff use: the identifying header, the shape of
// its Message-ID and MIME boundaries, Outlook's Thread-Index, and the order headers come in. Versions
// are ones released before January 2017, so genuine mail never carries an anachronistic client.

import type { Prng } from './prng.js';
import type { MailClientId } from './org.js';

export interface ClientProfile {
  id: MailClientId;
  /** The identifying header as the client writes it. */
  agentHeader: [string, string] | null;
  /** Header name spelling for the Message-ID. */
  messageIdHeader: string;
  mimeVersion: string;
  /** Writes text/plain + text/html alternatives (Outlook) or text/plain only. */
  htmlAlternative: boolean;
  /** Quotes replies with '>' lines (true) or with an Outlook header block (false). */
  angleQuotes: boolean;
  newMessageId(prng: Prng, domain: string, epochMs: number): string;
  newBoundary(prng: Prng, epochMs: number): string;
}

function filetime(epochMs: number): bigint {
  return (BigInt(epochMs) + 11644473600000n) * 10000n;
}

export const CLIENTS: Record<MailClientId, ClientProfile> = {
  thunderbird: {
    id: 'thunderbird',
    agentHeader: ['User-Agent', 'Mozilla/5.0 (Windows NT 10.0; WOW64; rv:45.0) Gecko/20100101 Thunderbird/45.6.0'],
    messageIdHeader: 'Message-ID',
    mimeVersion: '1.0',
    htmlAlternative: false,
    angleQuotes: true,
    newMessageId: (prng, domain) => `${prng.uuid()}@${domain}`,
    newBoundary: (prng) => `------------${prng.hex(24).toUpperCase()}`,
  },
  outlook2016: {
    id: 'outlook2016',
    agentHeader: ['X-Mailer', 'Microsoft Outlook 16.0'],
    messageIdHeader: 'Message-ID',
    mimeVersion: '1.0',
    htmlAlternative: true,
    angleQuotes: false,
    // Outlook: <000001d2a0df$62076a40$26283ec0$@domain>: the first two fields are the FILETIME of the send.
    newMessageId: (prng, domain, epochMs) => {
      const ft = filetime(epochMs).toString(16).padStart(16, '0');
      return `0000${ft.slice(0, 8)}$${ft.slice(8, 16)}$${prng.hex(8)}$@${domain}`;
    },
    newBoundary: (prng, epochMs) => {
      const ft = filetime(epochMs).toString(16).padStart(16, '0').toUpperCase();
      return `----=_NextPart_000_${prng.hex(4).toUpperCase()}_${ft.slice(0, 8)}.${ft.slice(8, 16)}`;
    },
  },
  applemail: {
    id: 'applemail',
    agentHeader: ['X-Mailer', 'Apple Mail (2.3259)'],
    messageIdHeader: 'Message-Id',
    mimeVersion: '1.0 (Mac OS X Mail 10.2 \\(3259\\))',
    htmlAlternative: false,
    angleQuotes: true,
    newMessageId: (prng, domain) => `${prng.uuid().toUpperCase()}@${domain}`,
    newBoundary: (prng) => `Apple-Mail=_${prng.uuid().toUpperCase()}`,
  },
  iphone: {
    id: 'iphone',
    agentHeader: ['X-Mailer', 'iPhone Mail (14C92)'],
    messageIdHeader: 'Message-Id',
    mimeVersion: '1.0 (1.0)',
    htmlAlternative: false,
    angleQuotes: true,
    newMessageId: (prng, domain) => `${prng.uuid().toUpperCase()}@${domain}`,
    newBoundary: (prng) => `Apple-Mail-${prng.uuid().toUpperCase()}`,
  },
  roundcube: {
    id: 'roundcube',
    agentHeader: ['User-Agent', 'Roundcube Webmail/1.2.3'],
    messageIdHeader: 'Message-ID',
    mimeVersion: '1.0',
    htmlAlternative: false,
    angleQuotes: true,
    newMessageId: (prng, domain) => `${prng.hex(32)}@${domain}`,
    newBoundary: (prng) => `=_${prng.hex(32)}`,
  },
};

/** Outlook Thread-Index: 22 bytes (6 of FILETIME + a GUID) for a new thread, plus 5 bytes per reply. */
export function threadIndex(prng: Prng, epochMs: number, parent?: { index: string; epochMs: number }): string {
  if (!parent) {
    const ft = Buffer.alloc(8);
    ft.writeBigUInt64BE(filetime(epochMs));
    return Buffer.concat([ft.subarray(0, 6), prng.bytes(16)]).toString('base64');
  }
  const base = Buffer.from(parent.index, 'base64');
  const delta = filetime(epochMs) - filetime(parent.epochMs);
  // Child block: 1 bit scale flag, 31 bits of the time delta, 4 random bits, 4 sequence bits.
  const small = delta >> 49n === 0n;
  const bits = small ? (delta >> 18n) & 0x7fffffffn : ((delta >> 23n) & 0x7fffffffn) | 0x80000000n;
  const block = Buffer.alloc(5);
  block.writeUInt32BE(Number(bits));
  block[4] = prng.int(0, 255);
  return Buffer.concat([base, block]).toString('base64');
}
