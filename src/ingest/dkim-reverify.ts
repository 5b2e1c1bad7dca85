// Re-running the DKIM check on every signed email after the analyst imported keys: raw bytes
// re-read from the dump, findings replaced and rescored, search summaries rebuilt off this thread.

import { resolve } from 'node:path';
import type { Finding } from '../model/document.js';
import type { Db } from '../store/db.js';
import { caseDkimKeys } from './dkim-keys.js';
import { signedEmails } from '../store/queries/dkim.js';
import { replaceContentFindings } from '../store/queries/rescore.js';
import { reverifyDkim } from '../checks/email/index.js';
import { scoreFindings } from '../checks/score.js';
import { analyseInThread } from './analyse-thread.js';
import { DEFAULT_LIMITS } from './limits.js';
import { openLocator } from './open-locator.js';

const DKIM_CHECK = 'email.dkim';
/** A message larger than this is not re-read (it would be held whole in memory). */
const MAX_REVERIFY_RAW_BYTES = 64 << 20;

export interface DkimReverifyOptions {
  /** A writable connection to the case (its key table is the one used). */
  db: Db;
  caseFile: string;
  dumpRoot: string;
  /** Aborting stops between messages: those done keep their new findings. */
  signal?: AbortSignal;
  log?: (message: string, error?: unknown) => void;
}

/**
 * Re-verifies every signed email with the case's current key table and replaces the DKIM check's
 * findings. Returns the number of messages re-verified; a message whose bytes can no longer be read,
 * or on which the check fails, keeps its old findings.
 */
export async function reverifySignedEmails(opts: DkimReverifyOptions): Promise<number> {
  const { db, dumpRoot, signal, log } = opts;
  const keys = caseDkimKeys(db);
  const now = new Date();
  let n = 0;
  for (const e of [...signedEmails(db)]) {
    signal?.throwIfAborted();
    if (e.size > MAX_REVERIFY_RAW_BYTES) continue;
    let raw: Uint8Array;
    try {
      const opened = await openLocator(dumpRoot, e.locator, DEFAULT_LIMITS);
      try {
        raw = await opened.source.readAll();
      } finally {
        await opened.close();
      }
    } catch (err) {
      log?.(`dkim re-verify: cannot read content ${e.contentId}`, err);
      continue;
    }
    let findings: Finding[];
    try {
      const drafts = await reverifyDkim(
        { kind: 'email', mime: e.mime, name: e.name, size: e.size, sha256: e.sha256, metadata: e.metadata, facts: e.facts, raw },
        keys,
        now,
      );
      findings = drafts.map((d) => ({ check: DKIM_CHECK, severity: d.severity, message: d.message, evidence: d.evidence }));
    } catch (err) {
      log?.(`dkim re-verify: the check failed on content ${e.contentId}`, err);
      continue;
    }
    replaceContentFindings(db, e.contentId, DKIM_CHECK, findings, scoreFindings);
    n++;
  }
  // Scores changed: the search summaries are rebuilt off this thread (minutes on a big case).
  if (n > 0)
    await analyseInThread(
      { caseFile: resolve(opts.caseFile), dkimKeys: [], nowIso: new Date().toISOString(), force: false, analyse: false },
      () => undefined,
    );
  return n;
}
