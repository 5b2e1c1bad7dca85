// The session around the case service: which case is open, opening another, and a document's raw
// bytes for previews; every transport dispatches through one (docs/api.md, "The session").

import type { ApiResult, SessionInfo, SessionMethods } from '../model/api.js';
import { ApiError } from './errors.js';
import { EventHub } from './events.js';
import { dispatch as dispatchService, invoke } from './dispatch.js';
import { SESSION_SCHEMAS } from './schema.js';
import { createService, type CallContext, type ServiceOptions, type VerityService } from './service.js';
import { documentBase } from '../store/queries/document.js';
import { DEFAULT_LIMITS } from '../ingest/limits.js';

/** Largest document whose bytes 'document.content' returns whole; above it the start only. */
const MAX_CONTENT_BYTES = 32 << 20;
const MAX_RECENT = 10;

export type SessionHandlers = {
  [K in keyof SessionMethods]: (input: SessionMethods[K]['input'], ctx: CallContext) => Promise<SessionMethods[K]['output']>;
};

export interface SessionOptions {
  transport: 'http' | 'ipc';
  /** The case to open at start. */
  initial?: Omit<ServiceOptions, 'events' | 'access'>;
  /** May 'session.open' open a case by path? (desktop: yes; `verity serve`: no). */
  allowOpen: boolean;
  scanWorkers?: number;
}

export class Session {
  readonly events = new EventHub();
  private current: VerityService | null = null;
  private readonly recent: SessionInfo['recent'] = [];
  readonly handlers: SessionHandlers;

  constructor(private readonly opts: SessionOptions) {
    if (opts.initial) this.openCase(opts.initial.caseFile, opts.initial.dumpRoot, opts.initial.dkimKeys, opts.initial.dkimKeysSource);
    this.handlers = {
      'session.info': async () => this.info(),
      'session.open': async ({ caseFile, dumpRoot }) => {
        if (!this.opts.allowOpen)
          throw new ApiError('unauthorized', 'this server serves the case given on its command line; it cannot open another');
        await this.close();
        try {
          this.openCase(caseFile, dumpRoot);
        } catch (e) {
          throw new ApiError('invalid-input', `cannot open the case: ${(e as Error).message}`);
        }
        this.events.publish('case.changed', { reason: 'opened' });
        return this.info();
      },
      'document.content': async ({ id }) => {
        const svc = this.service();
        const doc = documentBase(svc.reader, id);
        if (!doc) throw new ApiError('not-found', `no document ${id}`);
        if (!svc.dumpRoot) throw new ApiError('conflict', 'reading a document needs the dump folder, and this case was opened without one');
        const { openLocator } = await import('../ingest/open-locator.js');
        const opened = await openLocator(svc.dumpRoot, doc.locator, DEFAULT_LIMITS).catch((e: unknown) => {
          throw new ApiError('not-found', `the bytes of ${doc.path} cannot be read from the dump: ${(e as Error).message}`);
        });
        try {
          const n = Math.min(opened.source.size, MAX_CONTENT_BYTES);
          const bytes = await opened.source.read(0, n);
          return {
            mime: doc.mime,
            size: opened.source.size,
            base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
            truncated: n < opened.source.size,
          };
        } finally {
          await opened.close();
        }
      },
    };
  }

  private openCase(caseFile: string, dumpRoot?: string, dkimKeys?: string, dkimKeysSource?: string): void {
    this.current = createService({ caseFile, dumpRoot, dkimKeys, dkimKeysSource, events: this.events, scanWorkers: this.opts.scanWorkers });
    const entry = { caseFile, dumpRoot: dumpRoot ?? null, openedAt: new Date().toISOString() };
    const i = this.recent.findIndex((r) => r.caseFile === caseFile);
    if (i >= 0) this.recent.splice(i, 1);
    this.recent.unshift(entry);
    this.recent.splice(MAX_RECENT);
  }

  /** The open case's service, or the 'no-case-open' error. */
  service(): VerityService {
    if (!this.current) throw new ApiError('no-case-open', 'no case is open');
    return this.current;
  }

  get serviceOrNull(): VerityService | null {
    return this.current;
  }

  info(): SessionInfo {
    return {
      caseFile: this.current?.caseFile ?? null,
      dumpRoot: this.current?.dumpRoot ?? null,
      recent: [...this.recent],
      transport: this.opts.transport,
    };
  }

  /** Every transport calls this: session methods here, case methods on the open case's service. */
  async dispatch(method: string, raw: unknown, ctx: CallContext = {}): Promise<ApiResult<unknown>> {
    if (Object.prototype.hasOwnProperty.call(SESSION_SCHEMAS, method)) {
      const m = method as keyof SessionMethods;
      return invoke(m, SESSION_SCHEMAS[m], this.handlers[m], raw, ctx);
    }
    return dispatchService(this.current?.handlers ?? {}, method, raw, ctx);
  }

  async close(): Promise<void> {
    const c = this.current;
    this.current = null;
    await c?.close();
  }

  async dispose(): Promise<void> {
    await this.close();
    this.events.close();
  }
}
