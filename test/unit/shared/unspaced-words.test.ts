import { describe, expect, it } from 'vitest';
import { foldWidth, hasUnspaced, joinUnspacedBreaks, splitUnspaced, unspacedPrepared } from '../../../src/shared/unspaced-words.js';

describe('words of scripts written without spaces', () => {
  it('segments Japanese, Chinese and Thai into dictionary words (full ICU)', () => {
    expect(splitUnspaced('見積書の金額は1,250,000円です')).toEqual(['見積', '書', 'の', '金額', 'は', '1,250,000', '円', 'です']);
    expect(splitUnspaced('请各部门负责人提交预算')).toContain('预算');
    expect(splitUnspaced('การประชุมจะจัดขึ้นในวันพฤหัสบดี')).toContain('ประชุม');
  });

  it('leaves a run without such scripts whole, and Latin text untouched', () => {
    expect(splitUnspaced("don't")).toEqual(["don't"]);
    expect(hasUnspaced('Grüße, Ελλάδα, 안녕하세요')).toBe(false);
    const latin = 'Total: ＄12  and\n  more ﬁnance';
    expect(unspacedPrepared(latin)).toBe(latin);
  });

  it('folds full-width and half-width forms only', () => {
    expect(foldWidth('ＡＢＣ１２３，：　ｶﾞｷﾞ')).toBe('ABC123,: ガギ');
    expect(foldWidth('ﬁ ² Ⅻ')).toBe('ﬁ ² Ⅻ');
  });

  it('joins lines wrapped between two such characters, not elsewhere', () => {
    expect(joinUnspacedBreaks('お世話になっておりま\n  す。山田です。\nThanks\nand 見積')).toBe(
      'お世話になっております。山田です。\nThanks\nand 見積',
    );
  });
});
