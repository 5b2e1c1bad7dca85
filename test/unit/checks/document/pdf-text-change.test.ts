// judgeTextChange on page texts written by hand: what counts as an edit of the words, and what not.

import { describe, expect, it } from 'vitest';
import { judgeTextChange } from '../../../../src/checks/document/pdf-text-change.js';
import type { RevisionTextChange } from '../../../../src/model/facts-pdf.js';

const change = (pages: [string, string][], pagesAfter = pages.length, unread?: number): RevisionTextChange => ({
  against: 0,
  pagesBefore: pages.length,
  pagesAfter,
  pages: pages.map(([before, after], i) => ({ page: i + 1, before, after })),
  changedPages: pages.length,
  ...(unread ? { unread } : {}),
});

const BODY = 'The board approved the annual budget of 25 000 euros for the association on 12 March 2017 in Lyon';

describe('judgeTextChange', () => {
  it('a line moved elsewhere on the page is the same words', () => {
    const moved = `Prepared by the secretary ${BODY}`;
    expect(judgeTextChange(change([[`${BODY} Prepared by the secretary`, moved]])).kind).toBe('same-words');
  });

  it('two words exchanged in place are an edit, each with its passage', () => {
    const v = judgeTextChange(change([[BODY, BODY.replace('25 000', 'X').replace('12 March', '25 000').replace('X', '12 March')]]));
    expect(v.kind).toBe('edited');
    expect(v.hunks.map((h) => [h.removed, h.added])).toEqual([
      ['25 000', '12 March'],
      ['12 March', '25 000'],
    ]);
  });

  it('words removed at the start of a page are an edit; words added there are a stamp', () => {
    expect(judgeTextChange(change([[`Draft header ${BODY}`, BODY]])).kind).toBe('edited');
    expect(judgeTextChange(change([[BODY, `PAID ${BODY}`]])).kind).toBe('added-at-edge');
  });

  it('one change alike on every page compared is a page decoration, pages left unread aside', () => {
    const pages: [string, string][] = [1, 2, 3].map((p) => [`${BODY} DRAFT page ${p}`, `${BODY} FINAL page ${p}`]);
    expect(judgeTextChange(change(pages, 3)).kind).toBe('repeated-on-pages');
    // 3 of 100 pages changed alike: an edit, unless the other 97 were redefined too and not read
    expect(judgeTextChange(change(pages, 100)).kind).toBe('edited');
    expect(judgeTextChange(change(pages, 100, 97)).kind).toBe('repeated-on-pages');
  });

  it('the passages are clipped and marked where the page goes on', () => {
    const run = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(' ');
    const [head, middle, tail] = [run('a', 400), run('removed', 100), run('z', 400)];
    const v = judgeTextChange(change([[`${head} ${middle} ${tail}`, `${head} ${tail}`]]));
    expect(v.hunks[0].removed.length).toBeLessThanOrEqual(300);
    expect(v.hunks[0].removed.endsWith('…')).toBe(true);
    expect(v.hunks[0].before.startsWith('… a394 ')).toBe(true);
    expect(v.hunks[0].after).toBe('… a394 a395 a396 a397 a398 a399 z0 z1 z2 z3 z4 z5 …');
  });
});
