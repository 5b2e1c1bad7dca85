// Test support for the email checks: real facts from the real extractor, and real DKIM signatures
// made with mailauth's signer (a real DKIM implementation) over test keys generated per run.

import { createHash, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dkimSign } from 'mailauth/lib/dkim/sign.js';
import { emailExtractor } from '../../../../src/extract/email/rfc822.js';
import { BufferSource } from '../../../../src/extract/common/byte-source.js';
import { splitMbox } from '../../../../src/extract/email/mbox-split.js';
import { DEFAULT_LIMITS } from '../../../../src/ingest/limits.js';
import type { CheckContext, CorpusDocument, DkimKey, DocumentFacts } from '../../../../src/checks/types.js';
import { corpusPath } from '../../../support/corpus.js';

export const NO_KEYS: CheckContext = { dkimKeys: new Map(), now: new Date('2026-01-01T00:00:00Z') };

/** Runs the real email extractor on raw bytes and returns what a check sees. */
export async function emailDoc(raw: Uint8Array | string, name = 'message.eml'): Promise<DocumentFacts> {
  const buf = typeof raw === 'string' ? Buffer.from(raw.replace(/\r?\n/g, '\r\n'), 'latin1') : Buffer.from(raw);
  const out = await emailExtractor.extract(
    {
      source: new BufferSource(buf),
      name,
      mime: 'message/rfc822',
      sha256: createHash('sha256').update(buf).digest('hex'),
      size: buf.length,
      depth: 0,
    },
    { limits: DEFAULT_LIMITS, signal: new AbortController().signal, warn: () => {} },
  );
  if (!out.facts?.email) throw new Error(`extractor gave no email facts for ${name}`);
  return {
    kind: 'email',
    mime: 'message/rfc822',
    name,
    size: buf.length,
    sha256: createHash('sha256').update(buf).digest('hex'),
    metadata: out.metadata,
    facts: out.facts,
    text: out.text,
    raw: buf,
  };
}

/** Every message of a corpus mbox, as raw bytes. */
export async function mboxMessages(rel: string): Promise<Buffer[]> {
  const all = readFileSync(corpusPath(rel));
  const out: Buffer[] = [];
  async function* one() {
    yield new Uint8Array(all);
  }
  for await (const m of splitMbox(one())) if (m.envelope) out.push(all.subarray(m.offset, m.offset + m.length));
  return out;
}

export function asCorpusDoc(doc: DocumentFacts, id: string): CorpusDocument {
  return { ...doc, id, parentId: null, path: doc.name, occurrence: [] };
}

/** Replaces a header's value in a raw message (first occurrence), as a forger editing the text would. */
export function setHeader(raw: Buffer | string, name: string, value: string): Buffer {
  const s = Buffer.isBuffer(raw) ? raw.toString('latin1') : raw;
  const re = new RegExp(`^${name}:[^\\n]*(\\r?\\n[ \\t][^\\n]*)*`, 'im');
  if (!re.test(s)) throw new Error(`no ${name} header to replace`);
  return Buffer.from(s.replace(re, `${name}: ${value}`), 'latin1');
}

/** A key table for the DKIM check from parsed records ('name' -> TXT text), each key with the source given. */
export function keyTable(records: ReadonlyMap<string, string>, source?: string): Map<string, DkimKey> {
  return new Map([...records].map(([name, record]) => [name, source ? { record, source } : { record }]));
}

export interface TestSigner {
  domain: string;
  selector: string;
  /** 'selector._domainkey.domain' -> the key, as an imported key file would give it. */
  keys: Map<string, DkimKey>;
  /** The private key (PKCS#1 PEM), for tests of published keys. */
  privateKeyPem: string;
  sign(message: string | Buffer, opts?: { headerList?: string[]; maxBodyLength?: number; signTime?: Date }): Promise<Buffer>;
}

export function makeSigner(domain: string, selector: string, bits = 2048): TestSigner {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  const p = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const keys = keyTable(new Map([[`${selector}._domainkey.${domain}`, `v=DKIM1; k=rsa; p=${p}`]]));
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  return {
    domain,
    selector,
    keys,
    privateKeyPem: pem,
    async sign(message, opts = {}) {
      const buf = typeof message === 'string' ? Buffer.from(message.replace(/\r?\n/g, '\r\n')) : message;
      const res = await dkimSign(buf, {
        signatureData: [
          {
            signingDomain: domain,
            selector,
            privateKey: pem,
            canonicalization: 'relaxed/relaxed',
            algorithm: 'rsa-sha256',
            ...(opts.maxBodyLength !== undefined ? { maxBodyLength: opts.maxBodyLength } : {}),
          },
        ],
        // mailauth takes the header list as a colon-separated string (an array falls back to its default list).
        ...(opts.headerList ? { headerList: opts.headerList.join(':') } : {}),
        signTime: opts.signTime ?? new Date('2024-03-05T09:12:30Z'),
      } as unknown as Parameters<typeof dkimSign>[1]);
      if (res.errors?.length) throw new Error(`signing failed: ${String(res.errors[0])}`);
      return Buffer.concat([Buffer.from(res.signatures), buf]);
    },
  };
}

/** A plain message of an organisation, as a mail client writes it. */
export function plainMessage(
  o: { from?: string; to?: string; subject?: string; date?: string; id?: string; body?: string; extra?: string } = {},
): string {
  return [
    `From: ${o.from ?? 'Claire Martin <claire.martin@example.org>'}`,
    `To: ${o.to ?? 'Paul Durand <paul.durand@example.net>'}`,
    `Subject: ${o.subject ?? 'Budget 2024'}`,
    `Date: ${o.date ?? 'Tue, 5 Mar 2024 10:12:03 +0100'}`,
    `Message-ID: <${o.id ?? 'b1c2d3e4-0001@example.org'}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    ...(o.extra ? [o.extra] : []),
    '',
    o.body ?? 'Hello Paul,\n\nThe budget for 2024 is 120,000 euros, as agreed on Monday.\n\nClaire\n',
  ].join('\r\n');
}
