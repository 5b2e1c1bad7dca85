import { describe, expect, it, vi } from 'vitest';
import { serveCommand } from '../../../src/cli/serve.js';

describe('verity serve arguments', () => {
  it('requires --case and a valid port, and rejects unknown options', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await serveCommand([])).toBe(2);
      expect(await serveCommand(['--case', 'x.verity', '--port', '70000'])).toBe(2);
      expect(await serveCommand(['--case', 'x.verity', '--port', 'abc'])).toBe(2);
      expect(await serveCommand(['--case', 'x.verity', '--host', '0.0.0.0'])).toBe(2);
      const text = err.mock.calls.map((c) => String(c[0])).join('');
      expect(text).toContain('--case is required');
      expect(text).toContain('usage: verity serve');
    } finally {
      err.mockRestore();
    }
  });
});
