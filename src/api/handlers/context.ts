// What every handler module shares: the per-call context, the handler map's type, and the case
// context (connections, events, dump folder) the composition root (../service.ts) builds once.

import type { ApiMethods } from '../../model/api.js';
import type { TotalCounter } from '../../store/queries/search.js';
import { documentBase, type DocumentBase } from '../../store/queries/document.js';
import type { CaseConnections } from '../case-connections.js';
import { ApiError } from '../errors.js';
import type { EventHub } from '../events.js';

export interface CallContext {
  signal?: AbortSignal;
  log?: (message: string, error?: unknown) => void;
}

export type ApiHandlers = {
  [K in keyof ApiMethods]: (input: ApiMethods[K]['input'], ctx: CallContext) => Promise<ApiMethods[K]['output']>;
};

/** The handlers of one domain: the methods named '<domain>.<verb>'. */
export type DomainHandlers<D extends string> = Pick<ApiHandlers, Extract<keyof ApiHandlers, `${D}.${string}`>>;

export interface CaseContext {
  readonly caseFile: string;
  /** The dump the case was (or will be) scanned from; needed to scan, read bytes and re-verify DKIM. */
  readonly dumpRoot: string | null;
  readonly connections: CaseConnections;
  readonly events: EventHub;
  readonly counter: TotalCounter;
  /** Worker count for scans that do not give one (tests use 1). */
  readonly scanWorkers?: number;
}

/** After a write: drop cached answers and tell every front end why the case changed. */
export function caseChanged(ctx: CaseContext, reason: string): void {
  ctx.connections.invalidate();
  ctx.events.publish('case.changed', { reason });
}

export function requireDump(ctx: CaseContext, what: string): string {
  if (!ctx.dumpRoot) throw new ApiError('conflict', `${what} needs the dump folder, and this case was opened without one`);
  return ctx.dumpRoot;
}

export function requireDocument(ctx: CaseContext, id: string): DocumentBase {
  const base = documentBase(ctx.connections.reader, id);
  if (!base) throw new ApiError('not-found', `no document ${id}`);
  return base;
}
