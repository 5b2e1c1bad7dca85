import { describe, expect, it } from 'vitest';
import { leadToFirstMatch, SNIPPET_LEAD_CHARS, snippetParts } from '../../../renderer/components/snippet-lead.js';

const M = (w: string) => `\u0002${w}\u0003`;

describe('leadToFirstMatch', () => {
  it('keeps a snippet whose match is near its start as it is', () => {
    const s = `…the hall in ${M('Marseille')} costs 12 000 euros…`;
    expect(leadToFirstMatch(s)).toBe(s);
  });

  it('drops the words before a late match, at a word boundary, down to a few words of context', () => {
    const s = `…one two three four five six seven eight nine ten eleven twelve thirteen ${M('Marseille')} costs ${M('Marseille')}…`;
    const out = leadToFirstMatch(s);
    expect(out.startsWith('…')).toBe(true);
    const before = out.slice(1, out.indexOf('\u0002'));
    expect(before.length).toBeLessThanOrEqual(SNIPPET_LEAD_CHARS);
    expect(before.length).toBeGreaterThan(0);
    // Whole words only, and everything from the match on is kept.
    expect(s.includes(` ${before}`)).toBe(true);
    expect(out.endsWith(`${M('Marseille')} costs ${M('Marseille')}…`)).toBe(true);
  });

  it('starts at the match itself when no space is near it (one long token before it)', () => {
    const s = `${'x'.repeat(80)}${M('y')} z`;
    expect(leadToFirstMatch(s)).toBe(`…${M('y')} z`);
  });

  it('leaves a snippet without a match alone', () => {
    expect(leadToFirstMatch('plain text '.repeat(10))).toBe('plain text '.repeat(10));
  });
});

describe('snippetParts', () => {
  it('splits a snippet into plain and marked parts, in order, without the markers', () => {
    expect(snippetParts(`…the hall in ${M('Marseille')} costs ${M('12 000')} euros`)).toEqual([
      { text: '…the hall in ', marked: false },
      { text: 'Marseille', marked: true },
      { text: ' costs ', marked: false },
      { text: '12 000', marked: true },
      { text: ' euros', marked: false },
    ]);
  });

  it('marks a match at the very start and end, with nothing plain around it', () => {
    expect(snippetParts(M('only'))).toEqual([{ text: 'only', marked: true }]);
  });

  it('drops a marker left open or closed at the end, and marks nothing for it', () => {
    expect(snippetParts(`a ${M('b')} c \u0002d`)).toEqual([
      { text: 'a ', marked: false },
      { text: 'b', marked: true },
      { text: ' c d', marked: false },
    ]);
    expect(snippetParts('cut\u0003 off')).toEqual([{ text: 'cut off', marked: false }]);
  });

  it('keeps text without markers whole', () => {
    expect(snippetParts('plain text')).toEqual([{ text: 'plain text', marked: false }]);
    expect(snippetParts('')).toEqual([]);
  });
});
