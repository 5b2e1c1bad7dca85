// The one entry point every transport calls: (method name, raw input, context) -> ApiResult.
// Unknown method -> 'not-found'; input that fails its schema -> 'invalid-input' with the issues;
// an ApiError keeps its code; an aborted call -> 'cancelled'; anything else -> 'internal' with a
// generic message (the full error goes to the log, never to the client: it may quote a path or a
// piece of a hostile file).

import type { ApiMethod, ApiMethods, ApiResult } from '../model/api.js';
import { API_SCHEMAS } from './schema.js';
import { ApiError } from './errors.js';
import type { CallContext, ApiHandlers } from './service.js';

export function isApiMethod(method: string): method is ApiMethod {
  return Object.prototype.hasOwnProperty.call(API_SCHEMAS, method);
}

export async function dispatch(handlers: ApiHandlers, method: string, raw: unknown, ctx: CallContext = {}): Promise<ApiResult<unknown>> {
  if (!isApiMethod(method))
    return { ok: false, error: { code: 'not-found', message: `unknown method ${JSON.stringify(method.slice(0, 100))}` } };
  const parsed = API_SCHEMAS[method].safeParse(raw ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: 'invalid-input',
        message: `invalid input for ${method}`,
        details: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
      },
    };
  }
  try {
    if (ctx.signal?.aborted) return { ok: false, error: { code: 'cancelled', message: 'the call was cancelled' } };
    // The schema for `method` validated the input, so it has that method's input type.
    const handler = handlers[method] as (input: ApiMethods[ApiMethod]['input'], ctx: CallContext) => Promise<unknown>;
    const value = await handler(parsed.data as ApiMethods[ApiMethod]['input'], ctx);
    return { ok: true, value };
  } catch (e) {
    if (e instanceof ApiError)
      return { ok: false, error: { code: e.code, message: e.message, ...(e.details !== undefined ? { details: e.details } : {}) } };
    if (ctx.signal?.aborted || (e as Error)?.name === 'AbortError')
      return { ok: false, error: { code: 'cancelled', message: 'the call was cancelled' } };
    ctx.log?.(`api ${method} failed`, e);
    return { ok: false, error: { code: 'internal', message: `internal error in ${method}` } };
  }
}
