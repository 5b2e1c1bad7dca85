// Messages between the scan coordinator (main thread) and extraction workers.

import type { Locator } from '../model/document.js';
import type { DocumentRecord } from '../model/ingest.js';
import type { Limits } from '../model/limits.js';
import type { WalkedFile } from './walk.js';
import type { DkimKey } from '../checks/types.js';

/** A walked file handed to a worker, with where to resume inside it. */
export interface FileTask extends WalkedFile {
  /** Top-level children already committed (resume point). */
  skip: number;
}

export interface WorkerInit {
  limits: Limits;
  dkimKeys: [string, DkimKey][];
  nowIso: string;
}

export type ToWorker = { t: 'task'; task: FileTask } | { t: 'has'; req: number; yes: boolean };

export type FromWorker =
  | { t: 'ready' }
  /** Heartbeat before a document's extraction starts: what the watchdog blames on a timeout. */
  | {
      t: 'begin';
      id: string;
      parentId: string | null;
      locator: Locator;
      path: string;
      name: string;
      sha256: string;
      size: number;
      depth: number;
      topIndex: number;
    }
  | { t: 'has'; req: number; sha256: string; extractor: string | null; version: number }
  | { t: 'doc'; rec: DocumentRecord }
  | { t: 'checkpoint'; rel: string; done: number }
  /** `stages`: milliseconds this worker spent per stage on the file (see stage-clock.ts). */
  | { t: 'file-done'; rel: string; sha256: string | null; bytes: number; stages?: Record<string, number> }
  | { t: 'file-failed'; rel: string; code: string; message: string }
  /** Sent before a file's 'file-done'/'file-failed': replace this worker once that file is over. */
  | { t: 'recycle'; reason: string };
