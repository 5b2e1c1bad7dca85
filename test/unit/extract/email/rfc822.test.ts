import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emailExtractor } from '../../../../src/extract/email/rfc822.js';
import { decodeEncodedWords } from '../../../../src/extract/email/encoded-words.js';
import { parseHeaderBlock } from '../../../../src/extract/email/raw-headers.js';
import { corpusPath, corpusMissing } from '../../../support/corpus.js';
import { metaValue, run, runFile } from '../../../support/extract-harness.js';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const eml = (rel: string) => runFile(emailExtractor, corpusPath(`email/eml/${rel}`), { mime: 'message/rfc822' });

function manifestSha(rel: string): string {
  const row = readFileSync(corpusPath('MANIFEST.tsv'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${rel}\t`));
  if (!row) throw new Error(`${rel} not in MANIFEST.tsv`);
  return row.split('\t')[2];
}

/** A multipart nested `n` levels deep. */
function nested(n: number): Buffer {
  let s = 'From: a@example.org\r\nSubject: deep\r\nContent-Type: multipart/mixed; boundary="b0"\r\n\r\n';
  for (let i = 0; i < n; i++) s += `--b${i}\r\nContent-Type: multipart/mixed; boundary="b${i + 1}"\r\n\r\n`;
  s += `--b${n}\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b${n}--\r\n`;
  for (let i = n - 1; i >= 0; i--) s += `--b${i}--\r\n`;
  return Buffer.from(s);
}

describe('RFC 2047 decoding', () => {
  it('joins adjacent encoded-words, including a character split across two words', () => {
    // "✔" (E2 9C 94) split over two Q words, whitespace between them dropped.
    expect(decodeEncodedWords('a =?UTF-8?Q?=E2=9C?= =?UTF-8?Q?=94?= b')).toBe('a ✔ b');
    expect(decodeEncodedWords('=?ISO-8859-1?Q?Andr=E9?= <a@b>')).toBe('André <a@b>');
    expect(decodeEncodedWords('=?iso-2022-jp?B?GyRCRnxLXDhsGyhC?=')).toBe('日本語');
  });

  it('keeps an encoded-word in an unknown charset exactly as written', () => {
    expect(decodeEncodedWords('x =?x-no-such-charset?Q?abc?= y')).toBe('x =?x-no-such-charset?Q?abc?= y');
  });
});

describe('raw header pass', () => {
  it('keeps order, case, repeats and folding-free raw values', () => {
    const msg = Buffer.from(
      'Received: from a\r\n by b; 1 Jan 2020 00:00:00 +0000\r\nDATE: Mon, 6 Jan 2020 10:00:00 +0100\r\nX-Two: 1\r\nX-Two: 2\r\nSubject: =?UTF-8?B?w6k=?=\r\n\r\nbody',
    );
    const b = parseHeaderBlock(msg, 1000);
    expect(b.headers.map((h) => h.name)).toEqual(['Received', 'DATE', 'X-Two', 'X-Two', 'Subject']);
    expect(b.headers[0].raw).toBe('from a by b; 1 Jan 2020 00:00:00 +0000');
    expect(b.headers[4]).toEqual({ name: 'Subject', raw: '=?UTF-8?B?w6k=?=', decoded: 'é' });
    expect(msg.subarray(b.bodyOffset!).toString()).toBe('body');
  });

  it('cuts a header longer than maxHeaderBytes and says how long it was', () => {
    const big = Buffer.concat([Buffer.from('X-Big: '), Buffer.alloc(5000, 0x61), Buffer.from('\r\nSubject: s\r\n\r\n')]);
    const b = parseHeaderBlock(big, 100);
    expect(b.headers[0].raw).toHaveLength(100);
    expect(b.truncated).toEqual([{ name: 'X-Big', bytes: 5000 }]);
    expect(b.headers[1]).toMatchObject({ name: 'Subject', raw: 's' });
  });
});

describe.skipIf(corpusMissing())('email.rfc822 on real messages', () => {
  it('mailparser-nodemailer.eml: headers, hops, DKIM, attachments and claims', async () => {
    const r = await eml('mailparser-nodemailer.eml');
    expect(r.error).toBeUndefined();
    const out = r.output!;
    const e = out.facts!.email!;
    expect(out.kind).toBe('email');
    expect(out.title).toBe('Nodemailer is unicode friendly ✔ (1476358788189)');
    expect(e.headers.find((h) => h.name === 'Subject')!.raw).toContain('=?UTF-8?Q?=E2=9C=94?=');
    expect(e.messageId).toBe('012d606e-3550-2d94-b566-6cd996de88e3@kreata.ee');
    expect(e.from).toEqual({ name: 'Andris Kreata', address: 'andris@kreata.ee' });
    expect(e.to.map((a) => a.address)).toEqual(['andris+123@kreata.ee', 'andris.reinman@gmail.com']);
    expect(e.received).toHaveLength(3);
    expect(e.dkim[0]).toMatchObject({ domain: 'srs1.zonevs.eu', selector: 'oct2016' });
    expect(e.mailer).toBe('nodemailer (2.6.0; +http://nodemailer.com/; SMTP/2.7.2[client:2.12.0])');
    expect(e.dateUtc).toBe('2016-10-13T11:39:48.000Z');
    expect(e.dateOffsetMinutes).toBe(0);
    expect(e.boundaries).toHaveLength(3);
    expect(e.boundaries[0]).toBe('----sinikael-?=_1-14763587882000.8241290969717285');
    expect(e.authenticationResults[0]).toMatch(/^mx\.google\.com;\s+dkim=pass/);
    expect(e.origin).toBe('rfc822');
    expect(e.rawSize).toBe(44920);

    // One metadata entry per header, in order, key as written.
    const hdr = out.metadata.filter((m) => m.source === 'email.header');
    expect(hdr.map((m) => m.key)).toEqual(e.headers.map((h) => h.name));
    expect(hdr[0]).toEqual({ source: 'email.header', key: 'Delivered-To', value: 'andris.reinman@gmail.com' });

    expect(out.facts!.dates!.filter((d) => d.role === 'sent')).toEqual([
      {
        role: 'sent',
        source: 'email.header:Date',
        raw: 'Thu, 13 Oct 2016 11:39:48 +0000',
        utc: '2016-10-13T11:39:48.000Z',
        offsetMinutes: 0,
      },
    ]);
    expect(out.facts!.dates!.filter((d) => d.role === 'received')).toHaveLength(3);
    expect(out.facts!.people!.filter((p) => p.role === 'recipient').map((p) => p.email)).toEqual([
      'andris+123@kreata.ee',
      'andris.reinman@gmail.com',
    ]);
    expect(out.facts!.software).toEqual([{ role: 'mailer', value: e.mailer, source: 'email.header:X-Mailer' }]);

    // Attachments: facts and children agree, and the hash is that of the child's bytes.
    expect(e.attachments.map((a) => a.filename)).toEqual(['', 'image.png', 'nyan cat ✔.gif', 'notes.txt']);
    expect(r.children.map((c) => c.name)).toEqual(['attachment-1', 'image.png', 'nyan cat ✔.gif', 'notes.txt']);
    expect(r.children.map((c) => c.segment)).toEqual(r.children.map((c, i) => ({ type: 'attachment', index: i, name: c.name })));
    for (let i = 0; i < r.children.length; i++) {
      const bytes = await r.children[i].source.readAll();
      expect(bytes.byteLength).toBe(e.attachments[i].size);
      expect(sha256(bytes)).toBe(e.attachments[i].sha256);
    }
    expect(e.attachments[2].size).toBe(29361);
    expect(out.text!.startsWith('Nodemailer is unicode friendly ✔')).toBe(true);
  });

  it('tika-test-incremental-updates.eml: the decoded PDF attachment is byte-identical to the corpus PDF', async () => {
    const r = await eml('tika-test-incremental-updates.eml');
    expect(r.children).toHaveLength(1);
    expect(r.children[0].name).toBe('testPDF_incrementalUpdates.pdf');
    const pdf = await r.children[0].source.readAll();
    expect(pdf.byteLength).toBe(64872);
    expect(sha256(pdf)).toBe(manifestSha('pdf/tika/testPDF_incrementalUpdates.pdf'));
    expect(r.output!.facts!.email!.attachments[0].sha256).toBe(sha256(pdf));
  });

  it('tika-testGroupWiseEml.eml: GroupWise mailer, an attached message kept as a child', async () => {
    const r = await eml('tika-testGroupWiseEml.eml');
    const out = r.output!;
    expect(out.title).toBe('test333');
    expect(out.facts!.software![0]).toMatchObject({ role: 'mailer', value: 'GroupWise 2012' });
    expect(out.facts!.dates![0]).toMatchObject({ role: 'sent', utc: '2013-06-27T11:29:57.000Z', offsetMinutes: 120 });
    expect(r.children.map((c) => c.name)).toEqual(['test.eml', 'Neues Textdokument.txt']);
    // The attached message is handed on as bytes (its own extraction happens as a child).
    const inner = await emailExtractor.extract(
      { source: r.children[0].source, name: 'test.eml', mime: 'message/rfc822', sha256: '', size: r.children[0].source.size, depth: 1 },
      { limits: (await import('../../../../src/ingest/limits.js')).DEFAULT_LIMITS, signal: new AbortController().signal, warn: () => {} },
    );
    expect(inner.facts!.email!.headers.length).toBeGreaterThan(0);
  });

  it('tika-testLotusEml.eml: HTML-only multipart/related body is converted to text', async () => {
    const r = await eml('tika-testLotusEml.eml');
    const e = r.output!.facts!.email!;
    expect(e.mailer).toBe('Lotus Notes Release 8.5.3 September 15, 2011');
    expect(e.html).toContain('Message body');
    expect(e.text?.trim()).toBe('Message body');
    expect(r.output!.facts!.email!.headers.filter((h) => h.name === 'X-Notes-Item').length).toBeGreaterThan(10);
  });

  it('mailparser stress messages end without throwing, text capped by maxTextChars', async () => {
    for (const f of ['mailparser-htmllargecallstack.eml', 'mailparser-outofmemory.eml']) {
      const r = await runFile(emailExtractor, corpusPath(`email/eml/${f}`), { mime: 'message/rfc822', limits: { maxTextChars: 5000 } });
      expect(r.error).toBeUndefined();
      expect(r.output!.text!.length).toBeLessThanOrEqual(5000);
      expect(r.output!.facts!.email!.html!.length).toBeLessThanOrEqual(5000);
    }
  });

  it('a message larger than maxWholeFileBytes is described from its headers and refused with limit-exceeded', async () => {
    const r = await runFile(emailExtractor, corpusPath('email/eml/mailparser-nodemailer.eml'), {
      mime: 'message/rfc822',
      limits: { maxWholeFileBytes: 10_000 },
    });
    expect(r.error?.code).toBe('limit-exceeded');
    expect(r.output?.facts?.email?.messageId).toBe('012d606e-3550-2d94-b566-6cd996de88e3@kreata.ee');
    expect(r.output?.facts?.email?.rawSize).toBe(44920);
  });
});

describe('hostile messages', () => {
  it('a multipart nested 1000 deep is refused before mailparser, with the headers kept', async () => {
    const r = await run(emailExtractor, nested(1000), 'deep.eml', { mime: 'message/rfc822' });
    expect(r.error?.code).toBe('limit-exceeded');
    expect(r.error?.message).toMatch(/maxMimeDepth/);
    expect(r.output?.title).toBe('deep');
  });

  it('a multipart nested 100,000 deep ends the same way, quickly', async () => {
    const t = Date.now();
    const r = await run(emailExtractor, nested(100_000), 'deeper.eml', { mime: 'message/rfc822' });
    expect(r.error?.code).toBe('limit-exceeded');
    expect(Date.now() - t).toBeLessThan(10_000);
  });

  it('nesting within the limit is decoded', async () => {
    const r = await run(emailExtractor, nested(10), 'ok.eml', { mime: 'message/rfc822' });
    expect(r.error).toBeUndefined();
    expect(r.output!.facts!.email!.mimeDepth).toBe(11);
    expect(r.output!.facts!.email!.text?.trim()).toBe('hello');
  });

  it('more parts than maxMimeParts are refused', async () => {
    const msg = Buffer.from(
      'From: a@example.org\r\nSubject: many\r\nContent-Type: multipart/mixed; boundary="q"\r\n\r\n' +
        '--q\r\nContent-Type: text/plain\r\n\r\nx\r\n'.repeat(300) +
        '--q--\r\n',
    );
    const r = await run(emailExtractor, msg, 'many.eml', { mime: 'message/rfc822', limits: { maxMimeParts: 100 } });
    expect(r.error?.code).toBe('limit-exceeded');
    expect(r.error?.message).toMatch(/maxMimeParts/);
  });

  it('a 10 MB header line is cut, warned about, and does not stop the other headers', async () => {
    const msg = Buffer.concat([
      Buffer.from('From: a@example.org\r\nX-Big: '),
      Buffer.alloc(10 << 20, 0x61),
      Buffer.from('\r\nSubject: after\r\n\r\nbody\r\n'),
    ]);
    const r = await run(emailExtractor, msg, 'big.eml', { mime: 'message/rfc822' });
    expect(r.error).toBeUndefined();
    const e = r.output!.facts!.email!;
    expect(r.output!.title).toBe('after');
    expect(e.headers.find((h) => h.name === 'X-Big')!.raw.length).toBe(256 << 10);
    expect(e.truncatedHeaders).toEqual([{ name: 'X-Big', bytes: 10 << 20 }]);
    expect(r.warnings.map((w) => w.code)).toContain('limit-exceeded');
    expect(metaValue(r.output, 'email.header', 'Subject')).toBe('after');
  });

  it('an attachment above maxMemberBytes becomes a child with an error, not bytes', async () => {
    const body = Buffer.alloc(3000, 0x41).toString('base64');
    const msg = Buffer.from(
      `From: a@example.org\r\nContent-Type: multipart/mixed; boundary="z"\r\n\r\n--z\r\nContent-Type: text/plain\r\n\r\nhi\r\n--z\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="big.bin"\r\nContent-Transfer-Encoding: base64\r\n\r\n${body}\r\n--z--\r\n`,
    );
    const r = await run(emailExtractor, msg, 'att.eml', { mime: 'message/rfc822', limits: { maxMemberBytes: 1000 } });
    expect(r.children).toHaveLength(1);
    expect(r.children[0].error?.code).toBe('limit-exceeded');
    expect(r.children[0].source.size).toBe(0);
    expect(r.output!.facts!.email!.attachments[0]).toMatchObject({ filename: 'big.bin', size: 3000 });
  });
});
