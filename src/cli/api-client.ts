// The CLI calls the api service in process, as every front end does: the same validation and error
// codes, results unwrapped, a failed call thrown (docs/cli.md).

import type { ApiMethod, ApiMethods, WireError } from '../model/api.js';
import { dispatch } from '../api/dispatch.js';
import type { ApiHandlers, ServiceOptions, VerityService } from '../api/service.js';

export class ApiCallError extends Error {
  constructor(
    readonly method: ApiMethod,
    readonly error: WireError,
  ) {
    super(error.message);
    this.name = 'ApiCallError';
  }
}

export type ApiCall = <M extends ApiMethod>(method: M, input: ApiMethods[M]['input']) => Promise<ApiMethods[M]['output']>;

export function apiCaller(handlers: Partial<ApiHandlers>): ApiCall {
  return async (method, input) => {
    let lastLogged: unknown;
    const r = await dispatch(handlers, method, input, { log: (_message, error) => (lastLogged = error) });
    if (r.ok) return r.value as never;
    // dispatch logs an unexpected error just before answering 'internal'. The user's own terminal
    // sees it whole, as it always did; a remote client never does.
    if (r.error.code === 'internal' && lastLogged !== undefined) throw lastLogged;
    throw new ApiCallError(method, r.error);
  };
}

/** Opens the case's service, hands `use` a caller for it, and closes the service afterwards. */
export async function withCaseService<T>(opts: ServiceOptions, use: (call: ApiCall, service: VerityService) => Promise<T>): Promise<T> {
  // Loaded when a command has checked its arguments: a usage error answers at once.
  const { createService } = await import('../api/service.js');
  const service = createService(opts);
  try {
    return await use(apiCaller(service.handlers), service);
  } finally {
    await service.close();
  }
}
