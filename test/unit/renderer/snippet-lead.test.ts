import { describe, expect, it } from 'vitest';
import { leadToFirstMatch, SNIPPET_LEAD_CHARS } from '../../../renderer/components/snippet-lead.js';

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
