// The one entry point every transport calls: (method name, raw input, context) -> ApiResult, with
// the error mapping of docs/api.md ("Errors"): the text of an unexpected error never leaves.

import type { z } from 'zod';
import type { ApiMethod, ApiResult } from '../model/api.js';
import { API_SCHEMAS } from './schema.js';
import { ApiError } from './errors.js';
import type { CallContext, ApiHandlers } from './service.js';

export function isApiMethod(method: string): method is ApiMethod {
  return Object.prototype.hasOwnProperty.call(API_SCHEMAS, method);
}

/** Dispatches to `handlers`; a method they lack (no case is open) answers 'no-case-open'. */
export async function dispatch(
  handlers: Partial<ApiHandlers>,
  method: string,
  raw: unknown,
  ctx: CallContext = {},
): Promise<ApiResult<unknown>> {
  if (!isApiMethod(method))
    return { ok: false, error: { code: 'not-found', message: `unknown method ${JSON.stringify(method.slice(0, 100))}` } };
  const handler = handlers[method] as Handler | undefined;
  if (!handler) return { ok: false, error: { code: 'no-case-open', message: 'no case is open' } };
  return invoke(method, API_SCHEMAS[method], handler, raw, ctx);
}

type Handler = (input: never, ctx: CallContext) => Promise<unknown>;

/** Validates `raw` against the method's schema, calls the handler and maps what it throws. */
export async function invoke(
  method: string,
  schema: z.ZodType,
  handler: Handler,
  raw: unknown,
  ctx: CallContext,
): Promise<ApiResult<unknown>> {
  const parsed = schema.safeParse(raw ?? {});
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
    // The schema of `method` validated the input, so it has the type the method's handler takes.
    const value = await handler(parsed.data as never, ctx);
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
