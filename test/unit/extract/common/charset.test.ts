import { describe, expect, it } from 'vitest';
import { codePageEncoding, codePageLabel, decodeCharset } from '../../../../src/extract/common/charset.js';

describe('code pages', () => {
  it('names a code page for decodeCharset (WHATWG labels first)', () => {
    expect(codePageLabel(65001)).toBe('utf-8');
    expect(codePageLabel(1252)).toBe('windows-1252');
    expect(codePageLabel(28592)).toBe('iso-8859-2');
    expect(codePageLabel(932)).toBe('shift_jis');
    expect(codePageLabel(50220)).toBe('iso-2022-jp');
    expect(codePageLabel(437)).toBe('cp437');
  });

  it('names a code page for iconv-lite, Latin-1 when it has none', () => {
    expect(codePageEncoding(1252)).toBe('cp1252');
    expect(codePageEncoding(1200)).toBe('utf16le');
    expect(codePageEncoding(10000)).toBe('macintosh');
    expect(codePageEncoding(null)).toBe('latin1');
    expect(codePageEncoding(4242)).toBe('latin1');
  });

  it('decodes through WHATWG, then iconv-lite, and says when it cannot', () => {
    expect(decodeCharset(Buffer.from([0xcf, 0xf0, 0xe8]), codePageLabel(1251))).toBe('При');
    expect(decodeCharset(Buffer.from([0x1b, 0x24, 0x42, 0x46, 0x7c, 0x4b, 0x5c, 0x1b, 0x28, 0x42]), codePageLabel(50220))).toBe('日本');
    expect(decodeCharset(Buffer.from([0x80]), 'cp437')).toBe('Ç');
    expect(decodeCharset(Buffer.from('x'), 'no-such-charset')).toBeNull();
    expect(decodeCharset(Buffer.from('x'), 'utf-8*en')).toBe('x');
  });
});
