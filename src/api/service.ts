// The one service behind every front end (Electron IPC, loopback HTTP, tests). The handler map is
// typed against ApiMethods, so a method without a handler is a compile error. The service owns two
// connections to the case: a read-only one for every query (searches never wait for a scan in WAL
// mode) and a writable one for the analyst's tags, verdicts and notes and for DKIM re-verification.
// Scans run through the ingest's runScan, which opens its own writer.

import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { ApiMethods, CheckInfoView, ScanProgress } from '../model/api.js';
import type { Finding } from '../model/document.js';
import { openCase, type Db } from '../store/db.js';
import { CaseReader } from '../store/queries/reader.js';
import { searchDocumentsParallel } from '../store/queries/search.js';
import { CountThread } from './count-thread.js';
import { facetCounts } from '../store/queries/facets.js';
import { documentBase, documentDetail, documentFacts } from '../store/queries/document.js';
import { threadOf } from '../store/queries/thread.js';
import { nearDuplicatesOf } from '../store/queries/near-duplicates.js';
import { caseSummary, failurePage, timeline } from '../store/queries/overview.js';
import { senderProfiles } from '../store/queries/people.js';
import { setNote, setVerdict, tagCounts, tagDocuments } from '../store/queries/analyst.js';
import { redactionCandidates } from '../report/redact.js';
import { signedEmails } from '../store/queries/dkim.js';
import { replaceContentFindings } from '../store/queries/rescore.js';
import { analyseInThread } from '../ingest/analyse-thread.js';
import { storeDkimKeys, storedDkimKeys } from '../store/dkim-keys.js';
import { parseDkimKeyFile } from '../checks/dkim-keys.js';
import { CHECKS, checkById } from '../checks/registry.js';
import { scoreFindings } from '../checks/score.js';
import type { DocumentCheck } from '../checks/types.js';
import { DEFAULT_LIMITS } from '../ingest/limits.js';
import { ApiError } from './errors.js';
import { EventHub } from './events.js';

export interface CallContext {
  signal?: AbortSignal;
  log?: (message: string, error?: unknown) => void;
}

export type ApiHandlers = {
  [K in keyof ApiMethods]: (input: ApiMethods[K]['input'], ctx: CallContext) => Promise<ApiMethods[K]['output']>;
};

export interface ServiceOptions {
  caseFile: string;
  /** The dump the case was (or will be) scanned from; needed to scan, preview bytes and re-verify DKIM. */
  dumpRoot?: string;
  /** Text of a DKIM key file given on the command line, imported into the case at start. */
  dkimKeys?: string;
  /** Worker count for scans (tests use 1). */
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

const DKIM_CHECK = 'email.dkim';
const MAX_REVIEW_RAW_BYTES = 64 << 20;

export function createService(opts: ServiceOptions): VerityService {
  // The writable connection first: it creates and migrates a new case, which the read-only one needs.
  const writer: Db = openCase(opts.caseFile);
  let readDb: Db;
  try {
    readDb = openCase(opts.caseFile, { readonly: true });
  } catch (e) {
    writer.close();
    throw e;
  }
  const reader = new CaseReader(readDb);
  const counter = new CountThread(opts.caseFile);
  const events = opts.events ?? new EventHub();
  const dumpRoot = opts.dumpRoot ?? null;
  if (opts.dkimKeys) storeDkimKeys(writer, parseDkimKeyFile(opts.dkimKeys).keys);

  let scan: { jobId: string; controller: AbortController; done: Promise<void> } | null = null;
  let lastProgress: ScanProgress | null = null;

  const changed = (reason: string) => {
    reader.invalidate();
    events.publish('case.changed', { reason });
  };
  const requireDoc = (id: string) => {
    const base = documentBase(reader, id);
    if (!base) throw new ApiError('not-found', `no document ${id}`);
    return base;
  };
  const requireDump = (what: string): string => {
    if (!dumpRoot) throw new ApiError('conflict', `${what} needs the dump folder, and this case was opened without one`);
    return dumpRoot;
  };

  const handlers: ApiHandlers = {
    'case.summary': async () => caseSummary(reader, opts.caseFile, dumpRoot),

    'scan.start': async ({ resume }) => {
      const root = requireDump('Scanning');
      if (scan) throw new ApiError('conflict', 'a scan is already running', { jobId: scan.jobId });
      // Reserve the slot before any await, so two quick calls cannot both start a scan.
      const controller = new AbortController();
      const jobId = randomUUID();
      let release!: () => void;
      const slot = { jobId, controller, done: new Promise<void>((r) => (release = r)) };
      scan = slot;
      const onProgress = (p: ScanProgress) => {
        lastProgress = { ...p, jobId };
        events.publish('scan.progress', lastProgress);
        // Documents appear while the scan runs: let open tables refresh.
        reader.invalidate();
      };
      onProgress({ ...emptyProgress(jobId), state: 'walking' });
      void (async () => {
        try {
          const { runScan } = await import('../ingest/scan.js');
          const final = await runScan({
            dumpRoot: root,
            caseFile: opts.caseFile,
            resume,
            signal: controller.signal,
            onProgress,
            ...(opts.scanWorkers ? { workers: opts.scanWorkers } : {}),
          });
          onProgress(final);
        } catch (e) {
          const cancelled = controller.signal.aborted;
          onProgress({
            ...(lastProgress ?? emptyProgress(jobId)),
            state: cancelled ? 'cancelled' : 'failed',
            message: cancelled ? 'The scan was cancelled.' : String((e as Error)?.message ?? e),
          });
        } finally {
          scan = null;
          changed('scan');
          release();
        }
      })();
      return { jobId };
    },

    'scan.cancel': async () => {
      if (!scan) return { cancelled: false };
      const running = scan;
      running.controller.abort();
      await running.done;
      return { cancelled: true };
    },

    'scan.status': async () => lastProgress,

    'scan.failures': async ({ offset, limit }) => failurePage(reader, offset ?? 0, limit ?? 100),

    'search.query': async (q) => searchDocumentsParallel(reader, q, counter),
    'search.facets': async (q) => facetCounts(reader, q),

    'document.get': async ({ id }) => {
      const d = documentDetail(reader, id, checkById);
      if (!d) throw new ApiError('not-found', `no document ${id}`);
      return d;
    },
    'document.thread': async ({ id }) => {
      const t = threadOf(reader, id);
      if (!t) throw new ApiError('not-found', `no document ${id}`);
      return t;
    },
    'document.revisions': async ({ id }, ctx) => {
      const base = requireDoc(id);
      if (base.kind !== 'pdf') throw new ApiError('invalid-input', `document ${id} is not a PDF`);
      const root = requireDump('Reading revisions');
      const [{ openLocator }, { revisionTexts }] = await Promise.all([
        import('../ingest/open-locator.js'),
        import('../extract/pdf/revision-texts.js'),
      ]);
      const opened = await openLocator(root, base.locator, DEFAULT_LIMITS).catch((e: unknown) => {
        throw new ApiError('not-found', `the bytes of ${base.path} cannot be read from the dump: ${(e as Error).message}`);
      });
      try {
        if (ctx.signal?.aborted) throw new ApiError('cancelled', 'cancelled');
        const facts = documentFacts(reader, base.contentId);
        return await (facts
          ? revisionTexts(opened.source, facts, DEFAULT_LIMITS, ctx.signal)
          : revisionTexts(opened.source, DEFAULT_LIMITS, ctx.signal));
      } finally {
        await opened.close();
      }
    },
    'document.nearDuplicates': async ({ id }) => {
      const n = nearDuplicatesOf(reader, id);
      if (!n) throw new ApiError('not-found', `no document ${id}`);
      return n;
    },

    'overview.timeline': async () => timeline(reader),
    'people.profiles': async ({ limit }) => senderProfiles(reader, limit),
    'checks.list': async () => CHECKS.map(checkView),

    'analyst.tag': async ({ ids, add, remove }) => {
      const updated = tagDocuments(writer, ids, add ?? [], remove ?? []);
      changed('tags');
      return { updated };
    },
    'analyst.verdict': async ({ ids, verdict }) => {
      const updated = setVerdict(writer, ids, verdict);
      changed('verdicts');
      return { updated };
    },
    'analyst.note': async ({ id, note }) => {
      const updated = setNote(writer, id, note);
      if (updated === 0) throw new ApiError('not-found', `no document ${id}`);
      changed('notes');
      return { updated };
    },
    'analyst.tags': async () => tagCounts(reader),

    'report.redactionCandidates': async (sel) => redactionCandidates(readDb, sel),
    'report.export': async ({ format, selection, redact, metadata }) => {
      const { buildReport } = await import('../report/index.js');
      return buildReport(readDb, selection, format, { redact, metadata });
    },

    'dkim.importKeys': async ({ text }, ctx) => {
      const parsed = parseDkimKeyFile(text);
      if (parsed.keys.size === 0) {
        throw new ApiError('invalid-input', 'no DKIM key records found in the text', { problems: parsed.problems.slice(0, 20) });
      }
      const imported = storeDkimKeys(writer, parsed.keys);
      const reverified = dumpRoot ? await reverifyDkim(writer, dumpRoot, ctx) : 0;
      // Scores changed: the search summaries are rebuilt off this thread (minutes on a big case).
      if (reverified > 0)
        await analyseInThread(
          { caseFile: resolve(opts.caseFile), dkimKeys: [], nowIso: new Date().toISOString(), force: false, analyse: false },
          () => undefined,
        );
      changed('dkim');
      return { imported, reverified };
    },
  };

  return {
    handlers,
    events,
    caseFile: opts.caseFile,
    dumpRoot,
    reader,
    async close() {
      if (scan) {
        scan.controller.abort();
        await scan.done.catch(() => undefined);
      }
      if (!opts.events) events.close();
      await counter.close();
      readDb.close();
      writer.close();
    },
  };
}

function checkView(c: (typeof CHECKS)[number]): CheckInfoView {
  return {
    id: c.id,
    version: c.version,
    title: c.title,
    detects: c.detects,
    whyForgersLeaveIt: c.whyForgersLeaveIt,
    innocentCauses: [...c.innocentCauses],
    kinds: [...c.kinds],
    scope: c.scope,
  };
}

function emptyProgress(jobId: string): ScanProgress {
  return {
    jobId,
    state: 'idle',
    files: { discovered: 0, done: 0, skippedUnchanged: 0 },
    bytes: { discovered: 0, done: 0 },
    documents: { discovered: 0, extracted: 0, indexed: 0, analysed: 0 },
    errors: 0,
    rate: 0,
    etaSeconds: null,
    currentFile: null,
    startedAt: new Date().toISOString(),
    elapsedMs: 0,
    walkComplete: false,
  };
}

/**
 * Re-runs the DKIM check on every signed email with the case's current key table (raw bytes re-read
 * from the dump through the locator) and replaces that check's findings. Returns the number of
 * messages re-verified; a message whose bytes can no longer be read keeps its old findings.
 */
async function reverifyDkim(db: Db, dumpRoot: string, ctx: CallContext): Promise<number> {
  const check = checkById(DKIM_CHECK);
  if (!check || check.scope !== 'document') return 0;
  const dkim = check as DocumentCheck;
  const { openLocator } = await import('../ingest/open-locator.js');
  const keys = storedDkimKeys(db);
  const now = new Date();
  let n = 0;
  for (const e of [...signedEmails(db)]) {
    if (ctx.signal?.aborted) throw new ApiError('cancelled', 'DKIM re-verification was cancelled');
    if (e.size > MAX_REVIEW_RAW_BYTES) continue;
    let raw: Uint8Array;
    try {
      const opened = await openLocator(dumpRoot, e.locator, DEFAULT_LIMITS);
      try {
        raw = await opened.source.readAll();
      } finally {
        await opened.close();
      }
    } catch (err) {
      ctx.log?.(`dkim re-verify: cannot read content ${e.contentId}`, err);
      continue;
    }
    let findings: Finding[];
    try {
      const drafts = await dkim.run(
        { kind: 'email', mime: e.mime, name: e.name, size: e.size, sha256: e.sha256, metadata: e.metadata, facts: e.facts, raw },
        { dkimKeys: keys, now },
      );
      findings = drafts.map((d) => ({ check: DKIM_CHECK, severity: d.severity, message: d.message, evidence: d.evidence }));
    } catch (err) {
      // The scan's findings for this message stay as they were rather than being lost.
      ctx.log?.(`dkim re-verify: the check failed on content ${e.contentId}`, err);
      continue;
    }
    replaceContentFindings(db, e.contentId, DKIM_CHECK, findings, scoreFindings);
    n++;
  }
  return n;
}
