import { describe, expect, it } from 'vitest';
import { dispatch, isApiMethod } from '../../../src/api/dispatch.js';
import { ApiError } from '../../../src/api/errors.js';
import { API_SCHEMAS } from '../../../src/api/schema.js';
import type { ApiHandlers } from '../../../src/api/service.js';

// Handlers that record their input; specific ones throw to exercise the error mapping.
function fakeHandlers(calls: [string, unknown][]): ApiHandlers {
  return new Proxy({} as ApiHandlers, {
    get: (_t, method: string) => async (input: unknown) => {
      calls.push([method, input]);
      if (method === 'document.get') throw new ApiError('not-found', 'no document x');
      if (method === 'checks.list') throw new Error('SQLITE_CORRUPT at /home/alice/secret/case.verity');
      return { updated: 1 };
    },
  });
}

describe('dispatch', () => {
  it('validates input against the method schema before calling the handler', async () => {
    const calls: [string, unknown][] = [];
    const h = fakeHandlers(calls);
    const ok = await dispatch(h, 'analyst.tag', { ids: ['a'], add: ['  hot '] });
    expect(ok).toEqual({ ok: true, value: { updated: 1 } });
    expect(calls).toEqual([['analyst.tag', { ids: ['a'], add: ['hot'] }]]);

    const bad = await dispatch(h, 'analyst.tag', { ids: [], add: ['x'] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('invalid-input');
      expect((bad.error.details as { path: string }[])[0].path).toBe('ids');
    }
    expect((await dispatch(h, 'analyst.tag', { ids: ['a'] })).ok).toBe(false); // nothing to add or remove
    expect((await dispatch(h, 'search.query', { kinds: ['pdf'], evil: 1 })).ok).toBe(false); // unknown field
    expect((await dispatch(h, 'search.query', { limit: 100000 })).ok).toBe(false);
    expect((await dispatch(h, 'analyst.verdict', { ids: ['a'], verdict: 'forged' })).ok).toBe(false);
    expect(calls.length).toBe(1);
  });

  it('answers not-found for an unknown method, including prototype names', async () => {
    const h = fakeHandlers([]);
    for (const m of ['nope', '__proto__', 'constructor', 'toString']) {
      const r = await dispatch(h, m, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'not-found' } });
    }
    expect(isApiMethod('case.summary')).toBe(true);
  });

  it('keeps ApiError codes and hides the text of unexpected errors', async () => {
    const logged: unknown[] = [];
    const h = fakeHandlers([]);
    expect(await dispatch(h, 'document.get', { id: 'x' })).toEqual({ ok: false, error: { code: 'not-found', message: 'no document x' } });
    const r = await dispatch(h, 'checks.list', {}, { log: (_m, e) => logged.push(e) });
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: 'internal error in checks.list' } });
    expect(JSON.stringify(r)).not.toContain('alice');
    expect(logged.length).toBe(1);
  });

  it('answers cancelled for a call whose signal is already aborted', async () => {
    const c = new AbortController();
    c.abort();
    expect(await dispatch(fakeHandlers([]), 'case.summary', {}, { signal: c.signal })).toMatchObject({
      ok: false,
      error: { code: 'cancelled' },
    });
  });

  it('has a schema for every method and accepts an empty object where input is empty', () => {
    for (const m of ['case.summary', 'scan.cancel', 'scan.status', 'overview.timeline', 'checks.list', 'analyst.tags'] as const) {
      expect(API_SCHEMAS[m].safeParse({}).success).toBe(true);
      expect(API_SCHEMAS[m].safeParse({ x: 1 }).success).toBe(false);
    }
  });
});
