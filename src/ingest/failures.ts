// What could not be read, as the scan records it: the failure ledger entries of a written document,
// one placeholder document for a file that yielded none, and the document a dead worker was on.

import type { Finding, FailureEntry } from '../model/document.js';
import type { DocumentRecord, ExtractedContent } from '../model/ingest.js';
import type { Limits } from '../model/limits.js';
import type { CaseWriter } from '../store/writer.js';
import type { FileLedger } from '../store/file-ledger.js';
import { isErrorCheck } from '../store/error-checks.js';
import { documentId } from './locator.js';
import { errorFinding } from './process-file.js';
import type { FileTask, FromWorker } from './messages.js';

/** The hash of no bytes: what a file whose bytes could not be read is recorded with. */
const EMPTY_SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Findings that belong in the failure ledger: something could not be read, not a mere note. */
function isFailure(f: { check: string }): boolean {
  if (f.check === 'extract.warning' || f.check === 'ingest.duplicate-container') return false;
  return isErrorCheck(f.check);
}

/** The findings of a document the failure ledger records. */
export function failuresOf(rec: DocumentRecord): Finding[] {
  return [...(rec.content?.findings ?? []), ...rec.occurrenceFindings].filter(isFailure);
}

/** Write a document a worker sent, and its failures (failuresOf) in the ledger. */
export function writeExtracted(writer: CaseWriter, rec: DocumentRecord, failures: readonly Finding[], scanId: number): void {
  writer.writeDocument(rec, scanId);
  for (const f of failures) {
    writer.recordFailure({
      documentId: rec.id,
      path: rec.path,
      stage: 'extract',
      code: String(f.evidence.code ?? f.check),
      message: f.message,
      at: new Date().toISOString(),
    });
  }
}

/** A content row for bytes nothing extracted. */
function bareContent(sha256: string, size: number): ExtractedContent {
  return {
    sha256,
    kind: 'other',
    mime: 'application/octet-stream',
    size,
    extractor: 'none',
    extractorVersion: -1,
    title: null,
    date: null,
    person: null,
    metadata: [],
    text: '',
    facts: {},
    findings: [],
  };
}

export interface UnreadableFile {
  /** The file's path in the dump. */
  rel: string;
  stage: FailureEntry['stage'];
  code: string;
  message: string;
  size: number;
  mtimeMs: number;
  /** Keep a document already written for the file (a worker may have sent it before failing). */
  keepExisting?: boolean;
}

/**
 * A top-level file that yielded no document (the walk could not stat it, a worker could not read it,
 * or died before its first document): its failure, a placeholder document carrying the error
 * finding, and the file marked done so a resumed scan does not try it again.
 */
export function recordUnreadable(writer: CaseWriter, files: FileLedger, scanId: number, u: UnreadableFile): void {
  const locator: DocumentRecord['locator'] = [{ type: 'file', path: u.rel }];
  const id = documentId(locator);
  writer.recordFailure({ documentId: id, path: u.rel, stage: u.stage, code: u.code, message: u.message, at: new Date().toISOString() });
  if (!u.keepExisting || !writer.docRowid(id)) {
    writer.writeDocument(
      {
        id,
        parentId: null,
        rootPath: u.rel,
        path: u.rel,
        name: u.rel.split('/').pop() ?? u.rel,
        locator,
        depth: 0,
        sha256: EMPTY_SHA,
        size: u.size,
        topIndex: -1,
        occurrence: [],
        occurrenceFindings: [errorFinding(u.code, u.message, null)],
        content: bareContent(EMPTY_SHA, 0),
      },
      scanId,
    );
  }
  files.finish(u.rel, u.size, u.mtimeMs, null, scanId);
}

export type DeathReason = 'timeout' | 'limit-exceeded' | 'crashed';

/** Why a worker died on `what`, in a sentence. */
export function deathMessage(reason: DeathReason, what: string, limits: Limits, detail: string): string {
  return reason === 'timeout'
    ? `Extraction of ${what} was stopped after ${Math.round(limits.documentTimeoutMs / 1000)} s without progress (${detail}).`
    : reason === 'limit-exceeded'
      ? `Extraction of ${what} ran out of its memory limit (${limits.workerHeapMb} MB).`
      : `Extraction of ${what} crashed: ${detail}`;
}

/**
 * The document a worker died on: recorded with the reason (and a bare content row when its content
 * was never extracted), and its file checkpointed after it (`nextSkip`) or, when it has no place
 * among the file's top-level children, finished.
 */
export function recordBlamed(
  writer: CaseWriter,
  files: FileLedger,
  scanId: number,
  task: FileTask,
  cur: Extract<FromWorker, { t: 'begin' }>,
  reason: DeathReason,
  message: string,
  nextSkip: number,
): void {
  const rec: DocumentRecord = {
    id: cur.id,
    parentId: cur.parentId,
    rootPath: task.rel,
    path: cur.path,
    name: cur.name,
    locator: cur.locator,
    depth: cur.depth,
    sha256: cur.sha256,
    size: cur.size,
    topIndex: cur.topIndex,
    occurrence: [],
    occurrenceFindings: [errorFinding(reason, message, null)],
  };
  if (!writer.hasAnyContent(rec.sha256)) rec.content = bareContent(rec.sha256, rec.size);
  writer.writeDocument(rec, scanId);
  writer.recordFailure({ documentId: rec.id, path: rec.path, stage: 'extract', code: reason, message, at: new Date().toISOString() });
  if (nextSkip < 0) files.finish(task.rel, task.size, task.mtimeMs, null, scanId);
  else files.checkpoint(task.rel, nextSkip);
}
