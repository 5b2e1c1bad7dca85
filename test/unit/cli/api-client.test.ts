import { describe, expect, it } from 'vitest';
import { ApiCallError, apiCaller } from '../../../src/cli/api-client.js';
import { checksHandlers } from '../../../src/api/handlers/checks.js';
import { ApiError } from '../../../src/api/errors.js';
import type { ApiHandlers } from '../../../src/api/service.js';

describe('apiCaller', () => {
  it('answers through the same dispatch as the other front ends, unwrapped', async () => {
    const checks = await apiCaller(checksHandlers())('checks.list', {});
    expect(checks.map((c) => c.id)).toContain('email.dkim');
    // A method that needs a case, asked of the case-free handlers.
    await expect(apiCaller(checksHandlers())('case.summary', {})).rejects.toMatchObject({
      name: 'ApiCallError',
      error: { code: 'no-case-open' },
    });
  });

  it('throws the wire error of a refused call, validation details included', async () => {
    const handlers: Partial<ApiHandlers> = {
      'document.get': async ({ id }) => {
        throw new ApiError('not-found', `no document ${id}`);
      },
      'report.export': async () => ({ fileName: 'r.json', mime: 'application/json', content: '{}' }),
    };
    const call = apiCaller(handlers);
    const missing = await call('document.get', { id: 'x1' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ApiCallError);
    expect(missing).toMatchObject({ message: 'no document x1', method: 'document.get', error: { code: 'not-found' } });
    const bad = await call('report.export', { format: 'json', selection: {}, generatedAt: 'yesterday' }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ error: { code: 'invalid-input', details: [{ path: 'generatedAt' }] } });
  });

  it('rethrows an unexpected error whole on the terminal, where dispatch would hide it', async () => {
    const boom = new RangeError('offset 12 out of range in /home/alice/case.verity');
    const call = apiCaller({
      'case.summary': async () => {
        throw boom;
      },
    });
    await expect(call('case.summary', {})).rejects.toBe(boom);
  });
});
