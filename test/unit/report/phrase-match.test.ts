// Whole-word phrase search behind redaction: longest phrase first, case and spacing ignored, word
// boundaries respected, and fast with thousands of phrases.

import { describe, expect, it } from 'vitest';
import { PhraseMatcher } from '../../../src/report/phrase-match.js';

describe('PhraseMatcher', () => {
  const m = new PhraseMatcher(['Claire Dumont', 'claire.dumont', 'claire.dumont@example.org', 'Marc', '(c) Studio X', '0123456789']);

  it('finds whole words only, longest phrase first, ignoring case and spacing', () => {
    const hits = m.hits('From CLAIRE  DUMONT <claire.dumont@example.org> in mail/claire.dumont/ — Marchand, Marc, 10123456789');
    expect(hits.map((h) => h.key)).toEqual(['claire dumont', 'claire.dumont@example.org', 'claire.dumont', 'marc']);
    expect(hits[0].text).toBe('CLAIRE  DUMONT');
  });

  it('handles phrases that start with punctuation, and replaces without overlap', () => {
    expect(m.replace('photo (c) Studio X, by Marc', (h) => `[${h.key}]`)).toBe('photo [(c) studio x], by [marc]');
    expect(m.replace('nothing to see', () => 'X')).toBe('nothing to see');
    expect(new PhraseMatcher([]).replace('Marc', () => 'X')).toBe('Marc');
  });

  it('stays fast with thousands of phrases', () => {
    const phrases = Array.from({ length: 20_000 }, (_, i) => `person${i} surname${i % 97}`);
    const big = new PhraseMatcher(phrases);
    const text = Array.from({ length: 20_000 }, (_, i) => `word${i} person${i * 7} surname${(i * 7) % 97} text`).join(' ');
    const t = performance.now();
    const hits = big.hits(text);
    const ms = performance.now() - t;
    expect(hits.length).toBe(Array.from({ length: 20_000 }, (_, i) => i * 7).filter((n) => n < 20_000).length);
    expect(ms).toBeLessThan(2000);
  });
});

describe('PhraseMatcher and Unicode', () => {
  it('matches a decomposed (NFD) name, accents and a dotted capital I', () => {
    const m = new PhraseMatcher(['Sophie Lefèvre', 'İlker Yılmaz']);
    expect(m.replace('Par Sophie Lefe\u0300vre.', () => 'X')).toBe('Par X.');
    expect(m.replace('İLKER YILMAZ et İlker Yılmazer', () => 'X')).toBe('X et İlker Yılmazer');
    // An accented letter is part of the word: "Lefèvres" is another word.
    expect(m.replace('Sophie Lefèvres', () => 'X')).toBe('Sophie Lefèvres');
  });
});
