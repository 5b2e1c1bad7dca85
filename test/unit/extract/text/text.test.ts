import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { MIME } from '../../../../src/extract/mime.js';
import { sniff } from '../../../../src/extract/sniff.js';
import { BufferSource, openFileSource } from '../../../../src/extract/common/byte-source.js';
import { decodeDocumentText } from '../../../../src/extract/text/text-charset.js';
import { textExtractor } from '../../../../src/extract/text/text.js';
import type { ByteSource, ExtractOutput } from '../../../../src/extract/types.js';
import { DEFAULT_LIMITS } from '../../../../src/ingest/limits.js';
import type { Limits } from '../../../../src/model/limits.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';

async function run(
  source: ByteSource,
  mime: string = MIME.text,
  limits: Limits = DEFAULT_LIMITS,
): Promise<{ out: ExtractOutput; warnings: string[] }> {
  const warnings: string[] = [];
  const out = await textExtractor.extract(
    { source, name: 'doc.txt', mime, sha256: '', size: source.size, depth: 0 },
    { limits, signal: new AbortController().signal, warn: (c, m) => warnings.push(`${c}: ${m}`) },
  );
  return { out, warnings };
}
const charsetOf = (out: ExtractOutput) => out.metadata.find((m) => m.source === 'text' && m.key === 'charset')?.value;

describe('text extractor: charset', () => {
  const sentence = 'Grüße aus Köln: die Straße, das Café, señor — €12,50.';

  it('takes the byte-order mark first (UTF-16LE, UTF-16BE, UTF-8)', async () => {
    const le = await run(new BufferSource(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sentence, 'utf16le')])));
    expect(le.out.text).toBe(sentence);
    expect(charsetOf(le.out)).toBe('UTF-16LE');
    const be = await run(new BufferSource(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(sentence, 'utf-16be')])));
    expect(be.out.text).toBe(sentence);
    expect(be.out.facts!.charset).toBe('UTF-16BE');
    const u8 = await run(new BufferSource(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sentence)])));
    expect(u8.out.text).toBe(sentence);
  });

  it('recognises valid UTF-8 and plain ASCII', async () => {
    expect(charsetOf((await run(new BufferSource(Buffer.from(sentence)))).out)).toBe('UTF-8');
    expect(charsetOf((await run(new BufferSource(Buffer.from('plain words only\n')))).out)).toBe('US-ASCII');
  });

  it('detects a legacy single-byte charset with chardet and decodes it', async () => {
    const latin = 'Le cœur a ses raisons que la raison ne connaît point. Ça été déjà dit à l’été, même à Noël.'
      .replace('’', "'")
      .replace('œ', 'oe');
    const { out } = await run(new BufferSource(iconv.encode(latin.repeat(4), 'latin1')));
    expect(out.text).toBe(latin.repeat(4));
    expect(out.facts!.charset).toMatch(/ISO-8859-1|windows-1252/);
  });

  it('detects Shift_JIS Japanese text', async () => {
    const ja =
      '吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。何でも薄暗いじめじめした所でニャーニャー泣いていた事だけは記憶している。';
    const { out } = await run(new BufferSource(iconv.encode(ja, 'Shift_JIS')));
    expect(out.facts!.charset).toBe('Shift_JIS');
    expect(out.text).toBe(ja);
  });

  it('uses the XML declaration when the bytes are not UTF-8', async () => {
    const xml = '<?xml version="1.0" encoding="ISO-8859-1"?><note>déjà vu</note>';
    const { out } = await run(new BufferSource(iconv.encode(xml, 'latin1')), MIME.xml);
    expect(out.text).toBe(xml);
    expect(out.metadata).toContainEqual({ source: 'text', key: 'declared-charset', value: 'ISO-8859-1' });
    expect(out.facts!.charset).toBe('ISO-8859-1');
  });

  it('does not mistake a UTF-8 character cut by the read window for a legacy charset', () => {
    const bytes = Buffer.from('ab€'); // € = e2 82 ac
    const cut = bytes.subarray(0, 4); // 'ab' + e2 82
    expect(decodeDocumentText(cut, { truncated: true })).toMatchObject({ charset: 'UTF-8', text: 'ab' });
  });
});

describe('text extractor: bounds', () => {
  it('reads only the first maxTextChars × 4 bytes of a 2 GB file and caps the text', async () => {
    const size = 2 * 1024 ** 3;
    let bytesRead = 0;
    const huge: ByteSource = {
      size,
      async read(offset, length) {
        const n = Math.max(0, Math.min(length, size - offset));
        bytesRead += n;
        return Buffer.alloc(n, 0x61); // 'a'
      },
      async readAll() {
        throw new Error('readAll must not be called on a 2 GB text');
      },
      chunks(): AsyncIterable<Uint8Array> {
        throw new Error('chunks must not be called');
      },
    };
    const limits = { ...DEFAULT_LIMITS, maxTextChars: 1000 };
    const { out, warnings } = await run(huge, MIME.text, limits);
    expect(bytesRead).toBeLessThanOrEqual(4000);
    expect(out.text!.length).toBe(1000);
    expect(warnings.join(' ')).toMatch(/text\.truncated/);
  });
});

describe.skipIf(corpusMissing())('text extractor on corpus files', () => {
  it('reads an XMP sidecar (sniffed as plain text) into xmp metadata and claims', async () => {
    const rel = 'image/sidecar/exifr-IMG_5910.xmp';
    const { source, close } = await openFileSource(corpusPath(rel), DEFAULT_LIMITS.maxWholeFileBytes);
    try {
      const mime = await sniff(source, rel);
      expect([MIME.text, MIME.xml]).toContain(mime);
      const { out } = await run(source, mime);
      expect(out.metadata).toContainEqual({ source: 'xmp', key: 'xmp:ModifyDate', value: '2015-07-24T22:45:50+02:00' });
      expect(out.facts!.dates).toContainEqual(
        expect.objectContaining({ role: 'modified', source: 'xmp:xmp:ModifyDate', utc: '2015-07-24T20:45:50.000Z', offsetMinutes: 120 }),
      );
      expect(out.facts!.software!.some((s) => s.role === 'xmp-toolkit' && s.value.startsWith('Adobe XMP Core 5.6'))).toBe(true);
    } finally {
      await close();
    }
  });
});
