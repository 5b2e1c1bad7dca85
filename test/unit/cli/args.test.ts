import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args.js';
import { UsageError } from '../../../src/cli/errors.js';

describe('parseArgs', () => {
  const spec = { values: ['case', 'format', 'o'], booleans: ['json', 'metadata'] };
  it('reads positionals, values in both spellings and booleans', () => {
    const a = parseArgs(['dump', '--case', 'x.verity', '--format=csv', '-o', 'out.csv', '--metadata'], spec);
    expect(a.positional).toEqual(['dump']);
    expect(Object.fromEntries(a.flags)).toEqual({ case: 'x.verity', format: 'csv', o: 'out.csv', metadata: true });
  });
  it('rejects unknown options and missing values', () => {
    expect(() => parseArgs(['--cas', 'x'], spec)).toThrow(UsageError);
    expect(() => parseArgs(['--case'], spec)).toThrow(/needs a value/);
  });
});
