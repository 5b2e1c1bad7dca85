// A Mailman 2.1 list server: it prefixes the subject, adds its List-* headers, appends the list footer
// (in place for a text/plain body, as a new multipart/mixed wrapper around anything else: Mailman's
// "===============…==" boundary), and its own MTA signs for the list domain. The poster's original
// DKIM-Signature is kept and no longer verifies: an innocent body change every analyst meets.

import type { Prng } from '../../demo/prng.js';
import { offsetAt, postfixDate, SECOND, zoneAbbreviation } from './clock.js';
import { prepend, sign, type DkimSigner } from './mta-core.js';

export interface MailingList {
  name: string;
  /** 'news@lists.assoc.org' */
  address: string;
  host: string;
  ip: string;
  zone: string;
  description: string;
  signer: DkimSigner;
}

function splitHead(raw: Buffer): { head: string; body: Buffer } {
  const s = raw.toString('latin1');
  const i = s.indexOf('\r\n\r\n');
  return { head: s.slice(0, i + 2), body: raw.subarray(i + 4) };
}

function unfoldHeaders(head: string): { name: string; raw: string }[] {
  const out: { name: string; raw: string }[] = [];
  for (const line of head.split(/\r\n(?![ \t])/)) {
    if (!line) continue;
    out.push({ name: line.slice(0, line.indexOf(':')).toLowerCase(), raw: line });
  }
  return out;
}

const CONTENT = new Set(['content-type', 'content-transfer-encoding', 'mime-version', 'content-disposition']);

export async function mailmanDistribute(list: MailingList, post: Buffer, at: number, prng: Prng): Promise<{ raw: Buffer; at: number }> {
  const [local, domain] = list.address.split('@');
  const { head, body } = splitHead(post);
  const headers = unfoldHeaders(head);
  const footer = `_______________________________________________\r\n${list.description}\r\n${list.address}\r\nhttps://${domain}/mailman/listinfo/${local}\r\n`;
  const ct = headers.find((h) => h.name === 'content-type')?.raw ?? 'Content-Type: text/plain';
  let newHead: string[];
  let newBody: Buffer;
  if (/text\/plain/i.test(ct) && !/quoted-printable|base64/i.test(headers.find((h) => h.name === 'content-transfer-encoding')?.raw ?? '')) {
    newHead = headers.map((h) => h.raw);
    newBody = Buffer.concat([body, body.subarray(-2).toString() === '\r\n' ? Buffer.alloc(0) : Buffer.from('\r\n'), Buffer.from(footer)]);
  } else {
    const boundary = `===============${String(prng.int(1000000000, 2147483647))}${String(prng.int(100000000, 999999999))}==`;
    const inner = headers.filter((h) => CONTENT.has(h.name) && h.name !== 'mime-version').map((h) => h.raw);
    newHead = [
      ...headers.filter((h) => !CONTENT.has(h.name)).map((h) => h.raw),
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      'MIME-Version: 1.0',
    ];
    newBody = Buffer.concat([
      Buffer.from(`--${boundary}\r\n${inner.join('\r\n')}\r\n\r\n`, 'latin1'),
      body,
      Buffer.from(
        `\r\n--${boundary}\r\nContent-Type: text/plain; charset="us-ascii"\r\nMIME-Version: 1.0\r\nContent-Transfer-Encoding: 7bit\r\nContent-Disposition: inline\r\n\r\n${footer}--${boundary}--\r\n`,
      ),
    ]);
  }
  newHead = newHead.map((h) =>
    /^subject:/i.test(h) ? h.replace(/^subject:\s*(re:\s*)?/i, (_m, re) => `Subject: ${re ?? ''}[${list.name}] `) : h,
  );
  newHead.push(
    `X-BeenThere: ${list.address}`,
    'X-Mailman-Version: 2.1.29',
    'Precedence: list',
    `List-Id: ${list.description} <${local}.${domain}>`,
    `List-Unsubscribe: <https://${domain}/mailman/options/${local}>,\r\n <mailto:${local}-request@${domain}?subject=unsubscribe>`,
    `List-Archive: <https://${domain}/pipermail/${local}/>`,
    `List-Post: <mailto:${list.address}>`,
    `List-Help: <mailto:${local}-request@${domain}?subject=help>`,
    `List-Subscribe: <https://${domain}/mailman/listinfo/${local}>,\r\n <mailto:${local}-request@${domain}?subject=subscribe>`,
    `Errors-To: ${local}-bounces@${domain}`,
    `Sender: "${list.description}" <${local}-bounces@${domain}>`,
  );
  const t = at + prng.int(5, 90) * SECOND;
  const off = offsetAt(list.zone, t);
  const id = prng.hex(10).toUpperCase();
  const msg = Buffer.concat([Buffer.from(`${newHead.join('\r\n')}\r\n\r\n`, 'latin1'), newBody]);
  const withHop = prepend(msg, [
    `Received: from ${list.host} (localhost [127.0.0.1])\r\n\tby ${list.host} (Postfix) with ESMTP id ${id}; ${postfixDate(t, off, zoneAbbreviation(list.zone, t))}`,
  ]);
  return { raw: await sign(withHop, list.signer, t, id), at: t };
}
