// How mail moves for the fictional organisation: staff submit through the organisation's server,
// which signs with DKIM and hands over to the inbound MX; partners sign with their own domain; the
// town hall does not sign; the mailing list adds a footer and re-signs; a forger connects straight to
// the MX from a rented server. Each route leaves the Received and DKIM traces its real counterpart does.

import type { Prng } from './prng.js';
import { MAILING_LIST, ORG, PARTNER, type ExternalDomain, type Person } from './org.js';
import { addReceived, composeMessage, prependHeaders, signDkim, splitMessage, type DkimKey, type MessageSpec } from './email.js';
import { TEST_ONLY_CAMPAGNE_KEY_PEM, TEST_ONLY_LISTE_KEY_PEM, TEST_ONLY_PARTENAIRE_KEY_PEM, dkimTxtRecord } from './keys/demo-dkim-keys.js';
import { zoneOffsetMinutes } from './time.js';
import type { DkimRecord } from './truth.js';

export interface DemoKeys {
  campagne: DkimKey;
  partner: DkimKey;
  list: DkimKey;
}

export const DEMO_KEYS: DemoKeys = {
  campagne: { domain: ORG.domain, selector: ORG.dkimSelector, privateKeyPem: TEST_ONLY_CAMPAGNE_KEY_PEM },
  partner: { domain: PARTNER.domain, selector: PARTNER.selector!, privateKeyPem: TEST_ONLY_PARTENAIRE_KEY_PEM },
  list: { domain: MAILING_LIST.listDomain, selector: MAILING_LIST.selector, privateKeyPem: TEST_ONLY_LISTE_KEY_PEM },
};

export function dkimRecords(): DkimRecord[] {
  return Object.values(DEMO_KEYS).map((k) => ({ name: `${k.selector}._domainkey.${k.domain}`, txt: dkimTxtRecord(k.privateKeyPem) }));
}

/** The key file `verity scan --dkim-keys` reads: zone-file style, one record a line. */
export function dkimKeyFileText(): string {
  return [
    '; DKIM public keys of the demo dump (test-only keys, see src/demo/keys/demo-dkim-keys.ts)',
    ...dkimRecords().map((r) => `${r.name} TXT "${r.txt}"`),
    '',
  ].join('\n');
}

const paris = (t: number) => zoneOffsetMinutes('Europe/Paris', t);

export interface Delivered {
  /** The copy a recipient's mailbox holds (CRLF). */
  raw: Buffer;
  /** The sender's own copy (as composed: no transport headers), for Sent folders. */
  sentCopy: Buffer;
  /** When the MX delivered it. */
  deliveredAt: number;
}

export type SubmitNetwork = 'office' | 'mobile' | 'webmail' | 'hotel';

function submitFrom(prng: Prng, net: SubmitNetwork): string {
  switch (net) {
    case 'office': {
      const ip = `${ORG.officeLan}${prng.int(20, 80)}`;
      return `[${ip}] (unknown [${ip}])`;
    }
    case 'mobile': {
      const ip = `100.${prng.int(64, 127)}.${prng.int(0, 255)}.${prng.int(1, 254)}`;
      return `[${ip}] (unknown [${ip}])`;
    }
    case 'webmail':
      return 'webmail.campagne-exemple.fr (localhost [127.0.0.1])';
    case 'hotel': {
      const ip = `192.0.2.${prng.int(100, 140)}`;
      return `[${ip}] (guest-${prng.int(100, 999)}.hotel-montreal.example [${ip}])`;
    }
  }
}

export function networkOf(p: Person): SubmitNetwork {
  return p.client === 'iphone' ? 'mobile' : p.client === 'roundcube' ? 'webmail' : 'office';
}

/** A staff member's message through the organisation's servers (signed at submission). */
export async function sendInternal(prng: Prng, spec: MessageSpec, net: SubmitNetwork): Promise<Delivered> {
  const composed = composeMessage(spec, prng);
  const submitAt = spec.epochMs + prng.int(2, 25) * 1000;
  const rcpt = spec.to[0].email;
  let raw = addReceived(
    composed,
    {
      from: submitFrom(prng, net),
      by: ORG.smtpHost,
      protocol: 'ESMTPSA',
      recipient: rcpt,
      epochMs: submitAt,
      serverOffsetMin: paris(submitAt),
    },
    prng,
  );
  raw = await signDkim(raw, DEMO_KEYS.campagne, submitAt);
  const mxAt = submitAt + prng.int(1, 4) * 1000;
  raw = addReceived(
    raw,
    {
      from: `${ORG.smtpHost} (${ORG.smtpHost} [${ORG.smtpIp}])`,
      by: ORG.mxHost,
      protocol: 'ESMTPS',
      recipient: rcpt,
      epochMs: mxAt,
      serverOffsetMin: paris(mxAt),
    },
    prng,
  );
  return { raw, sentCopy: composed, deliveredAt: mxAt };
}

/** A message from an outside organisation's server to the MX; signed when that domain signs. */
export async function sendExternal(prng: Prng, spec: MessageSpec, org: ExternalDomain, key: DkimKey | null): Promise<Delivered> {
  const composed = composeMessage(spec, prng);
  const submitAt = spec.epochMs + prng.int(2, 40) * 1000;
  const rcpt = spec.to[0].email;
  const lan = `10.${prng.int(0, 9)}.${prng.int(0, 255)}.${prng.int(2, 250)}`;
  let raw = addReceived(
    composed,
    {
      from: `[${lan}] (unknown [${lan}])`,
      by: org.mxHost,
      protocol: 'ESMTPSA',
      recipient: rcpt,
      epochMs: submitAt,
      serverOffsetMin: paris(submitAt),
    },
    prng,
  );
  if (key) raw = await signDkim(raw, key, submitAt);
  const mxAt = submitAt + prng.int(1, 20) * 1000;
  raw = addReceived(
    raw,
    {
      from: `${org.mxHost} (${org.mxHost} [${org.ip}])`,
      by: ORG.mxHost,
      protocol: 'ESMTPS',
      recipient: rcpt,
      epochMs: mxAt,
      serverOffsetMin: paris(mxAt),
    },
    prng,
  );
  return { raw, sentCopy: composed, deliveredAt: mxAt };
}

/** A partner's post to the mailing list: signed by the partner, then the list server appends its
 * footer (breaking the partner's body hash), adds List-* headers and re-signs for its own domain. */
export async function sendViaList(prng: Prng, spec: MessageSpec, listPostIndex: number, recipient: string): Promise<Delivered> {
  const posted = await sendExternal(prng, spec, PARTNER, DEMO_KEYS.partner);
  // Strip the MX hop that sendExternal added: this copy goes to the list server instead.
  const text = posted.raw.toString('latin1');
  const firstHopEnd = /\r\n(?![ \t])/.exec(text)!.index + 2;
  let raw = posted.raw.subarray(firstHopEnd);
  const listAt = posted.deliveredAt;
  raw = addReceived(
    raw,
    {
      from: `${PARTNER.mxHost} (${PARTNER.mxHost} [${PARTNER.ip}])`,
      by: MAILING_LIST.host,
      protocol: 'ESMTPS',
      recipient: MAILING_LIST.listAddress,
      epochMs: listAt,
      serverOffsetMin: paris(listAt),
    },
    prng,
  );
  const { head, body } = splitMessage(raw);
  const withFooter = Buffer.concat([
    Buffer.from(head, 'latin1'),
    Buffer.from('\r\n'),
    body,
    body.subarray(-2).toString() === '\r\n' ? Buffer.alloc(0) : Buffer.from('\r\n'),
    Buffer.from(MAILING_LIST.footer, 'latin1'),
  ]);
  const local = MAILING_LIST.listAddress.split('@')[0];
  raw = prependHeaders(withFooter, [
    ['List-Id', `=?UTF-8?Q?R=C3=A9seau_associatif?= <reseau-asso.lists.reseau-exemple.org>`],
    [
      'List-Unsubscribe',
      `<https://${MAILING_LIST.host}/options/${local}>,\r\n <mailto:${local}-request@${MAILING_LIST.listDomain}?subject=unsubscribe>`,
    ],
    ['List-Archive', `<https://${MAILING_LIST.host}/pipermail/${local}/>`],
    ['List-Post', `<mailto:${MAILING_LIST.listAddress}>`],
    ['Precedence', 'list'],
    ['Sender', `"${local}" <${local}-bounces@${MAILING_LIST.listDomain}>`],
    ['X-Mailman-Version', '2.1.23'],
    ['X-List-Sequence', String(listPostIndex)],
  ]);
  const resignAt = listAt + prng.int(1, 6) * 1000;
  raw = await signDkim(raw, DEMO_KEYS.list, resignAt);
  const mxAt = resignAt + prng.int(1, 9) * 1000;
  raw = addReceived(
    raw,
    {
      from: `${MAILING_LIST.host} (${MAILING_LIST.host} [${MAILING_LIST.ip}])`,
      by: ORG.mxHost,
      protocol: 'ESMTPS',
      recipient,
      epochMs: mxAt,
      serverOffsetMin: paris(mxAt),
    },
    prng,
  );
  return { raw, sentCopy: posted.sentCopy, deliveredAt: mxAt };
}

/** A forger's message: composed with any client, sent from a rented server straight to the MX,
 * unsigned (the forger has no key of the organisation's domain). */
export function sendForged(prng: Prng, spec: MessageSpec): Delivered {
  const composed = composeMessage(spec, prng);
  const at = spec.epochMs + prng.int(5, 60) * 1000;
  const raw = addReceived(
    composed,
    {
      from: 'vps-51824.hebergeur-exemple.net (vps-51824.hebergeur-exemple.net [192.0.2.66])',
      by: ORG.mxHost,
      protocol: 'ESMTP',
      recipient: spec.to[0].email,
      epochMs: at,
      serverOffsetMin: paris(at),
    },
    prng,
  );
  return { raw, sentCopy: composed, deliveredAt: at };
}
