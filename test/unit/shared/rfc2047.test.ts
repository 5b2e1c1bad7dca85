import { describe, expect, it } from 'vitest';
import { encodeWords } from '../../../src/shared/rfc2047.js';
import { decodeEncodedWords } from '../../../src/extract/email/encoded-words.js';

describe('encodeWords', () => {
  it('leaves printable ASCII alone', () => {
    expect(encodeWords('Budget Q2 (final)', 'B')).toBe('Budget Q2 (final)');
    expect(encodeWords('Budget Q2 (final)', 'Q')).toBe('Budget Q2 (final)');
  });

  it('writes UTF-8 encoded-words in either encoding', () => {
    expect(encodeWords('Grüße', 'B')).toBe('=?UTF-8?B?R3LDvMOfZQ==?=');
    expect(encodeWords('Grüße aus Köln', 'Q')).toBe('=?UTF-8?Q?Gr=C3=BC=C3=9Fe_aus_K=C3=B6ln?=');
  });

  it('splits long text on character boundaries into words of at most 75 characters that decode back', () => {
    const text = 'Réunion 日本語 — prévisions budgétaires du deuxième trimestre 😀 '.repeat(6).trim();
    for (const enc of ['B', 'Q'] as const) {
      const out = encodeWords(text, enc);
      const words = out.split('\r\n ');
      expect(words.length).toBeGreaterThan(3);
      for (const w of words) expect(w.length).toBeLessThanOrEqual(75);
      expect(decodeEncodedWords(out.replace(/\r\n /g, ' '))).toBe(text);
    }
  });
});
