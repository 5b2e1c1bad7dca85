import { describe, expect, it } from 'vitest';
import { filetimeToMs } from '../../../src/shared/filetime.js';

describe('filetimeToMs', () => {
  it('counts 100 ns ticks from 1601-01-01 UTC', () => {
    expect(filetimeToMs(116_444_736_000_000_000n)).toBe(0);
    expect(filetimeToMs(132_223_104_000_000_000n)).toBe(Date.UTC(2020, 0, 1));
    expect(filetimeToMs(0n)).toBe(Date.UTC(1601, 0, 1));
  });

  it('drops ticks below a millisecond', () => {
    expect(filetimeToMs(116_444_736_000_019_999n)).toBe(1);
  });
});
