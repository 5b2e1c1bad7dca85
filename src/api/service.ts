// The one service behind every front end: builds the case context and the scan-job slot and
// composes the handler modules of each domain (docs/api.md).

import { importDkimKeyFile } from '../ingest/dkim-keys.js';
import type { CaseReader } from '../store/queries/reader.js';
import { CaseConnections, type CaseAccess } from './case-connections.js';
import { CountThread } from './count-thread.js';
import { EventHub } from './events.js';
import { ScanSlot } from './scan-slot.js';
import { caseChanged, type ApiHandlers, type CaseContext } from './handlers/context.js';
import { caseHandlers } from './handlers/case.js';
import { scanHandlers } from './handlers/scan.js';
import { searchHandlers } from './handlers/search.js';
import { documentHandlers } from './handlers/document.js';
import { overviewHandlers } from './handlers/overview.js';
import { peopleHandlers } from './handlers/people.js';
import { checksHandlers } from './handlers/checks.js';
import { analystHandlers } from './handlers/analyst.js';
import { reportHandlers } from './handlers/report.js';
import { dkimHandlers } from './handlers/dkim.js';

export type { ApiHandlers, CallContext } from './handlers/context.js';

export interface ServiceOptions {
  caseFile: string;
  /** The dump the case was (or will be) scanned from; needed to scan, preview bytes and re-verify DKIM. */
  dumpRoot?: string;
  /** 'read-only': no writable connection, the read one opened on first use (the CLI). Default 'read-write'. */
  access?: CaseAccess;
  /** Text of a DKIM key file given on the command line, imported into the case at start (read-write). */
  dkimKeys?: string;
  /** Where that text came from ("command line --dkim-keys keys.txt"), recorded as each key's source. */
  dkimKeysSource?: string;
  /** Worker count for scans that do not give one (tests use 1). */
  scanWorkers?: number;
  /** An event hub that outlives this service (the session's, so subscribers survive a case switch). */
  events?: EventHub;
}

export interface VerityService {
  readonly handlers: ApiHandlers;
  readonly events: EventHub;
  readonly caseFile: string;
  readonly dumpRoot: string | null;
  /** The read side, for transports that stream document bytes (preview). */
  readonly reader: CaseReader;
  close(): Promise<void>;
}

export function createService(opts: ServiceOptions): VerityService {
  const connections = new CaseConnections(opts.caseFile, opts.access ?? 'read-write');
  try {
    if (opts.dkimKeys) importDkimKeyFile(connections.writer, { text: opts.dkimKeys, source: opts.dkimKeysSource });
  } catch (e) {
    connections.close();
    throw e;
  }
  const counter = new CountThread(opts.caseFile);
  const ctx: CaseContext = {
    caseFile: opts.caseFile,
    dumpRoot: opts.dumpRoot ?? null,
    connections,
    events: opts.events ?? new EventHub(),
    counter,
    scanWorkers: opts.scanWorkers,
  };
  const slot = new ScanSlot({
    progress: (p) => {
      ctx.events.publish('scan.progress', p);
      // Documents appear while the scan runs: let open tables refresh.
      connections.invalidate();
    },
    ended: () => caseChanged(ctx, 'scan'),
  });

  const handlers: ApiHandlers = {
    ...caseHandlers(ctx),
    ...scanHandlers(ctx, slot),
    ...searchHandlers(ctx),
    ...documentHandlers(ctx),
    ...overviewHandlers(ctx),
    ...peopleHandlers(ctx),
    ...checksHandlers(),
    ...analystHandlers(ctx),
    ...reportHandlers(ctx),
    ...dkimHandlers(ctx),
  };

  return {
    handlers,
    events: ctx.events,
    caseFile: ctx.caseFile,
    dumpRoot: ctx.dumpRoot,
    get reader() {
      return connections.reader;
    },
    async close() {
      await slot.cancel();
      if (!opts.events) ctx.events.close();
      await counter.close();
      connections.close();
    },
  };
}
